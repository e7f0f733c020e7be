/**
 * The recommendation engine: small named rules, each looking at one headphone
 * (and the context: role, the user's source, budget, filters) and returning
 * points with a one-line reason, or an exclusion with its reason. A role is a
 * profile (profiles.ts): which rules apply and with what weight. Pure.
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
import { type Fit, fitFor, fitOrder, serves } from "./fit.js";
import { compareText } from "./order.js";
import { ROLE_TARGETS, type Role } from "./roles.js";
import type { Back, CharacterNote, CharacterTag, Driver, Headphone, Source } from "./types.js";

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

/** The options of a query a rule may look at, besides the role and the catalog's sources. */
export type QueryOption = "source" | "budgetUsd" | "back" | "driver" | "maxWeightGrams";

/** The fields of a model the packed ranking keeps for probes (packed.ts). */
export type ProbeField = "back" | "driver" | "weightGrams" | "priceUsd" | "impedanceOhms";

interface RuleBase {
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
   * (README, "Unknown figures"). Rules that never answer `unknown` leave it out.
   */
  expected?: number;
  apply: (h: Headphone, ctx: RankContext, facts: Facts) => RuleOutcome;
}

/**
 * A rule that scores a model by the model alone (and the role): its points
 * can be worked out once per catalog (packed.ts).
 */
interface ModelRule extends RuleBase {
  reads: readonly [];
  fields?: undefined;
}

/** A rule whose points or exclusion depend on options of the query. */
interface QueryRule extends RuleBase {
  /**
   * Every query option whose value can change the rule's points or
   * exclusion; when a query leaves them all unset, the rule scores each model
   * as it does in `baseContext`. A test holds each rule to this.
   */
  reads: readonly [QueryOption, ...QueryOption[]];
  /**
   * Every field of the model its points and exclusion depend on (beyond the
   * facts): the packed ranking applies the rule to a probe holding only
   * these. A test holds each rule to this.
   */
  fields: readonly ProbeField[];
}

export type Rule = ModelRule | QueryRule;

/** What several rules or the result need about one headphone, worked out at most once. */
export interface Facts {
  /**
   * The verdict against the drive source (see driveSource) and the figures it
   * rests on, without the explanation; null when there is no drive source.
   * Rules score from this.
   */
  judge(): Judgement | null;
  /**
   * The full check against the drive source, for the result and for text a
   * judgement cannot give; null when there is no drive source, and from
   * packed columns (judgedFacts), which never build it.
   */
  drive(): AmpCheck | null;
  /** The cheapest catalog amplifier that would make the verdict ok. */
  fix(): Source | null;
}

/**
 * Worked out once per ranking, when first asked, shared by every headphone's
 * facts: a ranking no rule judges a drive in never looks at the sources.
 */
export interface Shared {
  against: () => Source | null;
  candidates: () => Source[];
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
  };
}

/** What the drive rule judges against: the user's source, else for tracking the interface preset. */
export function driveSource(ctx: RankContext): Source | null {
  if (ctx.source) return ctx.source;
  return ctx.role === "tracking" ? (ctx.sources.find((s) => s.id === "interface") ?? null) : null;
}

export function factsFor(h: Headphone, ctx: RankContext, shared = sharedFor(ctx)): Facts {
  const o = { targetSplDb: ROLE_TARGETS[ctx.role].splDb, role: ctx.role };
  let drive: AmpCheck | null | undefined;
  return judgedFacts(
    () => needsOf(h),
    ctx,
    shared,
    () => {
      const against = shared.against();
      drive ??= against ? checkDrive(h, against, o) : null;
      return drive;
    },
  );
}

/**
 * Facts from what judging needs of a model (DriveNeeds), which packed columns
 * can give without the model; `drive` builds the full check where there is one.
 */
