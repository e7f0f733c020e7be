/**
 * The recommendation engine: small named rules, each with a numeric `score`
 * over a model's facts (facts.ts: numbers and codes, no strings built) and an
 * `explain` that words the reason, run only for the models shown. A role is a
 * profile (profiles.ts): which rules apply and with what weight. Adding a rule
 * is one entry below (score and explain) and one test row. Pure.
 */

import type { AmpCheck, Judgement } from "./amp.js";
import {
  cheapestFix,
  check as checkDrive,
  type DriveNeeds,
  fixCandidates,
  judgeAgainst,
  needsOf,
} from "./drive.js";
import {
  CAL_AVAILABLE,
  CAL_NONE,
  colouration,
  DESCRIBED,
  type FactTable,
  factsOf,
  OPEN,
  SEMI_OPEN,
  TAG,
} from "./facts.js";
import { type Fit, fitAt, fitFor, fitOrder, fitOrders, serves } from "./fit.js";
import { compareText } from "./order.js";
import { ROLE_TARGETS, type Role } from "./roles.js";
import type { Back, CharacterNote, CharacterTag, Driver, Headphone, Source } from "./types.js";
import { BACKS, DRIVERS, FIGURE_KINDS } from "./vocabulary.js";

export interface RankContext {
  role: Role;
  /** What drives the headphones, when the user said. */
  source: Source | null;
  /** Every source in the catalog, to name the amp a shortfall needs. */
  sources: readonly Source[];
  budgetUsd: number | null;
  back: Back | null;
  driver: Driver | null;
  maxWeightGrams: number | null;
}

/**
 * What a rule says of a model: points with a reason (`aside`: advice that
 * judges nothing, so it does not count as evidence); `unknown` when the fact
 * the rule judges is not in the catalog: the model then scores the rule's
 * neutral expectation (`Rule.expected`), neither reward nor known weakness;
 * an exclusion; `unverified` when a limit the user set (budget, weight)
 * cannot be checked because the figure is unknown: such models are shown
 * apart, never silently kept or dropped; null when the rule does not apply.
 */
export type RuleOutcome =
  | { points: number; text: string; watch?: string; aside?: true }
  | { unknown: string; watch?: string }
  | { exclude: string }
  | { unverified: string }
  | null;

/** What `score` returns besides points: the rule excludes the model. */
export const EXCLUDE = Number.NaN;
/** A limit the user set cannot be checked on an unknown figure: the model is shown apart. */
export const UNVERIFIED = Number.NEGATIVE_INFINITY;
/** The rule's fact is not known: the model scores the rule's `expected`. */
export const UNKNOWN = Number.POSITIVE_INFINITY;

/** The words of a rule's verdict on one model; null when the rule has nothing to say. */
export interface Explained {
  text: string;
  watch?: string;
  /** Advice that judges nothing (not evidence). */
  aside?: true;
}

export interface Rule {
  name: string;
  /** One line on what the rule rewards and why (for --explain and the README). */
  about: string;
  /**
   * The lowest and highest points the rule gives a model when it applies
   * (before weighting): the role's score scale is built from them.
   */
  range: readonly [number, number];
  /**
   * What an unknown fact scores: the points of a typical model, so that a
   * model never gains on another only because its weaknesses are unsourced
   * (README, "Unknown figures"). Rules that never answer UNKNOWN leave it out.
   */
  expected?: number;
  /**
   * Model i's points (before weighting), or EXCLUDE, UNVERIFIED or UNKNOWN;
   * 0 where the rule does not apply. From the facts alone: no strings.
   */
  score(f: FactTable, i: number, ctx: RankContext, shared: Shared): number;
  /**
   * Why: the reason for the verdict `points` (what score gave this model),
   * worded from the headphone; null where the rule does not apply.
   */
  explain(h: Headphone, points: number, ctx: RankContext, drive: Drive): Explained | null;
}

/** The drive of one shown headphone against the drive source, worked out when first asked. */
export interface Drive {
  /** The verdict and the figures it rests on; null when there is no drive source. */
  judge(): Judgement | null;
  /** The full check, for the result and the words a judgement lacks. */
  check(): AmpCheck | null;
  /** The cheapest catalog amplifier that would make the verdict ok. */
  fix(): Source | null;
}

/**
 * Worked out once per ranking, when first asked, shared by every model: a
 * ranking no rule judges a drive in never looks at the sources.
 */
