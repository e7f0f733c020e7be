#!/usr/bin/env node
// Thin shim: check the Node version, then run the bundled CLI.
//
// CommonJS on purpose (bin/package.json): a CommonJS entry and one bundled
// CommonJS file start about 5 ms faster than Node's ESM loader would, on every
// run. dist/cli.cjs is compiled with V8's code cache, which the build writes
// (dist/cli.cache) after running the common commands once, so their functions
// need no compiling at run time: about 8 ms (README, Performance). A cache
// that does not match this build's cli.cjs is not read; one that V8 rejects
// (another Node version) costs nothing but the saving.
"use strict";

const fs = require("node:fs");
const path = require("node:path");

const dist = path.join(__dirname, "..", "dist");
const file = path.join(dist, "cli.cjs");
const cacheFile = path.join(dist, "cli.cache");
const stampFile = path.join(dist, "cli.cache-stamp");

/** size:mtime of cli.cjs, which the cache must have been written for. */
function stampOf() {
  const { size, mtimeMs } = fs.statSync(file);
  return `${size}:${mtimeMs}`;
}

function compile(cachedData) {
  const vm = require("node:vm");
  const { createRequire, wrap } = require("node:module");
  const script = new vm.Script(wrap(fs.readFileSync(file, "utf8")), { filename: file, cachedData });
  const cli = { exports: {} };
  script.runInThisContext()(cli.exports, createRequire(file), cli, file, dist);
  return { cli: cli.exports, script };
}

function load() {
  try {
    if (fs.readFileSync(stampFile, "utf8") === stampOf())
      return compile(fs.readFileSync(cacheFile)).cli;
  } catch {
    // No cache, or not this build's: load as usual.
  }
  return require(file);
}

/** Build step: run the common commands once, then save what V8 compiled. */
async function writeCodeCache() {
  const { cli, script } = compile(undefined);
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
  fs.writeFileSync(stampFile, stampOf());
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
