/**
 * Catalog renderers: lists and model cards. Pure functions returning strings.
 */
import type { ChalkInstance } from "chalk";
import { confidenceOf, priceIsApproximate } from "../core/facts.js";
import type {
  Headphone,
  OutputRating,
  Provenance,
  Ref,
  Sensitivity,
  Source,
} from "../core/types.js";
import { DASH, hang, num, renderFittedTable, renderTable, usd, withUnit } from "./text.js";

export interface RenderOptions {
  chalk: ChalkInstance;
  columns: number;
}

export function formatSensitivity(s: Sensitivity | null): string {
  if (s === null) return DASH;
  const other = s.unit === "dB/mW" ? s.dbPerV : s.dbPerMw;
  const otherUnit = s.unit === "dB/mW" ? "dB/V" : "dB/mW";
  const stated = `${num(s.value)} ${s.unit}`;
  return other === null ? stated : `${stated} (= ${num(other)} ${otherUnit})`;
}

export function formatRating(o: OutputRating): string {
  const value = `${num(o.value, 2)} ${o.unit}`;
  return o.loadOhms === null ? value : `${value} into ${num(o.loadOhms, 0)} Ω`;
}

/** The generic preset a source not in the catalog can stand in with. */
export const GENERIC_INTERFACE_ID = "interface";

/** What a preset assumes, in a phrase: "+2.5 dBu into 33 Ω, +10 dBu into 300 Ω, 50 Ω output impedance". */
export function assumptionOf(s: Source): string {
  const parts = s.outputs.map(formatRating);
  if (s.outputImpedanceOhms !== null)
    parts.push(`${num(s.outputImpedanceOhms, 1)} Ω output impedance`);
  return parts.join(", ");
}

/**
 * The three ways on when a source is not in the catalog, one phrase each:
 * the generic interface (and what it assumes), its figures, or measuring it.
 */
export function sourceFallbacks(catalog: { sources: readonly Source[] }): {
  generic: string | null;
  figures: string;
  measure: string;
} {
  const preset = catalog.sources.find((s) => s.id === GENERIC_INTERFACE_ID);
  return {
    generic: preset
      ? `use the generic interface (--source ${preset.id}: assumes ${assumptionOf(preset)}, the weakest current bus-powered interface)`
      : null,
    figures:
      'type its figures from its manual (--vout "1.2V@32" --zout 10 here, or `hpadvise add source` to keep them)',
    measure: "measure it with a multimeter (`hpadvise measure source`)",
  };
}

export function renderHeadphoneList(hs: readonly Headphone[], o: RenderOptions): string {
  if (hs.length === 0) return "No headphones match.\n";
  const full = {
    headers: ["ID", "Model", "Back", "Driver", "Impedance", "Sensitivity", "Weight", "Price"],
    rows: hs.map((h) => [
      h.id,
      h.name,
      h.back,
      h.driver,
      withUnit(h.impedanceOhms, "Ω", 0),
      h.sensitivity ? `${num(h.sensitivity.value)} ${h.sensitivity.unit}` : DASH,
      withUnit(h.weightGrams, "g", 0),
      usd(h.priceUsd, priceIsApproximate(h)),
    ]),
    wrap: [1],
    right: [4, 6, 7],
  };
  // Narrow: the id stands for the name; then back and driver share a column.
  const byId = {
    headers: full.headers.filter((_, i) => i !== 1),
    rows: full.rows.map((r) => r.filter((_, i) => i !== 1)),
    right: [3, 5, 6],
  };
  const merged = {
    headers: ["ID", "Type", "Impedance", "Sensitivity", "Weight", "Price"],
    rows: full.rows.map((r) => [r[0], `${r[2]}\n${r[3]}`, ...r.slice(4)] as string[]),
    wrap: [1],
    right: [2, 4, 5],
  };
  const fewer = {
    headers: ["ID", "Type", "Impedance", "Sensitivity", "Price"],
    rows: merged.rows.map((r) => [...r.slice(0, 4), r[5]] as string[]),
    wrap: [1],
    right: [2, 4],
  };
  return renderFittedTable([full, byId, merged, fewer], { chalk: o.chalk, columns: o.columns });
}

export function renderSourceList(ss: readonly Source[], o: RenderOptions): string {
  if (ss.length === 0) return "No sources match.\n";
  const full = {
    headers: ["ID", "Source", "Type", "Output Z", "Stated output", "Price"],
    rows: ss.map((s) => [
      s.id,
      s.generic ? `${s.name} ${o.chalk.dim("(generic preset)")}` : s.name,
      s.type,
      withUnit(s.outputImpedanceOhms, "Ω", 2),
      s.outputs.length ? s.outputs.map(formatRating).join("\n") : DASH,
      usd(s.priceUsd, priceIsApproximate(s)),
    ]),
    wrap: [1],
    right: [3, 5],
  };
  // Narrow: the id stands for the name.
  const byId = {
    headers: full.headers.filter((_, i) => i !== 1),
    rows: full.rows.map((r) => r.filter((_, i) => i !== 1)),
    wrap: [1, 3],
    right: [2, 4],
  };
  return renderFittedTable([full, byId], { chalk: o.chalk, columns: o.columns });
}

