/** Side-by-side comparison and role-fit renderers. Strings only. */
import { priceIsApproximate } from "../core/facts.js";
import type { Conclusion, RoleFit } from "../core/recommend.js";
import type { Headphone } from "../core/types.js";
import { calibrationText, formatSensitivity, type RenderOptions } from "./catalog.js";
import {
  DASH,
  fitsWhole,
  hang,
  num,
  renderTable,
  type TableLayout,
  usd,
  withUnit,
} from "./text.js";

export function formatFit(f: RoleFit): string {
  if (f.excluded !== null) return `${f.fit}: excluded, ${f.excluded}`;
  const could = f.fitRange.high !== f.fitRange.low ? ` (could be ${f.fitRange.high})` : "";
  const drive = f.drive ? `; drive ${f.drive}` : "";
  return `${f.fit}${could}, ${num(f.score)} (#${f.rank} of ${f.of})${drive}`;
}

/** A role fit as the JSON contract of `compare --json` gives it (README, JSON). */
export function roleFitJson(f: RoleFit) {
  const { ranked: _ranked, ...json } = f;
  return json;
}

/** The conclusions, one line per role (wrapped). */
export function renderConclusions(conclusions: readonly Conclusion[], o: RenderOptions): string {
  if (conclusions.length === 0) return "";
  return `\n${conclusions.map((c) => hang(`${o.chalk.bold("→")} `, c.text, o.columns)).join("\n")}\n`;
}

export function renderComparison(
  hs: readonly Headphone[],
  fits: Record<string, RoleFit[]>,
  o: RenderOptions,
  conclusions: readonly Conclusion[] = [],
): string {
  const row = (label: string, f: (h: Headphone) => string) => [label, ...hs.map(f)];
  const rows = [
    row("Back", (h) => h.back),
    row("Driver", (h) => h.driver),
    row("Impedance", (h) => withUnit(h.impedanceOhms, "Ω", 0)),
    row("Sensitivity", (h) => formatSensitivity(h.sensitivity)),
    row("Weight", (h) => withUnit(h.weightGrams, "g", 0)),
    row("Price", (h) => usd(h.priceUsd, priceIsApproximate(h))),
    row("Isolation", (h) => withUnit(h.isolationDb, "dB")),
    row("THD", (h) => withUnit(h.thdPercent, "%", 3)),
    row("Character", (h) => [...new Set(h.character.flatMap((c) => c.tags))].join(", ") || DASH),
    row("Calibration", (h) => calibrationText(h)),
    ...Object.entries(fits).map(([role, list]) => [role, ...list.map(formatFit)]),
  ];
  // Too many side by side for the width: the same table in groups of models
  // that fit, each with the labels, rather than columns cut mid-word.
  const layout = (from: number, to: number) => ({
    headers: ["", ...hs.slice(from, to).map((h) => h.id)],
    rows: rows.map((r) => [r[0] as string, ...r.slice(from + 1, to + 1)]),
    wrap: hs.slice(from, to).map((_, i) => i + 1),
  });
  let per = hs.length;
  while (per > 1 && !groupsFit(hs.length, per, layout, o.columns)) per -= 1;
  const tables: string[] = [];
  for (let from = 0; from < hs.length; from += per) {
    const l = layout(from, Math.min(hs.length, from + per));
    tables.push(
      renderTable(l.headers, l.rows, { chalk: o.chalk, columns: o.columns, wrap: l.wrap }),
    );
  }
  return tables.join("\n") + renderConclusions(conclusions, o);
}

function groupsFit(
  count: number,
  per: number,
  layout: (from: number, to: number) => TableLayout,
  columns: number,
): boolean {
  for (let from = 0; from < count; from += per)
    if (!fitsWhole(layout(from, Math.min(count, from + per)), columns)) return false;
  return true;
}

/** For a headphone card: its score and rank for each role. */
export function renderRoleFit(fits: RoleFit[], o: RenderOptions): string {
  const lines = fits.map(
    (f) =>
      `${hang(`  ${f.role.padEnd(10)} `, formatFit(f), o.columns)}\n${o.chalk.dim(hang(" ".repeat(13), f.fitReason, o.columns))}`,
  );
  const title = hang(
    "",
    `${o.chalk.bold("Role fit")} ${o.chalk.dim("(hpadvise recommend --role R --explain for the reasons)")}`,
    o.columns,
  );
  return `\n${title}\n${lines.join("\n")}\n`;
}
