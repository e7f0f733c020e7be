#!/usr/bin/env node
// Thin shim: check the Node version, then run the bundled CLI.
//
// CommonJS on purpose (bin/package.json): a CommonJS entry and one bundled
// CommonJS file skip Node's ESM loader on every run.
//
// Compiled code is cached for the Node that runs it, written on the first run
// so later runs skip compiling: from Node 22.1 by Node itself
// (module.enableCompileCache); Node 20 has no such cache, and there one
// written the same way by hand still pays (measured: scripts/bench.mjs).
"use strict";

const path = require("node:path");
const cli = path.join(__dirname, "..", "dist", "cli.cjs");

/** Node 20: cli.cjs compiled with V8's code cache, kept in the user's cache folder. */
function requireWithCodeCache() {
  const fs = require("node:fs");
  const vm = require("node:vm");
  const { createRequire, wrap } = require("node:module");
  const source = fs.readFileSync(cli, "utf8");
  // As catalog/cache.ts finds it: HPADVISE_CACHE_DIR (off: none), XDG_CACHE_HOME, HOME.
  const { HPADVISE_CACHE_DIR: own, XDG_CACHE_HOME: xdg, HOME: home } = process.env;
  const dir = own
    ? own === "off" || !path.isAbsolute(own)
      ? undefined
      : own
    : xdg && path.isAbsolute(xdg)
      ? path.join(xdg, "hpadvise")
      : home && path.isAbsolute(home)
        ? path.join(home, ".cache", "hpadvise")
        : undefined;
  // Named for this Node and this build of cli.cjs; V8 also refuses a cache not its own.
  const { size, mtimeMs } = fs.statSync(cli);
  const file = dir && path.join(dir, `cli-${process.version}-${size}-${Math.trunc(mtimeMs)}.cache`);
  let cachedData;
  try {
    cachedData = file && fs.readFileSync(file);
  } catch {}
  const script = new vm.Script(wrap(source), {
    filename: cli,
    cachedData,
    importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  });
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(cli), module, cli, path.dirname(cli));
  if (file && (cachedData === undefined || script.cachedDataRejected)) {
    // At exit, so the functions this run compiled are in it. Written whole, or not at all.
    process.once("exit", () => {
      const temp = `${file}.${process.pid}.tmp`;
      try {
        fs.mkdirSync(dir, { recursive: false, mode: 0o700 });
      } catch {}
      try {
        fs.writeFileSync(temp, script.createCachedData(), { flag: "wx", mode: 0o600 });
        fs.renameSync(temp, file);
        // One per Node: another build's is no longer read.
        for (const old of fs.readdirSync(dir))
          if (/^cli-v[\d.]+-\d+-\d+\.cache$/.test(old) && path.join(dir, old) !== file)
            fs.unlinkSync(path.join(dir, old));
      } catch {
        try {
          fs.unlinkSync(temp);
        } catch {}
      }
    });
  }
  return module.exports;
}

const [major, minor] = process.versions.node.split(".").map(Number);
if (major < 20 || (major === 20 && minor < 19)) {
  process.stderr.write(
    `hpadvise needs Node.js 20.19 or newer; this is ${process.versions.node}.\n`,
  );
  process.exitCode = 2;
} else {
  const platformCache = require("node:module").enableCompileCache;
  let main;
  try {
    if (platformCache) platformCache();
    main = (platformCache ? require(cli) : requireWithCodeCache()).main;
  } catch (error) {
    if (error.code !== "MODULE_NOT_FOUND" && error.code !== "ENOENT") throw error;
    process.stderr.write("hpadvise is not built; run `npm install` or `npm run build`.\n");
    process.exitCode = 2;
  }
  if (main) main();
}
