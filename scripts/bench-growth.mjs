#!/usr/bin/env node
// How ranking and checking cost grows with the catalog: in process, on
// synthetic catalogs of 1k, 10k and 100k headphones (1 source per 10), the
// pure core only (no parsing, no rendering): the full ranking with every
// model's reasons, the ranking with only the top 10 explained (what a table
// shows), and one headphone checked against every source. Prints JSON for scripts/bench.mjs.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { build } from "esbuild";
import { ensureCatalog, root } from "./bench-catalog.mjs";

const out = `${root}.bench/core.cjs`;
await build({
  stdin: {
    contents: `
      export { resolveCatalog } from "./src/catalog/resolve.ts";
      export { PROFILES } from "./src/core/profiles.ts";
      export { recommendFor } from "./src/core/recommend.ts";
      export { checkAgainstSources } from "./src/core/drive.ts";`,
    resolveDir: root,
    loader: "ts",
  },
  outfile: out,
  bundle: true,
  format: "cjs",
  platform: "node",
  logLevel: "error",
});
const core = createRequire(import.meta.url)(out);

function catalogOf(n) {
  const file = ensureCatalog(n, n / 10);
  // Generated entries carry every field the schema would default except these.
  const raw = JSON.parse(readFileSync(file, "utf8"));
  for (const h of raw.headphones) {
    h.aliases ??= [];
    h.calibration ??= [];
  }
  for (const s of raw.sources) {
    s.aliases ??= [];
    s.generic ??= false;
  }
  return core.resolveCatalog(raw);
}

function time(fn, repeat) {
  const runs = [];
  for (let i = 0; i < repeat; i++) {
    const t = performance.now();
    fn();
    runs.push(performance.now() - t);
  }
  return runs.sort((a, b) => a - b)[Math.floor(runs.length / 2)];
}

// Warm the JIT first, so the smallest size does not pay for compiling the code.
{
  const warm = catalogOf(1_000);
  const ctx = {
    role: "mastering",
    source: null,
    sources: warm.sources,
    budgetUsd: null,
    back: null,
    driver: null,
    maxWeightGrams: null,
  };
  for (let i = 0; i < 5; i++) {
    rank(warm, ctx, null);
    core.checkAgainstSources(warm.headphones[0], warm.sources, { targetSplDb: 110 });
    rank(warm, ctx, 10);
  }
}
/** The mastering ranking, every model explained (top null) or only the best `top`. */
function rank(catalog, ctx, top) {
  const { sources: _, ...query } = ctx;
  return core.recommendFor(catalog, core.PROFILES.mastering, query, [], top);
}
const results = [];
for (const n of [1_000, 10_000, 100_000]) {
  const catalog = catalogOf(n);
  const ctx = {
    role: "mastering",
    source: null,
    sources: catalog.sources,
    budgetUsd: null,
    back: null,
    driver: null,
    maxWeightGrams: null,
  };
  const repeat = n >= 100_000 ? 3 : 7;
  const rankMs = time(() => rank(catalog, ctx, null), repeat);
  const packedMs = time(() => rank(catalog, ctx, 10), repeat);
  const h = catalog.headphones[0];
  const checkMs = time(
    () => core.checkAgainstSources(h, catalog.sources, { targetSplDb: 110 }),
    repeat,
  );
  results.push({
    models: n,
    rankMs: Number(rankMs.toFixed(2)),
    packedMs: Number(packedMs.toFixed(2)),
    checkMs: Number(checkMs.toFixed(2)),
    rankPerNLogN: Number(((rankMs / (n * Math.log2(n))) * 1e6).toFixed(1)),
  });
}
process.stdout.write(JSON.stringify(results));
