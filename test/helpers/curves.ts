/**
 * Response curves we make ourselves, as AutoEq-format CSV text: no third-party
 * measurement is in this repository.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

/** AutoEq's grid: 20 Hz to 20 kHz, each point 1.01 times the last. */
export const GRID: number[] = [];
for (let f = 20; f <= 20_000; f *= 1.01) GRID.push(f);

export type Shape = (f: number) => number;

export const SHAPES = {
  flat: () => 0,
  /** −1 dB per octave through 1 kHz. */
  tilt: (f: number) => -Math.log2(f / 1000),
  /** A −6 dB low shelf: −6 dB far below 100 Hz, 0 dB far above. */
  bassShelf: (f: number) => -6 / (1 + (f / 100) ** 2),
  /** +6 dB at 3 kHz, a Gaussian a third of an octave wide in log f. */
  peak: (f: number) => 6 * Math.exp(-((Math.log2(f / 3000) / 0.25) ** 2) / 2),
  /** Wiggles of ±0.3 dB: near flat. */
  nearFlat: (f: number) => 0.3 * Math.sin(Math.log2(f) * 3),
} satisfies Record<string, Shape>;

export function curveCsv(shape: Shape, grid: readonly number[] = GRID, extra = ""): string {
  const head = extra ? `frequency,${extra},raw` : "frequency,raw";
  const rows = grid.map((f) => `${f.toFixed(2)},${extra ? "1," : ""}${shape(f).toFixed(3)}`);
  return `${head}\n${rows.join("\n")}\n`;
}

/** A temporary folder with these files (paths relative to it) written. */
export function curveTree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), "hpadvise-fr-"));
  for (const [rel, text] of Object.entries(files)) {
    const path = join(root, rel);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
  }
  return root;
}
