// Build dist/ for a fast start-up (README, Performance):
//
// - dist/cli.cjs: all of our code and the light dependencies (commander, chalk,
//   cli-table3) in one CommonJS file. A CommonJS entry skips Node's ESM loader
//   (about 5 ms), and one file beats resolving dozens from node_modules. Modules
//   behind a dynamic import() stay lazy: esbuild only runs them when called.
// - dist/vendor/{yaml,zod,inquirer}.cjs: the parser and schema library, each
//   bundled once and required only when a file must really be parsed (user
//   files, or data/ edited since the build); inquirer only for the session.
// - dist/catalog.json: the built-in catalog, validated here by the same loader
//   users' files go through, stamped with a hash of the YAML it came from.
// - dist/cli.cache: V8's code cache for cli.cjs, written by running the
//   common commands once (bin/hpadvise.js explains).
import { execFileSync } from "node:child_process";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = fileURLToPath(new URL("..", import.meta.url));
const dist = `${root}dist`;

/** Names this build: the user-catalog cache and the code cache never outlive it. */
const BUILD_ID = `${Date.now().toString(36)}-${process.pid.toString(36)}`;

const common = {
  bundle: true,
  format: "cjs",
  platform: "node",
  target: "node20",
  logLevel: "warning",
  // Our sources are ESM and use import.meta.url to find the package root.
  define: {
    "import.meta.url": "__hpImportMetaUrl",
    // Identifies this build, so the user-catalog cache never outlives it.
    __HPADVISE_BUILD__: JSON.stringify(BUILD_ID),
    __HPADVISE_VERSION__: JSON.stringify(
      JSON.parse(await readFile(`${root}package.json`, "utf8")).version,
    ),
  },
  banner: {
    // The first line names the build: bin/hpadvise.js reads the code cache
    // only when dist/cli.cache-stamp holds the same line.
    js: `// hpadvise build ${BUILD_ID}\nconst __hpImportMetaUrl = require("node:url").pathToFileURL(__filename).href;`,
  },
};

/**
 * cli-table3 0.6.5's cells, patched in the bundle where they waste the most:
 * - every draw truncated each cell's content to 10 characters only to build a
 *   debug message that is discarded unless its debug mode is on (most of a
 *   table's cost: about 10 ms for recommend's);
 * - every cell merges the table's 15 border characters and paddings into its
 *   own options, converting each name to camelCase by splitting strings and
 *   picking the first defined value through a rest array and filter: about
 *   1,500 calls and their garbage for recommend's table. The same names and
 *   the same choice, without the allocation.
 * test/e2e/bin.test.ts checks the bundle draws tables exactly as the
 * unpatched sources do.
 */
const cliTable3Cell = patchSource("cli-table3-cell", /cli-table3[\\/]src[\\/]cell\.js$/, [
  ["let content = utils.truncate(this.content, 10, this.truncate);", "let content = this.content;"],
  [
    `function firstDefined(...args) {
  return args.filter((v) => v !== undefined && v !== null).shift();
}`,
    `function firstDefined(a, b, c, d) {
  return a != null ? a : b != null ? b : c != null ? c : d != null ? d : undefined;
}`,
  ],
  [
    `  let nameA = nameB.split('-');
  if (nameA.length > 1) {
    nameA[1] = nameA[1].charAt(0).toUpperCase() + nameA[1].substr(1);
    nameA = nameA.join('');
`,
    `  let nameA = CAMEL[nameB];
  if (nameA === undefined) {
    nameA = nameB.split('-');
    if (nameA.length > 1) {
      nameA[1] = nameA[1].charAt(0).toUpperCase() + nameA[1].substr(1);
      nameA = nameA.join('');
    } else nameA = null;
    CAMEL[nameB] = nameA;
  }
  if (nameA !== null) {
`,
  ],
  ["// HELPER FUNCTIONS\n", "// HELPER FUNCTIONS\nconst CAMEL = Object.create(null);\n"],
]);

/**
 * cli-table3 0.6.5 looks for holes left by row and column spans by testing
 * every position against every cell laid out so far: thousands of tests for
 * recommend's table, hot enough that V8 compiles the test with TurboFan, and
 * the process then waits for that compile before it can exit (about 2 ms in
 * all). Our tables have no spans and a cell in every column, so there are no
 * holes: a table like that skips the search, any other still gets it.
 */
const cliTable3NoSpans = patchSource(
  "cli-table3-no-spans",
  /cli-table3[\\/]src[\\/]layout-manager\.js$/,
  [
    [
      "  function fillInTable(table) {\n",
      `  function fillInTable(table) {
    const width = table.length > 0 ? table[0].length : 0;
    const full = table.every((row) =>
      row.length === width && row.every((cell, x) => cell.x === x && (cell.rowSpan || 1) === 1 && (cell.colSpan || 1) === 1),
    );
    if (full) return;
`,
    ],
  ],
);

/**
 * A plugin replacing exact text in one dependency file. The build fails when
 * a text is not found, so an upgrade is looked at rather than silently unpatched.
 */
function patchSource(name, filter, replacements) {
  return {
    name,
    setup(b) {
      b.onLoad({ filter }, async (args) => {
        let source = await readFile(args.path, "utf8");
        for (const [from, to] of replacements) {
          if (!source.includes(from))
            throw new Error(
              `${name}: the dependency changed; ${JSON.stringify(from)} not found in ${args.path}`,
            );
          source = source.replace(from, to);
        }
        return { contents: source, loader: "js" };
      });
    },
  };
}

/**
 * commander requires node:child_process (and with it node:net) at load time,
 * for executable subcommands we never use: about 3 ms of Node's own module
 * compiling on every run. The bundle gives it a stand-in that loads the real
 * module on first use.
 */
