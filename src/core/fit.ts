/**
 * Fit labels: how well a headphone suits a role, from the guide's criteria
 * judged on graded evidence (facts.ts), never from its place in a ranking or
 * the user's source (the drive verdict is shown beside the label). Pure.
 *
 *   tracking:  closed-back isolation and comfort; a lift that helps performers
 *              is welcome, neutrality is not required. Open-back: avoid.
 *   mixing:    an open-back reference whose colouration is known; a closed-back
 *              is a workable, if coloured, reference for rough mixes.
 *   mastering: a transparent open-back with low distortion and resolution,
 *              and calibration; never the closed-back you track with.
 *
 * Each criterion gives points when its fact is known; an unknown fact gives a
 * range (its worst and best case) and an expectation (a typical model). The
 * label is what the known evidence supports (the worst case of every unknown);
 * where the best case differs the label is provisional, and the facts that
 * would settle it are named. One review's adjective can add a point but never
 * carry a model to excellent: all but one of its points must rest on a
 * measurement, a maker's figure or reviews that agree.
 */
import {
  distortion,
  type Facts,
  factsOf,
  GRADE_WORDS,
  hasTag,
  isolation,
  type Known,
  THRESHOLDS,
  tagGrade,
} from "./facts.js";
import type { Role } from "./roles.js";
import type { Grade, Headphone } from "./types.js";

export const FITS = ["excellent", "good", "workable", "avoid"] as const;
export type Fit = (typeof FITS)[number];

/** A fit and the guide's reason for it, with what unknown facts could make of it. */
export interface FitJudgement {
  /** What the known evidence supports. */
  fit: Fit;
  reason: string;
  /** The worst and best label the unknown facts allow (low is `fit`). */
  range: { low: Fit; high: Fit };
  /**
   * The label with each unknown fact at a typical model's (but never past what
   * an unknown fact must be known to allow): what rankings order by.
   */
  expected: Fit;
  /** The facts the judgement needed and the catalog does not have. */
  unknown: string[];
}

/** 0 is best. */
export function fitOrder(fit: Fit): number {
  return FITS.indexOf(fit);
}

const worse = (a: Fit, b: Fit): Fit => (fitOrder(a) >= fitOrder(b) ? a : b);

/** Whether a fit is good enough to rely on for the role. */
export function serves(fit: Fit): boolean {
  return fit === "excellent" || fit === "good";
}

/** One criterion's say: known (low = high = expected) or unknown (a range). */
interface Part {
  low: number;
  high: number;
  expected: number;
  /** The evidence a known fact rests on; null: unknown. */
  grade: Grade | null;
  /** The reason's words for a known fact. */
  words: string | null;
  /** The unknown fact's name ("THD"). */
  unknown: string | null;
  /** A known fact that caps the fit (a strong tilt); for an unknown, its worst case's cap. */
  cap: Fit | null;
}

const known = (points: number, grade: Grade, words: string | null, cap: Fit | null = null) => ({
  low: points,
  high: points,
  expected: points,
  grade,
  words,
  unknown: null,
  cap,
});

const unknownPart = (
  name: string,
  low: number,
  high: number,
  expected: number,
  cap: Fit | null = null,
): Part => ({ low, high, expected, grade: null, words: null, unknown: name, cap });

/** "(maker)", "(one review)", "(shared by dt770pro-250)". */
function cite(k: { grade: Grade; from?: string | null }): string {
  return `(${GRADE_WORDS[k.grade]}${k.from ? `, from ${k.from}` : ""})`;
}

/** The citation of a tag's evidence, naming the variant its notes are shared from. */
const tagCite = (f: Facts, grade: Grade) => cite({ grade, from: f.notesFrom });

/** A role's judgement: a cap from the back, the parts, and the thresholds. */
interface Judge {
  base: string;
  /** The best the back allows, and why when it is not excellent. */
  cap: Fit;
  capWhy: string | null;
  parts: Part[];
  excellentAt: number;
  goodAt: number;
}

function colourPart(f: Facts, role: "mixing" | "mastering"): Part {
  const c = f.colour;
  if (c === null) return unknownPart("colouration", 0, 2, 0.5, "workable");
  const measured = c.grade === "measurement";
  // A measurement says so in the words; other evidence is cited.
  const by = measured && c.from === null ? "" : ` ${cite(c)}`;
  const tilts = c.value.tags
    .filter((t) => t !== "neutral")
    .map((t) => `${measured ? "measured " : ""}${t.replace(/-/g, " ")}`);
  switch (c.value.degree) {
    case "neutral":
      return known(2, c.grade, `${measured ? "measured" : "described"} as neutral${by}`);
    case "mild":
      return known(1, c.grade, `known mild colouration: ${tilts.join(", ")}${by}`);
    case "strong":
      return known(
        0,
        c.grade,
        `${tilts.join(" and ")}${by}: ${role === "mixing" ? "mixes may not translate" : "a coloured tool for mastering"}`,
        "workable",
      );
  }
}

