/**
 * Can this source drive this headphone? Pure physics over catalog figures.
 *
 * The source is modelled as what its maker states: ratings of voltage (or
 * power, which we turn into voltage) into stated loads, an output impedance,
 * and a current limit where stated. A source is roughly a voltage source
 * behind its output impedance, so a rating moves to another load through the
 * voltage divider, not as a constant power. We never claim more than a maker
 * states: below the lowest stated load the power stays at most what was
 * stated there, and between two stated loads we interpolate (log-log).
 */
import { confidenceOf } from "./facts.js";
import { fixed, headroomText, sig, signedDb } from "./format.js";
import type { Role } from "./roles.js";
import type { FigureKind, Headphone, MaxInputRating, OutputRating, Source } from "./types.js";
import { currentMaFromVrms, dbFromVoltageRatio, powerMwFromVrms, vrmsFromPower } from "./units.js";

export type Verdict = "ok" | "marginal" | "insufficient" | "unknown";
export type Severity = "info" | "warn" | "error";
/**
 * What caps the level: the source's voltage, its stated current limit, the
 * power it is rated for at its lowest rated load (held below it), its ratings
 * between two stated loads, or the headphone's own rated input.
 */
export type LimitedBy = "voltage" | "current" | "power" | "stated";
export type BindingLimit = LimitedBy | "rating";

export type FlagCode =
  | "voltage-limited"
  | "current-limited"
  | "power-limited"
  | "rating-limited"
  | "output-impedance-high"
  | "hiss-risk"
  | "overpower-risk"
  | "excess-gain"
  | "load-below-rating"
  | "current-unstated"
  | "output-impedance-unknown"
  | "output-rating-uncertain"
  | "missing-data";

export interface Flag {
  code: FlagCode;
  severity: Severity;
  message: string;
}

/** What the source can put across this load. */
export interface Delivery {
  vrms: number;
  ma: number;
  mw: number;
  limitedBy: LimitedBy;
  /** True when the load is below every stated load and the power held there is what binds. */
  belowStatedLoads: boolean;
  /** True when nothing stated says what current the source can supply (only unloaded voltages). */
  currentUnstated: boolean;
  /**
   * The output impedance these figures were worked out at when the source
   * states none: the worse of 0 Ω and ASSUMED_WORST_OUTPUT_IMPEDANCE_OHMS; null when stated.
   */
  outputImpedanceAssumedOhms: number | null;
}

export interface Requirement {
  vrms: number;
  ma: number;
  mw: number;
}

export interface AmpCheckInput {
  headphone: Headphone;
  source: Source;
  targetSplDb: number;
  /** Level given up to correction EQ (e.g. Sonarworks "Safe Headroom"), in dB. */
  eqHeadroomDb: number;
  /** What the target is for, in the verdict sentence: "mastering peaks". */
  purpose?: string | undefined;
  /** The role judged for: mixing and mastering put an audible response shift in the headline. */
  role?: Role | undefined;
}

export interface AmpCheck {
  headphone: { id: string; name: string };
  source: { id: string; name: string };
  targetSplDb: number;
  eqHeadroomDb: number;
  loadOhms: number | null;
  outputImpedanceOhms: number | null;
  sensitivityDbPerV: number | null;
  /** Which figure the sensitivity is: the maker's, or a measurement. */
  sensitivityKind: "maker" | "measured" | "assumption" | "user" | null;
  /** Spread of real units around the sensitivity figure used, in dB. */
  uncertaintyDb: number;
  available: Delivery | null;
  required: Requirement | null;
  /** SPL at the source's full output, after any EQ headroom, capped at the headphone's rated input. */
  maxSplDb: number | null;
  /** Which limit sets maxSplDb; null when the check cannot judge. */
  bindingLimit: BindingLimit | null;
  /** The headphone's rated input, and what kind of rating it is. */
  maxInputMw: number | null;
  maxInputRating: MaxInputRating | null;
  /**
   * With an unstated output impedance: the headroom at the better of 0 Ω and
   * the assumed worst case (headroomDb is at the worse); null when stated.
   */
  bestHeadroomDb: number | null;
  headroomDb: number | null;
  verdict: Verdict;
  reason: string;
  dampingFactor: number | null;
  /** Response deviation caused by the output impedance across the impedance curve. */
  frDeviationDb: number | null;
  noiseSplDb: number | null;
  /** How far below full volume the target sits. */
  excessGainDb: number | null;
  flags: Flag[];
  /** The arithmetic, one line per step, for --explain. */
  steps: string[];
}

/** Makers' sensitivity figures vs real units, and bench measurements' spread. */
export const UNCERTAINTY_DB = { maker: 3, measured: 1 } as const;
/**
 * Added to the band when the output ratings a verdict rests on are of low
 * confidence (a reviewer's reading, an approximate figure): as much again as
 * a maker's sensitivity spread, so such an answer reads marginal rather than
 * a confident ok or insufficient. Not for the generic presets, whose
 * assumptions are chosen low on purpose.
 */
