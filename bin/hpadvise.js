#!/usr/bin/env node
// Thin shim: check the Node version, then run the bundled CLI.
//
// CommonJS on purpose (bin/package.json): a CommonJS entry and one bundled
// CommonJS file skip Node's ESM loader on every run.
//
// cli.cjs is compiled with V8's code cache, written for the Node that runs it
// when a command first succeeds, at exit: it then holds every function that
// command compiled. Node's own compile cache (module.enableCompileCache, from
// Node 22.1) keeps only what V8 compiled when the file was loaded, the top
// level; the functions a command runs were compiled again on every run, and on
// Node 22 and 24 that was most of the command's time (docs/performance.md).
// One cache per command, since each compiles its own part of the bundle; the
// bundles of dist/vendor/ that a command loads (yaml for a config or a catalog
// file, zod to validate one, the session's prompts) are cached the same way.
"use strict";

const path = require("node:path");
const cli = path.join(__dirname, "..", "dist", "cli.cjs");

/**
 * The cache folder, by the rule of catalog/open.ts's cacheDirFrom (the shim
 * runs before the bundle that holds it): HPADVISE_CACHE_DIR (off: none), else
 * an absolute XDG_CACHE_HOME, else an absolute HOME; never under /proc, /sys
 * or /dev. One difference: a relative HPADVISE_CACHE_DIR keeps no compiled code.
 */
function cacheDir() {
  const { HPADVISE_CACHE_DIR: own, XDG_CACHE_HOME: xdg, HOME: home } = process.env;
  let dir;
  if (own) dir = own === "off" || !path.isAbsolute(own) ? undefined : own;
  else if (xdg && path.isAbsolute(xdg)) dir = path.join(xdg, "hpadvise");
  else if (home && path.isAbsolute(home)) dir = path.join(home, ".cache", "hpadvise");
  const never = ["/proc", "/sys", "/dev"];
  return dir && !never.some((n) => dir === n || dir.startsWith(`${n}/`)) ? dir : undefined;
}

/** The request's first word (`--help` shares `help`'s); none: the guided session. */
function commandWord() {
  const word = process.argv[2]?.replace(/^-+/, "") ?? "";
  return /^[\w-]{1,24}$/.test(word) ? word : "session";
}

const fs = require("node:fs");
const vm = require("node:vm");
const { createRequire, wrap } = require("node:module");
const dir = cacheDir();
const command = commandWord();
/** Each bundle's exports, once per run. */
const loaded = new Map();

/**
 * A CommonJS bundle of ours (dist/cli.cjs, or one of dist/vendor/ that it
 * requires: the YAML parser, the schema library, the session's prompts),
 * compiled with the code cache of this Node, this build of it and this command.
 */
function requireWithCodeCache(file) {
  const done = loaded.get(file);
  if (done) return done.exports;
  const source = fs.readFileSync(file, "utf8");
  // Named for the bundle, this Node and this build of it; V8 also refuses a cache not its own.
  const { size, mtimeMs } = fs.statSync(file);
  const bundle = `${path.basename(file, ".cjs")}-${process.version}-`;
  const build = `${bundle}${size}-${Math.trunc(mtimeMs)}-`;
  const cacheFile = dir && path.join(dir, `${build}${command}.cache`);
  let cachedData;
  try {
    cachedData = cacheFile && fs.readFileSync(cacheFile);
  } catch {}
  const script = new vm.Script(wrap(source), {
    filename: file,
    cachedData,
    importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  });
  const module = { exports: {} };
  loaded.set(file, module);
  // The bundle's own require, except that our other bundles come through here too.
  const own = createRequire(file);
  const bundleRequire = Object.assign(
    (id) =>
      id.startsWith("./vendor/")
        ? requireWithCodeCache(path.join(path.dirname(file), id))
        : own(id),
    own,
  );
  script.runInThisContext()(module.exports, bundleRequire, module, file, path.dirname(file));
  if (cacheFile && (cachedData === undefined || script.cachedDataRejected)) {
    // At exit, so the functions this run compiled are in it; only after a
    // success or Ctrl+C, which ends a guided session (a typo compiles little
    // and would name a file). Written whole, or not at all.
    process.once("exit", (code) => {
      if (code !== 0 && code !== 130) return;
      const temp = `${cacheFile}.${process.pid}.tmp`;
      try {
        for (const d of [path.dirname(dir), dir])
          if (!fs.existsSync(d)) fs.mkdirSync(d, { mode: 0o700 });
        fs.writeFileSync(temp, script.createCachedData(), { flag: "wx", mode: 0o600 });
        fs.renameSync(temp, cacheFile);
        // An earlier build's caches of this bundle for this Node are no longer read.
        for (const old of fs.readdirSync(dir))
          if (old.startsWith(bundle) && !old.startsWith(build) && old.endsWith(".cache"))
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
  let main;
  try {
    main = requireWithCodeCache(cli).main;
  } catch (error) {
    if (error.code !== "MODULE_NOT_FOUND" && error.code !== "ENOENT") throw error;
    process.stderr.write("hpadvise is not built; run `npm install` or `npm run build`.\n");
    process.exitCode = 2;
  }
  if (main) main();
}
