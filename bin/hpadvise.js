#!/usr/bin/env node
// Thin shim: check the Node version, then run the bundled CLI.
//
// CommonJS on purpose (bin/package.json): a CommonJS entry and one bundled
// CommonJS file start about 5 ms faster than Node's ESM loader would, on every
// run. dist/cli.cjs is compiled with V8's code cache, which the build writes
// (dist/cli.cache) after running the common commands once, so their functions
// need no compiling at run time: about 8 ms (README, Performance). The cache
// is read only for the build it was written for: cli.cjs's first line names
// its build (build.mjs) and dist/cli.cache-stamp holds that line. File times
// are no guide, as copies and npm's tarballs reset them. A cache V8 rejects
// (another Node version) costs nothing but the saving.
//
// HPADVISE_DEBUG_CODE_CACHE=1 says on stderr what became of the cache:
// accepted, rejected (by V8), stale (another build's) or absent.
"use strict";

const fs = require("node:fs");
const path = require("node:path");

const dist = path.join(__dirname, "..", "dist");
const file = path.join(dist, "cli.cjs");
const cacheFile = path.join(dist, "cli.cache");
const stampFile = path.join(dist, "cli.cache-stamp");

/** The first line of cli.cjs: `// hpadvise build <id>`. */
function buildLine(source) {
  return source.slice(0, source.indexOf("\n"));
}

function compile(source, cachedData) {
  const vm = require("node:vm");
  const { createRequire, wrap } = require("node:module");
  const script = new vm.Script(wrap(source), { filename: file, cachedData });
  const cli = { exports: {} };
  script.runInThisContext()(cli.exports, createRequire(file), cli, file, dist);
  return { cli: cli.exports, script };
}

function readCache(source) {
  try {
    if (fs.readFileSync(stampFile, "utf8") !== buildLine(source)) return { state: "stale" };
    return { state: "read", data: fs.readFileSync(cacheFile) };
  } catch {
    return { state: "absent" };
  }
}

function load() {
  let source;
  try {
    source = fs.readFileSync(file, "utf8");
  } catch {
    return require(file); // not built: require reports it (MODULE_NOT_FOUND)
  }
  const cache = readCache(source);
  const { cli, script } = compile(source, cache.data);
  if (process.env.HPADVISE_DEBUG_CODE_CACHE === "1") {
    const state =
      cache.state !== "read" ? cache.state : script.cachedDataRejected ? "rejected" : "accepted";
    process.stderr.write(`hpadvise: code cache ${state}\n`);
  }
  return cli;
}

/** Build step: run the common commands once, then save what V8 compiled. */
async function writeCodeCache() {
  const source = fs.readFileSync(file, "utf8");
  const { cli, script } = compile(source, undefined);
  for (const argv of [
    ["recommend", "--role", "mastering"],
    ["check-amp", "--headphone", "ath-m50x", "--source", "laptop"],
    ["show", "hd650"],
    ["show", "hd650", "--json"],
    ["list"],
    ["--help"],
  ]) {
    await cli.main(argv);
  }
  fs.writeFileSync(cacheFile, script.createCachedData());
  fs.writeFileSync(stampFile, buildLine(source));
}

const [major, minor] = process.versions.node.split(".").map(Number);
if (major < 20 || (major === 20 && minor < 19)) {
  process.stderr.write(
    `hpadvise needs Node.js 20.19 or newer; this is ${process.versions.node}.\n`,
  );
  process.exitCode = 2;
} else if (process.env.HPADVISE_WRITE_CODE_CACHE === "1") {
  writeCodeCache();
} else {
  let cli;
  try {
    cli = load();
  } catch (error) {
    if (error.code !== "MODULE_NOT_FOUND") throw error;
    process.stderr.write("hpadvise is not built; run `npm install` or `npm run build`.\n");
    process.exitCode = 2;
  }
  if (cli) cli.main();
}