export const LOW_CONFIDENCE_OUTPUT_DB = 3;
/** Output impedance over this fraction of the load damps poorly (the 1/8 rule). */
export const DAMPING_RULE = 8;
/** A response deviation above this is audible as a tonal change. */
export const AUDIBLE_DEVIATION_DB = 1;
/** Hiss louder than this in a quiet room is audible. */
export const AUDIBLE_HISS_SPL_DB = 10;
/** Targets this far below full volume sit where volume pots track badly. */
export const EXCESS_GAIN_DB = 30;
/**
 * An output impedance a source does not state is somewhere between 0 Ω and
 * this: IEC 61938 (1996) recommended 120 Ω for headphone outputs, the highest
 * a standard has asked for, and many older and professional outputs follow
 * it. Figures are worked out at both ends and the verdict spans them.
 */
export const ASSUMED_WORST_OUTPUT_IMPEDANCE_OHMS = 120;

/**
 * The ratings that apply to a load. A rating for a range of loads applies
 * from its minimum up to and including its maximum, unless another rating's
 * range starts at that maximum ("below 150 Ω" and "150 Ω to 1 kΩ": 150 Ω is
 * the second's, 1 kΩ still the second's).
 */
function applicable(outputs: readonly OutputRating[], loadOhms: number): OutputRating[] {
  const within = (r: OutputRating) => {
    const range = r.forLoadsOhms;
    if (range === null) return true;
    return (
      (range.min === null || loadOhms >= range.min) && (range.max === null || loadOhms <= range.max)
    );
  };
  const startsHere = outputs.some((r) => r.forLoadsOhms?.min === loadOhms);
  return outputs.filter(
    (r) =>
      within(r) && Number.isFinite(r.vrms) && !(startsHere && r.forLoadsOhms?.max === loadOhms),
  );
}

/** The voltage a rating implies at another load, through the output impedance. */
function theveninVrms(r: OutputRating, loadOhms: number, zo: number): number {
  const divider = loadOhms / (loadOhms + zo);
  if (r.loadOhms === null) return r.vrms * divider;
  return (r.vrms * divider) / (r.loadOhms / (r.loadOhms + zo));
}

/** Loaded ratings by load; of two at the same load, the lower (never claim more than stated). */
function byLoad(ratings: readonly OutputRating[]): OutputRating[] {
  const lowest = new Map<number, OutputRating>();
  for (const r of ratings) {
    if (r.loadOhms === null) continue;
    const seen = lowest.get(r.loadOhms);
    if (seen === undefined || r.vrms < seen.vrms) lowest.set(r.loadOhms, r);
  }
  return [...lowest.values()].sort((a, b) => (a.loadOhms as number) - (b.loadOhms as number));
}

/**
 * One model of a source, fitted from all its ratings that apply to a load:
 * a voltage source (the highest unloaded rating) behind an output impedance,
 * with the current it may supply and the power its loaded ratings state.
 */
export interface SourceModel {
  /** Loaded ratings by load (see byLoad). */
  loaded: OutputRating[];
  /** Open-circuit voltage: the highest unloaded rating; null when none is stated. */
  openCircuitVrms: number | null;
  /** The output impedance: stated (min = max), or the span it can lie in. */
  outputImpedanceOhms: { min: number; max: number; stated: boolean };
}

/**
 * Fit the model. An unstated output impedance lies between 0 Ω and IEC
 * 61938's 120 Ω, and no higher than each loaded rating allows: V_R into R
 * from an open-circuit V_oc means Zo ≤ R·(V_oc/V_R − 1) (a current or power
 * limit can only lower V_R further, so the bound holds either way).
 */
export function fitSource(source: Source, ratings: readonly OutputRating[]): SourceModel {
  const loaded = byLoad(ratings);
  let openCircuitVrms: number | null = null;
  for (const r of ratings)
    if (r.loadOhms === null && (openCircuitVrms === null || r.vrms > openCircuitVrms))
      openCircuitVrms = r.vrms;
  const stated = source.outputImpedanceOhms;
  if (stated !== null)
    return {
      loaded,
      openCircuitVrms,
      outputImpedanceOhms: { min: stated, max: stated, stated: true },
    };
  let max = ASSUMED_WORST_OUTPUT_IMPEDANCE_OHMS;
  if (openCircuitVrms !== null)
    for (const r of loaded)
      max = Math.min(max, Math.max(0, (r.loadOhms as number) * (openCircuitVrms / r.vrms - 1)));
  return { loaded, openCircuitVrms, outputImpedanceOhms: { min: 0, max, stated: false } };
}

