/**
 * Turns validated catalog entries into the resolved objects the core uses:
 * units converted in code (never in the data), provenance kept per field.
 */
import {
  type FigureTable,
  type FigureValues,
  HEADPHONE_FIGURES,
  namesOf,
  SOURCE_FIGURES,
} from "../core/fields.js";
import type {
  Catalog,
  Headphone,
  OutputRating,
  Provenance,
  Sensitivity,
  Source,
} from "../core/types.js";
import {
  dbPerMwFromDbPerV,
  dbPerVFromDbPerMw,
  microvoltsFromNoise,
  vrmsFromDbu,
  vrmsFromDbv,
  vrmsFromPower,
} from "../core/units.js";
import type {
  CatalogFile,
  HeadphoneEntry,
  OutputUnit,
  Ref,
  SensitivityFigure,
  SourceEntry,
} from "./schema.js";

interface Figure {
  kind: Provenance["kind"];
  ref?: string | undefined;
  note?: string | undefined;
  confidence?: Provenance["confidence"] | undefined;
  date?: string | undefined;
}

function provenanceOf(figure: Figure, refs: Record<string, Ref>): Provenance {
  const ref = figure.ref === undefined ? undefined : refs[figure.ref];
  return {
    kind: figure.kind,
    ref: figure.ref ?? null,
    source: ref?.url ?? ref?.document ?? null,
    note: figure.note ?? null,
    confidence: figure.confidence ?? null,
    date: figure.date ?? null,
  };
}

function sourceOf(refKey: string | undefined, refs: Record<string, Ref>): string | null {
  if (refKey === undefined) return null;
  const ref = refs[refKey];
  return ref?.url ?? ref?.document ?? null;
}

/**
 * Collects each figure's provenance under its field name as the figure is
 * read: `keep("weightGrams", entry.weightGrams)?.value`.
 */
function provenanceKeeper(refs: Record<string, Ref>) {
  const provenance: Record<string, Provenance> = {};
  const keep = <T>(field: string, figure: (Figure & T) | undefined): (Figure & T) | undefined => {
    if (figure !== undefined) provenance[field] = provenanceOf(figure, refs);
    return figure;
  };
  return { provenance, keep };
}

/** Both sensitivity conversions from what was stated. */
export function resolveSensitivity(
  stated: { value: number; unit: SensitivityFigure["unit"] },
  impedanceOhms: number | null,
): Sensitivity {
  if (stated.unit === "dB/mW") {
    return {
      value: stated.value,
      unit: stated.unit,
      dbPerMw: stated.value,
      dbPerV: impedanceOhms === null ? null : dbPerVFromDbPerMw(stated.value, impedanceOhms),
    };
  }
  return {
    value: stated.value,
    unit: stated.unit,
    dbPerMw: impedanceOhms === null ? null : dbPerMwFromDbPerV(stated.value, impedanceOhms),
    dbPerV: stated.value,
  };
}

export function displayName(entry: {
  brand: string;
  model: string;
  variant?: string | undefined;
}): string {
  const base = `${entry.brand} ${entry.model}`;
  return entry.variant === undefined ? base : `${base} (${entry.variant})`;
}

/** Each figure of a table in core/fields.ts: its value, or null; its provenance kept. */
function figuresOf<T extends FigureTable>(
  figures: T,
  entry: Partial<Record<keyof T, Figure & { value: number | boolean }>>,
  keep: ReturnType<typeof provenanceKeeper>["keep"],
): FigureValues<T> {
  const values: Record<string, number | boolean | null> = {};
  for (const name of namesOf(figures)) values[name] = keep(name, entry[name])?.value ?? null;
  return values as FigureValues<T>;
}

