/**
 * What the catalog knows: for each field, how many headphones and sources
 * carry it, of which kind (maker, measured, assumption, user) and with which
 * confidence (high, medium, low), and which entries lack what `check-amp`
 * needs. Pure: from a resolved catalog.
 */
import { confidenceOf } from "./facts.js";
import type { Catalog, FigureKind, Headphone, Provenance, Source } from "./types.js";
import type { Confidence } from "./vocabulary.js";

export interface FieldCoverage {
  field: string;
  /** How many entries carry the field. */
  count: number;
  /** Of those, how many by kind. */
  byKind: Partial<Record<FigureKind, number>>;
  /** Of those, how many by confidence (stated, or the kind's default). */
  byConfidence: Partial<Record<Confidence, number>>;
}

export interface Coverage {
  headphones: { total: number; fields: FieldCoverage[]; driveReady: number };
  sources: { total: number; named: number; rated: number; fields: FieldCoverage[] };
  /** Calibration: a profile exists (sourced), none (sourced), or not checked. */
  calibration: { available: number; none: number; notChecked: number };
  /** Entries that lack what check-amp needs, with what they lack. */
  missing: { id: string; kind: "headphone" | "source"; lacks: string[] }[];
}

/** The headphone fields a user's questions rest on, by their provenance key. */
const HEADPHONE_FIELDS = [
  "impedanceOhms",
  "sensitivity",
  "sensitivityMeasured",
  "impedanceRangeOhms",
  "maxInputMw",
  "weightGrams",
  "priceUsd",
  "thdPercent",
  "isolationDb",
  "frequencyResponseHz",
] as const;

const SOURCE_FIELDS = [
  "outputImpedanceOhms",
  "currentLimitMa",
  "noiseUv",
  "dynamicRangeDb",
  "crossfeed",
  "priceUsd",
] as const;

function fieldCoverage(
  entries: readonly (Headphone | Source)[],
  field: string,
  has: (e: Headphone | Source) => Provenance | undefined,
): FieldCoverage {
  const byKind: Partial<Record<FigureKind, number>> = {};
  const byConfidence: Partial<Record<Confidence, number>> = {};
  let count = 0;
  for (const e of entries) {
    const p = has(e);
    if (p === undefined) continue;
    count++;
    byKind[p.kind] = (byKind[p.kind] ?? 0) + 1;
    const c = confidenceOf(p);
    if (c !== null) byConfidence[c] = (byConfidence[c] ?? 0) + 1;
  }
  return { field, count, byKind, byConfidence };
}

/** What check-amp needs of a headphone: a nominal impedance and a sensitivity. */
export function headphoneLacks(h: Headphone): string[] {
  const lacks: string[] = [];
  if (h.impedanceOhms === null) lacks.push("impedance");
  if (h.sensitivity === null && h.sensitivityMeasured === null) lacks.push("sensitivity");
  return lacks;
}

/** What check-amp needs of a source: an output rating (and, for the verdict's spread, its output impedance). */
export function sourceLacks(s: Source): string[] {
  const lacks: string[] = [];
  if (s.outputs.length === 0) lacks.push("output rating");
  if (s.outputImpedanceOhms === null) lacks.push("output impedance");
  return lacks;
}

export function coverageOf({ headphones, sources }: Catalog): Coverage {
  const provenanceOf = (e: Headphone | Source, field: string) => e.provenance[field];
  // A source's outputs count once, by the first (headline) rating.
  const outputsProvenance = (s: Source) => s.outputs[0]?.provenance;
  const named = sources.filter((s) => !s.generic);
  const missing = [
    ...headphones.flatMap((h) => {
      const lacks = headphoneLacks(h);
      return lacks.length ? [{ id: h.id, kind: "headphone" as const, lacks }] : [];
    }),
    ...sources.flatMap((s) => {
      const lacks = sourceLacks(s);
      return lacks.length ? [{ id: s.id, kind: "source" as const, lacks }] : [];
    }),
  ];
  return {
    headphones: {
      total: headphones.length,
      fields: [
        ...HEADPHONE_FIELDS.map((f) => fieldCoverage(headphones, f, (e) => provenanceOf(e, f))),
        {
          field: "character",
          count: headphones.filter((h) => h.character.length > 0).length,
          byKind: {},
          byConfidence: {},
        },
      ],
      driveReady: headphones.filter((h) => headphoneLacks(h).length === 0).length,
    },
    sources: {
      total: sources.length,
      named: named.length,
      rated: named.filter((s) => s.outputs.length > 0).length,
      fields: [
        fieldCoverage(sources, "outputs", (e) => outputsProvenance(e as Source)),
        ...SOURCE_FIELDS.map((f) => fieldCoverage(sources, f, (e) => provenanceOf(e, f))),
      ],
    },
    calibration: {
      available: headphones.filter((h) => h.calibration.length > 0).length,
      none: headphones.filter((h) => h.calibration.length === 0 && h.calibrationChecked.length > 0)
        .length,
      notChecked: headphones.filter((h) => h.calibrationChecked.length === 0).length,
    },
    missing,
  };
}
