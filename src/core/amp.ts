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
import type { FigureKind, Headphone, OutputRating, Source } from "./types.js";
import { currentMaFromVrms, dbFromVoltageRatio, powerMwFromVrms, vrmsFromPower } from "./units.js";

export type Verdict = "ok" | "marginal" | "insufficient" | "unknown";
export type Severity = "info" | "warn" | "error";
export type LimitedBy = "voltage" | "current" | "power" | "stated";

export type FlagCode =
  | "voltage-limited"
  | "current-limited"
  | "output-impedance-high"
  | "hiss-risk"
  | "overpower-risk"
  | "excess-gain"
  | "load-below-rating"
  | "current-unstated"
  | "output-impedance-unknown"
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
  /** True when the load is below every stated load and no current limit is stated. */
  belowStatedLoads: boolean;
  /** True when nothing stated says what current the source can supply (only unloaded voltages). */
  currentUnstated: boolean;
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
  /** SPL at the source's full output, after any EQ headroom. */
  maxSplDb: number | null;
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
/** Output impedance over this fraction of the load damps poorly (the 1/8 rule). */
export const DAMPING_RULE = 8;
/** A response deviation above this is audible as a tonal change. */
export const AUDIBLE_DEVIATION_DB = 1;
/** Hiss louder than this in a quiet room is audible. */
export const AUDIBLE_HISS_SPL_DB = 10;
/** Targets this far below full volume sit where volume pots track badly. */
export const EXCESS_GAIN_DB = 30;

function applies(r: OutputRating, loadOhms: number): boolean {
  const range = r.forLoadsOhms;
  if (range === null) return true;
  return (
    (range.min === null || loadOhms >= range.min) && (range.max === null || loadOhms < range.max)
  );
}

/** The voltage a rating implies at another load, through the output impedance. */
function theveninVrms(r: OutputRating, loadOhms: number, zo: number): number {
  const divider = loadOhms / (loadOhms + zo);
  if (r.loadOhms === null) return r.vrms * divider;
  return (r.vrms * divider) / (r.loadOhms / (r.loadOhms + zo));
}

/**
 * Voltage deliverable into `loadOhms`, or null when the source states nothing
 * that applies to this load.
 */