export interface Shared {
  against: () => Source | null;
  candidates: () => Source[];
  /** The role's target SPL, for drive judgements. */
  target: { targetSplDb: number };
}

export function sharedFor(ctx: RankContext): Shared {
  let against: Source | null | undefined;
  let candidates: Source[] | undefined;
  return {
    against: () => {
      if (against === undefined) against = driveSource(ctx);
      return against;
    },
    candidates: () => {
      candidates ??= fixCandidates(ctx.sources);
      return candidates;
    },
    target: { targetSplDb: ROLE_TARGETS[ctx.role].splDb },
  };
}

/** What the drive rule judges against: the user's source, else for tracking the interface preset. */
export function driveSource(ctx: RankContext): Source | null {
  if (ctx.source) return ctx.source;
  return ctx.role === "tracking" ? (ctx.sources.find((s) => s.id === "interface") ?? null) : null;
}

/** What judging model i's drive needs, from its facts. */
export function needsAt(f: FactTable, i: number): DriveNeeds {
  const nan = (x: number) => (Number.isNaN(x) ? null : x);
  const kind = f.sensitivityKind[i] as number;
  return {
    figures: {
      dbPerV: nan(f.sensitivityDbPerV[i] as number),
      kind: kind === 0 ? null : (FIGURE_KINDS[kind - 1] ?? null),
      loadOhms: nan(f.impedanceOhms[i] as number),
      maxInputMw: nan(f.maxInputMw[i] as number),
    },
    eqHeadroomDb: f.eqHeadroomDb[i] as number,
  };
}

/** One headphone's drive, each part worked out when first asked. */
class LazyDrive implements Drive {
  #needs: DriveNeeds | undefined;
  #judged: Judgement | null | undefined;
  #checked: AmpCheck | null | undefined;
  #fix: Source | null | undefined;
  constructor(
    private readonly h: Headphone,
    private readonly role: Role,
    private readonly shared: Shared,
  ) {}
  #need(): DriveNeeds {
    this.#needs ??= needsOf(this.h);
    return this.#needs;
  }
  judge(): Judgement | null {
    if (this.#judged === undefined) {
      const against = this.shared.against();
      this.#judged = against ? judgeAgainst(this.#need(), against, this.shared.target) : null;
    }
    return this.#judged;
  }
  check(): AmpCheck | null {
    if (this.#checked === undefined) {
      const against = this.shared.against();
      this.#checked = against
        ? checkDrive(this.h, against, {
            targetSplDb: this.shared.target.targetSplDb,
            role: this.role,
          })
        : null;
    }
    return this.#checked;
  }
  fix(): Source | null {
    if (this.#fix === undefined)
      this.#fix = cheapestFix(this.#need(), this.shared.candidates(), this.shared.target);
    return this.#fix;
  }
}

function driveOf(h: Headphone, ctx: RankContext, shared: Shared): Drive {
  return new LazyDrive(h, ctx.role, shared);
}

export interface Reason {
  rule: string;
  points: number;
  text: string;
  /** The rule's fact was unknown: the points are its neutral expectation. */
  unknown?: true;
}

export interface Ranked {
  id: string;
  name: string;
  back: Back;
  driver: Driver;
  priceUsd: number | null;
  score: number;
  /** How well it suits the role, from the guide's criteria (fit.ts), and why. */
  fit: Fit;
  fitReason: string;
  /** How many of the rules that judged it knew their fact. */
  evidence: { known: number; of: number };
  family: string | null;
  variant: string | null;
  excluded: boolean;
  /** Why it was excluded, when it was. */
  excludedBy: Reason | null;
  /** Kept apart: a limit you set (budget, weight) cannot be checked on an unknown figure. */
  unverified: Reason | null;
  reasons: Reason[];
  watchOut: string[];
  owned: boolean;
  /** The check against the user's source at the role's target, when a source was given. */
  drive: AmpCheck | null;
}