/** Numbers references in the order a card cites them. */
class Citations {
  private readonly keys: string[] = [];
  constructor(private readonly refs: Record<string, Ref>) {}
  cite(p: Provenance | { ref: string | null } | undefined): string {
    if (!p?.ref || !this.refs[p.ref]) return "";
    let i = this.keys.indexOf(p.ref);
    if (i < 0) i = this.keys.push(p.ref) - 1;
    return `[${i + 1}]`;
  }
  citeKey(key: string | null): string {
    return this.cite({ ref: key });
  }
  render(chalk: ChalkInstance, columns: number): string {
    if (this.keys.length === 0) return "";
    const lines = this.keys.map((k, i) => {
      const r = this.refs[k] as Ref;
      const where = r.url ?? r.document ?? "";
      const label = `  [${i + 1}] `;
      const indent = " ".repeat(label.length);
      return r.title
        ? `${hang(label, r.title, columns)}\n${chalk.dim(hang(indent, where, columns))}`
        : chalk.dim(hang(label, where, columns));
    });
    return `\n${chalk.bold("Sources")}\n${lines.join("\n")}\n`;
  }
}

/** Notes on figures, printed under the card's table, keyed by the row's label. */
type Notes = [label: string, note: string][];

function row(
  label: string,
  value: string,
  p: Provenance | undefined,
  cites: Citations,
  notes: Notes,
) {
  if (p?.note) notes.push([label.trim() || "Output", p.note]);
  // High is the usual case; a weaker figure says so beside its kind.
  const confidence = confidenceOf(p);
  const kind = p && confidence !== "high" ? `${p.kind}, ${confidence}` : p?.kind;
  return [label, value, p ? `${kind} ${cites.cite(p)}`.trim() : ""];
}

function renderNotes(notes: Notes, o: RenderOptions): string {
  if (notes.length === 0) return "";
  return `\n${o.chalk.bold("Notes")}\n${notes
    .map(([label, note]) => hang(`  ${label}: `, note, o.columns, "    "))
    .join("\n")}\n`;
}

/** "up to 32 dB, passive, 20 Hz–20 kHz": the figure with what it means, as far as stated. */
function isolationText(h: Headphone): string {
  const b = h.isolationBasis;
  const figure = withUnit(h.isolationDb, "dB");
  if (b === null || figure === DASH) return figure;
  const hz = (f: number) => (f >= 1000 ? `${num(f / 1000)} kHz` : `${num(f, 0)} Hz`);
  const band =
    b.fromHz !== null && b.toHz !== null
      ? `${hz(b.fromHz)}–${hz(b.toHz)}`
      : b.fromHz !== null
        ? `above ${hz(b.fromHz)}`
        : b.toHz !== null
          ? `below ${hz(b.toHz)}`
          : null;
  const lead = b.statistic === "up-to" ? "up to " : b.statistic === "at-least" ? "at least " : "";
  const parts = [
    `${lead}${figure}${b.statistic === "average" ? " average" : ""}`,
    b.attenuation,
    band,
  ];
  return parts.filter((x) => x !== null).join(", ");
}