/** What the loaded ratings allow into `loadOhms` at output impedance `zo`, and what binds; null when none caps it. */
function loadedCap(
  m: SourceModel,
  loadOhms: number,
  zo: number,
): { vrms: number; by: LimitedBy } | null {
  const lowest = m.loaded[0];
  const highest = m.loaded[m.loaded.length - 1];
  if (!lowest || !highest) return null;
  if (loadOhms <= (lowest.loadOhms as number)) {
    // Below the lowest stated load: voltage as the divider implies, but never
    // more power than the maker stated at that load.
    const statedMw = powerMwFromVrms(lowest.vrms, lowest.loadOhms as number);
    const byVoltage = theveninVrms(lowest, loadOhms, zo);
    const byPower = vrmsFromPower(statedMw, loadOhms);
    return byPower < byVoltage
      ? { vrms: byPower, by: "power" }
      : { vrms: byVoltage, by: "voltage" };
  }
  if (loadOhms >= (highest.loadOhms as number)) {
    // Above every rated load the open-circuit rating governs: a loaded rating
    // below it was a current or power limit, which binds less here.
    if (m.openCircuitVrms !== null) return null;
    // With neither an open-circuit rating nor a stated output impedance the
    // voltage never rises above what the maker states.
    return {
      vrms: m.outputImpedanceOhms.stated ? theveninVrms(highest, loadOhms, zo) : highest.vrms,
      by: "voltage",
    };
  }
  const upperIndex = m.loaded.findIndex((r) => (r.loadOhms as number) >= loadOhms);
  const hi = m.loaded[upperIndex] as OutputRating;
  const lo = m.loaded[upperIndex - 1] as OutputRating;
  const t =
    Math.log(loadOhms / (lo.loadOhms as number)) /
    Math.log((hi.loadOhms as number) / (lo.loadOhms as number));
  const logV = Math.log(lo.vrms) + t * (Math.log(hi.vrms) - Math.log(lo.vrms));
  return {
    vrms: Math.min(Math.exp(logV), theveninVrms(hi, loadOhms, zo)),
    // Between two stated loads the lower one's current may be what binds.
    by:
      lo.vrms / (lo.loadOhms as number) < hi.vrms / (hi.loadOhms as number) ? "voltage" : "stated",
  };
}

/** What the source delivers into `loadOhms` with output impedance `zo`. */
function deliverableAt(
  source: Source,
  m: SourceModel,
  loadOhms: number,
  zo: number,
): Omit<Delivery, "outputImpedanceAssumedOhms"> {
  let vrms =
    m.openCircuitVrms === null
      ? Number.POSITIVE_INFINITY
      : (m.openCircuitVrms * loadOhms) / (loadOhms + zo);
  let limitedBy: LimitedBy = "voltage";
  const cap = loadedCap(m, loadOhms, zo);
  if (cap !== null && cap.vrms < vrms) {
    vrms = cap.vrms;
    limitedBy = cap.by;
  }
  if (source.currentLimitMa !== null) {
    // The current limit is an rms figure, like the power ratings (see the schema).
    const byCurrent = (source.currentLimitMa / 1000) * loadOhms;
    if (byCurrent < vrms) {
      vrms = byCurrent;
      limitedBy = "current";
    }
  }
  const lowest = m.loaded[0];
  return {
    vrms,
    ma: currentMaFromVrms(vrms, loadOhms),
    mw: powerMwFromVrms(vrms, loadOhms),
    limitedBy,
    // Below every rated load the held power is what the flag warns of; not
    // when something else (a current limit) binds first.
    belowStatedLoads:
      lowest !== undefined && loadOhms < (lowest.loadOhms as number) && limitedBy === "power",
    currentUnstated: m.loaded.length === 0 && source.currentLimitMa === null,
  };
}

/**
 * What the source delivers into `loadOhms`, at worst and at best: the same
 * when the output impedance is stated; when it is not, at both ends of the
 * span the model allows it. Null when no rating applies.
 */
export function deliverableSpread(
  source: Source,
  loadOhms: number,
): { worst: Delivery; best: Delivery } | null {
  const ratings = applicable(source.outputs, loadOhms);
  if (ratings.length === 0) return null;
  const model = fitSource(source, ratings);
  const { min, max, stated } = model.outputImpedanceOhms;
  if (stated) {
    const d = { ...deliverableAt(source, model, loadOhms, min), outputImpedanceAssumedOhms: null };
    return { worst: d, best: d };
  }
  const ends = [min, max].map((zo) => ({
    ...deliverableAt(source, model, loadOhms, zo),
    outputImpedanceAssumedOhms: zo,
  }));
  const [a, b] = ends as [Delivery, Delivery];
  return a.vrms <= b.vrms ? { worst: a, best: b } : { worst: b, best: a };
}

/**
 * Voltage deliverable into `loadOhms` (at worst, when the output impedance is
 * not stated), or null when the source states nothing that applies to this load.
 */
export function deliverable(source: Source, loadOhms: number): Delivery | null {
  return deliverableSpread(source, loadOhms)?.worst ?? null;
}

/** Voltage, current and power a headphone needs for an SPL. */
export function requirementFor(
  sensitivityDbPerV: number,
  loadOhms: number,
  splDb: number,
): Requirement {
  const vrms = 10 ** ((splDb - sensitivityDbPerV) / 20);
  return { vrms, ma: currentMaFromVrms(vrms, loadOhms), mw: powerMwFromVrms(vrms, loadOhms) };
}

export function splAtVrms(sensitivityDbPerV: number, vrms: number): number {
  return sensitivityDbPerV + dbFromVoltageRatio(vrms);
}

/**
 * How much the output impedance tilts the response: the divider at the
 * impedance maximum vs the minimum, in dB (0 for a flat impedance curve).
 */
