// Bundling shim: scripts/build.mjs aliases string-width (cli-table3's) to this
// file, so tables measure cells with our textWidth instead of a library that
// builds a large emoji regex at start-up. test/render/text-width.test.ts
// checks the two agree.
module.exports = require("./text-width").textWidth;