/** The tag bits the rules test (facts.ts). */
const B_BASS_LIFT = TAG["bass-lift"];
const B_CLAMPING = TAG.clamping;
const B_COMFORTABLE = TAG.comfortable;
const B_DETAILED = TAG.detailed;
const B_INTIMATE_IMAGE = TAG["intimate-image"];
const B_ISOLATING = TAG.isolating;
const B_LOW_DISTORTION = TAG["low-distortion"];
const B_PRESENCE_LIFT = TAG["presence-lift"];
const B_WIDE_IMAGE = TAG["wide-image"];
/** Does a note carry this tag? (Plain loops: this runs per rule per model shown.) */
function hasIn(notes: readonly CharacterNote[], tag: CharacterTag): boolean {
  for (const note of notes) for (const t of note.tags) if (t === tag) return true;
  return false;
}
const hasTag = (h: Headphone, tag: CharacterTag) => hasIn(h.character, tag);
const described = (f: FactTable, i: number) => ((f.flags[i] as number) & DESCRIBED) !== 0;

/** Known tilts and what they do to a mix, with their points (neutrality rule). */
const TILTS: readonly [CharacterTag, number, string][] = [
  ["treble-lift", -6, "treble lift: mixes come out dull as you roll off air you should keep"],
  ["bright", -4, "bright: you may roll off too much top end"],
  ["bass-lift", -6, "flattering low end: you will cut bass you should keep"],
  ["v-shaped", -6, "V-shaped: mids sit too low, mixes come out mid-heavy"],
  ["warm", -2, "slightly warm tilt: a known colouration to account for"],
  ["dark", -3, "dark: you may add too much top end"],
  ["mid-forward", -1, "mid-forward: account for a forward midrange"],
];
const TILT_BITS = TILTS.map(([tag, points]) => [TAG[tag], points] as const);
const NEUTRAL = TAG.neutral;

/** Comfort's points from weight and described fit (UNKNOWN when neither is sourced). */
function comfortPoints(weight: number, comfortable: boolean, clamping: boolean): number {
  let points = 0;
  if (Number.isNaN(weight)) {
    if (!comfortable && !clamping) return UNKNOWN;
    // The fit is described but the weight is not: a typical weight is assumed.
    points += 2;
  } else if (weight <= 250) points += 4;
  else if (weight <= 320) points += 2;
  else if (weight > 400) points -= 4;
  if (comfortable) points += 3;
  if (clamping) points -= 2;
  return points;
}

const unknownText = (text: string, points: number) => (points === UNKNOWN ? text : null);