export function frDeviationDb(
  range: { min: number; max: number },
  outputImpedanceOhms: number,
): number {
  const at = (z: number) => z / (z + outputImpedanceOhms);
  return dbFromVoltageRatio(at(range.max) / at(range.min));
}

export function verdictFor(headroomDb: number, uncertaintyDb: number): Exclude<Verdict, "unknown"> {
  if (headroomDb >= uncertaintyDb) return "ok";
  if (headroomDb <= -uncertaintyDb) return "insufficient";
  return "marginal";
}

/** All a verdict needs of a headphone: the sensitivity to compute with, the load, its rating. */
export interface DriveFigures {
  /** dB SPL at 1 Vrms; null when none is sourced (or it cannot be converted). */
  dbPerV: number | null;
  /** Which figure that is: a measurement beats the maker's. */
  kind: FigureKind | null;
  loadOhms: number | null;
  /** The most the maker rates the headphone to take, in mW; null when not stated. */
  maxInputMw: number | null;
}

export function driveFigures(h: Headphone): DriveFigures {
  const measured = h.sensitivityMeasured?.dbPerV ?? null;
  const maker = h.sensitivity?.dbPerV ?? null;
  const [dbPerV, kind] =
    measured !== null
      ? [measured, "measured" as const]
      : maker !== null
        ? [maker, h.provenance.sensitivity?.kind ?? "maker"]
        : [null, null];
  return { dbPerV, kind, loadOhms: h.impedanceOhms, maxInputMw: h.maxInputMw };
}

/**
 * The figures a verdict rests on: what the source delivers into the load, the
 * headphone's rating, and the headroom that leaves; `judged` is null when a
 * figure is missing. With an unstated output impedance the figures are the
 * worse end of the spread, and the verdict is ok or insufficient only when
 * both ends agree.
 */
function reckon(
  f: DriveFigures,
  s: Source,
  targetSplDb: number,
  eqHeadroomDb: number,
  spreadOf: typeof deliverableSpread = deliverableSpread,
) {
  const sens = f.dbPerV === null || f.kind === null ? null : { dbPerV: f.dbPerV, kind: f.kind };
  const z = f.loadOhms;
  const spread = z === null ? null : spreadOf(s, z);
  const available = spread?.worst ?? null;
  if (sens === null || z === null || spread === null || available === null)
    return { sens, z, available, strongest: available, judged: null };
  const ratingUncertain = restsOnLowConfidence(s, z);
  const uncertaintyDb =
    (sens.kind === "measured" ? UNCERTAINTY_DB.measured : UNCERTAINTY_DB.maker) +
    (ratingUncertain ? LOW_CONFIDENCE_OUTPUT_DB : 0);
  const fullSpl = splAtVrms(sens.dbPerV, available.vrms);
  // The EQ's boost needs its level from the headphone's rating as from the source.
  const ratingSpl =
    f.maxInputMw === null ? null : splAtVrms(sens.dbPerV, vrmsFromPower(f.maxInputMw, z));
  const capped = (spl: number) =>
    Math.min(spl, ratingSpl ?? Number.POSITIVE_INFINITY) - eqHeadroomDb;
  const maxSplDb = capped(fullSpl);
  const headroomDb = maxSplDb - targetSplDb;
  const bindingLimit: BindingLimit =
    ratingSpl !== null && ratingSpl < fullSpl ? "rating" : available.limitedBy;
  const worst = verdictFor(headroomDb, uncertaintyDb);
  let bestHeadroomDb: number | null = null;
  let verdict = worst;
  if (spread.best !== spread.worst) {
    bestHeadroomDb = capped(splAtVrms(sens.dbPerV, spread.best.vrms)) - targetSplDb;
    const best = verdictFor(bestHeadroomDb, uncertaintyDb);
    if (best !== worst) verdict = "marginal";
  }
  return {
    sens,
    z,
    available,
    /** The strong end of the spread: what over-powering is checked at. */
    strongest: spread.best,
    judged: {
      ratingUncertain,
      uncertaintyDb,
      fullSpl,
      ratingSpl,
      maxSplDb,
      headroomDb,
      bestHeadroomDb,
      bindingLimit,
      verdict,
    },
  };
}

/** Whether the output ratings that apply to this load are of low confidence (never for a preset). */
function restsOnLowConfidence(s: Source, loadOhms: number): boolean {
  return (
    !s.generic && applicable(s.outputs, loadOhms).some((r) => confidenceOf(r.provenance) === "low")
  );
}

/** checkAmp's verdict and the figures it rests on, without the explanation. */
export interface Judgement {
  verdict: Verdict;
  maxSplDb: number | null;
  headroomDb: number | null;
}

/**
 * What a source delivers into each load, worked out once per source and load:
 * judging thousands of models against one source meets the same few
 * impedances again and again. Only `judge` uses it, which keeps nothing of
 * the spread but numbers.
 */