const lazyChildProcess = {
  name: "lazy-child-process",
  setup(b) {
    b.onResolve({ filter: /^node:child_process$/ }, (args) =>
      /commander/.test(args.importer)
        ? { path: "lazy-child-process", namespace: "hpadvise" }
        : undefined,
    );
    b.onLoad({ filter: /^lazy-child-process$/, namespace: "hpadvise" }, () => ({
      contents:
        'module.exports = new Proxy({}, { get: (_, key) => require("node:child_process")[key] });',
      loader: "js",
    }));
  },
};

/**
 * chalk detects colour support when it is imported (checking the terminal,
 * the OS release, CI variables: about 2 ms); hpadvise decides colour itself
 * (cli.ts: a TTY, NO_COLOR, FORCE_COLOR, TERM=dumb) and passes the level to
 * each Chalk it makes, so the bundle gives chalk's default instance none.
 */
const noColorDetection = {
  name: "no-color-detection",
  setup(b) {
    b.onResolve({ filter: /^#supports-color$/ }, () => ({
      path: "supports-color",
      namespace: "hpadvise",
    }));
    b.onLoad({ filter: /^supports-color$/, namespace: "hpadvise" }, () => ({
      contents: "export default { stdout: false, stderr: false };",
      loader: "js",
    }));
  },
};

/**
 * inquirer registers every prompt it has, including the editor prompt, which
 * brings an external-editor launcher with iconv-lite and chardet (about
 * 400 KB to load before the first question). hpadvise never opens an editor.
 */
const noEditorPrompt = {
  name: "no-editor-prompt",
  setup(b) {
    b.onResolve({ filter: /^@inquirer\/editor$/ }, () => ({
      path: "editor",
      namespace: "hpadvise",
    }));
    b.onLoad({ filter: /^editor$/, namespace: "hpadvise" }, () => ({
      contents:
        'export default function editor() { throw new Error("hpadvise does not use the editor prompt"); }',
      loader: "js",
    }));
  },
};

/**
 * yaml, zod and inquirer live in their own bundles, loaded only by the code
 * that needs them (inquirer is ESM-only: bundling it as CommonJS keeps the
 * interactive session's first question off Node's ESM loader too).
 */
const vendor = {
  name: "vendor",
  setup(b) {
    b.onResolve({ filter: /^(yaml|zod|inquirer)$/ }, (args) => ({
      path: `./vendor/${args.path}.cjs`,
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
    // Without comments and layout the file reads and decodes in half the time,
    // and as pure ASCII it stays a one-byte string (a comment's "√" made it a
    // two-byte one). Names are kept: only whitespace and comments go.
    // HPADVISE_BUILD_READABLE=1 keeps the layout, so a --cpu-prof names lines.
    minifyWhitespace: !process.env.HPADVISE_BUILD_READABLE,
    legalComments: "none",
    plugins: [vendor, cliTable3Cell, cliTable3NoSpans, lazyChildProcess, noColorDetection],
    // cli-table3 measures cells with string-width@4, whose emoji regex takes
    // milliseconds to build at start-up; textWidth measures the same cases
    // (test/render/text-width.test.ts) without it.
    alias: { "string-width": `${root}src/render/string-width.cjs` },
  }),
  build({
    ...common,
    entryPoints: ["yaml"],
    outfile: `${dist}/vendor/yaml.cjs`,
    banner: {},
    define: {},
  }),
  build({
    ...common,
    entryPoints: ["zod"],
    outfile: `${dist}/vendor/zod.cjs`,
    banner: {},
    define: {},
  }),
  build({
    ...common,
    entryPoints: ["inquirer"],
    outfile: `${dist}/vendor/inquirer.cjs`,
    banner: {},
    define: {},
    plugins: [lazyChildProcess, noColorDetection, noEditorPrompt],
  }),
  // Build-time only: validates data/ and is deleted once the snapshot is written.
  build({
    ...common,
    entryPoints: [`${root}src/catalog/snapshot.ts`],
    outfile: `${dist}/snapshot-build.cjs`,
    plugins: [vendor],
  }),
]);

// The snapshot: the built-in YAML through the same loader users' files go through.
const { buildSnapshot } = await import(`${dist}/snapshot-build.cjs`);
const result = await buildSnapshot(root);
await rm(`${dist}/snapshot-build.cjs`);
if (!result.ok) {
  process.stderr.write(
    `build: the built-in catalog is invalid:\n  ${result.problems.join("\n  ")}\n`,
  );
  process.exit(2);
}
// Pure ASCII (other characters as \u escapes, which parse to the same strings):
// Node then decodes the file fast and JSON.parse reads a one-byte string, about
// 0.4 ms sooner on every run than with the few accented and Japanese names raw.
await writeFile(
  `${dist}/catalog.json`,
  JSON.stringify(result.snapshot).replace(
    /[\u0080-\uffff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  ),
);

// The CLI is compiled through vm.Script with a code cache (bin/hpadvise.js),
// which has no loader for a real dynamic import(): esbuild must have turned
// every import() into a require. Then warm and write the cache.
if (/\bimport\(/.test(await readFile(`${dist}/cli.cjs`, "utf8"))) {
  process.stderr.write(
    "build: dist/cli.cjs contains a dynamic import(); bin/hpadvise.js cannot load it\n",
  );
  process.exit(2);
}
execFileSync(process.execPath, [`${root}bin/hpadvise.js`], {
  env: {
    ...process.env,
    HPADVISE_WRITE_CODE_CACHE: "1",
    NO_COLOR: "1",
    HPADVISE_CATALOG: "",
    HPADVISE_CACHE_DIR: "off",
  },
  stdio: "ignore",
});
