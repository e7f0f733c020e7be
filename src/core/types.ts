/**
 * The resolved catalog the core works with: plain values, every figure in one
 * unit (named in the field), with the provenance of each figure kept beside it.
 * Built from the validated catalog files by `catalog/resolve.ts`.
 */
import type { FigureValues, HEADPHONE_FIGURES, SOURCE_FIGURES } from "./fields.js";
import type {
  Back,
  CalibrationVendor,
  CharacterTag,
  Confidence,
  Driver,
  FigureKind,
  Grade,
  IsolationAttenuation,
  IsolationStatistic,
  MaxInputRating,
  NoteBasis,
  OutputUnit,
  SensitivityUnit,
  SourceType,
} from "./vocabulary.js";

export type {
  Back,
  CharacterTag,
  Confidence,
  Driver,
  FigureKind,
  Grade,
  MaxInputRating,
  NoteBasis,
  OutputUnit,
  SensitivityUnit,
  SourceType,
};

/** A reference as a catalog file writes it: a url or a document, and a title. */
export interface Ref {
  url?: string | undefined;
  document?: string | undefined;
  title?: string | undefined;
}

/** Where one figure came from. `source` is the reference's url or document. */
export interface Provenance {
  kind: FigureKind;
  ref: string | null;
  source: string | null;
  note: string | null;
  /** As the catalog states it; null: the kind's default (`confidenceOf`). */
  confidence: Confidence | null;
  /** When the figure was observed or published (prices): YYYY, YYYY-MM or YYYY-MM-DD. */
  date: string | null;
}

/** A sensitivity as the maker (or a measurement) states it, with both conversions. */
export interface Sensitivity {
  value: number;
  unit: SensitivityUnit;
  /** dB SPL at 1 mW; null when the unit is dB/V and the impedance is unknown. */
  dbPerMw: number | null;
  /** dB SPL at 1 Vrms; null when the unit is dB/mW and the impedance is unknown. */
  dbPerV: number | null;
}

export interface Range {
  min: number;
  max: number;
}

export interface CharacterNote {
  tags: CharacterTag[];
  text: string;
  ref: string | null;
  source: string | null;
  /** What the note rests on (a measured curve's note: measurement); listening when not said. */
  basis?: NoteBasis;
  /** Derived from a measured curve (`source` is the file), not from a reviewer's words. */
  measured?: boolean;
}

/** A measured response curve a user catalog points to. */
export interface CurveRef {
  /** The CSV file; absolute once loaded (written relative to its catalog file). */
  file: string;
  rig: string;
  source: string;
}

export interface CalibrationProfile {
  vendor: CalibrationVendor;
  /** Largest boost of the correction curve, i.e. the level it gives up, in dB. */
  headroomDb: number | null;
  ref: string | null;
  source: string | null;
}

/** What headphones and sources have alike: identity, family, price, provenance. */
export interface CatalogEntry {
  id: string;
  brand: string;
  model: string;
  /** Brand and model, with the variant when there is one. */
  name: string;
  aliases: string[];
  family: string | null;
  variant: string | null;
  /** Ids of the other entries of the same family. */
  siblings: string[];
  priceUsd: number | null;
  /** Provenance by field name (`impedanceOhms`, `sensitivity`, ...). */
  provenance: Record<string, Provenance>;
  refs: Record<string, Ref>;
}

/** A headphone: the figures declared in fields.ts, and the fields with more to them. */
export interface Headphone extends CatalogEntry, FigureValues<typeof HEADPHONE_FIGURES> {
  /** Its family's studio default (the variant a family row stands for without a source). */
  familyDefault: boolean;
  back: Back;
  driver: Driver;
  impedanceOhms: number | null;
  impedanceRangeOhms: Range | null;
  sensitivity: Sensitivity | null;
  sensitivityMeasured: Sensitivity | null;
  maxInputMw: number | null;
  /** `maximum` (a short-term peak rating) or `continuous` (long-term); null when the maker does not say. */
  maxInputRating: MaxInputRating | null;
  isolationDb: number | null;
  /** What the isolation figure means, as far as its source says. */
  isolationBasis: IsolationBasis | null;
  frequencyResponseHz: Range | null;
  /** A measured curve, from a user catalog. */
  frequencyResponse: CurveRef | null;
  /** AutoEq's file name for this model, by source folder, in order of preference. */
  measurements: Record<string, string>;
  character: CharacterNote[];
  /** Profiles that exist (sourced). */
  calibration: CalibrationProfile[];
  /** Vendors whose lists were checked, whether or not they had a profile; none: not checked. */
  calibrationChecked: string[];
}

/** What an isolation figure measures: see ISOLATION_STATISTICS in vocabulary.ts. */
export interface IsolationBasis {
  attenuation: IsolationAttenuation | null;
  statistic: IsolationStatistic | null;
  /** The band the figure covers; null at an end the source leaves open. */
  fromHz: number | null;
  toHz: number | null;
}

/** One stated output rating, with the voltage it implies. */
export interface OutputRating {
  value: number;
  unit: OutputUnit;
  loadOhms: number | null;
  /** The rating applies only to loads in this range (load-sensing outputs). */
  forLoadsOhms: { min: number | null; max: number | null } | null;
  /** The rating as an rms voltage across the stated load (or unloaded). */
  vrms: number;
  provenance: Provenance;
}

/** A source: the figures declared in fields.ts, and the fields with more to them. */
export interface Source extends CatalogEntry, FigureValues<typeof SOURCE_FIGURES> {
  type: SourceType;
  generic: boolean;
  outputImpedanceOhms: number | null;
  outputs: OutputRating[];
  /** Output noise in microvolts rms, where stated. */
  noiseUv: number | null;
  /** Whether it has crossfeed; null when no source says. */
  crossfeed: boolean | null;
  headphoneOutputs: number | null;
}

export interface Catalog {
  headphones: Headphone[];
  sources: Source[];
}
