/** `fr analyze` and `fr closest` in the terminal: figures, and the error curve drawn in text. Strings only. */
import type { FrAnalysis } from "../core/fr.js";
import type { Peq } from "../core/peq.js";
import { safeText } from "../core/safe-text.js";
import type { RenderOptions } from "./catalog.js";
import { DASH, hang, num } from "./text.js";

export interface FrMeta {
  file: string;
  /** The file format it was read as (AutoEq CSV, REW text export, ...). */
  format: string;
  rig: string | null;
  source: string | null;
  /** The target file, or null for flat. */
  target: string | null;
}

const signed = (v: number | null, digits = 1) =>
  v === null || !Number.isFinite(v) ? DASH : `${v > 0 ? "+" : ""}${num(v, digits)}`;

function hz(f: number): string {
  return f >= 1000 ? `${num(f / 1000, f >= 10_000 ? 0 : 1)} kHz` : `${Math.round(f)} Hz`;
}

export function renderFrAnalysis(a: FrAnalysis, peq: Peq, m: FrMeta, o: RenderOptions): string {
  const { chalk } = o;
  const score = m.target === null ? null : a.score;
  const w = o.columns;
  const row = (label: string, text: string) => hang(label.padEnd(10), text, w);
  const extremes = (xs: FrAnalysis["peaks"]) =>
    xs.length
      ? xs.map((p) => `${signed(p.db)} dB at ${hz(p.frequencyHz)}`).join(", ")
      : "none over 1 dB";
  const lines = [
    chalk.bold(safeText(m.file)),
    chalk.dim(
      hang(
        "",
        safeText(
          `${m.format} · rig ${m.rig ?? "unknown"}${m.source ? ` · measured by ${m.source}` : ""} · target ${m.target ?? "flat (0 dB)"}`,
        ),
        w,
      ),
    ),
    "",
    row(
      "Tilt",
      `${signed(a.tiltDbPerOctave, 2)} dB/octave, 50 Hz–10 kHz (negative: warm/dark, positive: bright)`,
    ),
    row("Bass", `${signed(a.bassDb)} dB, mean error 20–200 Hz`),
    row("Treble", `${signed(a.trebleDb)} dB, mean error 4–10 kHz`),
    row(
      "Preamp",
      `${num(peq.preampDb)} dB: the headroom the EQ below costs (boost capped at 6 dB)`,
    ),
    row(
      "Score",
      `${score === null ? `${DASH} (needs --target)` : num(score, 1)} (Harman over-ear model; error std ${num(a.stdDb, 2)} dB)`,
    ),
    row("Peaks", extremes(a.peaks)),
    row("Dips", extremes(a.dips)),
    row("Tags", `${a.tags.length ? a.tags.join(", ") : "none"} (measured)`),
    "",
    chalk.dim("Error (curve − target, smoothed), dB:"),
    renderErrorPlot(a.frequencyHz, a.errorSmoothedDb, w),
    "",
    ...renderPeq(peq, w),
  ];
  return `${lines.join("\n")}\n`;
}

/** One filter as a row: number, type, Fc, gain, Q (the figures Equalizer APO takes). */
export function filterRow(f: Peq["filters"][number], i: number): string {
  return `${String(i + 1).padStart(4)}  ${f.type.padEnd(3)} ${`${f.fcHz} Hz`.padStart(9)} ${`${signed(f.gainDb)} dB`.padStart(9)}  Q ${f.q.toFixed(2)}`;
}

/** The fitted parametric EQ: its preamp, its filters, and how close it gets. */
function renderPeq(peq: Peq, columns: number): string[] {
  const head = hang(
    "",
    `Parametric EQ (48 kHz biquads, as Equalizer APO applies them; --peq FILE writes them): preamp ${num(peq.preampDb)} dB, then`,
    columns,
  );
  const rows = peq.filters.length > 0 ? peq.filters.map(filterRow) : ["     none needed"];
  const fit = hang(
    "",
    `The filters are within ${num(peq.errorDbRms, 2)} dB RMS of the EQ curve from 20 Hz to 10 kHz.`,
    columns,
  );
  return [head, ...rows, fit];
}

/** Frequencies marked under the plot. */
const TICKS: [number, string][] = [
  [20, "20"],
  [100, "100"],
  [1000, "1k"],
  [10_000, "10k"],
  [20_000, "20k"],
];

/**
 * The error curve as text: one column per log-frequency bin from 20 Hz to
 * 20 kHz, nine rows from +range to −range dB, the 0 dB row drawn as a line.
 * Fits in `columns`.
 */