export function judgedFacts(
  needs: () => DriveNeeds,
  ctx: RankContext,
  shared: Shared,
  drive: () => AmpCheck | null = () => null,
): Facts {
  const o = { targetSplDb: ROLE_TARGETS[ctx.role].splDb };
  let known: DriveNeeds | undefined;
  const need = () => {
    known ??= needs();
    return known;
  };
  let judged: Judgement | null | undefined;
  let fix: Source | null | undefined;
  return {
    judge: () => {
      if (judged === undefined) {
        const against = shared.against();
        judged = against ? judgeAgainst(need(), against, o) : null;
      }
      return judged;
    },
    drive,
    fix: () => {
      if (fix === undefined) fix = cheapestFix(need(), shared.candidates(), o);
      return fix;
    },
  };
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

/** Does any character note carry this tag? (Plain loops: this runs per rule per model.) */
function has(h: Headphone, tag: CharacterTag): boolean {
  for (const note of h.character) {
    for (const t of note.tags) if (t === tag) return true;
  }
  return false;
}

/** The rule's fact is not in the catalog: it scores its neutral expectation (`Rule.expected`). */
function unknown(text: string): { unknown: string } {
  return { unknown: text };
}

/**
 * The notes the neutrality rule reads: those derived from a measured curve
 * when there are any, else the reviewers' words.
 */
function colouration(h: Headphone): CharacterNote[] {
  const measured = h.character.filter((n) => n.measured === true);
  return measured.length > 0 ? measured : h.character;
}

function hasIn(notes: readonly CharacterNote[], tag: CharacterTag): boolean {
  for (const note of notes) for (const t of note.tags) if (t === tag) return true;
  return false;
}

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

export const RULES: readonly Rule[] = [
  {
    name: "filters",
    about: "your --back, --driver and --max-weight filters (an unknown weight is shown apart)",
    range: [0, 0],
    reads: ["back", "driver", "maxWeightGrams"],
    fields: ["back", "driver", "weightGrams"],
    apply: (h, ctx) => {
      if (ctx.back !== null && h.back !== ctx.back)
        return { exclude: `${h.back}-back; you asked for ${ctx.back}` };
      if (ctx.driver !== null && h.driver !== ctx.driver)
        return { exclude: `${h.driver} driver; you asked for ${ctx.driver}` };
      if (ctx.maxWeightGrams !== null) {
        if (h.weightGrams === null)
          return {
            unverified: `weight not verified: cannot be held to your ${ctx.maxWeightGrams} g`,
          };
        if (h.weightGrams > ctx.maxWeightGrams)
          return { exclude: `${h.weightGrams} g, over your ${ctx.maxWeightGrams} g` };
      }
      return null;
    },
  },
  {
    name: "budget",
    about: "your --budget: over it is excluded; an unknown price is shown apart, not verified",
    range: [0, 0],
    reads: ["budgetUsd"],
    fields: ["priceUsd"],
    apply: (h, ctx) => {
      if (ctx.budgetUsd === null) return null;
      if (h.priceUsd === null)
        return { unverified: `price not verified against your $${ctx.budgetUsd} budget` };
      if (h.priceUsd > ctx.budgetUsd)
        return { exclude: `$${h.priceUsd}, over your $${ctx.budgetUsd} budget` };
      return { points: 0, text: `$${h.priceUsd}, within your $${ctx.budgetUsd} budget` };
    },
  },
  {
    name: "closed-back",
    about:
      "tracking needs a closed back: an open back bleeds the click and cue mix into the microphone",
    range: [-10, 10],
    reads: [],
    apply: (h) => {
      if (h.back === "open")
        return { exclude: "open-back: the click and cue mix bleed into the microphone" };
      if (h.back === "semi-open")
        return {
          points: -10,
          text: "semi-open: leaks some of the cue mix into the microphone",
          watch: "semi-open: some bleed into the mic",
        };
      return { points: 10, text: "closed-back: keeps the click out of the microphone" };
    },
  },
  {
    name: "open-back",
    about:
      "mixing and mastering want an open back: less in-head compression, a truer sense of space",
    range: [-10, 10],
    reads: [],
    apply: (h) => {
      if (h.back === "open")
        return { points: 10, text: "open-back: less in-head compression, a truer sense of space" };
      if (h.back === "semi-open")
        return { points: 5, text: "semi-open: some of the open-back benefit" };
      return {
        points: -10,
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
    reads: [],
    apply: (h) => {
      if (h.isolationDb !== null) {
        return {
          points: Math.min(10, Math.max(0, h.isolationDb / 2)),
          text: `${h.isolationDb} dB measured isolation`,
        };
      }
      if (has(h, "isolating")) return { points: 5, text: "reviewers describe good isolation" };
      return unknown("isolation not measured or described");
    },
  },
  {
    name: "comfort",
    about: "long takes and long sessions: light weight, comfortable fit, little clamp",
    range: [-6, 7],
    expected: 2,
    reads: [],
    apply: (h) => {
      let points = 0;
      const parts: string[] = [];
      let watch: string | undefined;
      if (h.weightGrams === null) {
        if (!has(h, "comfortable") && !has(h, "clamping"))
          return unknown("weight and fit not sourced");
        // The fit is described but the weight is not: a typical weight is assumed.
        points += 2;
        parts.push("weight not sourced");
      } else {
        if (h.weightGrams <= 250) points += 4;
        else if (h.weightGrams <= 320) points += 2;
        else if (h.weightGrams > 400) {
          points -= 4;
          watch = `heavy (${h.weightGrams} g) for long sessions`;
        }
        parts.push(`${h.weightGrams} g`);
      }
      if (has(h, "comfortable")) {
        points += 3;
        parts.push("reviewers call the fit comfortable");
      }
      if (has(h, "clamping")) {
        points -= 2;
        parts.push("strong clamp");
        watch = watch ?? "strong clamping force";
      }
      return { points, text: parts.join("; "), ...(watch ? { watch } : {}) };
    },
  },
  {
    name: "performer-tuning",
    about:
      "tracking: a presence or low-end lift helps performers hear themselves (neutrality is not required)",
    range: [0, 2],
    expected: 0,
    reads: [],
    apply: (h) => {
      if (has(h, "presence-lift"))
        return { points: 2, text: "presence lift helps performers hear their own voice" };
      if (has(h, "bass-lift"))
        return { points: 1, text: "fuller low end many performers like for monitoring themselves" };
      if (h.character.length === 0) return unknown("sound not described");
      return { points: 0, text: "no lift that performers would notice" };
    },
  },
  {
    name: "neutrality",
    about: "mixing and mastering: a neutral, documented response; known tilts are warned about",
    range: [-27, 6],
    expected: -2,
    reads: [],
    apply: (h) => {
      const notes = colouration(h);
      const how = notes[0]?.measured ? "measured as neutral" : "described as neutral";
      const found = TILTS.filter(([tag]) => hasIn(notes, tag));
      // A source that calls it neutral counts, even next to another's note of a tilt.
      const neutral = hasIn(notes, "neutral") ? [{ points: 6, text: how }] : [];
      if (found.length > 0) {
        const parts = [...neutral, ...found.map(([, points, text]) => ({ points, text }))];
        return {
          points: parts.reduce((a, p) => a + p.points, 0),
          text: parts.map((p) => p.text).join("; "),
          watch: found.map(([, , t]) => t.split(":")[0]).join(", "),
        };
      }
      if (neutral[0]) return neutral[0];
      if (h.character.length > 0)
        return { points: 1, text: "documented character with no known tilt" };
      return {
        ...unknown("colouration not documented: you will have to learn it"),
        watch: "colouration undocumented",
      };
    },
  },
  {
    name: "low-distortion",
    about:
      "mixing and especially mastering: very low distortion, stated (THD) or measured and described",
    range: [0, 6],
    expected: 2,
    reads: [],
    apply: (h) => {
      const thd = h.thdPercent;
      if (has(h, "low-distortion")) {
        return {
          points: 6,
          text:
            thd !== null
              ? `very low distortion in reviews and measurements; maker states THD < ${thd}%`
              : "very low distortion in measurements and reviews",
        };
      }
      if (thd !== null && thd <= 0.05) return { points: 5, text: `maker states THD ≤ ${thd}%` };
      if (thd !== null && thd <= 0.1) return { points: 2, text: `maker states THD < ${thd}%` };
      if (thd !== null) return { points: 0, text: `maker states THD < ${thd}%` };
      return unknown("distortion not stated or measured");
    },
  },
  {
    name: "resolution",
    about: "mastering: resolution and detail that reveal what processing does",
    range: [0, 5],
    expected: 1,
    reads: [],
    apply: (h) => {
      if (has(h, "detailed"))
        return { points: 5, text: "resolves fine detail, so processing artefacts are audible" };
      if (h.character.length === 0) return unknown("resolution not described");
      return { points: 0, text: "not described as especially detailed" };
    },
  },
  {
    name: "image",
    about: "mixing: a wide, stable stereo image",
    range: [-2, 4],
    expected: 0,
    reads: [],
    apply: (h) => {
      if (has(h, "wide-image")) return { points: 4, text: "wide, speaker-like stereo image" };
      if (has(h, "intimate-image"))
        return { points: -2, text: "intimate image: judge width on speakers too" };
      if (h.character.length === 0) return unknown("stereo image not described");
      return { points: 0, text: "image not remarked on" };
    },
  },
  {
    name: "calibration",
    about: "mastering: a correction profile exists (e.g. Sonarworks SoundID Reference)",
    range: [0, 5],
    expected: 2.5,
    reads: [],
    apply: (h, ctx) => {
      if (h.calibration.length > 0) {
        return {
          points: 5,
          text: `${h.calibration.map((c) => c.vendor).join(", ")} correction profile available`,
        };
      }
      if (h.calibrationChecked.length > 0) {
        const vendors = h.calibrationChecked.join(", ");
        // Only mastering leans on calibration enough to warn about its absence.
        return {
          points: 0,
          text: `no ${vendors} profile for this model`,
          ...(ctx.role === "mastering" ? { watch: `no ${vendors} profile` } : {}),
        };
      }
      return unknown("calibration profiles not checked");
    },
  },
  {
    name: "drive",
    about:
      "can the source drive it to the role's peak SPL? (check-amp; --source, else an audio interface is assumed for tracking)",
    range: [-8, 4],
    expected: -2,
    reads: ["source"],
    fields: ["impedanceOhms"],
    apply: (h, ctx, facts) => {
      const source = driveSource(ctx);
      const target = ROLE_TARGETS[ctx.role].splDb;
      const c = facts.judge();
      if (source === null || c === null) {
        if (h.impedanceOhms !== null && h.impedanceOhms >= 150) {
          return {
            points: 0,
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
            points: 4,
            text: `${where} (${source.id}) reaches ${target} dB SPL with ${Math.round(c.headroomDb ?? 0)} dB to spare`,
          };
        case "marginal":
          return {
            points: -2,
            text: `${where} (${source.id}) only just reaches ${target} dB SPL`,
            watch: `marginal on ${source.id}`,
          };
        case "insufficient": {
          const fix = facts.fix();
          return {
            points: -8,
            text: `${where} (${source.id}) tops out at ${Math.round(c.maxSplDb ?? 0)} dB SPL, short of ${target}`,
            watch: `${source.id} can't drive it${fix ? `; needs e.g. ${fix.id}` : "; needs an amplifier"}`,
          };
        }
        default: {
          const why = facts
            .drive()
            ?.reason.replace(/^Cannot judge: /, "")
            .split(".")[0];
          return unknown(`cannot check against ${source.id}${why ? `: ${why}` : ""}`);
        }
      }
    },
  },
  {
    name: "crossfeed",
    about:
      "mastering: crossfeed in the chain reduces the in-head image (it does not change the ranking)",
    range: [0, 0],
    reads: ["source"],
    fields: [],
    apply: (_h, ctx) =>
      ctx.source === null
        ? null
        : ctx.source.crossfeed
          ? {
              points: 0,
              text: `${ctx.source.id} has crossfeed for a more speaker-like image`,
              aside: true,
            }
          : {
              points: 0,
              text:
                ctx.source.crossfeed === null
                  ? `crossfeed on ${ctx.source.id} not known: if it has none, a crossfeed plugin helps`
                  : `no crossfeed on ${ctx.source.id}: a crossfeed plugin helps`,
              aside: true,
            },
  },
];

export const RULES_BY_NAME: ReadonlyMap<string, Rule> = new Map(RULES.map((r) => [r.name, r]));

/** A role profile: rule weights (0 or absent: not applied). */
export interface RoleProfile {
  weights: Record<string, number>;
}

export interface RankInput {
  headphones: readonly Headphone[];
  profile: RoleProfile;
  ctx: RankContext;
  owned: ReadonlySet<string>;
}

/**
 * A rule's points for an outcome, before weighting: NaN where it excludes the
 * model, -Infinity where a limit cannot be verified, 0 where it has nothing
 * to say, its neutral expectation where its fact is unknown. (A sum is the
 * same for 0 as for nothing: it starts at +0.)
 */
export function outcomePoints(rule: Rule, outcome: RuleOutcome): number {
  if (outcome === null) return 0;
  if ("exclude" in outcome) return Number.NaN;
  if ("unverified" in outcome) return Number.NEGATIVE_INFINITY;
  if ("unknown" in outcome) return rule.expected ?? 0;
  return outcome.points;
}

/** The profile's rules in the order they apply, each with its weight; weight 0 is off. */
export function activeRules(profile: RoleProfile): { name: string; weight: number; rule: Rule }[] {
  return Object.entries(profile.weights).flatMap(([name, weight]) => {
    const rule = RULES_BY_NAME.get(name);
    return rule && weight !== 0 ? [{ name, weight, rule }] : [];
  });
}

/** Score every headphone, best first; excluded models last, with their reason. */
export function rankHeadphones({ headphones, profile, ctx, owned }: RankInput): Ranked[] {
  const active = activeRules(profile);
  const shared = sharedFor(ctx);
  const ranked = headphones.map((h): Ranked => {
    const facts = factsFor(h, ctx, shared);
    const reasons: Reason[] = [];
    const watchOut: string[] = [];
    let excludedBy: Reason | null = null;
    let unverified: Reason | null = null;
    const evidence = { known: 0, of: 0 };
    for (const { name, weight, rule } of active) {
      const outcome = rule.apply(h, ctx, facts);
      if (outcome === null) continue;
      if ("exclude" in outcome) {
        excludedBy = { rule: name, points: 0, text: outcome.exclude };
        break;
      }
      if ("unverified" in outcome) {
        unverified ??= { rule: name, points: 0, text: outcome.unverified };
        continue;
      }
      const judges = rule.range[0] !== rule.range[1] && !("aside" in outcome && outcome.aside);
      if (judges) evidence.of++;
      if ("unknown" in outcome) {
        reasons.push({
          rule: name,
          points: (rule.expected ?? 0) * weight,
          text: `${outcome.unknown} (unknown: scored as typical)`,
          unknown: true,
        });
      } else {
        if (judges) evidence.known++;
        reasons.push({ rule: name, points: outcome.points * weight, text: outcome.text });
      }
      if (outcome.watch) watchOut.push(outcome.watch);
    }
    const fit = fitFor(h, ctx.role);
    return {
      id: h.id,
      name: h.name,
      back: h.back,
      driver: h.driver,
      priceUsd: h.priceUsd,
      score: excludedBy ? 0 : round(reasons.reduce((a, r) => a + r.points, 0)),
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
      drive: ctx.source && !excludedBy ? facts.drive() : null,
    };
  });
  return ranked.sort(
    (a, b) =>
      compareMerit(
        standing(a),
        fitOrder(a.fit),
        a.score,
        a.priceUsd ?? Number.POSITIVE_INFINITY,
        standing(b),
        fitOrder(b.fit),
        b.score,
        b.priceUsd ?? Number.POSITIVE_INFINITY,
      ) || compareText(a.id, b.id),
  );
}

/** 0: kept; 1: kept apart, not verified; 2: excluded. */
function standing(r: Ranked): number {
  return r.excluded ? 2 : r.unverified ? 1 : 0;
}

/**
 * The ranking's order before the tie-break on id: kept models first, then
 * those kept apart as not verified, then excluded ones (standing 0, 1, 2);
 * then the better fit (fitOrder: 0 is best), the higher score, the lower
 * price (unknown: Infinity). Positional so that the packed ranking can call
 * it on columns.
 */
export function compareMerit(
  standingA: number,
  fitA: number,
  scoreA: number,
  priceA: number,
  standingB: number,
  fitB: number,
  scoreB: number,
  priceB: number,
): number {
  // Infinity - Infinity is NaN, which || passes over like 0.
  return standingA - standingB || fitA - fitB || scoreB - scoreA || priceA - priceB;
}

/**
 * Ranks as shown: 1-based, equal for models that tie on standing, fit and
 * score (1, 2, 2, 4); the tie's order is the cheaper first, then by id.
 */
export function sharedRanks(results: readonly Ranked[]): number[] {
  const ranks: number[] = [];
  results.forEach((r, i) => {
    const prev = results[i - 1];
    const tie =
      prev !== undefined &&
      standing(prev) === standing(r) &&
      prev.fit === r.fit &&
      prev.score === r.score;
    ranks.push(tie ? (ranks[i - 1] as number) : i + 1);
  });
  return ranks;
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

/** A query that sets no option: what the packed ranking works each role's points out for. */
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

/** The column of `rulePoints` that holds each model's fitOrder for the role. */
export const FIT_COLUMN = "@fit";

/**
 * What every rule gives every headphone under ctx, by rule name: the points
 * before weighting (outcomePoints), and each model's fit under FIT_COLUMN.
 */
export function rulePoints(
  headphones: readonly Headphone[],
  ctx: RankContext,
): Map<string, Float64Array> {
  const columns = new Map(
    [...RULES.map((r) => r.name), FIT_COLUMN].map((name) => [
      name,
      new Float64Array(headphones.length),
    ]),
  );
  const shared = sharedFor(ctx);
  headphones.forEach((h, i) => {
    const facts = factsFor(h, ctx, shared);
    for (const rule of RULES) {
      (columns.get(rule.name) as Float64Array)[i] = outcomePoints(rule, rule.apply(h, ctx, facts));
    }
    (columns.get(FIT_COLUMN) as Float64Array)[i] = fitOrder(fitFor(h, ctx.role).fit);
  });
  return columns;
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
  results: readonly Ranked[],
): Ranked | null {
  if (owned.length === 0 || owned.some((o) => o.serves)) return null;
  return results.find((r) => !r.excluded && !r.unverified && !r.owned && serves(r.fit)) ?? null;
}