const SPREADS = new WeakMap<Source, Map<number, ReturnType<typeof deliverableSpread>>>();
function sharedSpread(s: Source, loadOhms: number): ReturnType<typeof deliverableSpread> {
  let bySource = SPREADS.get(s);
  if (!bySource) {
    bySource = new Map();
    SPREADS.set(s, bySource);
  }
  let spread = bySource.get(loadOhms);
  if (spread === undefined) {
    spread = deliverableSpread(s, loadOhms);
    bySource.set(loadOhms, spread);
  }
  return spread;
}

/**
 * checkAmp's judgement without its explanation (steps, flags, sentences): for
 * ranking thousands of models and searching candidate amplifiers, where
 * building the text was most of the time and garbage.
 */
export function judge(
  f: DriveFigures,
  s: Source,
  targetSplDb: number,
  eqHeadroomDb: number,
): Judgement {
  const { judged } = reckon(f, s, targetSplDb, eqHeadroomDb, sharedSpread);
  return judged
    ? { verdict: judged.verdict, maxSplDb: judged.maxSplDb, headroomDb: judged.headroomDb }
    : { verdict: "unknown", maxSplDb: null, headroomDb: null };
}

const ohms = (n: number) => `${sig(n)} Ω`;
const TONE_CRITICAL: readonly Role[] = ["mixing", "mastering"];

/** The flag naming the limit that binds, when the verdict is not ok. */
function limitFlag(
  binding: BindingLimit,
  verdict: Verdict,
  headroomDb: number,
  uncertaintyDb: number,
  figures: {
    available: Delivery;
    required: Requirement;
    maxInputMw: number | null;
    rating: MaxInputRating | null;
    lowestRatedLoadOhms: number | null;
    /** The output impedance is not stated: figures are at its worse end. */
    zoUnstated: boolean;
  },
): Flag {
  const { available: a, required: r } = figures;
  const [code, what, have, need]: [FlagCode, string, string, string] =
    binding === "rating"
      ? [
          "rating-limited",
          `the headphone's rated input (${sig(figures.maxInputMw ?? 0)} mW${figures.rating ? ` ${figures.rating}` : ""})`,
          `${sig(figures.maxInputMw ?? 0)} mW rated`,
          `${sig(r.mw)} mW needed`,
        ]
      : binding === "current"
        ? ["current-limited", "current", `${sig(a.ma)} mA available`, `${sig(r.ma)} mA needed`]
        : binding === "power"
          ? [
              "power-limited",
              `power (held at what the maker states at its lowest rated load, ${ohms(figures.lowestRatedLoadOhms ?? 0)})`,
              `${sig(a.mw)} mW available`,
              `${sig(r.mw)} mW needed`,
            ]
          : [
              "voltage-limited",
              binding === "stated" ? "voltage (between its stated ratings)" : "voltage",
              `${sig(a.vrms)} Vrms available`,
              `${sig(r.vrms)} Vrms needed`,
            ];
  const figuresText = `${have}, ${need}`;
  if (verdict === "insufficient") {
    const message =
      binding === "rating"
        ? `the headphone's rating binds: ${need}, above the ${have}${figures.rating === "continuous" ? " (a continuous rating: brief peaks above it may be tolerated, but the maker states no more)" : ""}`
        : `runs out of ${what}: ${figuresText}`;
    return { code, severity: "error", message };
  }
  if (figures.zoUnstated && headroomDb <= -uncertaintyDb) {
    // Marginal only because the output impedance is unknown: short at its worse end.
    return {
      code,
      severity: "warn",
      message: `runs out of ${what} if the unstated output impedance is high: ${figuresText}`,
    };
  }
  const band = `within the spread of real units (±${fixed(uncertaintyDb)} dB)`;
  const message =
    headroomDb >= 0
      ? `${what} is the limit, ${band}: ${figuresText}`
      : `${what} is the limit, ${fixed(-headroomDb)} dB short on the stated figures but ${band}: ${figuresText}`;
  return { code, severity: "warn", message };
}

/** Damping factor, response shift, and the flag when the output impedance is too high for the load. */
function dampingOf(h: Headphone, z: number | null, zo: number | null) {
  const dampingFactor = z !== null && zo !== null && zo > 0 ? z / zo : null;
  const deviation =
    h.impedanceRangeOhms && zo !== null ? frDeviationDb(h.impedanceRangeOhms, zo) : null;
  let flag: Flag | null = null;
  if (zo !== null && z !== null && zo > 0) {
    const minZ = h.impedanceRangeOhms?.min ?? z;
    const audible = deviation !== null && deviation > AUDIBLE_DEVIATION_DB;
    if (minZ / zo < DAMPING_RULE || audible) {
      flag = {
        code: "output-impedance-high",
        severity: audible ? "warn" : "info",
        message:
          deviation !== null
            ? `${ohms(zo)} output impedance vs ${sig(minZ)}–${ohms(h.impedanceRangeOhms?.max ?? z)} load: the response shifts by ${fixed(deviation)} dB across the impedance curve (1/8 rule: want ≤ ${ohms(minZ / DAMPING_RULE)})`
            : `${ohms(zo)} output impedance is more than 1/8 of ${ohms(minZ)} (damping factor ${fixed(minZ / zo)}); bass control and response may shift`,
      };
    }
  }
  return { dampingFactor, deviation, flag };
}