export const RULES: readonly Rule[] = [
  {
    name: "filters",
    about: "your --back, --driver and --max-weight filters (an unknown weight is shown apart)",
    range: [0, 0],
    score: (f, i, ctx) => {
      if (ctx.back !== null && BACKS[f.back[i] as number] !== ctx.back) return EXCLUDE;
      if (ctx.driver !== null && DRIVERS[f.driver[i] as number] !== ctx.driver) return EXCLUDE;
      if (ctx.maxWeightGrams !== null) {
        const w = f.weightGrams[i] as number;
        if (Number.isNaN(w)) return UNVERIFIED;
        if (w > ctx.maxWeightGrams) return EXCLUDE;
      }
      return 0;
    },
    explain: (h, points, ctx) => {
      if (ctx.back !== null && h.back !== ctx.back)
        return { text: `${h.back}-back; you asked for ${ctx.back}` };
      if (ctx.driver !== null && h.driver !== ctx.driver)
        return { text: `${h.driver} driver; you asked for ${ctx.driver}` };
      if (points === UNVERIFIED)
        return { text: `weight not verified: cannot be held to your ${ctx.maxWeightGrams} g` };
      if (Number.isNaN(points))
        return { text: `${h.weightGrams} g, over your ${ctx.maxWeightGrams} g` };
      return null;
    },
  },
  {
    name: "budget",
    about: "your --budget: over it is excluded; an unknown price is shown apart, not verified",
    range: [0, 0],
    score: (f, i, ctx) => {
      if (ctx.budgetUsd === null) return 0;
      const price = f.priceUsd[i] as number;
      if (Number.isNaN(price)) return UNVERIFIED;
      return price > ctx.budgetUsd ? EXCLUDE : 0;
    },
    explain: (h, points, ctx) => {
      if (ctx.budgetUsd === null) return null;
      if (points === UNVERIFIED)
        return { text: `price not verified against your $${ctx.budgetUsd} budget` };
      if (Number.isNaN(points))
        return { text: `$${h.priceUsd}, over your $${ctx.budgetUsd} budget` };
      return { text: `$${h.priceUsd}, within your $${ctx.budgetUsd} budget` };
    },
  },
  {
    name: "closed-back",
    about:
      "tracking needs a closed back: an open back bleeds the click and cue mix into the microphone",
    range: [-10, 10],
    score: (f, i) => (f.back[i] === OPEN ? EXCLUDE : f.back[i] === SEMI_OPEN ? -10 : 10),
    explain: (h) => {
      if (h.back === "open")
        return { text: "open-back: the click and cue mix bleed into the microphone" };
      if (h.back === "semi-open")
        return {
          text: "semi-open: leaks some of the cue mix into the microphone",
          watch: "semi-open: some bleed into the mic",
        };
      return { text: "closed-back: keeps the click out of the microphone" };
    },
  },
  {
    name: "open-back",
    about:
      "mixing and mastering want an open back: less in-head compression, a truer sense of space",
    range: [-10, 10],
    score: (f, i) => (f.back[i] === OPEN ? 10 : f.back[i] === SEMI_OPEN ? 5 : -10),
    explain: (h) => {
      if (h.back === "open")
        return { text: "open-back: less in-head compression, a truer sense of space" };
      if (h.back === "semi-open") return { text: "semi-open: some of the open-back benefit" };
      return {
        text: "closed-back: colours the sound and restricts the sense of space, so decisions translate poorly",
        watch: "closed-back: decisions translate poorly to speakers",
      };
    },
  },
  {
    name: "isolation",
    about: "tracking: passive isolation, measured (dB) or as reviewers describe it",
    range: [0, 10],
    expected: 3,
    score: (f, i) => {
      const db = f.isolationDb[i] as number;
      if (!Number.isNaN(db)) return Math.min(10, Math.max(0, db / 2));
      return (f.tags[i] as number) & B_ISOLATING ? 5 : UNKNOWN;
    },
    explain: (h, points) =>
      h.isolationDb !== null
        ? { text: `${h.isolationDb} dB measured isolation` }
        : points === UNKNOWN
          ? { text: "isolation not measured or described" }
          : { text: "reviewers describe good isolation" },
  },
  {
    name: "comfort",
    about: "long takes and long sessions: light weight, comfortable fit, little clamp",
    range: [-6, 7],
    expected: 2,
    score: (f, i) =>
      comfortPoints(
        f.weightGrams[i] as number,
        ((f.tags[i] as number) & B_COMFORTABLE) !== 0,
        ((f.tags[i] as number) & B_CLAMPING) !== 0,
      ),
    explain: (h, points) => {
      if (points === UNKNOWN) return { text: "weight and fit not sourced" };
      const parts: string[] = [];
      let watch: string | undefined;
      if (h.weightGrams === null) parts.push("weight not sourced");
      else {
        if (h.weightGrams > 400) watch = `heavy (${h.weightGrams} g) for long sessions`;
        parts.push(`${h.weightGrams} g`);
      }
      if (hasTag(h, "comfortable")) parts.push("reviewers call the fit comfortable");
      if (hasTag(h, "clamping")) {
        parts.push("strong clamp");
        watch = watch ?? "strong clamping force";
      }
      return { text: parts.join("; "), ...(watch ? { watch } : {}) };
    },
  },
  {
    name: "performer-tuning",
    about:
      "tracking: a presence or low-end lift helps performers hear themselves (neutrality is not required)",
    range: [0, 2],
    expected: 0,
    score: (f, i) =>
      (f.tags[i] as number) & B_PRESENCE_LIFT
        ? 2
        : (f.tags[i] as number) & B_BASS_LIFT
          ? 1
          : described(f, i)
            ? 0
            : UNKNOWN,
    explain: (_h, points) => ({
      text:
        points === 2
          ? "presence lift helps performers hear their own voice"
          : points === 1
            ? "fuller low end many performers like for monitoring themselves"
            : points === UNKNOWN
              ? "sound not described"
              : "no lift that performers would notice",
    }),
  },
  {
    name: "neutrality",
    about: "mixing and mastering: a neutral, documented response; known tilts are warned about",
    range: [-27, 6],
    expected: -2,
    score: (f, i) => {
      const colour = f.colour[i] as number;
      // A source that calls it neutral counts, even next to another's note of a tilt.
      let points = colour & NEUTRAL ? 6 : 0;
      let tilted = false;
      for (const [bit, p] of TILT_BITS) {
        if (colour & bit) {
          points += p;
          tilted = true;
        }
      }
      if (tilted || colour & NEUTRAL) return points;
      return described(f, i) ? 1 : UNKNOWN;
    },
    explain: (h, points) => {
      if (points === UNKNOWN)
        return {
          text: "colouration not documented: you will have to learn it",
          watch: "colouration undocumented",
        };
      const notes = colouration(h);
      // A source that calls it neutral counts, even next to another's note of a tilt.
      let text = hasIn(notes, "neutral")
        ? notes[0]?.measured
          ? "measured as neutral"
          : "described as neutral"
        : "";
      let watch = "";
      for (const [tag, , words] of TILTS) {
        if (!hasIn(notes, tag)) continue;
        text = text ? `${text}; ${words}` : words;
        const head = words.slice(0, words.indexOf(":"));
        watch = watch ? `${watch}, ${head}` : head;
      }
      if (watch) return { text, watch };
      if (text) return { text };
      return { text: "documented character with no known tilt" };
    },
  },
  {
    name: "low-distortion",
    about:
      "mixing and especially mastering: very low distortion, stated (THD) or measured and described",
    range: [0, 6],
    expected: 2,
    score: (f, i) => {
      if ((f.tags[i] as number) & B_LOW_DISTORTION) return 6;
      const thd = f.thdPercent[i] as number;
      if (Number.isNaN(thd)) return UNKNOWN;
      return thd <= 0.05 ? 5 : thd <= 0.1 ? 2 : 0;
    },
    explain: (h, points) => {
      const thd = h.thdPercent;
      if (points === UNKNOWN) return { text: "distortion not stated or measured" };
      if (points === 6)
        return {
          text:
            thd !== null
              ? `very low distortion in reviews and measurements; maker states THD < ${thd}%`
              : "very low distortion in measurements and reviews",
        };
      return { text: points === 5 ? `maker states THD ≤ ${thd}%` : `maker states THD < ${thd}%` };
    },
  },
  {
    name: "resolution",
    about: "mastering: resolution and detail that reveal what processing does",
    range: [0, 5],
    expected: 1,
    score: (f, i) => ((f.tags[i] as number) & B_DETAILED ? 5 : described(f, i) ? 0 : UNKNOWN),
    explain: (_h, points) => ({
      text:
        points === 5
          ? "resolves fine detail, so processing artefacts are audible"
          : (unknownText("resolution not described", points) ??
            "not described as especially detailed"),
    }),
  },
  {
    name: "image",
    about: "mixing: a wide, stable stereo image",
    range: [-2, 4],
    expected: 0,
    score: (f, i) =>
      (f.tags[i] as number) & B_WIDE_IMAGE
        ? 4
        : (f.tags[i] as number) & B_INTIMATE_IMAGE
          ? -2
          : described(f, i)
            ? 0
            : UNKNOWN,
    explain: (_h, points) => ({
      text:
        points === 4
          ? "wide, speaker-like stereo image"
          : points === -2
            ? "intimate image: judge width on speakers too"
            : (unknownText("stereo image not described", points) ?? "image not remarked on"),
    }),
  },
  {
    name: "calibration",
    about: "mastering: a correction profile exists (e.g. Sonarworks SoundID Reference)",
    range: [0, 5],
    expected: 2.5,
    score: (f, i) =>
      f.calibration[i] === CAL_AVAILABLE ? 5 : f.calibration[i] === CAL_NONE ? 0 : UNKNOWN,
    explain: (h, points, ctx) => {
      if (points === UNKNOWN) return { text: "calibration profiles not checked" };
      if (points === 5)
        return {
          text: `${h.calibration.map((c) => c.vendor).join(", ")} correction profile available`,
        };
      const vendors = h.calibrationChecked.join(", ");
      // Only mastering leans on calibration enough to warn about its absence.
      return {
        text: `no ${vendors} profile for this model`,
        ...(ctx.role === "mastering" ? { watch: `no ${vendors} profile` } : {}),
      };
    },
  },
  {
    name: "drive",
    about:
      "can the source drive it to the role's peak SPL? (check-amp; --source, else an audio interface is assumed for tracking)",
    range: [-8, 4],
    expected: -2,
    score: (f, i, _ctx, shared) => {
      const against = shared.against();
      if (against === null) return 0;
      switch (judgeAgainst(needsAt(f, i), against, shared.target).verdict) {
        case "ok":
          return 4;
        case "marginal":
          return -2;
        case "insufficient":
          return -8;
        default:
          return UNKNOWN;
      }
    },
    explain: (h, _points, ctx, drive) => {
      const source = driveSource(ctx);
      const target = ROLE_TARGETS[ctx.role].splDb;
      const c = drive.judge();
      if (source === null || c === null) {
        if (h.impedanceOhms !== null && h.impedanceOhms >= 150) {
          return {
            text: `${h.impedanceOhms} Ω: plan on a dedicated headphone amplifier`,
            watch: "needs a proper amplifier",
            aside: true,
          };
        }
        return null;
      }
      const where = ctx.source ? "your source" : "a typical interface";
      switch (c.verdict) {
        case "ok":
          return {
            text: `${where} (${source.id}) reaches ${target} dB SPL with ${Math.round(c.headroomDb ?? 0)} dB to spare`,
          };
        case "marginal":
          return {
            text: `${where} (${source.id}) only just reaches ${target} dB SPL`,
            watch: `marginal on ${source.id}`,
          };
        case "insufficient": {
          const fix = drive.fix();
          return {
            text: `${where} (${source.id}) tops out at ${Math.round(c.maxSplDb ?? 0)} dB SPL, short of ${target}`,
            watch: `${source.id} can't drive it${fix ? `; needs e.g. ${fix.id}` : "; needs an amplifier"}`,
          };
        }
        default: {
          const why = drive
            .check()
            ?.reason.replace(/^Cannot judge: /, "")
            .split(".")[0];
          return { text: `cannot check against ${source.id}${why ? `: ${why}` : ""}` };
        }
      }
    },
  },
  {
    name: "crossfeed",
    about:
      "mastering: crossfeed in the chain reduces the in-head image (it does not change the ranking)",
    range: [0, 0],
    score: () => 0,
    explain: (_h, _points, ctx) =>
      ctx.source === null
        ? null
        : ctx.source.crossfeed
          ? { text: `${ctx.source.id} has crossfeed for a more speaker-like image`, aside: true }
          : { text: `no crossfeed on ${ctx.source.id}: a crossfeed plugin helps`, aside: true },
  },
];

