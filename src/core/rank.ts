/**
 * The recommendation engine: small named rules, each one function over a
 * headphone's graded facts (facts.ts) and the query, returning its points, a
 * one-line reason, the grade of the evidence it rests on and whether that
 * fact is unknown (then the points are a typical model's, neither reward nor
 * known weakness). A role is a profile (profiles.ts): which rules apply and
 * with what weight. Adding a rule is one function below, one entry in RULES
 * and one test row. Pure.
 */

import type { AmpCheck, Judgement, Verdict } from "./amp.js";
import { cheapestFix, check as checkDrive, fixCandidates, judgeAgainst, needsOf } from "./drive.js";
import {
  DEGREE,
  distortion,
  type Facts,
  factsOf,
  GRADE_WORDS,
  isolation,
  priceIsApproximate,
  tagGrade,
} from "./facts.js";
import { type Fit, type FitJudgement, judgeFit } from "./fit.js";
import { compareText, money } from "./format.js";
import { ROLE_TARGETS, type Role } from "./roles.js";
import type { Back, Driver, Grade, Headphone, Source } from "./types.js";

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
 * What a rule says of one model. `unknown`: the fact is not in the catalog
 * and `points` are a typical model's; `aside`: advice that judges nothing;
 * `exclude`: the model is out; `unverified`: a limit the user set (budget,
 * weight) cannot be checked on an unknown figure, so the model is shown apart.
 */
export interface Judged {
  points: number;
  reason: string;
  /** The evidence the verdict rests on; null when unknown or when it judges no fact. */
  grade: Grade | null;
  unknown?: true;
  watch?: string;
  aside?: true;
  exclude?: true;
  unverified?: true;
}

/** What a rule is given: the headphone, its facts, its drive against the drive source. */
export interface Subject {
  h: Headphone;
  f: Facts;
  drive: Drive;
}

export interface Rule {
  name: string;
  /** One line on what the rule rewards and why (for --explain and the README). */
  about: string;
  /** The lowest and highest points it gives (before weighting): the score's scale. */
  range: readonly [number, number];
  judge(s: Subject, ctx: RankContext): Judged | null;
}

/** The drive of one headphone against the drive source, worked out when first asked. */
export interface Drive {
  /** The verdict and its figures; null when there is no drive source. */
  judge(): Judgement | null;
  /** The full check, for the result and the words a judgement lacks. */
  check(): AmpCheck | null;
  /** The cheapest catalog amplifier or interface that would make the verdict ok. */
  fix(): Source | null;
}

/** What drive judgements share within one ranking. */
interface DriveShared {
  against: Source | null;
  candidates: () => Source[];
  targetSplDb: number;
  role: Role;
}

/** What the drive rule judges against: the user's source, else for tracking the interface preset. */
export function driveSource(ctx: RankContext): Source | null {
  if (ctx.source) return ctx.source;
  return ctx.role === "tracking" ? (ctx.sources.find((s) => s.id === "interface") ?? null) : null;
}

function driveShared(ctx: RankContext): DriveShared {
  let candidates: Source[] | undefined;
  return {
    against: driveSource(ctx),
    candidates: () => {
      candidates ??= fixCandidates(ctx.sources);
      return candidates;
    },
    targetSplDb: ROLE_TARGETS[ctx.role].splDb,
    role: ctx.role,
  };
}

function driveOf(h: Headphone, s: DriveShared, against: Source | null = s.against): Drive {
  let judged: Judgement | null | undefined;
  let checked: AmpCheck | null | undefined;
  let fix: Source | null | undefined;
  const o = { targetSplDb: s.targetSplDb, role: s.role };
  return {
    judge: () => {
      if (judged === undefined) judged = against ? judgeAgainst(needsOf(h), against, o) : null;
      return judged;
    },
    check: () => {
      if (checked === undefined) checked = against ? checkDrive(h, against, o) : null;
      return checked;
    },
    fix: () => {
      if (fix === undefined) fix = cheapestFix(needsOf(h), s.candidates(), o);
      return fix;
    },
  };
}

const cite = (g: Grade) => `(${GRADE_WORDS[g]})`;
const unknown = (points: number, reason: string, watch?: string): Judged => ({
  points,
  reason,
  grade: null,
  unknown: true,
  ...(watch ? { watch } : {}),
});

