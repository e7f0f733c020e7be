// The walk of one request (docs/architecture.md, "The walk of a request"):
// which of our modules it enters between bin/hpadvise.js and the bytes written.
//
//   node scripts/walk.mjs [--names] [request...]   (default: recommend --role mastering)
//
// Builds the bundle with esbuild's `// src/x.ts` comment before each module
// (HPADVISE_BUILD_READABLE=1), runs the request once under V8's coverage from
// an empty home (no config, no personal catalog, no cache), then rebuilds
// the ordinary dist/. A module is entered when one of its functions ran.
// A module whose top level alone ran (its constants and tables evaluated
// when it was loaded) is listed apart and not counted; so are dependencies.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const bundle = join(root, "dist", "cli.cjs");
const args = process.argv.slice(2);
const names = args[0] === "--names";
const request = names ? args.slice(1) : args;
if (request.length === 0) request.push("recommend", "--role", "mastering");

function build(readable) {
  const env = { ...process.env };
  if (readable) env.HPADVISE_BUILD_READABLE = "1";
  else delete env.HPADVISE_BUILD_READABLE;
  const built = spawnSync(process.execPath, [join(root, "scripts", "build.mjs")], {
    env,
    stdio: "inherit",
  });
  if (built.status !== 0) process.exit(built.status ?? 1);
}

/** V8's coverage of the bundle for one run of the request. */
function coverage() {
  const home = mkdtempSync(join(tmpdir(), "hpadvise-walk-"));
  const dir = join(home, "coverage");
  try {
    const run = spawnSync(process.execPath, [join(root, "bin", "hpadvise.js"), ...request], {
      env: { PATH: process.env.PATH, HOME: home, NODE_V8_COVERAGE: dir },
      cwd: home,
      stdio: ["ignore", "ignore", "inherit"],
    });
    if (run.status !== 0) {
      process.stderr.write(`walk: hpadvise ${request.join(" ")} exited ${run.status}\n`);
      process.exit(1);
    }
    return readdirSync(dir)
      .flatMap((f) => JSON.parse(readFileSync(join(dir, f), "utf8")).result)
      .find((script) => script.url.endsWith("/dist/cli.cjs"));
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}

build(true);
const text = readFileSync(bundle, "utf8");
const covered = coverage();
build(false);

const marks = [...text.matchAll(/^\/\/ ((?:src|node_modules)\/\S+)$/gm)].map((m) => ({
  at: m.index,
  name: m[1],
}));
const moduleAt = (offset) => marks.findLast((m) => m.at <= offset)?.name;

// A lazily loaded module's top level is a function named after its file
// (`"src/x.ts"() {...}` in esbuild's __esm wrapper). Its place in the bundle
// also gives the shift of the coverage's offsets: Node 20's path in
// bin/hpadvise.js compiles the bundle inside the CommonJS wrapper.
const isTopLevel = (f) => /^(src|node_modules)\//.test(f.functionName);
const anchor = covered.functions.find((f) => f.functionName.startsWith("src/"));
if (anchor === undefined) throw new Error("walk: no lazily loaded module ran, nothing to place");
const shift = anchor.ranges[0].startOffset - text.indexOf(`"${anchor.functionName}"() {`);

// The getters esbuild writes for a module's exports (`__export(x_exports, { f: () => f })`).
const getters = [...text.matchAll(/__export\(\w+, \{[^}]*\}\);/g)].map((m) => ({
  from: m.index,
  to: m.index + m[0].length,
}));
const isGetter = (at) => getters.some((g) => g.from <= at && at < g.to);

const entered = new Map(); // module -> names of the functions of it that ran
const loaded = new Set();
for (const f of covered.functions) {
  const [range] = f.ranges;
  if (range.startOffset === 0 || range.count === 0) continue; // the bundle's own top level
  const at = range.startOffset - shift;
  const module = moduleAt(at);
  if (module === undefined || isGetter(at)) continue; // esbuild's helpers
  if (isTopLevel(f)) loaded.add(module);
  else entered.set(module, [...(entered.get(module) ?? []), f.functionName || "(anonymous)"]);
}

// A module the bundle did not wrap has its top level in the bundle's, run at start.
const wrapped = new Set([...text.matchAll(/^ {2}"(src\/\S+)"\(\) \{$/gm)].map((m) => m[1]));
for (const { name } of marks) if (name.startsWith("src/") && !wrapped.has(name)) loaded.add(name);

const ours = [...entered.keys()].filter((m) => m.startsWith("src/")).sort();
const topLevelOnly = [...loaded].filter((m) => m.startsWith("src/") && !entered.has(m)).sort();
const dependencies = new Set(
  [...entered.keys()].filter((m) => !m.startsWith("src/")).map((m) => m.split("/")[1]),
);
const row = (m) => {
  const fns = entered.get(m);
  const count = `${fns.length} function${fns.length === 1 ? "" : "s"}`;
  return `  ${m.padEnd(36)} ${names ? fns.join(", ") : count}`;
};
process.stdout.write(
  `hpadvise ${request.join(" ")}: ${ours.length} of our modules entered\n` +
    `${ours.map(row).join("\n")}\n` +
    `top level only, not counted (${topLevelOnly.length}): ${topLevelOnly.join(", ") || "none"}\n` +
    `dependencies entered: ${[...dependencies].sort().join(", ") || "none"}\n`,
);
