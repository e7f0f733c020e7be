#!/usr/bin/env node
// Thin shim: check the Node version before loading anything that needs it.
const [major, minor] = process.versions.node.split(".").map(Number);
if (major < 20 || (major === 20 && minor < 19)) {
  process.stderr.write(
    `hpadvise needs Node.js 20.19 or newer; this is ${process.versions.node}.\n`,
  );
  process.exitCode = 2;
} else {
  import("../dist/cli.js").then(
    (cli) => cli.main(),
    (error) => {
      process.stderr.write(
        `hpadvise is not built (${error.code ?? error.message}); run \`npm install\` or \`npm run build\`.\n`,
      );
      process.exitCode = 2;
    },
  );
}