/** Extra sections (drivability, role scores) come from other commands' renderers. */
export function renderHeadphoneCard(h: Headphone, o: RenderOptions, extra = ""): string {
  const { chalk } = o;
  const cites = new Citations(h.refs);
  const notes: Notes = [];
  const p = h.provenance;
  const range = h.impedanceRangeOhms;
  const fr = h.frequencyResponseHz;
  const rows = [
    ["Back", h.back, ""],
    ["Driver", h.driver, ""],
    row("Impedance", withUnit(h.impedanceOhms, "Ω", 0), p.impedanceOhms, cites, notes),
    row(
      "Impedance range",
      range ? `${num(range.min, 0)}–${num(range.max, 0)} Ω` : DASH,
      p.impedanceRangeOhms,
      cites,
      notes,
    ),
    row("Sensitivity", formatSensitivity(h.sensitivity), p.sensitivity, cites, notes),
    ...(h.sensitivityMeasured
      ? [
          row(
            "  measured",
            formatSensitivity(h.sensitivityMeasured),
            p.sensitivityMeasured,
            cites,
            notes,
          ),
        ]
      : []),
    row(
      "Max input",
      // Which kind of rating it is matters: a short-term maximum or a continuous one.
      `${withUnit(h.maxInputMw, "mW", 0)}${h.maxInputMw !== null && h.maxInputRating ? ` (${h.maxInputRating})` : ""}`,
      p.maxInputMw,
      cites,
      notes,
    ),
    row("Weight", withUnit(h.weightGrams, "g", 0), p.weightGrams, cites, notes),
    row("Price", usd(h.priceUsd, priceIsApproximate(h)), p.priceUsd, cites, notes),
    row("Isolation", isolationText(h), p.isolationDb, cites, notes),
    row("THD", withUnit(h.thdPercent, "%", 3), p.thdPercent, cites, notes),
    row(
      "Frequency range",
      fr ? `${num(fr.min)} Hz – ${num(fr.max / 1000)} kHz` : DASH,
      p.frequencyResponseHz,
      cites,
      notes,
    ),
    ["Calibration", calibrationText(h, (ref) => cites.citeKey(ref)), ""],
  ];
  const title = hang("", `${chalk.bold(h.name)}  ${chalk.dim(h.id)}`, o.columns);
  const family =
    h.siblings.length > 0
      ? `\n${chalk.dim(hang("", `Variants of the same family: ${h.siblings.join(", ")}`, o.columns))}`
      : "";
  const character = h.character.length
    ? `\n${chalk.bold("Character")}\n${h.character
        .map((c) => {
          const tags = c.tags.length ? ` ${chalk.dim(`(${c.tags.join(", ")})`)}` : "";
          return hang("  - ", `${c.text}${tags} ${cites.citeKey(c.ref)}`, o.columns, "    ");
        })
        .join("\n")}\n`
    : "";
  return `${title}${family}\n\n${renderTable(["Spec", "Value", "Source"], rows, {
    chalk,
    columns: o.columns,
    wrap: [1],
  })}${renderNotes(notes, o)}${character}${extra}${cites.render(chalk, o.columns)}`;
}

export function renderSourceCard(s: Source, o: RenderOptions, extra = ""): string {
  const { chalk } = o;
  const cites = new Citations(s.refs);
  const notes: Notes = [];
  const p = s.provenance;
  const rows = [
    ["Type", s.generic ? `${s.type} (generic preset)` : s.type, ""],
    row(
      "Output impedance",
      withUnit(s.outputImpedanceOhms, "Ω", 2),
      p.outputImpedanceOhms,
      cites,
      notes,
    ),
    ...(s.outputs.length
      ? s.outputs.map((out, i) =>
          row(i === 0 ? "Output" : "", formatRating(out), out.provenance, cites, notes),
        )
      : [["Output", DASH, ""]]),
    row("Current limit", withUnit(s.currentLimitMa, "mA", 0), p.currentLimitMa, cites, notes),
    row("Noise", withUnit(s.noiseUv, "µV", 2), p.noiseUv, cites, notes),
    row("Dynamic range", withUnit(s.dynamicRangeDb, "dB"), p.dynamicRangeDb, cites, notes),
    row(
      "Crossfeed",
      s.crossfeed === null ? DASH : s.crossfeed ? "yes" : "no",
      p.crossfeed,
      cites,
      notes,
    ),
    row("Headphone outputs", num(s.headphoneOutputs, 0), p.headphoneOutputs, cites, notes),
    row("Price", usd(s.priceUsd, priceIsApproximate(s)), p.priceUsd, cites, notes),
  ];
  const title = hang("", `${chalk.bold(s.name)}  ${chalk.dim(s.id)}`, o.columns);
  return `${title}\n\n${renderTable(["Spec", "Value", "Source"], rows, {
    chalk,
    columns: o.columns,
    wrap: [1],
  })}${renderNotes(notes, o)}${extra}${cites.render(chalk, o.columns)}`;
}

/** Entries kept apart by a price limit because their price is unknown. */
export function renderUnverified(
  entries: readonly { id: string }[],
  maxPriceUsd: number | undefined,
  o: RenderOptions,
): string {
  if (entries.length === 0 || maxPriceUsd === undefined) return "";
  const text = `Not verified — price unknown, so not held to your ${usd(maxPriceUsd)}: ${entries.map((e) => e.id).join(", ")}.`;
  return `\n${o.chalk.yellow(hang("", text, o.columns, "  "))}\n`;
}

/**
 * A headphone's calibration, as we know it: the profiles that exist, "none"
 * where a vendor's list was checked and has none, "not checked" otherwise.
 */
export function calibrationText(
  h: Headphone,
  cite: (ref: string | null) => string = () => "",
): string {
  if (h.calibration.length > 0)
    return h.calibration.map((c) => `${c.vendor} profile ${cite(c.ref)}`.trim()).join(", ");
  if (h.calibrationChecked.length > 0) return `none (${h.calibrationChecked.join(", ")} checked)`;
  return "not checked";
}