export function renderErrorPlot(
  fs: readonly number[],
  errorDb: readonly number[],
  columns: number,
): string {
  const label = 7;
  const width = Math.max(20, Math.min(columns - label - 5, 100));
  const rows = 9;
  const half = (rows - 1) / 2;
  const peak = Math.max(...errorDb.map(Math.abs));
  const range = Math.min(24, Math.max(4, Math.ceil(peak / 4) * 4));
  const step = range / half;
  const lo = Math.log10(20);
  const span = Math.log10(20_000) - lo;
  const sums = new Array<number>(width).fill(0);
  const counts = new Array<number>(width).fill(0);
  fs.forEach((f, i) => {
    const c = Math.min(width - 1, Math.max(0, Math.floor(((Math.log10(f) - lo) / span) * width)));
    sums[c] = (sums[c] as number) + (errorDb[i] as number);
    counts[c] = (counts[c] as number) + 1;
  });
  const grid = Array.from({ length: rows }, (_, r) =>
    new Array<string>(width).fill(r === half ? "─" : " "),
  );
  sums.forEach((s, c) => {
    const n = counts[c] as number;
    if (n === 0) return;
    const v = Math.max(-range, Math.min(range, s / n));
    const r = Math.round((range - v) / step);
    (grid[r] as string[])[c] = "•";
  });
  const out = grid.map((cells, r) => {
    const v = range - r * step;
    const tag = r % 2 === 0 ? `${v > 0 ? "+" : ""}${num(v)}` : "";
    return `${tag.padStart(label - 1)} │${cells.join("")}`.trimEnd();
  });
  // The axis lines up with the cells (after the label and the "│"); a tick
  // that would run into the one before it is left out.
  const axis = new Array<string>(width).fill(" ");
  let free = 0;
  for (const [f, text] of TICKS) {
    const c = Math.min(width - text.length, Math.round(((Math.log10(f) - lo) / span) * width));
    if (c < free) continue;
    for (let k = 0; k < text.length; k++) axis[c + k] = text[k] as string;
    free = c + text.length + 1;
  }
  const unit = label + 1 + width + 4 <= columns ? "  Hz" : "";
  out.push(`${" ".repeat(label + 1)}${axis.join("")}${unit}`.trimEnd());
  return out.join("\n");
}

export interface ClosestMatch {
  file: string;
  rmsDb: number;
}

export function renderClosest(
  m: {
    file: string;
    rig: string | null;
    target: string | null;
    matches: ClosestMatch[];
    skipped: number;
  },
  o: RenderOptions,
): string {
  const { chalk } = o;
  const what =
    m.target === null
      ? "RMS difference 20 Hz–10 kHz after level alignment"
      : `RMS difference of their smoothed errors against ${safeText(m.target)}, 20 Hz–10 kHz`;
  const head = hang(
    "",
    `${chalk.bold(safeText(m.file))} (rig ${safeText(m.rig ?? "unknown")}): nearest curves, ${what}`,
    o.columns,
  );
  if (m.matches.length === 0) return `${head}\n  no curves of the same rig found\n`;
  // File names are the user's bytes: control characters are shown escaped.
  const lines = m.matches.map((x) => `  ${num(x.rmsDb, 2).padStart(6)} dB  ${safeText(x.file)}`);
  const note =
    m.skipped > 0
      ? [chalk.dim(`  (${m.skipped} curve${m.skipped === 1 ? "" : "s"} of other rigs left out)`)]
      : [];
  return `${[head, ...lines, ...note].join("\n")}\n`;
}

/** `fr unmatched`: the files no catalog model names, and the ids they may belong to. */
export function renderUnmatched(
  u: {
    folder: string;
    files: number;
    matched: number;
    unmatched: readonly {
      file: { shown: string; source: string; name: string };
      didYouMean: string[];
    }[];
  },
  o: RenderOptions,
): string {
  const { chalk } = o;
  const head = hang(
    "",
    `${safeText(u.folder)}: ${u.files} curve${u.files === 1 ? "" : "s"}, ${u.matched} named by a catalog model, ${u.unmatched.length} not`,
    o.columns,
  );
  const lines = u.unmatched.map((x) => {
    const mean =
      x.didYouMean.length > 0
        ? chalk.dim(
            safeText(
              ` (did you mean ${x.didYouMean.join(", ")}? add \`measurements: {${x.file.source}: "${x.file.name}"}\` to it)`,
            ),
          )
        : "";
    return hang("  ", `${safeText(x.file.shown)}${mean}`, o.columns);
  });
  return `${[head, ...lines].join("\n")}\n`;
}