export const RULES_BY_NAME: ReadonlyMap<string, Rule> = new Map(RULES.map((r) => [r.name, r]));

/** A role profile: rule weights (0 or absent: not applied). */
export interface RoleProfile {
  weights: Record<string, number>;
}

/** The profile's rules in the order they apply, each with its weight; weight 0 is off. */
export function activeRules(profile: RoleProfile): readonly ActiveRule[] {
  let active = ACTIVE.get(profile);
  if (!active) {
    active = Object.entries(profile.weights).flatMap(([name, weight]) => {
      const rule = RULES_BY_NAME.get(name);
      return rule && weight !== 0 ? [{ name, weight, rule }] : [];
    });
    ACTIVE.set(profile, active);
  }
  return active;
}

export interface ActiveRule {
  name: string;
  weight: number;
  rule: Rule;
}

/** Worked out once per profile object: explaining each shown model asks again. */
const ACTIVE = new WeakMap<RoleProfile, ActiveRule[]>();

/** Standing: kept, kept apart as not verified, excluded. */
export const KEPT = 0;
export const APART = 1;
export const EXCLUDED = 2;

/** Every model's score, standing and fit for a query, in catalog order. */
export interface Scores {
  /** Rounded to one decimal; 0 where excluded. */
  score: Float64Array;
  standing: Uint8Array;
  /** fitOrder of each model's fit for the role. */
  fit: Uint8Array;
}

