// The synthetic catalogs the benchmarks use, generated once into .bench/.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
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

/**
 * A measurements folder in AutoEq's layout with a made-up smooth curve (on
 * AutoEq's 1.01-step grid, ~700 rows) for every built-in model that names an
 * oratory1990 file, and a flat over-ear target; generated once into .bench/.
 * Returns { dir, target }.
 */
export function ensureMeasurements() {
  const dir = `${benchDir}/measurements`;
  const target = `${benchDir}/targets/over-ear.csv`;
  if (existsSync(target)) return { dir, target };
  const grid = [];
  for (let f = 20; f <= 20_000; f *= 1.01) grid.push(f);
  const csv = (shape) =>
    `frequency,raw\n${grid.map((f) => `${f.toFixed(2)},${shape(f).toFixed(3)}`).join("\n")}\n`;
  const yaml = readFileSync(`${root}data/headphones.yaml`, "utf8");
  const names = [...yaml.matchAll(/^ {4}measurements: \{ oratory1990: "([^"]+)" \}/gm)].map(
    (m) => m[1],
  );
  mkdirSync(`${dir}/oratory1990/data/over-ear`, { recursive: true });
  for (const [i, name] of names.entries()) {
    // A tilt, a bass shelf and a presence peak that differ from model to model.
    const tilt = ((i % 5) - 2) * 0.4;
    const shelf = ((i % 3) - 1) * 4;
    const peak = ((i % 7) - 3) * 1.5;
    const shape = (f) =>
      tilt * Math.log2(f / 1000) +
      shelf / (1 + (f / 120) ** 2) +
      peak * Math.exp(-((Math.log2(f / (2000 + 300 * i)) / 0.3) ** 2) / 2);
    writeFileSync(`${dir}/oratory1990/data/over-ear/${name}.csv`, csv(shape));
  }
  mkdirSync(`${benchDir}/targets`, { recursive: true });
  writeFileSync(
    target,
    csv(() => 0),
  );
  return { dir, target };
}
