// The synthetic catalogs the benchmarks use, generated once into .bench/.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";

export const root = fileURLToPath(new URL("..", import.meta.url));
export const benchDir = `${root}.bench`;

/** Path of a catalog with this many headphones and sources, generating it if needed. */
export function ensureCatalog(headphones, sources) {
  mkdirSync(benchDir, { recursive: true });
  const out = `${benchDir}/catalog-${headphones}.json`;
  if (!existsSync(out)) {
    const args = ["--headphones", String(headphones), "--sources", String(sources), "--out", out];
    execFileSync(process.execPath, [`${root}scripts/gen-catalog.mjs`, ...args]);
  }
  return out;
}