/** What keeps the check from judging, one phrase each. */
function missingFigures(
  h: Headphone,
  s: Source,
  sens: { dbPerV: number } | null,
  z: number | null,
  available: Delivery | null,
): string[] {
  const missing: string[] = [];
  if (z === null) missing.push(`${h.name} has no sourced impedance`);
  if (sens === null)
    missing.push(
      h.sensitivity === null
        ? `${h.name} has no sourced sensitivity`
        : `${h.name}'s sensitivity is in ${h.sensitivity.unit} and needs its impedance to convert`,
    );
  if (z !== null && available === null)
    missing.push(`${s.name} states no output that applies to ${ohms(z)}`);
  return missing;
}

/** The span an unstated output impedance was worked out over (0 Ω to the model's bound). */
function zoSpanOf(worst: Delivery, best: Delivery): number {
  return Math.max(worst.outputImpedanceAssumedOhms ?? 0, best.outputImpedanceAssumedOhms ?? 0);
}

/** The arithmetic behind the verdict, one line per step, for --explain. */
function arithmetic(
  h: Headphone,
  s: Source,
  c: {
    sens: { dbPerV: number; kind: string };
    z: number;
    available: Delivery;
    zoSpanOhms: number;
    targetSplDb: number;
    eqHeadroomDb: number;
    fullSpl: number;
    ratingSpl: number | null;
    maxSplDb: number;
    headroomDb: number;
    uncertaintyDb: number;
    required: Requirement;
  },
): string[] {
  const { sens, z, available } = c;
  const steps: string[] = [];
  const stated = h.sensitivity;
  if (stated && stated.unit === "dB/mW" && sens.kind !== "measured") {
    steps.push(
      `sensitivity: ${fixed(stated.value)} dB/mW + 10·log10(1000 / ${ohms(z)}) = ${fixed(sens.dbPerV)} dB/V`,
    );
  } else {
    steps.push(`sensitivity: ${fixed(sens.dbPerV)} dB/V (${sens.kind})`);
  }
  const zo = s.outputImpedanceOhms;
  const zoText =
    zo === null
      ? `output impedance not stated: the worse of 0 Ω and ${ohms(c.zoSpanOhms)}, here ${ohms(available.outputImpedanceAssumedOhms ?? 0)}`
      : `output impedance ${ohms(zo)}`;
  steps.push(
    `source: ${sig(available.vrms)} Vrms into ${ohms(z)} (${available.limitedBy}-limited; ${zoText})`,
    `current: ${sig(available.vrms)} V / ${ohms(z)} = ${sig(available.ma)} mA; power: ${sig(available.vrms)}² / ${ohms(z)} = ${sig(available.mw)} mW`,
    `max SPL: ${fixed(sens.dbPerV)} + 20·log10(${sig(available.vrms)}) = ${fixed(c.fullSpl)} dB SPL`,
  );
  if (c.ratingSpl !== null && h.maxInputMw !== null) {
    steps.push(
      `rated input: ${sig(h.maxInputMw)} mW${h.maxInputRating ? ` (${h.maxInputRating})` : ""} into ${ohms(z)} = ${fixed(c.ratingSpl)} dB SPL${c.ratingSpl < c.fullSpl ? ", lower: the rating binds" : ""}`,
    );
  }
  if (c.eqHeadroomDb > 0)
    steps.push(
      `EQ headroom: ${fixed(Math.min(c.fullSpl, c.ratingSpl ?? Number.POSITIVE_INFINITY))} − ${fixed(c.eqHeadroomDb)} = ${fixed(c.maxSplDb)} dB SPL`,
    );
  const neededSpl = c.targetSplDb + c.eqHeadroomDb;
  steps.push(
    `needed for ${fixed(c.targetSplDb)} dB SPL${c.eqHeadroomDb > 0 ? ` plus ${fixed(c.eqHeadroomDb)} dB EQ boost` : ""}: 10^((${fixed(neededSpl)} − ${fixed(sens.dbPerV)}) / 20) = ${sig(c.required.vrms)} Vrms, ${sig(c.required.ma)} mA, ${sig(c.required.mw)} mW`,
    `headroom: ${fixed(c.maxSplDb)} − ${fixed(c.targetSplDb)} = ${signedDb(c.headroomDb)}; within ±${fixed(c.uncertaintyDb)} dB (${sens.kind} sensitivity${c.uncertaintyDb > UNCERTAINTY_DB.maker ? ", low-confidence output rating" : ""}) is marginal`,
  );
  return steps;
}