export function deliverable(source: Source, loadOhms: number): Delivery | null {
  const zo = source.outputImpedanceOhms ?? 0;
  const ratings = source.outputs.filter((r) => applies(r, loadOhms) && Number.isFinite(r.vrms));
  if (ratings.length === 0) return null;
  const loaded = ratings
    .filter((r) => r.loadOhms !== null)
    .sort((a, b) => (a.loadOhms as number) - (b.loadOhms as number));
  const unloaded = ratings.filter((r) => r.loadOhms === null);

  let vrms = Number.POSITIVE_INFINITY;
  let limitedBy: LimitedBy = "voltage";
  for (const r of unloaded) vrms = Math.min(vrms, theveninVrms(r, loadOhms, zo));

  let belowStatedLoads = false;
  const lowest = loaded[0];
  const highest = loaded[loaded.length - 1];
  if (lowest && highest) {
    let v: number;
    let by: LimitedBy = "voltage";
    if (loadOhms <= (lowest.loadOhms as number)) {
      // Below the lowest stated load: voltage as the divider implies, but never
      // more power than the maker stated at that load.
      const statedMw = powerMwFromVrms(lowest.vrms, lowest.loadOhms as number);
      const byVoltage = theveninVrms(lowest, loadOhms, zo);
      const byPower = vrmsFromPower(statedMw, loadOhms);
      v = Math.min(byVoltage, byPower);
      if (byPower < byVoltage) by = "power";
      belowStatedLoads = loadOhms < (lowest.loadOhms as number);
    } else if (loadOhms >= (highest.loadOhms as number)) {
      v = theveninVrms(highest, loadOhms, zo);
    } else {
      const upperIndex = loaded.findIndex((r) => (r.loadOhms as number) >= loadOhms);
      const hi = loaded[upperIndex] as OutputRating;
      const lo = loaded[upperIndex - 1] as OutputRating;
      const t =
        Math.log(loadOhms / (lo.loadOhms as number)) /
        Math.log((hi.loadOhms as number) / (lo.loadOhms as number));
      const logV = Math.log(lo.vrms) + t * (Math.log(hi.vrms) - Math.log(lo.vrms));
      v = Math.min(Math.exp(logV), theveninVrms(hi, loadOhms, zo));
      // Between two stated loads the lower one's current may be what binds.
      by =
        lo.vrms / (lo.loadOhms as number) < hi.vrms / (hi.loadOhms as number)
          ? "voltage"
          : "stated";
    }
    if (v < vrms) {
      vrms = v;
      limitedBy = by;
    }
  }
  if (source.currentLimitMa !== null) {
    const byCurrent = (source.currentLimitMa / 1000) * loadOhms;
    if (byCurrent < vrms) {
      vrms = byCurrent;
      limitedBy = "current";
    }
    belowStatedLoads = false;
  }
  return {
    vrms,
    ma: currentMaFromVrms(vrms, loadOhms),
    mw: powerMwFromVrms(vrms, loadOhms),
    limitedBy,
    belowStatedLoads,
    currentUnstated: loaded.length === 0 && source.currentLimitMa === null,
  };
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

/** All a verdict needs of a headphone: the sensitivity to compute with, and the load. */
export interface DriveFigures {
  /** dB SPL at 1 Vrms; null when none is sourced (or it cannot be converted). */
  dbPerV: number | null;
  /** Which figure that is: a measurement beats the maker's. */
  kind: FigureKind | null;
  loadOhms: number | null;
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
  return { dbPerV, kind, loadOhms: h.impedanceOhms };
}

/**
 * The figures a verdict rests on: what the source delivers into the load and
 * the headroom that leaves; `judged` is null when a figure is missing.
 */
function reckon(f: DriveFigures, s: Source, targetSplDb: number, eqHeadroomDb: number) {
  const sens = f.dbPerV === null || f.kind === null ? null : { dbPerV: f.dbPerV, kind: f.kind };
  const z = f.loadOhms;
  const available = z === null ? null : deliverable(s, z);
  if (sens === null || available === null) return { sens, z, available, judged: null };
  const uncertaintyDb = sens.kind === "measured" ? UNCERTAINTY_DB.measured : UNCERTAINTY_DB.maker;
  const fullSpl = splAtVrms(sens.dbPerV, available.vrms);
  const maxSplDb = fullSpl - eqHeadroomDb;
  const headroomDb = maxSplDb - targetSplDb;
  const verdict = verdictFor(headroomDb, uncertaintyDb);
  return { sens, z, available, judged: { uncertaintyDb, fullSpl, maxSplDb, headroomDb, verdict } };
}

/** checkAmp's verdict and the figures it rests on, without the explanation. */
export interface Judgement {
  verdict: Verdict;
  maxSplDb: number | null;
  headroomDb: number | null;
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
  const { judged } = reckon(f, s, targetSplDb, eqHeadroomDb);
  return judged
    ? { verdict: judged.verdict, maxSplDb: judged.maxSplDb, headroomDb: judged.headroomDb }
    : { verdict: "unknown", maxSplDb: null, headroomDb: null };
}

const f1 = (n: number) => n.toFixed(1);
const f2 = (n: number) => (n >= 10 ? n.toFixed(1) : n.toFixed(2));

export function checkAmp(input: AmpCheckInput): AmpCheck {
  const { headphone: h, source: s, targetSplDb, eqHeadroomDb } = input;
  const flags: Flag[] = [];
  const steps: string[] = [];
  const base = {
    headphone: { id: h.id, name: h.name },
    source: { id: s.id, name: s.name },
    targetSplDb,
    eqHeadroomDb,
    loadOhms: h.impedanceOhms,
    outputImpedanceOhms: s.outputImpedanceOhms,
  };
  const { sens, z, available, judged } = reckon(driveFigures(h), s, targetSplDb, eqHeadroomDb);
  const missing: string[] = [];
  if (z === null) missing.push(`${h.name} has no sourced impedance`);
  if (sens === null)
    missing.push(
      h.sensitivity === null
        ? `${h.name} has no sourced sensitivity`
        : `${h.name}'s sensitivity is in ${h.sensitivity.unit} and needs its impedance to convert`,
    );
  if (z !== null && available === null)
    missing.push(`${s.name} states no output that applies to ${z} Ω`);

  const zo = s.outputImpedanceOhms;
  const dampingFactor = z !== null && zo !== null && zo > 0 ? z / zo : null;
  const deviation =
    h.impedanceRangeOhms && zo !== null ? frDeviationDb(h.impedanceRangeOhms, zo) : null;
  if (zo === null) {
    flags.push({
      code: "output-impedance-unknown",
      severity: "info",
      message: `${s.name} does not state its output impedance; computed as 0 Ω (best case)`,
    });
  } else if (z !== null && zo > 0) {
    const minZ = h.impedanceRangeOhms?.min ?? z;
    if (minZ / zo < DAMPING_RULE || (deviation !== null && deviation > AUDIBLE_DEVIATION_DB)) {
      flags.push({
        code: "output-impedance-high",
        severity: deviation !== null && deviation > AUDIBLE_DEVIATION_DB ? "warn" : "info",
        message:
          deviation !== null
            ? `${f1(zo)} Ω output impedance vs ${f1(minZ)}–${f1(h.impedanceRangeOhms?.max ?? z)} Ω load: the response shifts by ${f1(deviation)} dB across the impedance curve (1/8 rule: want ≤ ${f1(minZ / DAMPING_RULE)} Ω)`
            : `${f1(zo)} Ω output impedance is more than 1/8 of ${f1(minZ)} Ω (damping factor ${f1(minZ / zo)}); bass control and response may shift`,
      });
    }
  }

  if (missing.length > 0 || sens === null || z === null || available === null || !judged) {
    flags.push({ code: "missing-data", severity: "info", message: missing.join("; ") });
    return {
      ...base,
      sensitivityDbPerV: sens?.dbPerV ?? null,
      sensitivityKind: sens?.kind ?? null,
      uncertaintyDb: UNCERTAINTY_DB.maker,
      available,
      required: null,
      maxSplDb: null,
      headroomDb: null,
      verdict: "unknown",
      reason: `Cannot judge: ${missing.join("; ")}. Add the figure in a catalog file (--catalog).`,
      dampingFactor,
      frDeviationDb: deviation,
      noiseSplDb: null,
      excessGainDb: null,
      flags,
      steps,
    };
  }

  const { uncertaintyDb, fullSpl, maxSplDb, headroomDb, verdict } = judged;
  const required = requirementFor(sens.dbPerV, z, targetSplDb);

  const stated = h.sensitivity;
  if (stated && stated.unit === "dB/mW" && sens.kind !== "measured") {
    steps.push(
      `sensitivity: ${f1(stated.value)} dB/mW + 10·log10(1000 / ${z} Ω) = ${f1(sens.dbPerV)} dB/V`,
    );
  } else {
    steps.push(`sensitivity: ${f1(sens.dbPerV)} dB/V (${sens.kind})`);
  }
  steps.push(
    `source: ${f2(available.vrms)} Vrms into ${z} Ω (${available.limitedBy}-limited; output impedance ${zo === null ? "not stated, taken as 0" : `${f2(zo)}`} Ω)`,
    `current: ${f2(available.vrms)} V / ${z} Ω = ${f1(available.ma)} mA; power: ${f2(available.vrms)}² / ${z} Ω = ${f1(available.mw)} mW`,
    `max SPL: ${f1(sens.dbPerV)} + 20·log10(${f2(available.vrms)}) = ${f1(fullSpl)} dB SPL${eqHeadroomDb > 0 ? `, minus ${f1(eqHeadroomDb)} dB EQ headroom = ${f1(maxSplDb)} dB SPL` : ""}`,
    `needed for ${f1(targetSplDb)} dB SPL: 10^((${f1(targetSplDb)} − ${f1(sens.dbPerV)}) / 20) = ${f2(required.vrms)} Vrms, ${f1(required.ma)} mA, ${f1(required.mw)} mW`,
    `headroom: ${f1(maxSplDb)} − ${f1(targetSplDb)} = ${f1(headroomDb)} dB; within ±${uncertaintyDb} dB (${sens.kind} sensitivity) is marginal`,
  );

  if (headroomDb < uncertaintyDb) {
    const code = available.limitedBy === "current" ? "current-limited" : "voltage-limited";
    flags.push({
      code,
      severity: verdict === "insufficient" ? "error" : "warn",
      message:
        code === "current-limited"
          ? `runs out of current: ${f1(available.ma)} mA available, ${f1(required.ma)} mA needed`
          : `runs out of voltage: ${f2(available.vrms)} Vrms available, ${f2(required.vrms)} Vrms needed`,
    });
  }
  if (available.belowStatedLoads) {
    flags.push({
      code: "load-below-rating",
      severity: "info",
      message: `${z} Ω is below every load ${s.name} is rated into; power held at the stated figure`,
    });
  }
  if (available.currentUnstated) {
    flags.push({
      code: "current-unstated",
      severity: "info",
      message: `${s.name} states only a voltage with no load or current: ${f1(available.ma)} mA into ${z} Ω is assumed, not stated`,
    });
  }
  let noiseSplDb: number | null = null;
  const noiseUv = s.noiseUv ?? noiseFromDynamicRange(s);
  if (noiseUv !== null) {
    const divider = zo === null ? 1 : z / (z + zo);
    noiseSplDb = splAtVrms(sens.dbPerV, (noiseUv / 1e6) * divider);
    steps.push(`hiss: ${f1(noiseUv)} µV noise → ${f1(noiseSplDb)} dB SPL`);
    if (noiseSplDb > AUDIBLE_HISS_SPL_DB) {
      flags.push({
        code: "hiss-risk",
        severity: "warn",
        message: `the source's noise floor reaches ${f1(noiseSplDb)} dB SPL in these headphones; audible in quiet passages`,
      });
    }
  }
  if (h.maxInputMw !== null && available.mw > h.maxInputMw) {
    flags.push({
      code: "overpower-risk",
      severity: "warn",
      message: `can deliver ${f1(available.mw)} mW, above the ${f1(h.maxInputMw)} mW the maker rates the headphone for; keep the volume down`,
    });
  }
  const excessGainDb = headroomDb;
  if (excessGainDb > EXCESS_GAIN_DB) {
    flags.push({
      code: "excess-gain",
      severity: "info",
      message: `the target sits ${f1(excessGainDb)} dB below full volume, low on the pot where channel balance and hiss suffer; use a low-gain setting if there is one`,
    });
  }
  return {
    ...base,
    sensitivityDbPerV: sens.dbPerV,
    sensitivityKind: sens.kind,
    uncertaintyDb,
    available,
    required,
    maxSplDb,
    headroomDb,
    verdict,
    reason: reasonFor(verdict, h.name, s.name, maxSplDb, targetSplDb, input.purpose ?? "this"),
    dampingFactor,
    frDeviationDb: deviation,
    noiseSplDb,
    excessGainDb,
    flags,
    steps,
  };
}

/** Noise from a stated dynamic range below the largest unloaded output, in µV. */
function noiseFromDynamicRange(s: Source): number | null {
  if (s.dynamicRangeDb === null) return null;
  const full = Math.max(...s.outputs.filter((o) => o.loadOhms === null).map((o) => o.vrms));
  return Number.isFinite(full) ? (full / 10 ** (s.dynamicRangeDb / 20)) * 1e6 : null;
}

function reasonFor(
  verdict: Verdict,
  hp: string,
  src: string,
  maxSpl: number,
  target: number,
  purpose: string,
): string {
  const tops = `${src} tops out at about ${Math.round(maxSpl)} dB SPL on the ${hp}`;
  const want = `${purpose} want${purpose.endsWith("s") ? "" : "s"} ${Math.round(target)} dB SPL`;
  switch (verdict) {
    case "ok":
      return `${tops}; ${want}, so there are ${Math.round(maxSpl - target)} dB to spare.`;
    case "marginal":
      return `${tops}; ${want}: too close to call within the spread of real units.`;
    default:
      return `${tops}; ${want} or more.`;
  }
}