/** --back, --driver and --max-weight (an unknown weight is shown apart). */
function filters({ h, f }: Subject, ctx: RankContext): Judged | null {
  if (ctx.back !== null && h.back !== ctx.back)
    return {
      points: 0,
      reason: `${h.back}-back; you asked for ${ctx.back}`,
      grade: null,
      exclude: true,
    };
  if (ctx.driver !== null && h.driver !== ctx.driver)
    return {
      points: 0,
      reason: `${h.driver} driver; you asked for ${ctx.driver}`,
      grade: null,
      exclude: true,
    };
  if (ctx.maxWeightGrams === null) return null;
  const w = f.weightGrams;
  if (w === null)
    return {
      points: 0,
      reason: `weight not verified: cannot be held to your ${ctx.maxWeightGrams} g`,
      grade: null,
      unverified: true,
    };
  if (w.value > ctx.maxWeightGrams)
    return {
      points: 0,
      reason: `${w.value} g, over your ${ctx.maxWeightGrams} g`,
      grade: w.grade,
      exclude: true,
    };
  return null;
}

/** --budget: over it is excluded; an unknown price is shown apart. */
function budget({ h }: Subject, ctx: RankContext): Judged | null {
  if (ctx.budgetUsd === null) return null;
  if (h.priceUsd === null)
    return {
      points: 0,
      reason: `price not verified against your ${money(ctx.budgetUsd)} budget`,
      grade: null,
      unverified: true,
    };
  if (h.priceUsd > ctx.budgetUsd)
    return {
      points: 0,
      reason: `${money(h.priceUsd, priceIsApproximate(h))}, over your ${money(ctx.budgetUsd)} budget`,
      grade: null,
      exclude: true,
    };
  return {
    points: 0,
    reason: `${money(h.priceUsd, priceIsApproximate(h))}, within your ${money(ctx.budgetUsd)} budget`,
    grade: null,
    aside: true,
  };
}

/** Tracking: an open back bleeds the click and cue mix into the microphone. */
function closedBack({ h }: Subject): Judged {
  if (h.back === "open")
    return {
      points: 0,
      reason: "open-back: the click and cue mix bleed into the microphone",
      grade: null,
      exclude: true,
    };
  if (h.back === "semi-open")
    return {
      points: -10,
      reason: "semi-open: leaks some of the cue mix into the microphone",
      grade: null,
      watch: "semi-open: some bleed into the mic",
    };
  return { points: 10, reason: "closed-back: keeps the click out of the microphone", grade: null };
}

/** Mixing and mastering: an open back, less in-head compression. */
function openBack({ h }: Subject): Judged {
  if (h.back === "open")
    return {
      points: 10,
      reason: "open-back: less in-head compression, a truer sense of space",
      grade: null,
    };
  if (h.back === "semi-open")
    return { points: 5, reason: "semi-open: some of the open-back benefit", grade: null };
  return {
    points: -10,
    reason: "closed-back: colours the sound and restricts the sense of space",
    grade: null,
    watch: "closed-back: decisions translate poorly to speakers",
  };
}

/** Tracking: passive isolation; a figure decides, else reviewers' words. */
function isolationRule({ f }: Subject): Judged {
  const iso = isolation(f);
  if (iso === null) return unknown(3, "isolation not measured or described");
  const db = f.isolationDb;
  if (db !== null && iso.grade === db.grade)
    return {
      points: Math.min(10, Math.max(0, db.value / 2)),
      reason: `${db.value} dB isolation ${cite(db.grade)}`,
      grade: db.grade,
    };
  return { points: 5, reason: `described as isolating well ${cite(iso.grade)}`, grade: iso.grade };
}

/** Long takes and sessions: light weight, a comfortable fit, little clamp. */
function comfort({ f }: Subject): Judged {
  const w = f.weightGrams;
  const comfortable = tagGrade(f, "comfortable");
  const clamping = tagGrade(f, "clamping");
  if (w === null && comfortable === null && clamping === null)
    return unknown(2, "weight and fit not sourced (scored as typical)");
  // An unknown weight next to a described fit scores as a typical weight.
  let points = w === null ? 1 : w.value <= 250 ? 4 : w.value <= 300 ? 2 : w.value <= 400 ? 0 : -4;
  const parts = [
    w === null
      ? "weight not sourced"
      : `${w.value} g${w.from ? ` (as ${w.from})` : ""} ${cite(w.grade)}`,
  ];
  let watch: string | undefined;
  if (w !== null && w.value > 400) watch = `heavy (${w.value} g) for long sessions`;
  if (comfortable) {
    points += 3;
    parts.push(`comfortable fit ${cite(comfortable)}`);
  }
  if (clamping) {
    points -= 2;
    parts.push(`strong clamp ${cite(clamping)}`);
    watch ??= "strong clamping force";
  }
  return {
    points,
    reason: parts.join("; "),
    grade: w?.grade ?? comfortable ?? clamping,
    ...(watch ? { watch } : {}),
  };
}