/** Score every model of the table under the query: numbers only. */
export function scoreAll(
  f: FactTable,
  profile: RoleProfile,
  ctx: RankContext,
  shared: Shared = sharedFor(ctx),
): Scores {
  const n = f.count;
  const sum = new Float64Array(n);
  const standing = new Uint8Array(n);
  // Rule by rule, each over every model; each model's points are still summed
  // in the profile's order, as its reasons are listed.
  for (const { rule, weight } of activeRules(profile)) {
    const expected = (rule.expected ?? 0) * weight;
    for (let i = 0; i < n; i++) {
      if (standing[i] === EXCLUDED) continue;
      const points = rule.score(f, i, ctx, shared);
      if (Number.isNaN(points)) standing[i] = EXCLUDED;
      // Kept apart, but still scored.
      else if (points === UNVERIFIED) standing[i] = APART;
      else sum[i] = (sum[i] as number) + (points === UNKNOWN ? expected : points * weight);
    }
  }
  const score = new Float64Array(n);
  for (let i = 0; i < n; i++) score[i] = standing[i] === EXCLUDED ? 0 : round(sum[i] as number);
  return { score, standing, fit: fitOrders(f, ctx.role) };
}

/**
 * The ranking's order: kept models first, then those kept apart as not
 * verified, then excluded ones; then the better fit (fitOrder: 0 is best), the
 * higher score, the lower price (unknown last), the id.
 */
