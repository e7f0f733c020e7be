/**
 * Fit labels: how well a headphone suits a role, judged from the guide's
 * criteria on what the catalog says of the model itself (never from its place
 * in a ranking, and never from the user's source: the drive verdict is shown
 * beside the label). Pure.
 *
 *   tracking:  closed-back isolation and comfort; a lift that helps performers
 *              is welcome, neutrality is not required. Open-back: avoid.
 *   mixing:    an open-back reference whose colouration is known; a closed-back
 *              is a workable, if coloured, reference for rough mixes.
 *   mastering: a transparent open-back with low distortion and resolution;
 *              never the closed-back you track with.
 */
import {
  CAL_AVAILABLE,
  CLOSED,
  colouration,
  type FactTable,
  MEASURED,
  OPEN,
  SEMI_OPEN,
  TAG,
  tagMask,
} from "./facts.js";
import type { Role } from "./roles.js";
import type { CharacterTag, Headphone } from "./types.js";
import { BACKS } from "./vocabulary.js";

export const FITS = ["excellent", "good", "workable", "avoid"] as const;
export type Fit = (typeof FITS)[number];

/** A fit and the guide's reason for it, in a few words. */
export interface FitJudgement {
  fit: Fit;
  reason: string;
}

/** 0 is best: the order rankings sort by before the score. */
export function fitOrder(fit: Fit): number {
  return FITS.indexOf(fit);
}

/** Tilts strong enough to mislead mixing and mastering decisions (the guide's DT 990 PRO example). */
const STRONG_TILTS: readonly CharacterTag[] = ["treble-lift", "bright", "bass-lift", "v-shaped"];
/** Mild, known colourations an engineer accounts for (the guide's HD 650 example). */
const MILD_TILTS: readonly CharacterTag[] = ["warm", "dark", "mid-forward"];
const STRONG = STRONG_TILTS.reduce((m, t) => m | TAG[t], 0);
const MILD = MILD_TILTS.reduce((m, t) => m | TAG[t], 0);

/** What a fit is judged from: a few of a model's facts (facts.ts). */
interface FitFacts {
  back: number;
  /** NaN where not sourced. */
  isolationDb: number;
  weightGrams: number;
  tags: number;
  /**
   * The tags colouration is judged from (neutral and the tilts): a measured
   * curve's when there is one, as the neutrality rule reads them.
   */
  colour: number;
  /** The colour tags come from a measured curve. */
  measured: boolean;
  calibrated: boolean;
}

/** The tags judged from the colouration notes (facts.ts `colour`): neutral and every tilt. */
const COLOUR = STRONG | MILD | TAG.neutral;

/** The tilt words of a model, for reasons: "slightly warm", "treble lift" ("measured bright"). */
function tiltWords(tags: number, which: readonly CharacterTag[], measured: boolean): string[] {
  return which
    .filter((t) => tags & TAG[t])
    .map((t) => `${measured ? "measured " : ""}${t.replace("-", " ")}`);
}

/** Neutral and the tilts from the colouration notes, every other tag from all notes. */
const hasTag = (v: FitFacts, t: CharacterTag) =>
  ((COLOUR & TAG[t] ? v.colour : v.tags) & TAG[t]) !== 0;

/** Any note's tag: tracking judges lifts as the lift rule does, from every note. */
const anyTag = (v: FitFacts, t: CharacterTag) => (v.tags & TAG[t]) !== 0;

const neutralWords = (v: FitFacts) => (v.measured ? "measured as neutral" : "described as neutral");

/** A fit without its reason, for ordering: one object per label, not one per model. */
const SILENT: Record<Fit, FitJudgement> = {
  excellent: { fit: "excellent", reason: "" },
  good: { fit: "good", reason: "" },
  workable: { fit: "workable", reason: "" },
  avoid: { fit: "avoid", reason: "" },
};

const step = (fit: Fit, by: number): Fit =>
  FITS[Math.min(FITS.length - 1, Math.max(0, fitOrder(fit) + by))] as Fit;