/** Tracking: a presence or low-end lift helps performers hear themselves. */
function performerTuning({ f }: Subject): Judged {
  const presence = tagGrade(f, "presence-lift");
  if (presence)
    return {
      points: 2,
      reason: `presence lift helps performers hear their own voice ${cite(presence)}`,
      grade: presence,
    };
  const bass = tagGrade(f, "bass-lift") ?? tagGrade(f, "slight-bass-lift");
  if (bass)
    return { points: 1, reason: `fuller low end performers like ${cite(bass)}`, grade: bass };
  if (f.colour)
    return { points: 0, reason: "no lift that performers would notice", grade: f.colour.grade };
  return unknown(0.5, "sound not described");
}

/** What a tilt does to a mix, for the reason and the watch-out. */
const TILT_WORDS: Partial<Record<string, string>> = {
  "treble-lift": "treble lift: mixes come out dull as you roll off air you should keep",
  bright: "bright: you may roll off too much top end",
  "bass-lift": "flattering low end: you will cut bass you should keep",
  "v-shaped": "V-shaped: mids sit too low",
  warm: "slightly warm: a known colouration to account for",
  dark: "dark: you may add too much top end",
  "mid-forward": "mid-forward: account for a forward midrange",
  "slight-treble-lift": "slightly hot treble: a known colouration to account for",
  "slight-bass-lift": "slight bass lift: a known colouration to account for",
  "treble-peak": "a treble peak: sibilance may sound harsher than it is",
  "presence-lift": "a presence lift: vocals may sit too far forward",
  "presence-dip": "a presence dip: vocals may end up too loud",
};

/** Mixing and mastering: neutral or a known mild colouration; a strong tilt misleads. */
function neutrality({ f }: Subject): Judged {
  const c = f.colour;
  if (c === null)
    return unknown(
      1,
      "colouration not documented: you will have to learn it",
      "colouration undocumented",
    );
  const tilts = c.value.tags.filter((t) => t !== "neutral");
  const from = c.from ? `, as ${c.from}` : "";
  if (c.value.degree === "neutral")
    return {
      points: 6,
      reason: `${c.grade === "measurement" ? "measured" : "described"} as neutral ${cite(c.grade)}${from}`,
      grade: c.grade,
    };
  const words = tilts.map((t) => TILT_WORDS[t] ?? t).join("; ");
  if (c.value.degree === "mild")
    return { points: 3, reason: `${words} ${cite(c.grade)}${from}`, grade: c.grade };
  const strong = tilts.filter((t) => DEGREE[t] === "strong").map((t) => t.replace(/-/g, " "));
  return {
    points: -6,
    reason: `${words} ${cite(c.grade)}${from}`,
    grade: c.grade,
    watch: strong.join(", "),
  };
}

/** Mixing and especially mastering: low distortion, a THD figure decides (README, thresholds). */
function lowDistortion({ f }: Subject): Judged {
  const d = distortion(f);
  if (d === null) return unknown(2, "distortion not stated or measured");
  const thd = f.thdPercent;
  const figure = thd !== null && thd.grade === d.grade ? `THD ≤ ${thd.value}%, ` : "";
  const points = d.value === "very low" ? 6 : d.value === "low" ? 3 : 0;
  return { points, reason: `${figure}${d.value} distortion ${cite(d.grade)}`, grade: d.grade };
}

/** Mastering: resolution that reveals what processing does. */
function resolution({ f }: Subject): Judged {
  const g = tagGrade(f, "detailed");
  if (g === null) return unknown(1, "resolution not described");
  return { points: g === "review" ? 4 : 5, reason: `resolves fine detail ${cite(g)}`, grade: g };
}

