/** Plain test objects: a valid headphone or source with only what a test cares about set. */
import { resolveHeadphone, resolveSource } from "../../src/catalog/resolve.js";
import type { HeadphoneEntry, SourceEntry } from "../../src/catalog/schema.js";
import {
  type FigureTable,
  type FigureValues,
  HEADPHONE_FIGURES,
  namesOf,
  SOURCE_FIGURES,
} from "../../src/core/fields.js";
import type { Headphone, Source } from "../../src/core/types.js";

/** A table of figures in core/fields.ts, each given as its value. */
type FigureSpecs<T extends FigureTable> = {
  [K in keyof T]?: NonNullable<FigureValues<T>[K]>;
};

/** The figures given, as a catalog entry states them: a maker's, with no reference. */
function figureEntries<T extends FigureTable>(figures: T, spec: FigureSpecs<T>) {
  return Object.fromEntries(
    namesOf(figures).flatMap((name) =>
      spec[name] === undefined ? [] : [[name, { value: spec[name], kind: "maker" }]],
    ),
  );
}

export interface HeadphoneSpec extends FigureSpecs<typeof HEADPHONE_FIGURES> {
  id?: string;
  back?: HeadphoneEntry["back"];
  driver?: HeadphoneEntry["driver"];
  impedanceOhms?: number;
  sensitivity?: { value: number; unit: "dB/mW" | "dB/V" };
  measuredDbPerV?: number;
  range?: { min: number; max: number };
  maxInputMw?: number;
  priceUsd?: number;
  isolationDb?: number;
  character?: HeadphoneEntry["character"];
  calibration?: boolean;
  /** The correction curve's largest boost, when a calibration profile states it. */
  calibrationHeadroomDb?: number;
  family?: string;
}

export function headphoneEntry(spec: HeadphoneSpec = {}): HeadphoneEntry {
  const kind = "maker" as const;
  return {
    ...figureEntries(HEADPHONE_FIGURES, spec),
    id: spec.id ?? "test-hp",
    brand: "Test",
    model: spec.id ?? "Headphone",
    aliases: [],
    family: spec.family,
    refs: { spec: { url: "https://example.com/spec" } },
    back: spec.back ?? "open",
    driver: spec.driver ?? "dynamic",
    impedance:
      spec.impedanceOhms === undefined
        ? undefined
        : { ohms: spec.impedanceOhms, kind, ref: "spec" },
    impedanceRange: spec.range && {
      minOhms: spec.range.min,
      maxOhms: spec.range.max,
      kind: "measured",
    },
    sensitivity: spec.sensitivity && { ...spec.sensitivity, kind, ref: "spec" },
    sensitivityMeasured:
      spec.measuredDbPerV === undefined
        ? undefined
        : { value: spec.measuredDbPerV, unit: "dB/V", kind: "measured" },
    maxInputMw: spec.maxInputMw === undefined ? undefined : { value: spec.maxInputMw, kind },
    priceUsd: spec.priceUsd === undefined ? undefined : { value: spec.priceUsd, kind },
    isolationDb:
      spec.isolationDb === undefined ? undefined : { value: spec.isolationDb, kind: "measured" },
    character: spec.character ?? [],
    calibration: spec.calibration
      ? [
          {
            vendor: "sonarworks",
            status: "available",
            ref: "spec",
            headroomDb: spec.calibrationHeadroomDb,
          },
        ]
      : [],
  };
}

export function makeHeadphone(spec: HeadphoneSpec = {}): Headphone {
  return resolveHeadphone(headphoneEntry(spec));
}

export interface SourceSpec extends FigureSpecs<typeof SOURCE_FIGURES> {
  id?: string;
  outputImpedanceOhms?: number;
  outputs?: SourceEntry["outputs"];
  noiseUv?: number;
  priceUsd?: number;
  type?: SourceEntry["type"];
  crossfeed?: boolean;
}

export function sourceEntry(spec: SourceSpec = {}): SourceEntry {
  return {
    ...figureEntries(SOURCE_FIGURES, spec),
    id: spec.id ?? "test-src",
    brand: "Test",
    model: spec.id ?? "Source",
    aliases: [],
    refs: {},
    type: spec.type ?? "amplifier",
    generic: false,
    outputImpedanceOhms:
      spec.outputImpedanceOhms === undefined
        ? undefined
        : { value: spec.outputImpedanceOhms, kind: "maker" },
    outputs: spec.outputs ?? [],
    noise:
      spec.noiseUv === undefined ? undefined : { value: spec.noiseUv, unit: "uV", kind: "maker" },
    crossfeed: spec.crossfeed ? { value: true } : undefined,
    priceUsd: spec.priceUsd === undefined ? undefined : { value: spec.priceUsd, kind: "maker" },
  };
}

export function makeSource(spec: SourceSpec = {}): Source {
  return resolveSource(sourceEntry(spec));
}

/** A rating helper: `vrms(2, 32)` is 2 Vrms into 32 ohm; `vrms(2)` is unloaded. */
export function vrms(value: number, loadOhms?: number): SourceEntry["outputs"][number] {
  return { value, unit: "Vrms", loadOhms, kind: "maker" };
}

export function mw(value: number, loadOhms: number): SourceEntry["outputs"][number] {
  return { value, unit: "mW", loadOhms, kind: "maker" };
}
