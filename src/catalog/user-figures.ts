/**
 * Figures typed on the command line (check-amp, recommend, plan), laid over a
 * catalog entry for one run, or standing for gear that is not in the catalog.
 * Every figure given this way carries provenance kind `user`, so the output
 * can say which numbers were the user's.
 */
import { HEADPHONE_FIGURES, noFigures, SOURCE_FIGURES } from "../core/fields.js";
import type { Catalog, Headphone, OutputRating, Provenance, Source } from "../core/types.js";
import type { StatedOutput, StatedSensitivity } from "../figures.js";
import { findSource } from "./lookup.js";
import { resolveSensitivity, vrmsOfRating } from "./resolve.js";

export interface HeadphoneFigures {
  impedanceOhms?: number | undefined;
  sensitivity?: StatedSensitivity | undefined;
}

export interface SourceFigures {
  /** Voltage ratings (--vout), unloaded or into a load. */
  vout?: StatedOutput[] | undefined;
  /** Power ratings (--power), each into a load. */
  power?: StatedOutput[] | undefined;
  zoutOhms?: number | undefined;
  currentLimitMa?: number | undefined;
}

/** The id and name of gear described only by figures. */
export const USER_HEADPHONE = { id: "your-headphone", name: "headphone (your figures)" } as const;
export const USER_SOURCE = { id: "your-source", name: "Source (your figures)" } as const;

const FROM_FLAGS: Provenance = {
  kind: "user",
  ref: null,
  source: null,
  note: "given on the command line",
  confidence: null,
  date: null,
};

/** The fields a headphone's figures set, by the names the resolved object uses. */
export function headphoneFigureFields(f: HeadphoneFigures): string[] {
  const fields: string[] = [];
  if (f.impedanceOhms !== undefined) fields.push("impedanceOhms");
  if (f.sensitivity !== undefined) fields.push("sensitivity");
  return fields;
}

export function sourceFigureFields(f: SourceFigures): string[] {
  const fields: string[] = [];
  if ((f.vout?.length ?? 0) + (f.power?.length ?? 0) > 0) fields.push("outputs");
  if (f.zoutOhms !== undefined) fields.push("outputImpedanceOhms");
  if (f.currentLimitMa !== undefined) fields.push("currentLimitMa");
  return fields;
}

/**
 * A headphone with the user's figures: `base` with those fields replaced, or,
 * with no base, a headphone known only by them. A new impedance re-derives the
 * kept sensitivity's other unit.
 */
export function headphoneWithFigures(base: Headphone | null, f: HeadphoneFigures): Headphone {
  const h = base ?? blankHeadphone();
  const impedanceOhms = f.impedanceOhms ?? h.impedanceOhms;
  const restate = (s: Headphone["sensitivity"]) =>
    s === null ? null : resolveSensitivity({ value: s.value, unit: s.unit }, impedanceOhms);
  const provenance = { ...h.provenance };
  for (const field of headphoneFigureFields(f)) provenance[field] = FROM_FLAGS;
  return {
    ...h,
    impedanceOhms,
    sensitivity: f.sensitivity
      ? resolveSensitivity(f.sensitivity, impedanceOhms)
      : restate(h.sensitivity),
    sensitivityMeasured: f.sensitivity ? null : restate(h.sensitivityMeasured),
    provenance,
  };
}

/** A source with the user's figures: their ratings replace the entry's, and so on per field. */
export function sourceWithFigures(base: Source | null, f: SourceFigures): Source {
  const s = base ?? blankSource();
  const stated = [...(f.vout ?? []), ...(f.power ?? [])];
  const outputs: OutputRating[] =
    stated.length === 0
      ? s.outputs
      : stated.map((o) => ({
          value: o.value,
          unit: o.unit,
          loadOhms: o.loadOhms ?? null,
          forLoadsOhms: null,
          vrms: vrmsOfRating(o.value, o.unit, o.loadOhms ?? null),
          provenance: FROM_FLAGS,
        }));
  const provenance = { ...s.provenance };
  for (const field of sourceFigureFields(f)) provenance[field] = FROM_FLAGS;
  return {
    ...s,
    outputs,
    outputImpedanceOhms: f.zoutOhms ?? s.outputImpedanceOhms,
    currentLimitMa: f.currentLimitMa ?? s.currentLimitMa,
    provenance,
  };
}

const common = {
  aliases: [],
  family: null,
  variant: null,
  siblings: [],
  priceUsd: null,
  provenance: {},
  refs: {},
};

function blankHeadphone(): Headphone {
  return {
    ...USER_HEADPHONE,
    ...common,
    ...noFigures(HEADPHONE_FIGURES),
    brand: "",
    model: USER_HEADPHONE.name,
    // Not known, and not read by the drive check: a headphone typed as
    // figures is judged on its impedance and sensitivity alone.
    back: "closed",
    driver: "dynamic",
    familyDefault: false,
    impedanceOhms: null,
    impedanceRangeOhms: null,
    sensitivity: null,
    sensitivityMeasured: null,
    maxInputMw: null,
    maxInputRating: null,
    isolationDb: null,
    isolationBasis: null,
    frequencyResponseHz: null,
    frequencyResponse: null,
    measurements: {},
    character: [],
    calibration: [],
    calibrationChecked: [],
  };
}

function blankSource(): Source {
  return {
    ...USER_SOURCE,
    ...common,
    ...noFigures(SOURCE_FIGURES),
    brand: "",
    model: USER_SOURCE.name,
    type: "interface",
    generic: false,
    outputImpedanceOhms: null,
    outputs: [],
    noiseUv: null,
    crossfeed: null,
    headphoneOutputs: null,
  };
}

/**
 * The catalog with the user's source in it, and its id: the named source with
 * the figures laid over it, or a new one.
 */
export function withUserSource(
  catalog: Catalog,
  sourceId: string | undefined,
  f: SourceFigures,
): { catalog: Catalog; sourceId: string } {
  const base = sourceId === undefined ? null : findSource(catalog, sourceId);
  const source = sourceWithFigures(base, f);
  const sources = base
    ? catalog.sources.map((s) => (s === base ? source : s))
    : [...catalog.sources, source];
  return { catalog: { ...catalog, sources }, sourceId: source.id };
}