export function resolveHeadphone(entry: HeadphoneEntry): Headphone {
  const refs = entry.refs;
  const { provenance, keep } = provenanceKeeper(refs);
  const impedanceOhms = keep("impedanceOhms", entry.impedance)?.ohms ?? null;
  const range = keep("impedanceRangeOhms", entry.impedanceRange);
  const fr = keep("frequencyResponseHz", entry.frequencyResponseHz);
  const sensitivity = keep("sensitivity", entry.sensitivity);
  const measured = keep("sensitivityMeasured", entry.sensitivityMeasured);
  const isolation = keep("isolationDb", entry.isolationDb);
  return {
    id: entry.id,
    brand: entry.brand,
    model: entry.model,
    name: displayName(entry),
    aliases: entry.aliases,
    family: entry.family ?? null,
    variant: entry.variant ?? null,
    siblings: [],
    familyDefault: entry.familyDefault === true,
    back: entry.back,
    driver: entry.driver,
    impedanceOhms,
    // Both ends are needed to judge how much the response shifts with output
    // impedance; with no minimum, the 1 kHz value stands in (at or above the
    // minimum, so the shift it gives is never more than the true one).
    impedanceRangeOhms:
      range?.maxOhms !== undefined && (range.minOhms ?? range.at1kHzOhms) !== undefined
        ? { min: (range.minOhms ?? range.at1kHzOhms) as number, max: range.maxOhms }
        : null,
    sensitivity: sensitivity ? resolveSensitivity(sensitivity, impedanceOhms) : null,
    sensitivityMeasured: measured ? resolveSensitivity(measured, impedanceOhms) : null,
    maxInputMw: keep("maxInputMw", entry.maxInputMw)?.value ?? null,
    maxInputRating: entry.maxInputMw?.rating ?? null,
    ...figuresOf(HEADPHONE_FIGURES, entry, keep),
    priceUsd: keep("priceUsd", entry.priceUsd)?.value ?? null,
    isolationDb: isolation?.value ?? null,
    isolationBasis: isolation
      ? {
          attenuation: isolation.attenuation ?? null,
          statistic: isolation.statistic ?? null,
          fromHz: isolation.fromHz ?? null,
          toHz: isolation.toHz ?? null,
        }
      : null,
    frequencyResponseHz: fr ? { min: fr.min, max: fr.max } : null,
    frequencyResponse: entry.frequencyResponse ?? null,
    measurements: entry.measurements ?? {},
    character: entry.character.map((c) => ({
      tags: c.tags,
      text: c.text,
      ref: c.ref ?? null,
      source: sourceOf(c.ref, refs),
      ...(c.basis ? { basis: c.basis } : {}),
    })),
    calibration: entry.calibration
      .filter((c) => c.status === "available")
      .map((c) => ({
        vendor: c.vendor,
        headroomDb: c.headroomDb ?? null,
        ref: c.ref ?? null,
        source: sourceOf(c.ref, refs),
      })),
    calibrationChecked: entry.calibration.map((c) => c.vendor),
    provenance,
    refs,
  };
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The rms voltage a stated output rating implies across its load. */
export function vrmsOfRating(value: number, unit: OutputUnit, loadOhms: number | null): number {
  switch (unit) {
    case "Vrms":
      return value;
    case "dBu":
      return vrmsFromDbu(value);
    case "dBV":
      return vrmsFromDbv(value);
    case "mW":
      // A power with no load cannot become a voltage; the rules reject that combination.
      return loadOhms === null ? Number.NaN : vrmsFromPower(value, loadOhms);
  }
}

export function resolveSource(entry: SourceEntry): Source {
  const refs = entry.refs;
  const { provenance, keep } = provenanceKeeper(refs);
  const outputs: OutputRating[] = entry.outputs.map((o) => ({
    value: o.value,
    unit: o.unit,
    loadOhms: o.loadOhms ?? null,
    forLoadsOhms: o.forLoadsOhms
      ? { min: o.forLoadsOhms.min ?? null, max: o.forLoadsOhms.max ?? null }
      : null,
    vrms: vrmsOfRating(o.value, o.unit, o.loadOhms ?? null),
    provenance: provenanceOf(o, refs),
  }));
  const noise = keep("noiseUv", entry.noise);
  if (entry.crossfeed !== undefined) {
    provenance.crossfeed = provenanceOf({ kind: "maker", ref: entry.crossfeed.ref }, refs);
  }
  return {
    id: entry.id,
    brand: entry.brand,
    model: entry.model,
    // A preset is not a product: it is named by what it stands for.
    name: entry.generic ? capitalize(entry.model) : displayName(entry),
    aliases: entry.aliases,
    family: entry.family ?? null,
    variant: entry.variant ?? null,
    siblings: [],
    type: entry.type,
    generic: entry.generic,
    outputImpedanceOhms: keep("outputImpedanceOhms", entry.outputImpedanceOhms)?.value ?? null,
    outputs,
    ...figuresOf(SOURCE_FIGURES, entry, keep),
    noiseUv: noise ? microvoltsFromNoise(noise.value, noise.unit) : null,
    crossfeed: entry.crossfeed?.value ?? null,
    headphoneOutputs: keep("headphoneOutputs", entry.headphoneOutputs)?.value ?? null,
    priceUsd: keep("priceUsd", entry.priceUsd)?.value ?? null,
    provenance,
    refs,
  };
}

/** Fill in each entry's siblings (same family), in catalog order. */
function linkSiblings<T extends { id: string; family: string | null; siblings: string[] }>(
  entries: T[],
): T[] {
  const byFamily = new Map<string, string[]>();
  for (const e of entries) {
    if (e.family === null) continue;
    const ids = byFamily.get(e.family) ?? [];
    ids.push(e.id);
    byFamily.set(e.family, ids);
  }
  for (const e of entries) {
    if (e.family !== null) e.siblings = (byFamily.get(e.family) ?? []).filter((id) => id !== e.id);
  }
  return entries;
}

/**
 * Merge catalog files in order: a later file's entry replaces an earlier one
 * with the same id (users override ours), new ids are appended.
 */
export function mergeCatalogFiles(files: readonly CatalogFile[]): CatalogFile {
  const headphones = new Map<string, HeadphoneEntry>();
  const sources = new Map<string, SourceEntry>();
  for (const f of files) {
    for (const h of f.headphones) headphones.set(h.id, h);
    for (const s of f.sources) sources.set(s.id, s);
  }
  return { headphones: [...headphones.values()], sources: [...sources.values()] };
}

export function resolveCatalog(file: CatalogFile): Catalog {
  return {
    headphones: linkSiblings(file.headphones.map(resolveHeadphone)),
    sources: linkSiblings(file.sources.map(resolveSource)),
  };
}