/** Flags about the load, the current, the over-powering and the gain, once a verdict is made. */
function circumstanceFlags(
  h: Headphone,
  s: Source,
  c: { z: number; available: Delivery; strongest: Delivery; fullSpl: number; excessGainDb: number },
): Flag[] {
  const flags: Flag[] = [];
  const { z, available, strongest } = c;
  if (available.belowStatedLoads) {
    flags.push({
      code: "load-below-rating",
      severity: "info",
      message: `${ohms(z)} is below every load ${s.name} is rated into; power held at the stated figure`,
    });
  }
  if (available.currentUnstated) {
    flags.push({
      code: "current-unstated",
      severity: "info",
      message: `${s.name} states only a voltage with no load or current: ${sig(available.ma)} mA into ${ohms(z)} is assumed, not stated`,
    });
  }
  // At the strong end of the spread: an unstated output impedance may be low.
  if (h.maxInputMw !== null && strongest.mw > h.maxInputMw) {
    flags.push({
      code: "overpower-risk",
      severity: "warn",
      message: `can deliver ${sig(strongest.mw)} mW${strongest === available ? "" : " (with its output impedance at the low end)"}, above the ${sig(h.maxInputMw)} mW the maker rates the headphone for${h.maxInputRating ? ` (${h.maxInputRating})` : ""}; keep the volume down`,
    });
  }
  if (c.excessGainDb > EXCESS_GAIN_DB) {
    flags.push({
      code: "excess-gain",
      severity: "info",
      message: `the target sits ${fixed(c.excessGainDb)} dB below full volume, low on the pot where channel balance and hiss suffer; use a low-gain setting if there is one`,
    });
  }
  return flags;
}

/** Hiss in the headphone from the source's noise floor: the SPL and, when audible, a flag. */
function hissOf(
  s: Source,
  sens: { dbPerV: number },
  z: number,
): { noiseSplDb: number | null; step: string | null; flag: Flag | null } {
  const noiseUv = usableNoise(s.noiseUv) ?? noiseFromDynamicRange(s);
  if (noiseUv === null) return { noiseSplDb: null, step: null, flag: null };
  const zo = s.outputImpedanceOhms;
  const divider = zo === null ? 1 : z / (z + zo);
  const noiseSplDb = splAtVrms(sens.dbPerV, (noiseUv / 1e6) * divider);
  return {
    noiseSplDb,
    step: `hiss: ${sig(noiseUv)} µV noise → ${fixed(noiseSplDb)} dB SPL`,
    flag:
      noiseSplDb > AUDIBLE_HISS_SPL_DB
        ? {
            code: "hiss-risk",
            severity: "warn",
            message: `the source's noise floor reaches ${fixed(noiseSplDb)} dB SPL in these headphones; audible in quiet passages`,
          }
        : null,
  };
}

export function checkAmp(input: AmpCheckInput): AmpCheck {
  const { headphone: h, source: s, targetSplDb, eqHeadroomDb } = input;
  const base = {
    headphone: { id: h.id, name: h.name },
    source: { id: s.id, name: s.name },
    targetSplDb,
    eqHeadroomDb,
    loadOhms: h.impedanceOhms,
    outputImpedanceOhms: s.outputImpedanceOhms,
    maxInputMw: h.maxInputMw,
    maxInputRating: h.maxInputMw === null ? null : h.maxInputRating,
  };
  const { sens, z, available, strongest, judged } = reckon(
    driveFigures(h),
    s,
    targetSplDb,
    eqHeadroomDb,
  );
  const zo = s.outputImpedanceOhms;
  const { dampingFactor, deviation, flag: dampingFlag } = dampingOf(h, z, zo);
  const flags: Flag[] = dampingFlag ? [dampingFlag] : [];
  const missing = missingFigures(h, s, sens, z, available);
  if (sens === null || z === null || available === null || strongest === null || !judged) {
    if (zo === null) flags.push(unknownImpedanceFlag(s.name, null, null));
    flags.push({ code: "missing-data", severity: "info", message: missing.join("; ") });
    return {
      ...base,
      sensitivityDbPerV: sens?.dbPerV ?? null,
      sensitivityKind: sens?.kind ?? null,
      uncertaintyDb: UNCERTAINTY_DB.maker,
      available,
      required: null,
      maxSplDb: null,
      bindingLimit: null,
      bestHeadroomDb: null,
      headroomDb: null,
      verdict: "unknown",
      reason: `Cannot judge: ${missing.join("; ")}. Add the figure in a catalog file (--catalog).`,
      dampingFactor,
      frDeviationDb: deviation,
      noiseSplDb: null,
      excessGainDb: null,
      flags,
      steps: [],
    };
  }

  const { uncertaintyDb, fullSpl, maxSplDb, headroomDb, bestHeadroomDb, bindingLimit, verdict } =
    judged;
  const zoSpanOhms = zoSpanOf(available, strongest);
  if (zo === null)
    flags.push(
      unknownImpedanceFlag(s.name, zoSpanOhms, { worst: headroomDb, best: bestHeadroomDb }),
    );
  if (judged.ratingUncertain) {
    flags.push({
      code: "output-rating-uncertain",
      severity: "warn",
      message: `${s.name}'s output rating is of low confidence: the marginal band is widened by ${fixed(LOW_CONFIDENCE_OUTPUT_DB)} dB to ±${fixed(uncertaintyDb)} dB`,
    });
  }
  // Needed: the target plus the EQ's largest boost, which must come out of the same chain.
  const required = requirementFor(sens.dbPerV, z, targetSplDb + eqHeadroomDb);
  const steps = arithmetic(h, s, {
    ...judged,
    sens,
    z,
    available,
    zoSpanOhms,
    targetSplDb,
    eqHeadroomDb,
    required,
  });
  if (verdict !== "ok") {
    const lowest = byLoad(applicable(s.outputs, z))[0]?.loadOhms ?? null;
    flags.push(
      limitFlag(bindingLimit, verdict, headroomDb, uncertaintyDb, {
        available,
        required,
        maxInputMw: h.maxInputMw,
        rating: h.maxInputRating,
        lowestRatedLoadOhms: lowest,
        zoUnstated: zo === null,
      }),
    );
  }
  const hiss = hissOf(s, sens, z);
  if (hiss.step) steps.push(hiss.step);
  if (hiss.flag) flags.push(hiss.flag);
  // How far below the source's full output the target sits (the rating does not move the pot).
  const excessGainDb = fullSpl - eqHeadroomDb - targetSplDb;
  flags.push(...circumstanceFlags(h, s, { z, available, strongest, fullSpl, excessGainDb }));
  const shift =
    input.role !== undefined &&
    TONE_CRITICAL.includes(input.role) &&
    deviation !== null &&
    zo !== null &&
    deviation > AUDIBLE_DEVIATION_DB
      ? ` But its ${ohms(zo)} output impedance shifts this headphone's response by ${fixed(deviation)} dB across its impedance curve: too much to trust for ${input.role}.`
      : "";
  return {
    ...base,
    sensitivityDbPerV: sens.dbPerV,
    sensitivityKind: sens.kind,
    uncertaintyDb,
    available,
    required,
    maxSplDb,
    bindingLimit,
    bestHeadroomDb,
    headroomDb,
    verdict,
    reason: `${reasonFor({
      verdict,
      hp: h.name,
      src: s.name,
      maxSpl: maxSplDb,
      target: targetSplDb,
      headroomDb,
      purpose: input.purpose ?? "the target",
      rated: bindingLimit === "rating",
      zoUnknown: zo === null,
    })}${shift}`,
    dampingFactor,
    frDeviationDb: deviation,
    noiseSplDb: hiss.noiseSplDb,
    excessGainDb,
    flags,
    steps,
  };
}