/**
 * Each judge decides the fit from the facts, and words its reason only when
 * `say` (the models shown): ordering a whole catalog builds no strings.
 */
function trackingFit(v: FitFacts, say: boolean): FitJudgement {
  if (v.back === OPEN)
    return { fit: "avoid", reason: "open-back: the click and cue mix bleed into the microphone" };
  if (v.back === SEMI_OPEN)
    return { fit: "workable", reason: "semi-open: some of the cue mix leaks into the microphone" };
  let pluses = 0;
  const isolates = v.isolationDb >= 15 || anyTag(v, "isolating");
  const light = anyTag(v, "comfortable") || v.weightGrams <= 300;
  const lift = anyTag(v, "presence-lift") || anyTag(v, "bass-lift");
  pluses = (isolates ? 1 : 0) + (light ? 1 : 0) + (lift ? 1 : 0);
  const heavy = v.weightGrams > 400;
  const minuses = (anyTag(v, "clamping") ? 1 : 0) + (heavy ? 1 : 0);
  let fit: Fit = pluses >= 2 ? "excellent" : "good";
  if (minuses > 0) fit = step(fit, 1);
  if (!say) return SILENT[fit];
  const plus: string[] = [];
  if (isolates) plus.push("isolates well");
  if (light) plus.push(anyTag(v, "comfortable") ? "comfortable for long takes" : "light");
  if (anyTag(v, "presence-lift")) plus.push("a presence lift performers hear themselves in");
  else if (anyTag(v, "bass-lift")) plus.push("a fuller low end performers like");
  const minus: string[] = [];
  if (anyTag(v, "clamping")) minus.push("a strong clamp");
  if (heavy) minus.push(`heavy (${v.weightGrams} g)`);
  const why = ["closed-back", ...plus].join(", ");
  return { fit, reason: minus.length ? `${why}; but ${minus.join(" and ")}` : why };
}

function mixingFit(v: FitFacts, say: boolean): FitJudgement {
  const strong = (v.colour & STRONG) !== 0;
  const mild = (v.colour & MILD) !== 0;
  if (v.back === CLOSED) {
    if (!say) return SILENT.workable;
    const colour = strong ? ` (${tiltWords(v.colour, STRONG_TILTS, v.measured).join(", ")})` : "";
    return {
      fit: "workable",
      reason: `closed-back: a workable, if coloured${colour}, reference for rough mixes`,
    };
  }
  const base = v.back === OPEN ? "open-back reference" : "semi-open reference";
  if (strong)
    return {
      fit: "workable",
      reason: say
        ? `${base}, but ${tiltWords(v.colour, STRONG_TILTS, v.measured).join(" and ")}: mixes may not translate; account for it`
        : "",
    };
  const virtues =
    (hasTag(v, "neutral") ? 1 : 0) +
    (hasTag(v, "low-distortion") ? 1 : 0) +
    (hasTag(v, "detailed") ? 1 : 0) +
    (hasTag(v, "wide-image") ? 1 : 0);
  const fit: Fit = v.back === OPEN && virtues >= 2 && !mild ? "excellent" : "good";
  if (!say) return SILENT[fit];
  const words = [
    hasTag(v, "neutral") ? neutralWords(v) : null,
    hasTag(v, "low-distortion") ? "low distortion" : null,
    hasTag(v, "detailed") ? "detailed" : null,
    hasTag(v, "wide-image") ? "a wide image" : null,
  ].filter((w): w is string => w !== null);
  if (fit === "excellent") return { fit, reason: `${base}: ${words.join(", ")}` };
  const tilt = mild
    ? `; ${tiltWords(v.colour, MILD_TILTS, v.measured).join(", ")}: account for it`
    : "";
  return { fit, reason: `${base}${words.length ? `: ${words.join(", ")}` : ""}${tilt}` };
}