/** Mixing: a wide, stable stereo image. */
function image({ f }: Subject): Judged {
  const wide = tagGrade(f, "wide-image");
  if (wide) return { points: 4, reason: `wide, speaker-like image ${cite(wide)}`, grade: wide };
  const intimate = tagGrade(f, "intimate-image");
  if (intimate)
    return {
      points: -2,
      reason: `intimate image: judge width on speakers too ${cite(intimate)}`,
      grade: intimate,
    };
  return unknown(0.5, "stereo image not described");
}

/** Mastering: a correction profile exists (e.g. Sonarworks SoundID Reference). */
function calibration({ h, f }: Subject, ctx: RankContext): Judged {
  const c = f.calibrated;
  if (c === null) return unknown(2.5, "calibration profiles not checked");
  if (c.value)
    return {
      points: 5,
      reason: `${h.calibration.map((p) => p.vendor).join(", ")} correction profile available`,
      grade: c.grade,
    };
  const vendors = h.calibrationChecked.join(", ");
  // Only mastering leans on calibration enough to warn about its absence.
  return {
    points: 0,
    reason: `no ${vendors} profile for this model`,
    grade: c.grade,
    ...(ctx.role === "mastering" ? { watch: `no ${vendors} profile` } : {}),
  };
}

/** Can the source drive it to the role's peak SPL? (check-amp) */
function drive({ h, drive: d }: Subject, ctx: RankContext): Judged | null {
  const source = driveSource(ctx);
  const c = d.judge();
  if (source === null || c === null) {
    if (h.impedanceOhms !== null && h.impedanceOhms >= 150)
      return {
        points: 0,
        reason: `${h.impedanceOhms} Ω: plan on a dedicated headphone amplifier`,
        grade: null,
        watch: "needs a proper amplifier",
        aside: true,
      };
    return null;
  }
  const where = ctx.source ? "your source" : "a typical interface";
  const target = ROLE_TARGETS[ctx.role].splDb;
  switch (c.verdict) {
    case "ok":
      return {
        points: 4,
        reason: `${where} (${source.id}) reaches ${target} dB SPL with ${Math.round(c.headroomDb ?? 0)} dB to spare`,
        grade: "maker",
      };
    case "marginal":
      return {
        points: -2,
        reason: `${where} (${source.id}) only just reaches ${target} dB SPL`,
        grade: "maker",
        watch: `marginal on ${source.id}`,
      };
    case "insufficient": {
      const fix = d.fix();
      return {
        points: -8,
        reason: `${where} (${source.id}) tops out at ${Math.round(c.maxSplDb ?? 0)} dB SPL, short of ${target}`,
        grade: "maker",
        watch: `${source.id} can't drive it${fix ? `; needs e.g. ${fix.id}` : "; needs an amplifier"}`,
      };
    }
    default: {
      const why = d
        .check()
        ?.reason.replace(/^Cannot judge: /, "")
        .split(".")[0];
      return unknown(-2, `cannot check against ${source.id}${why ? `: ${why}` : ""}`);
    }
  }
}

/** Mastering: crossfeed reduces the in-head image (advice; it does not rank). */
function crossfeed(_s: Subject, ctx: RankContext): Judged | null {
  if (ctx.source === null) return null;
  return ctx.source.crossfeed
    ? {
        points: 0,
        reason: `${ctx.source.id} has crossfeed for a more speaker-like image`,
        grade: null,
        aside: true,
      }
    : {
        points: 0,
        reason: `no crossfeed on ${ctx.source.id}: a crossfeed plugin helps`,
        grade: null,
        aside: true,
      };
}