function unknownImpedanceFlag(
  name: string,
  spanOhms: number | null,
  spread: { worst: number; best: number | null } | null,
): Flag {
  const range =
    spread === null || spread.best === null
      ? ""
      : `: headroom ${signedDb(spread.worst)} at worst, ${signedDb(spread.best)} at best`;
  const span =
    spanOhms === null || spanOhms >= ASSUMED_WORST_OUTPUT_IMPEDANCE_OHMS
      ? `between 0 Ω and ${ohms(ASSUMED_WORST_OUTPUT_IMPEDANCE_OHMS)} (IEC 61938's recommendation)`
      : `between 0 Ω and ${ohms(spanOhms)} (the most its own ratings allow)`;
  return {
    code: "output-impedance-unknown",
    severity: "warn",
    message: `${name} does not state its output impedance; worked out ${span}, the worse end shown${range}`,
  };
}

/** A noise figure that can be computed with: a stated 0 or negative µV is not one. */
function usableNoise(noiseUv: number | null): number | null {
  return noiseUv !== null && Number.isFinite(noiseUv) && noiseUv > 0 ? noiseUv : null;
}

/**
 * Noise from a stated dynamic range below the largest output the source
 * states (loaded or not: the range is measured from full scale), in µV.
 */
function noiseFromDynamicRange(s: Source): number | null {
  if (s.dynamicRangeDb === null) return null;
  const full = Math.max(...s.outputs.map((o) => o.vrms).filter((v) => Number.isFinite(v)));
  return usableNoise(Number.isFinite(full) ? (full / 10 ** (s.dynamicRangeDb / 20)) * 1e6 : null);
}

function reasonFor(r: {
  verdict: Verdict;
  hp: string;
  src: string;
  maxSpl: number;
  target: number;
  headroomDb: number;
  purpose: string;
  rated: boolean;
  zoUnknown: boolean;
}): string {
  const tops = r.rated
    ? `the ${r.hp}'s rated input allows about ${fixed(r.maxSpl, 0)} dB SPL at most (the ${r.src} could drive it louder)`
    : `${r.src} tops out at about ${fixed(r.maxSpl, 0)} dB SPL on the ${r.hp}`;
  const want = `${r.purpose} want${r.purpose.endsWith("s") ? "" : "s"} ${fixed(r.target, 0)} dB SPL`;
  switch (r.verdict) {
    case "ok":
      return `${capitalize(tops)}; ${want}, so there are ${headroomText(r.headroomDb, "ok").slice(1)} to spare.`;
    case "marginal":
      return r.zoUnknown
        ? `${capitalize(tops)} with the worst output impedance it could have; ${want}: it depends on the output impedance the maker does not state.`
        : `${capitalize(tops)}; ${want}: too close to call, within the spread of real units.`;
    default:
      return r.rated
        ? `${capitalize(tops)}; ${want}: the headphone's rating, not the source, is the limit.`
        : `${capitalize(tops)}; ${want} or more.`;
  }
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
