// Build: bundle src/ into dist/ (the CLI entry plus lazily loaded chunks per
// command), then validate the built-in catalog with the real loader and write
// the snapshot the CLI reads at run time (dist/catalog.json).
import { mkdir, rm, writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = fileURLToPath(new URL("..", import.meta.url));
const dist = `${root}dist`;

await rm(dist, { recursive: true, force: true });
await mkdir(dist, { recursive: true });
await build({
  entryPoints: { cli: `${root}src/cli.ts`, snapshot: `${root}src/catalog/snapshot.ts` },
  outdir: dist,
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  packages: "external",
  chunkNames: "chunks/[name]-[hash]",
  logLevel: "warning",
});

const { buildSnapshot } = await import(`${dist}/snapshot.js`);
const result = await buildSnapshot(root);
if (!result.ok) {
  process.stderr.write(
    `build: the built-in catalog is invalid:\n  ${result.problems.join("\n  ")}\n`,
  );
  process.exitCode = 2;
} else {
  await writeFile(`${dist}/catalog.json`, JSON.stringify(result.snapshot));
}
