/**
 * Catalog renderers: lists and model cards. Pure functions returning strings.
 */
import type { ChalkInstance } from "chalk";
import type {
  Headphone,
  OutputRating,
  Provenance,
  Ref,
  Sensitivity,
  Source,
} from "../core/types.js";
import { DASH, num, usd, withUnit } from "./style.js";
import { renderTable } from "./table.js";
import { wrapText } from "./wrap.js";

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

export function renderHeadphoneList(hs: readonly Headphone[], o: RenderOptions): string {
  if (hs.length === 0) return "No headphones match.\n";
  return renderTable(
    ["ID", "Model", "Back", "Driver", "Impedance", "Sensitivity", "Weight", "Price"],
    hs.map((h) => [
      h.id,
      h.name,
      h.back,
      h.driver,
      withUnit(h.impedanceOhms, "Ω", 0),
      h.sensitivity ? `${num(h.sensitivity.value)} ${h.sensitivity.unit}` : DASH,
      withUnit(h.weightGrams, "g", 0),
      usd(h.priceUsd),
    ]),
    { chalk: o.chalk, columns: o.columns, wrap: [1], right: [4, 6, 7] },
  );
}

export function renderSourceList(ss: readonly Source[], o: RenderOptions): string {
  if (ss.length === 0) return "No sources match.\n";
  return renderTable(
    ["ID", "Source", "Type", "Output Z", "Stated output", "Price"],
    ss.map((s) => [
      s.id,
      s.generic ? `${s.name} ${o.chalk.dim("(generic preset)")}` : s.name,
      s.type,
      withUnit(s.outputImpedanceOhms, "Ω", 2),
      s.outputs.length ? s.outputs.map(formatRating).join("\n") : DASH,
      usd(s.priceUsd),
    ]),
    { chalk: o.chalk, columns: o.columns, wrap: [1], right: [3, 5] },
  );
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
  render(chalk: ChalkInstance): string {
    if (this.keys.length === 0) return "";
    const lines = this.keys.map((k, i) => {
      const r = this.refs[k] as Ref;
      const where = r.url ?? r.document ?? "";
      return `  [${i + 1}] ${r.title ? `${r.title}\n      ` : ""}${chalk.dim(where)}`;
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
  return [label, value, p ? `${p.kind} ${cites.cite(p)}`.trim() : ""];
}

function renderNotes(notes: Notes, o: RenderOptions): string {
  if (notes.length === 0) return "";
  return `\n${o.chalk.bold("Notes")}\n${notes
    .map(([label, note]) => `  ${label}: ${wrapText(note, o.columns - 2, "    ")}`)
    .join("\n")}\n`;
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
    row("Max input", withUnit(h.maxInputMw, "mW", 0), p.maxInputMw, cites, notes),
    row("Weight", withUnit(h.weightGrams, "g", 0), p.weightGrams, cites, notes),
    row("Price", usd(h.priceUsd), p.priceUsd, cites, notes),
    row("Isolation", withUnit(h.isolationDb, "dB"), p.isolationDb, cites, notes),
    row("THD", withUnit(h.thdPercent, "%", 3), p.thdPercent, cites, notes),
    row(
      "Frequency range",
      fr ? `${num(fr.min)} Hz – ${num(fr.max / 1000)} kHz` : DASH,
      p.frequencyResponseHz,
      cites,
      notes,
    ),
    [
      "Calibration",
      h.calibration.length
        ? h.calibration.map((c) => `${c.vendor} profile ${cites.citeKey(c.ref)}`).join(", ")
        : DASH,
      "",
    ],
  ];
  const title = `${chalk.bold(h.name)}  ${chalk.dim(h.id)}`;
  const family =
    h.siblings.length > 0
      ? `\n${chalk.dim(`Variants of the same family: ${h.siblings.join(", ")}`)}`
      : "";
  const character = h.character.length
    ? `\n${chalk.bold("Character")}\n${h.character
        .map((c) => {
          const tags = c.tags.length ? ` ${chalk.dim(`(${c.tags.join(", ")})`)}` : "";
          return `  - ${wrapText(`${c.text}${tags} ${cites.citeKey(c.ref)}`, o.columns - 2, "    ")}`;
        })
        .join("\n")}\n`
    : "";
  return `${title}${family}\n\n${renderTable(["Spec", "Value", "Source"], rows, {
    chalk,
    columns: o.columns,
    wrap: [1],
  })}${renderNotes(notes, o)}${character}${extra}${cites.render(chalk)}`;
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
    row("Crossfeed", s.crossfeed ? "yes" : DASH, p.crossfeed, cites, notes),
    row("Headphone outputs", num(s.headphoneOutputs, 0), p.headphoneOutputs, cites, notes),
    row("Price", usd(s.priceUsd), p.priceUsd, cites, notes),
  ];
  const title = `${chalk.bold(s.name)}  ${chalk.dim(s.id)}`;
  return `${title}\n\n${renderTable(["Spec", "Value", "Source"], rows, {
    chalk,
    columns: o.columns,
    wrap: [1],
  })}${renderNotes(notes, o)}${extra}${cites.render(chalk)}`;
}

export function toJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/** Entries kept apart by a price limit because their price is unknown. */
export function renderUnverified(
  entries: readonly { id: string }[],
  maxPriceUsd: number | undefined,
  o: RenderOptions,
): string {
  if (entries.length === 0 || maxPriceUsd === undefined) return "";
  const text = `Not verified — price unknown, so not held to your $${maxPriceUsd}: ${entries.map((e) => e.id).join(", ")}.`;
  return o.chalk.yellow(`\n${wrapText(text, o.columns, "  ")}\n`);
}