function masteringFit(v: FitFacts, say: boolean): FitJudgement {
  if (v.back === CLOSED)
    return {
      fit: "avoid",
      reason:
        "closed-back: colours the sound and restricts space, so mastering decisions translate poorly",
    };
  if (v.back === SEMI_OPEN)
    return { fit: "workable", reason: "semi-open: not the transparent open-back mastering wants" };
  if (v.colour & STRONG)
    return {
      fit: "workable",
      reason: say
        ? `open-back, but ${tiltWords(v.colour, STRONG_TILTS, v.measured).join(" and ")}: a coloured tool for mastering`
        : "",
    };
  const virtues =
    (hasTag(v, "detailed") ? 1 : 0) +
    (hasTag(v, "low-distortion") ? 1 : 0) +
    (hasTag(v, "neutral") ? 1 : 0);
  if (virtues === 0)
    return {
      fit: "workable",
      reason:
        "open-back, but no sourced evidence of the resolution and low distortion mastering needs",
    };
  const fit: Fit = virtues + (v.calibrated ? 1 : 0) >= 2 ? "excellent" : "good";
  if (!say) return SILENT[fit];
  const words = [
    hasTag(v, "detailed") ? "high resolution" : null,
    hasTag(v, "low-distortion") ? "low distortion" : null,
    hasTag(v, "neutral") ? neutralWords(v) : null,
  ].filter((w): w is string => w !== null);
  return {
    fit,
    reason: `open-back: ${words.join(", ")}${v.calibrated ? ", calibration profile available" : ""}`,
  };
}

function judgeFit(v: FitFacts, role: Role, say: boolean): FitJudgement {
  switch (role) {
    case "tracking":
      return trackingFit(v, say);
    case "mixing":
      return mixingFit(v, say);
    case "mastering":
      return masteringFit(v, say);
  }
}

/** How well headphone h suits a role, and why. */
export function fitFor(h: Headphone, role: Role): FitJudgement {
  return judgeFit(
    {
      back: BACKS.indexOf(h.back),
      isolationDb: h.isolationDb ?? Number.NaN,
      weightGrams: h.weightGrams ?? Number.NaN,
      tags: tagMask(h.character),
      colour: tagMask(colouration(h)),
      measured: h.character.some((n) => n.measured === true),
      calibrated: h.calibration.length > 0,
    },
    role,
    true,
  );
}

/**
 * Each model's fitOrder for the role, from its facts: what rankings order by
 * before the score, the same from the index as in memory.
 */
export function fitOrders(t: FactTable, role: Role): Uint8Array {
  const out = new Uint8Array(t.count);
  const v = blankFitFacts();
  for (let i = 0; i < t.count; i++)
    out[i] = fitOrder(judgeFit(fitFactsAt(t, i, v), role, false).fit);
  return out;
}

/**
 * Model i's fit for the role, and why, from its facts: what `fitFor` says of
 * the headphone itself (test/core/fit.test.ts holds them equal), without
 * walking its notes again for each model a big ranking explains.
 */
export function fitAt(t: FactTable, i: number, role: Role): FitJudgement {
  return judgeFit(fitFactsAt(t, i, blankFitFacts()), role, true);
}

const blankFitFacts = (): FitFacts => ({
  back: 0,
  isolationDb: 0,
  weightGrams: 0,
  tags: 0,
  colour: 0,
  measured: false,
  calibrated: false,
});

/** What judging a fit reads of model i, written into `v` (a loop reuses one). */
function fitFactsAt(t: FactTable, i: number, v: FitFacts): FitFacts {
  v.back = t.back[i] as number;
  v.isolationDb = t.isolationDb[i] as number;
  v.weightGrams = t.weightGrams[i] as number;
  v.tags = t.tags[i] as number;
  v.colour = t.colour[i] as number;
  v.measured = ((t.flags[i] as number) & MEASURED) !== 0;
  v.calibrated = t.calibration[i] === CAL_AVAILABLE;
  return v;
}

/** Whether a fit is good enough to rely on for the role. */
export function serves(fit: Fit): boolean {
  return fit === "excellent" || fit === "good";
}
