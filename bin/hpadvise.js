#!/usr/bin/env node
// Thin shim: check the Node version, then run the bundled CLI.
//
// CommonJS on purpose (bin/package.json): a CommonJS entry and one bundled
// CommonJS file skip Node's ESM loader on every run. From Node 22.1, Node
// keeps a cache of the compiled code for the Node that runs it
// (module.enableCompileCache), so later runs skip compiling.
"use strict";

const [major, minor] = process.versions.node.split(".").map(Number);
if (major < 20 || (major === 20 && minor < 19)) {
  process.stderr.write(
    `hpadvise needs Node.js 20.19 or newer; this is ${process.versions.node}.\n`,
  );
  process.exitCode = 2;
} else {
  require("node:module").enableCompileCache?.();
  let cli;
  try {
    cli = require("../dist/cli.cjs");
  } catch (error) {
    if (error.code !== "MODULE_NOT_FOUND" || !String(error.message).includes("cli.cjs"))
      throw error;
    process.stderr.write("hpadvise is not built; run `npm install` or `npm run build`.\n");
    process.exitCode = 2;
  }
  if (cli) cli.main();
}
