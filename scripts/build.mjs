// Build dist/ (README, Performance):
//
// - dist/cli.cjs: all of our code and the light dependencies (commander,
//   chalk) in one CommonJS file: one file to read instead of dozens to
//   resolve, and no ESM loader on the way. Code behind a dynamic import()
//   runs only when called.
// - dist/vendor/*.cjs: the parser (yaml), the schema library (zod) and the
//   guided session's prompts (src/prompts/inquirer.ts with the @inquirer
//   prompts it imports), each bundled once and required only by the code that
//   needs it (a user file to validate, data/ edited since the build, a session).
// - dist/catalog.json and dist/catalog-resolved.json: the built-in catalog,
//   validated here by the same loader users' files go through, as entries
//   (to merge your files with) and resolved (to answer alone), each stamped
//   with a hash of the YAML it came from.
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = fileURLToPath(new URL("..", import.meta.url));
const dist = `${root}dist`;
const pkg = JSON.parse(await readFile(`${root}package.json`, "utf8"));

const common = {
  bundle: true,
  format: "cjs",
  platform: "node",
  target: "node20",
  logLevel: "warning",
  legalComments: "none",
};

/** Loaded apart, on first use: each in its own bundle beside cli.cjs, left out of it. */
const VENDOR = {
  yaml: "yaml",
  zod: "zod",
  prompts: `${root}src/prompts/inquirer.ts`,
};
const vendor = {
  name: "vendor",
  setup(b) {
    // Each import of one, even a dynamic import(), becomes a require of its
    // bundle: bin/hpadvise.js may compile cli.cjs without a module loader (Node 20).
    b.onResolve({ filter: /^(yaml|zod)$|prompts\/inquirer\.js$/ }, (args) => ({
      path: /^(yaml|zod)$/.test(args.path) ? args.path : "prompts",
      namespace: "vendor",
    }));
    b.onLoad({ filter: /.*/, namespace: "vendor" }, (args) => ({
      contents: `module.exports = require("./vendor/${args.path}.cjs");`,
    }));
    b.onResolve({ filter: /^\.\/vendor\//, namespace: "vendor" }, (args) => ({
      path: args.path,
      external: true,
    }));
  },
};

await rm(dist, { recursive: true, force: true });
await mkdir(`${dist}/vendor`, { recursive: true });
await Promise.all([
  build({
    ...common,
    entryPoints: [`${root}src/cli.ts`],
    outfile: `${dist}/cli.cjs`,
    // Our sources are ESM and find the package root from import.meta.url.
    define: {
      "import.meta.url": "__hpImportMetaUrl",
      // Names this build: the user-catalog cache (catalog/open.ts) never outlives it.
      __HPADVISE_BUILD__: JSON.stringify(`${Date.now().toString(36)}-${process.pid.toString(36)}`),
      __HPADVISE_VERSION__: JSON.stringify(pkg.version),
    },
    banner: {
      js: 'const __hpImportMetaUrl = require("node:url").pathToFileURL(__filename).href;',
    },
    // Without comments and layout the file reads and compiles faster; names
    // are kept. HPADVISE_BUILD_READABLE=1 keeps the layout for a --cpu-prof.
    minifyWhitespace: !process.env.HPADVISE_BUILD_READABLE,
    plugins: [vendor],
    // The one substitution: commander loads node:child_process (and with it
    // net and a dozen more of Node's modules) at start-up only for
    // subcommands we never have; scripts/lazy-child-process.cjs loads it on use.
    alias: {
      "node:child_process": `${root}scripts/lazy-child-process.cjs`,
      "#supports-color": `${root}scripts/no-color-detection.mjs`,
    },
  }),
  ...Object.entries(VENDOR).map(([name, entry]) =>
    build({ ...common, entryPoints: [entry], outfile: `${dist}/vendor/${name}.cjs` }),
  ),
  // Build-time only: validates data/ and is deleted once the snapshots are written.
  build({
    ...common,
    entryPoints: [`${root}src/catalog/snapshot.ts`],
    outfile: `${dist}/snapshot-build.cjs`,
    plugins: [vendor],
  }),
]);

// The snapshots: the built-in YAML through the same loader users' files go through.
const { buildSnapshot } = await import(`${dist}/snapshot-build.cjs`);
const result = await buildSnapshot(root);
await rm(`${dist}/snapshot-build.cjs`);
if (!result.ok) {
  process.stderr.write(
    `build: the built-in catalog is invalid:\n  ${result.problems.join("\n  ")}\n`,
  );
  process.exit(2);
}
// Non-ASCII escaped (\uXXXX): an ASCII file is read without decoding UTF-8.
const ascii = (value) =>
  JSON.stringify(value).replace(
    /[\u0080-\uffff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
await writeFile(`${dist}/catalog.json`, ascii(result.entries));
await writeFile(`${dist}/catalog-resolved.json`, ascii(result.resolved));