export const RULES: readonly Rule[] = [
  {
    name: "filters",
    about: "your --back, --driver and --max-weight filters (an unknown weight is shown apart)",
    range: [0, 0],
    judge: filters,
  },
  {
    name: "budget",
    about: "your --budget: over it is excluded; an unknown price is shown apart, not verified",
    range: [0, 0],
    judge: budget,
  },
  {
    name: "closed-back",
    about:
      "tracking needs a closed back: an open back bleeds the click and cue mix into the microphone",
    range: [-10, 10],
    judge: closedBack,
  },
  {
    name: "open-back",
    about:
      "mixing and mastering want an open back: less in-head compression, a truer sense of space",
    range: [-10, 10],
    judge: openBack,
  },
  {
    name: "isolation",
    about:
      "tracking: passive isolation, a figure in dB (half a point per dB) or as reviewers describe it",
    range: [0, 10],
    judge: isolationRule,
  },
  {
    name: "comfort",
    about: "long takes and long sessions: light weight, comfortable fit, little clamp",
    range: [-6, 7],
    judge: comfort,
  },
  {
    name: "performer-tuning",
    about:
      "tracking: a presence or low-end lift helps performers hear themselves (neutrality is not required)",
    range: [0, 2],
    judge: performerTuning,
  },
  {
    name: "neutrality",
    about:
      "mixing and mastering: neutral, or a known mild colouration; a strong tilt misleads; unknown scores below known",
    range: [-6, 6],
    judge: neutrality,
  },
  {
    name: "low-distortion",
    about:
      "mixing and especially mastering: low distortion; a THD figure decides (≤ 0.05% very low, ≤ 0.1% low)",
    range: [0, 6],
    judge: lowDistortion,
  },
  {
    name: "resolution",
    about: "mastering: resolution and detail that reveal what processing does",
    range: [0, 5],
    judge: resolution,
  },
  { name: "image", about: "mixing: a wide, stable stereo image", range: [-2, 4], judge: image },
  {
    name: "calibration",
    about: "mastering: a correction profile exists (e.g. Sonarworks SoundID Reference)",
    range: [0, 5],
    judge: calibration,
  },
  {
    name: "drive",
    about:
      "can the source drive it to the role's peak SPL? (check-amp; --source, else an audio interface is assumed for tracking)",
    range: [-8, 4],
    judge: drive,
  },
  {
    name: "crossfeed",
    about:
      "mastering: crossfeed in the chain reduces the in-head image (it does not change the ranking)",
    range: [0, 0],
    judge: crossfeed,
  },
];

export const RULES_BY_NAME: ReadonlyMap<string, Rule> = new Map(RULES.map((r) => [r.name, r]));

/** A role profile: rule weights (0 or absent: not applied). */
export interface RoleProfile {
  weights: Record<string, number>;
}

interface ActiveRule {
  name: string;
  weight: number;
  rule: Rule;
}

/** Worked out once per profile object. */
const ACTIVE = new WeakMap<RoleProfile, ActiveRule[]>();

