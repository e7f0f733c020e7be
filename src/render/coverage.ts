/** The catalog's coverage report (`validate --coverage`). Strings only. */
import type { Coverage, FieldCoverage } from "../core/coverage.js";
import { CONFIDENCES } from "../core/vocabulary.js";
import type { RenderOptions } from "./catalog.js";
import { hang, renderTable } from "./text.js";

/** "61 (87 %)" */
function share(count: number, total: number): string {
  return total === 0 ? "0" : `${count} (${Math.round((count / total) * 100)} %)`;
}

function kinds(f: FieldCoverage): string {
  const parts = Object.entries(f.byKind).map(([kind, n]) => `${kind} ${n}`);
  return parts.join(", ");
}

const LABELS: Record<string, string> = {
  impedanceOhms: "impedance (nominal)",
  sensitivity: "sensitivity (rated)",
  sensitivityMeasured: "sensitivity (measured)",
  impedanceRangeOhms: "impedance (measured)",
  maxInputMw: "maximum input",
  weightGrams: "weight",
  priceUsd: "price",
  thdPercent: "THD",
  isolationDb: "isolation",
  frequencyResponseHz: "frequency range",
  character: "character notes",
  outputs: "output rating",
  outputImpedanceOhms: "output impedance",
  currentLimitMa: "current limit",
  noiseUv: "noise",
  dynamicRangeDb: "dynamic range",
  crossfeed: "crossfeed",
};

/** Kinds in one column; confidences in a column each, strongest first, blank where none. */
function fieldTable(fields: readonly FieldCoverage[], total: number, o: RenderOptions): string {
  return renderTable(
    ["Field", "Entries", "By kind", ...CONFIDENCES.map(capitalize)],
    fields.map((f) => [
      LABELS[f.field] ?? f.field,
      share(f.count, total),
      kinds(f),
      ...CONFIDENCES.map((c) => String(f.byConfidence[c] ?? "")),
    ]),
    { chalk: o.chalk, columns: o.columns, wrap: [2], right: [1, 3, 4, 5] },
  ).trimEnd();
}

function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

export function renderCoverage(c: Coverage, o: RenderOptions): string {
  const { chalk } = o;
  const h = c.headphones;
  const s = c.sources;
  const out = [
    chalk.bold(`Headphones: ${h.total}`),
    hang(
      "",
      `${share(h.driveReady, h.total)} have both an impedance and a sensitivity (what check-amp needs).`,
      o.columns,
    ),
    fieldTable(h.fields, h.total, o),
    "",
    hang(
      "",
      `Calibration: a profile exists for ${c.calibration.available}, none for ${c.calibration.none}, not checked for ${c.calibration.notChecked}.`,
      o.columns,
    ),
    "",
    chalk.bold(`Sources: ${s.total}`),
    hang(
      "",
      `${s.named} named products (the rest are presets), ${s.rated} of them with a headphone-output rating.`,
      o.columns,
    ),
    fieldTable(s.fields, s.total, o),
  ];
  if (c.missing.length > 0) {
    out.push("", chalk.bold("Missing what check-amp needs"));
    for (const m of c.missing)
      out.push(hang(`  ${m.id.padEnd(18)} `, m.lacks.join(", "), o.columns));
  }
  return `${out.join("\n")}\n`;
}