function distortionPart(f: Facts, veryLow: number): Part {
  const d = distortion(f);
  if (d === null) return unknownPart("THD", 0, veryLow, veryLow / 2);
  const thd = f.thdPercent;
  const figure = thd !== null && d.grade === thd.grade ? `THD ≤ ${thd.value}%, ` : "";
  const points = d.value === "very low" ? veryLow : d.value === "low" ? 1 : 0;
  return known(
    points,
    d.grade,
    `${d.value} distortion (${figure}${GRADE_WORDS[d.grade]}${d.from ? `, from ${d.from}` : ""})`,
  );
}

function tagPart(f: Facts, tag: "detailed" | "wide-image", words: string, name: string): Part {
  const g = tagGrade(f, tag);
  if (g !== null) return known(1, g, `${words} ${tagCite(f, g)}`);
  if (tag === "wide-image" && hasTag(f, "intimate-image"))
    return known(0, tagGrade(f, "intimate-image") as Grade, "an intimate image");
  return unknownPart(name, 0, 1, 0.5);
}

function calibrationPart(f: Facts): Part {
  const c = f.calibrated;
  if (c === null) return unknownPart("calibration", 0, 1, 0.5);
  return known(c.value ? 1 : 0, c.grade, c.value ? "calibration profile available" : null);
}

function weightWords(w: Known<number>): string {
  return `${w.value} g ${cite(w)}`;
}

function tracking(h: Headphone, f: Facts): Judge {
  const iso = isolation(f);
  const isoPart: Part =
    iso === null
      ? unknownPart("isolation", 0, 1, 0.5)
      : known(
          iso.value ? 1 : 0,
          iso.grade,
          f.isolationDb && iso.grade === f.isolationDb.grade
            ? `${f.isolationDb.value} dB isolation ${cite(iso)}`
            : `isolates well ${tagCite(f, iso.grade)}`,
        );
  const w = f.weightGrams;
  const comfortable = tagGrade(f, "comfortable");
  const clamping = tagGrade(f, "clamping");
  let comfort: Part;
  if (w === null && comfortable === null && clamping === null)
    comfort = unknownPart("weight", -1, 1, 0.5);
  else {
    const light = comfortable !== null || (w !== null && w.value <= THRESHOLDS.lightGrams);
    const heavy = w !== null && w.value > THRESHOLDS.heavyGrams;
    const points = (light ? 1 : 0) - (heavy ? 1 : 0) - (clamping !== null ? 1 : 0);
    const words = [
      w ? weightWords(w) : null,
      comfortable ? `comfortable for long takes ${tagCite(f, comfortable)}` : null,
      heavy ? "heavy for long takes" : null,
      clamping ? `a strong clamp ${tagCite(f, clamping)}` : null,
    ].filter((x) => x !== null);
    const grade = (w?.grade ?? comfortable ?? clamping) as Grade;
    comfort = known(points, grade, words.join(", "));
  }
  const lift = (["presence-lift", "bass-lift", "slight-bass-lift"] as const).find((t) =>
    hasTag(f, t),
  );
  const liftPart: Part =
    lift !== undefined
      ? known(
          1,
          tagGrade(f, lift) as Grade,
          `${lift === "presence-lift" ? "a presence lift performers hear themselves in" : "a fuller low end performers like"} ${tagCite(f, tagGrade(f, lift) as Grade)}`,
        )
      : f.colour !== null
        ? known(0, f.colour.grade, null)
        : unknownPart("sound", 0, 1, 0.5);
  return {
    base: `${h.back}-back`,
    cap: h.back === "open" ? "avoid" : h.back === "semi-open" ? "workable" : "excellent",
    capWhy:
      h.back === "open"
        ? "the click and cue mix bleed into the microphone"
        : h.back === "semi-open"
          ? "some of the cue mix leaks into the microphone"
          : null,
    parts: [isoPart, comfort, liftPart],
    excellentAt: 2,
    goodAt: 0,
  };
}