export function ranksBefore(f: FactTable, s: Scores): (i: number, j: number) => number {
  const { score, standing, fit } = s;
  const { idOrder } = f;
  const price = f.priceUsd.map((p) => (Number.isNaN(p) ? Number.POSITIVE_INFINITY : p));
  return (i, j) =>
    (standing[i] as number) - (standing[j] as number) ||
    (fit[i] as number) - (fit[j] as number) ||
    (score[j] as number) - (score[i] as number) ||
    // Infinity - Infinity is NaN, which || passes over like 0.
    (price[i] as number) - (price[j] as number) ||
    (idOrder[i] as number) - (idOrder[j] as number);
}

/** Above this many wanted, sorting every candidate beats inserting into a short list. */
const INSERT_LIMIT = 64;

/** The first `count` of these indices in ranking order (all of them, sorted, when count is Infinity). */
export function firstOf(
  indices: Iterable<number>,
  before: (i: number, j: number) => number,
  count: number,
): number[] {
  if (count > INSERT_LIMIT) return [...indices].sort(before).slice(0, count);
  const best: number[] = [];
  for (const i of indices) {
    if (best.length === count && before(i, best[count - 1] as number) >= 0) continue;
    let at = best.length;
    while (at > 0 && before(i, best[at - 1] as number) < 0) at--;
    best.splice(at, 0, i);
    if (best.length > count) best.pop();
  }
  return best;
}

/** Indices of the models of one standing. */
export function* standingOf(s: Scores, which: number): Generator<number> {
  for (let i = 0; i < s.standing.length; i++) if (s.standing[i] === which) yield i;
}

/**
 * Model i as shown: its reasons worded by each rule's explain, its fit and
 * why, the check against the user's source. `h` is the headphone at i.
 */
export function explainAt(
  h: Headphone,
  f: FactTable,
  i: number,
  s: Scores,
  profile: RoleProfile,
  ctx: RankContext,
  shared: Shared,
  owned: ReadonlySet<string>,
): Ranked {
  const drive = driveOf(h, ctx, shared);
  const reasons: Reason[] = [];
  const watchOut: string[] = [];
  let excludedBy: Reason | null = null;
  let unverified: Reason | null = null;
  const evidence = { known: 0, of: 0 };
  const active = activeRules(profile);
  for (let r = 0; r < active.length; r++) {
    const { name, weight, rule } = active[r] as ActiveRule;
    const points = rule.score(f, i, ctx, shared);
    const said = rule.explain(h, points, ctx, drive);
    if (Number.isNaN(points)) {
      excludedBy = { rule: name, points: 0, text: said?.text ?? name };
      break;
    }
    if (points === UNVERIFIED) {
      unverified ??= { rule: name, points: 0, text: said?.text ?? name };
      continue;
    }
    if (said === null) continue;
    const judges = rule.range[0] !== rule.range[1] && !said.aside;
    if (judges) evidence.of++;
    if (points === UNKNOWN) {
      reasons.push({
        rule: name,
        points: (rule.expected ?? 0) * weight,
        text: `${said.text} (unknown: scored as typical)`,
        unknown: true,
      });
    } else {
      if (judges) evidence.known++;
      reasons.push({ rule: name, points: points * weight, text: said.text });
    }
    if (said.watch) watchOut.push(said.watch);
  }
  const fit = fitAt(f, i, ctx.role);
  return {
    id: h.id,
    name: h.name,
    back: h.back,
    driver: h.driver,
    priceUsd: h.priceUsd,
    score: s.score[i] as number,
    fit: fit.fit,
    fitReason: fit.reason,
    evidence,
    family: h.family,
    variant: h.variant,
    excluded: excludedBy !== null,
    excludedBy,
    unverified: excludedBy ? null : unverified,
    reasons: excludedBy ? [excludedBy] : reasons,
    watchOut,
    owned: owned.has(h.id),
    // Against the user's own source only (the interface preset is the rule's stand-in).
    drive: ctx.source && !excludedBy ? drive.check() : null,
  };
}