/** The profile's rules in the order they apply, each with its weight; weight 0 is off. */
function activeRules(profile: RoleProfile): readonly ActiveRule[] {
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

export interface Reason {
  rule: string;
  points: number;
  text: string;
  /** The evidence the rule's verdict rests on; null when unknown or it judges no fact. */
  grade: Grade | null;
  /** The rule's fact was unknown: the points are a typical model's. */
  unknown?: true;
}

export interface Ranked {
  id: string;
  name: string;
  back: Back;
  driver: Driver;
  priceUsd: number | null;
  /** The price is approximate (low confidence or undated): shown as "about $…". */
  priceApproximate: boolean;
  /** 0 kept, 1 kept apart (a limit you set cannot be checked), 2 excluded. */
  standing: number;
  /** The weighted rules' sum, unknown facts at a typical model's points. */
  score: number;
  /** What the known evidence supports (fit.ts), and why. */
  fit: Fit;
  fitReason: string;
  /** The worst and best label the unknown facts allow. */
  fitRange: { low: Fit; high: Fit };
  /** The label with unknown facts at a typical model's: what the ranking orders by. */
  fitExpected: Fit;
  /** The facts the fit needed that the catalog does not have. */
  unknown: string[];
  /** How many of the rules that judged it knew their fact. */
  evidence: { known: number; of: number };
  family: string | null;
  variant: string | null;
  familyDefault: boolean;
  excluded: boolean;
  /** Why it was excluded, when it was. */
  excludedBy: Reason | null;
  /** Kept apart: a limit you set (budget, weight) cannot be checked on an unknown figure. */
  unverified: Reason | null;
  reasons: Reason[];
  watchOut: string[];
  owned: boolean;
  /** The drive verdict on the user's source; null without one. */
  driveVerdict: Verdict | null;
  /** The full check against the user's source, for the rows shown; null otherwise. */
  drive: AmpCheck | null;
  /** The cheapest catalog amp that drives it, when the user's source cannot. */
  driveFix: string | null;
}

/** Each family's members, the studio default first, then in catalog order. */
export function familiesOf(headphones: readonly Headphone[]): Map<string, Headphone[]> {
  const families = new Map<string, Headphone[]>();
  for (const h of headphones) {
    if (h.family === null) continue;
    const members = families.get(h.family);
    if (members) members.push(h);
    else families.set(h.family, [h]);
  }
  for (const members of families.values())
    members.sort((a, b) => Number(b.familyDefault) - Number(a.familyDefault));
  return families;
}

/** The other members of h's family, the studio default first. */
export function familyOf(h: Headphone, families: ReadonlyMap<string, Headphone[]>): Headphone[] {
  if (h.family === null) return [];
  return (families.get(h.family) ?? []).filter((v) => v !== h);
}

/** One ranking's shared state: the families and the drive source. */
export interface Ranking {
  ctx: RankContext;
  profile: RoleProfile;
  families: ReadonlyMap<string, Headphone[]>;
  drive: DriveShared;
}

export function rankingFor(
  headphones: readonly Headphone[],
  profile: RoleProfile,
  ctx: RankContext,
): Ranking {
  return { ctx, profile, families: familiesOf(headphones), drive: driveShared(ctx) };
}

/**
 * A model as the ranking orders it: its score, standing, fit labels and the
 * drive on the user's source, without the words (`explainOne` adds them for
 * the models shown), so a big catalog is ordered without wording each model.
 */
export interface Scored {
  h: Headphone;
  f: Facts;
  id: string;
  family: string | null;
  familyDefault: boolean;
  priceUsd: number | null;
  /** 0 kept, 1 kept apart (a limit you set cannot be checked), 2 excluded. */
  standing: number;
  score: number;
  /** What the known evidence supports. */
  fit: Fit;
  fitExpected: Fit;
  driveVerdict: Verdict | null;
}

/** A model scored by every rule of the profile, its fit labels and drive. */
export function scoreOne(h: Headphone, r: Ranking): Scored {
  const f = factsOf(h, familyOf(h, r.families));
  const d = driveOf(h, r.drive);
  const subject: Subject = { h, f, drive: d };
  let standing = 0;
  let score = 0;
  for (const { weight, rule } of activeRules(r.profile)) {
    const said = rule.judge(subject, r.ctx);
    if (said === null) continue;
    if (said.exclude) {
      standing = 2;
      score = 0;
      break;
    }
    if (said.unverified) standing = 1;
    else score += said.points * weight;
  }
  const fit = judgeFit(h, f, r.ctx.role, false);
  return {
    h,
    f,
    id: h.id,
    family: h.family,
    familyDefault: h.familyDefault,
    priceUsd: h.priceUsd,
    standing,
    score: round(score),
    fit: fit.fit,
    fitExpected: fit.expected,
    driveVerdict: r.ctx.source && standing !== 2 ? (d.judge()?.verdict ?? null) : null,
  };
}

/** A scored model with its reasons, fit reason and drive fix: as it is shown. */
export function explainOne(s: Scored, r: Ranking, owned: ReadonlySet<string>): Ranked {
  const { h, f } = s;
  const d = driveOf(h, r.drive);
  const subject: Subject = { h, f, drive: d };
  const reasons: Reason[] = [];
  const watchOut: string[] = [];
  let excludedBy: Reason | null = null;
  let unverified: Reason | null = null;
  const evidence = { known: 0, of: 0 };
  for (const { name, weight, rule } of activeRules(r.profile)) {
    const said = rule.judge(subject, r.ctx);
    if (said === null) continue;
    const reason: Reason = {
      rule: name,
      points: said.exclude || said.unverified ? 0 : said.points * weight,
      text: said.unknown ? `${said.reason} (unknown: scored as typical)` : said.reason,
      grade: said.grade,
    };
    if (said.unknown) reason.unknown = true;
    if (said.exclude) {
      excludedBy = reason;
      break;
    }
    if (said.unverified) {
      unverified ??= reason;
      continue;
    }
    const judges = rule.range[0] !== rule.range[1] && !said.aside;
    if (judges) {
      evidence.of++;
      if (!said.unknown) evidence.known++;
    }
    reasons.push(reason);
    if (said.watch) watchOut.push(said.watch);
  }
  const fit: FitJudgement = judgeFit(h, f, r.ctx.role);
  const verdict = s.driveVerdict;
  return {
    id: h.id,
    name: h.name,
    back: h.back,
    driver: h.driver,
    priceUsd: h.priceUsd,
    priceApproximate: priceIsApproximate(h),
    standing: s.standing,
    score: s.score,
    fit: fit.fit,
    fitReason: fit.reason,
    fitRange: fit.range,
    fitExpected: fit.expected,
    unknown: fit.unknown,
    evidence,
    family: h.family,
    variant: h.variant,
    familyDefault: h.familyDefault,
    excluded: excludedBy !== null,
    excludedBy,
    unverified: excludedBy ? null : unverified,
    reasons: excludedBy ? [excludedBy] : reasons,
    watchOut,
    owned: owned.has(h.id),
    driveVerdict: verdict,
    drive: null,
    driveFix: verdict === "insufficient" || verdict === "marginal" ? (d.fix()?.id ?? null) : null,
  };
}

/** The full check against the user's source, for a model shown. */
export function checkOn(h: Headphone, r: Ranking): AmpCheck | null {
  return r.ctx.source ? driveOf(h, r.drive, r.ctx.source).check() : null;
}

/** What the ranking orders by: a scored model or an explained one. */
export type Orderable = Pick<
  Scored,
  | "id"
  | "family"
  | "familyDefault"
  | "priceUsd"
  | "standing"
  | "score"
  | "fitExpected"
  | "driveVerdict"
>;

/**
 * With the user's source, a model it cannot drive never ranks above one it
 * drives; marginal (or not judgeable) is a step down between them.
 */
export function driveTier(v: Verdict | null): number {
  return v === null || v === "ok" ? 0 : v === "insufficient" ? 2 : 1;
}

/** A model to avoid for the role goes last, however well the source drives it. */
const avoided = (r: Orderable) => (r.fitExpected === "avoid" ? 1 : 0);

/** Fit labels as numbers, for the comparisons a sort makes many of. */
const FIT_ORDER: Record<Fit, number> = { excellent: 0, good: 1, workable: 2, avoid: 3 };

/**
 * The ranking's order: kept models first, then those kept apart, then the
 * excluded; models to avoid for the role after the rest; then the drive on
 * the user's source; then the expected fit (each unknown fact at a typical
 * model's, so that no model gains on another only because facts are
 * missing), the higher score, within a family its studio default, the lower
 * price (unknown last), the id.
 */
export function ranksBefore(a: Orderable, b: Orderable): number {
  return (
    a.standing - b.standing ||
    avoided(a) - avoided(b) ||
    driveTier(a.driveVerdict) - driveTier(b.driveVerdict) ||
    FIT_ORDER[a.fitExpected] - FIT_ORDER[b.fitExpected] ||
    b.score - a.score ||
    (a.family !== null && a.family === b.family
      ? Number(b.familyDefault) - Number(a.familyDefault)
      : 0) ||
    (a.priceUsd ?? Number.POSITIVE_INFINITY) - (b.priceUsd ?? Number.POSITIVE_INFINITY) ||
    compareText(a.id, b.id)
  );
}

/** Do two models share a rank? Same standing, drive step, expected fit and score (ranks 1, 2, 2, 4). */
export function ties(a: Orderable, b: Orderable): boolean {
  return (
    a.standing === b.standing &&
    avoided(a) === avoided(b) &&
    driveTier(a.driveVerdict) === driveTier(b.driveVerdict) &&
    a.fitExpected === b.fitExpected &&
    a.score === b.score
  );
}

/** The lowest and highest score the role's rules can give (their ranges, weighted). */
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

/** A query that sets no option but the source: how show and compare place a model in its role. */
export function baseContext(
  role: Role,
  sources: readonly Source[],
  source: Source | null = null,
): RankContext {
  return { role, source, sources, budgetUsd: null, back: null, driver: null, maxWeightGrams: null };
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

/**
 * What to add when nothing owned serves the role: the best-ranked kept model
 * the user does not own whose known fit serves it; null when something owned serves.
 */
export function addNext<T extends { owned: boolean; fit: Fit }>(
  owned: readonly OwnedJudgement[],
  rows: Iterable<T>,
): T | null {
  if (owned.length === 0 || owned.some((o) => o.serves)) return null;
  for (const r of rows) if (!r.owned && (r.fit === "excellent" || r.fit === "good")) return r;
  return null;
}
