/** Side-by-side comparison and role-fit renderers. Strings only. */
import type { Headphone } from "../core/types.js";
import { formatSensitivity, type RenderOptions } from "./catalog.js";
import { DASH, num, usd, withUnit } from "./style.js";
import { renderTable } from "./table.js";
import { hang } from "./wrap.js";

export interface RoleFit {
  id: string;
  role: string;
  score: number | null;
  rank: number | null;
  /** How many models the role ranks (not excluded). */
  of: number;
  excluded: string | null;
}

export function formatFit(f: RoleFit): string {
  return f.excluded !== null
    ? `excluded: ${f.excluded}`
    : `${num(f.score)} (#${f.rank} of ${f.of})`;
}

export function renderComparison(
  hs: readonly Headphone[],
  fits: Record<string, RoleFit[]>,
  o: RenderOptions,
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
    row("Calibration", (h) => h.calibration.map((c) => c.vendor).join(", ") || DASH),
    ...Object.entries(fits).map(([role, list]) => [role, ...list.map(formatFit)]),
  ];
  return renderTable(["", ...hs.map((h) => h.id)], rows, {
    chalk: o.chalk,
    columns: o.columns,
    wrap: hs.map((_, i) => i + 1),
  });
}

/** For a headphone card: its score and rank for each role. */
export function renderRoleFit(fits: RoleFit[], o: RenderOptions): string {
  const lines = fits.map((f) => hang(`  ${f.role.padEnd(10)} `, formatFit(f), o.columns));
  const title = hang(
    "",
    `${o.chalk.bold("Role fit")} ${o.chalk.dim("(hpadvise recommend --role R --explain for the reasons)")}`,
    o.columns,
  );
  return `\n${title}\n${lines.join("\n")}\n`;
}