/** What one rule says of one headphone: its points and its words together. */
export function outcomeOf(rule: Rule, h: Headphone, ctx: RankContext): RuleOutcome {
  const shared = sharedFor(ctx);
  const points = rule.score(factsOf([h]), 0, ctx, shared);
  const said = rule.explain(h, points, ctx, driveOf(h, ctx, shared));
  if (Number.isNaN(points)) return { exclude: said?.text ?? rule.name };
  if (points === UNVERIFIED) return { unverified: said?.text ?? rule.name };
  if (said === null) return null;
  const watch = said.watch ? { watch: said.watch } : {};
  if (points === UNKNOWN) return { unknown: said.text, ...watch };
  return { points, text: said.text, ...watch, ...(said.aside ? { aside: true as const } : {}) };
}

export interface RankInput {
  headphones: readonly Headphone[];
  profile: RoleProfile;
  ctx: RankContext;
  owned: ReadonlySet<string>;
}

/** Score every headphone, best first; excluded models last, with their reason. */
export function rankHeadphones({ headphones, profile, ctx, owned }: RankInput): Ranked[] {
  const f = factsOf(headphones);
  const shared = sharedFor(ctx);
  const s = scoreAll(f, profile, ctx, shared);
  return [...headphones.keys()]
    .sort(ranksBefore(f, s))
    .map((i) => explainAt(headphones[i] as Headphone, f, i, s, profile, ctx, shared, owned));
}

/** 0: kept; 1: kept apart, not verified; 2: excluded. */
function standing(r: Ranked): number {
  return r.excluded ? EXCLUDED : r.unverified ? APART : KEPT;
}

/**
 * Do two models next to each other in a ranking share a rank? They do when
 * they tie on standing, fit and score (ranks 1, 2, 2, 4); the tie's order is
 * the cheaper first, then by id.
 */
export function ties(a: Ranked, b: Ranked): boolean {
  return standing(a) === standing(b) && a.fit === b.fit && a.score === b.score;
}

/**
 * The lowest and highest score the role's rules can give (their ranges,
 * weighted), so a score can be read against its scale.
 */
export function scoreScale(profile: RoleProfile): { min: number; max: number } {
  let min = 0;
  let max = 0;
  for (const { weight, rule } of activeRules(profile)) {
    const [lo, hi] = rule.range;
    min += Math.min(lo * weight, hi * weight);
    max += Math.max(lo * weight, hi * weight);
  }
  return { min: round(min), max: round(max) };
}

/** A score as shown and compared: to one decimal. */
export function round(n: number): number {
  return Math.round(n * 10) / 10;
}

/** A query that sets no option: how show and compare place a model in its role. */
export function baseContext(role: Role, sources: readonly Source[]): RankContext {
  return {
    role,
    source: null,
    sources,
    budgetUsd: null,
    back: null,
    driver: null,
    maxWeightGrams: null,
  };
}

/** How many models a ranking must show at least: the owned verdict names the best to add. */
export const OWNED_TOP = 5;

/** What the user owns, judged for the role: its fit label and the guide's reason. */
export interface OwnedJudgement {
  id: string;
  name: string;
  role: Role;
  fit: Fit;
  reason: string;
  /** Whether the fit is good enough to rely on (good or excellent). */
  serves: boolean;
}

/** Each owned model's fit for the role, best first. */
export function ownedJudgements(owned: readonly Headphone[], role: Role): OwnedJudgement[] {
  return owned
    .map((h) => {
      const f = fitFor(h, role);
      return { id: h.id, name: h.name, role, fit: f.fit, reason: f.reason, serves: serves(f.fit) };
    })
    .sort((a, b) => fitOrder(a.fit) - fitOrder(b.fit) || compareText(a.id, b.id));
}

/**
 * What to add when nothing owned serves the role: the best-ranked kept model
 * the user does not own whose fit serves it; null when something owned serves.
 */
export function addNext(
  owned: readonly OwnedJudgement[],
  results: Iterable<Ranked>,
): Ranked | null {
  if (owned.length === 0 || owned.some((o) => o.serves)) return null;
  // Read only as far as the first that serves: `results` may explain lazily.
  for (const r of results) if (!r.excluded && !r.unverified && !r.owned && serves(r.fit)) return r;
  return null;
}