function mixing(h: Headphone, f: Facts): Judge {
  return {
    base: h.back === "closed" ? "closed-back" : `${h.back}-back reference`,
    cap: h.back === "closed" ? "workable" : h.back === "semi-open" ? "good" : "excellent",
    capWhy: h.back === "closed" ? "a workable, if coloured, reference for rough mixes" : null,
    parts: [
      colourPart(f, "mixing"),
      distortionPart(f, 1),
      tagPart(f, "detailed", "detailed", "resolution"),
      tagPart(f, "wide-image", "a wide image", "image"),
    ],
    excellentAt: 4,
    goodAt: 1,
  };
}

function mastering(h: Headphone, f: Facts): Judge {
  const distortionP = distortionPart(f, 2);
  const resolutionP = tagPart(f, "detailed", "high resolution", "resolution");
  // Mastering is chosen for the detail it reveals: until its resolution is
  // sourced, the label stays workable (the unknown fact's worst case).
  if (resolutionP.unknown !== null) resolutionP.cap = "workable";
  return {
    base: `${h.back}-back`,
    cap: h.back === "closed" ? "avoid" : h.back === "semi-open" ? "workable" : "excellent",
    capWhy:
      h.back === "closed"
        ? "colours the sound and restricts space, so mastering decisions translate poorly"
        : h.back === "semi-open"
          ? "not the transparent open-back mastering wants"
          : null,
    parts: [colourPart(f, "mastering"), distortionP, resolutionP, calibrationPart(f)],
    excellentAt: 4,
    goodAt: 2,
  };
}

const JUDGES: Record<Role, (h: Headphone, f: Facts) => Judge> = { tracking, mixing, mastering };

/** Firmer than one review: reviews that agree, a maker's figure, a measurement. */
const firm = (g: Grade | null) => g !== null && g !== "review";

/**
 * Excellent needs the points and, without one review's words, all but one of
 * them: a review's adjective can nudge a model there, never carry it.
 */
function label(j: Judge, points: number, firmPoints: number, cap: Fit): Fit {
  const fit: Fit =
    points >= j.excellentAt && firmPoints >= j.excellentAt - 1
      ? "excellent"
      : points >= j.goodAt
        ? "good"
        : "workable";
  return worse(worse(fit, cap), j.cap);
}

/** A role's judgement of a headphone's facts; `say`: word the reason (the models shown). */
export function judgeFit(h: Headphone, f: Facts, role: Role, say = true): FitJudgement {
  const j = JUDGES[role](h, f);
  let low = 0;
  let high = 0;
  let expected = 0;
  // Points from firm evidence; an unknown fact, once known, would be a figure.
  let firmKnown = 0;
  let firmHigh = 0;
  let firmExpected = 0;
  let capLow: Fit = "excellent";
  let capKnown: Fit = "excellent";
  const words: string[] = [];
  /** What holds a model down (a strong tilt), said first. */
  const buts: string[] = [];
  const unknown: string[] = [];
  for (const p of j.parts) {
    low += p.low;
    high += p.high;
    expected += p.expected;
    if (p.unknown !== null) {
      unknown.push(p.unknown);
      firmHigh += p.high;
      firmExpected += p.expected;
      if (p.cap) capLow = worse(capLow, p.cap);
    } else {
      if (firm(p.grade)) firmKnown += p.low;
      if (p.cap) capKnown = worse(capKnown, p.cap);
      if (p.words) (p.cap ? buts : words).push(p.words);
    }
  }
  const fit = label(j, low, firmKnown, worse(capLow, capKnown));
  const best = label(j, high, firmKnown + firmHigh, capKnown);
  // What an unknown fact must be known to allow is not assumed for the order either.
  const typical = label(j, expected, firmKnown + firmExpected, worse(capLow, capKnown));
  if (!say) return { fit, reason: "", range: { low: fit, high: best }, expected: typical, unknown };
  let reason = j.capWhy ? `${j.base}: ${j.capWhy}` : j.base;
  if (buts.length) reason += `, but ${buts.join(", ")}`;
  if (words.length) reason += `${buts.length ? "; " : ": "}${words.join(", ")}`;
  if (best !== fit) reason += `; could be ${best}: ${listWords(unknown)} not known`;
  else if (fit === "good" && low >= j.excellentAt && worse(capLow, capKnown) === "excellent")
    reason += "; excellent needs more than one review's word";
  return { fit, reason, range: { low: fit, high: best }, expected: typical, unknown };
}

/** "THD and calibration", "weight, isolation and sound". */
export function listWords(items: readonly string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

/**
 * How well headphone h suits a role, and why; `family`: the other variants
 * of its family (their shared traits count), the studio default first.
 */
export function fitFor(h: Headphone, role: Role, family: readonly Headphone[] = []): FitJudgement {
  return judgeFit(h, factsOf(h, family), role);
}
