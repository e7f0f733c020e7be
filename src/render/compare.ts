/** Side-by-side comparison and role-fit renderers. Strings only. */
import type { Conclusion, RoleFit } from "../core/recommend.js";
import type { Headphone } from "../core/types.js";
import { calibrationText, formatSensitivity, type RenderOptions } from "./catalog.js";
import { DASH, num, usd, withUnit } from "./style.js";
import { renderTable } from "./table.js";
import { hang } from "./wrap.js";

export function formatFit(f: RoleFit): string {
  return f.excluded !== null
    ? `${f.fit}: excluded, ${f.excluded}`
    : `${f.fit}, ${num(f.score)} (#${f.rank} of ${f.of})`;
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
    row("Price", (h) => usd(h.priceUsd)),
    row("Isolation", (h) => withUnit(h.isolationDb, "dB")),
    row("THD", (h) => withUnit(h.thdPercent, "%", 3)),
    row("Character", (h) => [...new Set(h.character.flatMap((c) => c.tags))].join(", ") || DASH),
    row("Calibration", (h) => calibrationText(h)),
    ...Object.entries(fits).map(([role, list]) => [role, ...list.map(formatFit)]),
  ];
  return (
    renderTable(["", ...hs.map((h) => h.id)], rows, {
      chalk: o.chalk,
      columns: o.columns,
      wrap: hs.map((_, i) => i + 1),
    }) + renderConclusions(conclusions, o)
  );
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
