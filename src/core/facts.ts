/**
 * The facts a fit and the ranking rules decide from, each with the strength of
 * its evidence (README, "Evidence grades"): a measurement, a maker's figure or
 * claim, several independent reviews that agree, one review. A fact no source
 * gives is null: unknown, never read as zero. Numbers decide where they exist
 * (a THD figure, an isolation figure, a weight); a tag stands in only where
 * there is no figure, or where it rests on stronger evidence than the figure.
 *
 * A family shares what belongs to its driver and tuning: a variant that does
 * not record its weight, THD, isolation or character takes the family's (from
 * the studio default first); impedance, sensitivity, price and calibration
 * stay per variant. Pure.
 */
import type { CatalogEntry, CharacterNote, CharacterTag, Headphone, Provenance } from "./types.js";
import { type Confidence, GRADES, type Grade } from "./vocabulary.js";

/** A known fact and the evidence it rests on; `from`: the variant it is shared from. */
export interface Known<T> {
  value: T;
  grade: Grade;
  from: string | null;
}

/** How strongly a colouration tag colours a mix. */
export type Degree = "neutral" | "mild" | "strong";

/** The colouration tags and their degree; other tags (image, fit, detail) colour nothing. */
export const DEGREE: Partial<Record<CharacterTag, Degree>> = {
  neutral: "neutral",
  warm: "mild",
  dark: "mild",
  "mid-forward": "mild",
  "slight-treble-lift": "mild",
  "slight-bass-lift": "mild",
  "treble-peak": "mild",
  "presence-lift": "mild",
  "presence-dip": "mild",
  bright: "strong",
  "treble-lift": "strong",
  "bass-lift": "strong",
  "v-shaped": "strong",
};

const DEGREES: readonly Degree[] = ["neutral", "mild", "strong"];

/** Thresholds numbers decide by (README, "Thresholds"). */
export const THRESHOLDS = {
  /** THD at or below this (%, the maker's bound or a measurement) is very low. */
  veryLowThdPercent: 0.05,
  /** THD at or below this is low; above it the figure does not show low distortion. */
  lowThdPercent: 0.1,
  /** Passive isolation at or above this (dB) keeps a click out of the microphone. */
  isolatingDb: 20,
  /** Up to this weight (g) a headphone is light for long sessions. */
  lightGrams: 300,
  /** Above this weight (g) it is heavy for long sessions. */
  heavyGrams: 400,
} as const;

/** Stronger first: 0 is a measurement. */
const gradeOrder = (g: Grade) => GRADES.indexOf(g);
const stronger = (a: Grade, b: Grade) => (gradeOrder(a) <= gradeOrder(b) ? a : b);

/** Words for a grade, as reasons cite it. */
export const GRADE_WORDS: Record<Grade, string> = {
  measurement: "measured",
  maker: "maker",
  reviews: "several reviews",
  review: "one review",
};

/**
 * A figure's grade from its provenance: a low confidence is one grade weaker.
 * A rule on a figure of fields.ts grades it so: `figureGrade(h.provenance.name)`.
 */
export function figureGrade(p: Provenance | undefined): Grade {
  const base: Grade =
    p?.kind === "measured" ? "measurement" : p?.kind === "assumption" ? "review" : "maker";
  if (confidenceOf(p) !== "low") return base;
  return GRADES[Math.min(GRADES.length - 1, gradeOrder(base) + 1)] as Grade;
}

/** What a note rests on, as a grade before counting reviews. */
function noteBasis(n: CharacterNote): "measurement" | "maker" | "listening" {
  if (n.measured === true) return "measurement";
  return n.basis ?? "listening";
}

/** The colouration: the tags at the strongest grade any colouration tag has, and their worst degree. */
export interface Colour {
  degree: Degree;
  tags: CharacterTag[];
}

export interface Facts {
  /** The character notes judged: the variant's own, else its family's. */
  notes: readonly CharacterNote[];
  /** The variant the notes are shared from; null: its own. */
  notesFrom: string | null;
  /** Each tag's strongest grade over the notes. */
  tags: Partial<Record<CharacterTag, Grade>>;
  colour: Known<Colour> | null;
  weightGrams: Known<number> | null;
  isolationDb: Known<number> | null;
  thdPercent: Known<number> | null;
  /** A correction profile exists (true) or the vendors' lists were checked and have none (false). */
  calibrated: Known<boolean> | null;
}

/** The grade of each tag over these notes: several distinct reviewers make `reviews`. */
function tagGrades(notes: readonly CharacterNote[]): Partial<Record<CharacterTag, Grade>> {
  const grades: Partial<Record<CharacterTag, Grade>> = {};
  const reviewers: Partial<Record<CharacterTag, string>> = {};
  for (const n of notes) {
    const basis = noteBasis(n);
    const who = n.source ?? n.ref ?? n.text;
    for (const t of n.tags) {
      let g: Grade;
      if (basis !== "listening") g = basis;
      else {
        const first = reviewers[t];
        if (first === undefined) reviewers[t] = who;
        g = first !== undefined && first !== who ? "reviews" : "review";
      }
      const had = grades[t];
      grades[t] = had === undefined ? g : stronger(had, g);
    }
  }
  return grades;
}

/** The colouration from graded tags: the strongest evidence decides, weaker notes are not counted. */
function colourOf(
  tags: Partial<Record<CharacterTag, Grade>>,
  from: string | null,
): Known<Colour> | null {
  let best: Grade | null = null;
  for (const [t, g] of Object.entries(tags) as [CharacterTag, Grade][])
    if (DEGREE[t] !== undefined && (best === null || gradeOrder(g) < gradeOrder(best))) best = g;
  if (best === null) return null;
  let degree: Degree = "neutral";
  const chosen: CharacterTag[] = [];
  for (const [t, g] of Object.entries(tags) as [CharacterTag, Grade][]) {
    const d = DEGREE[t];
    if (d === undefined || g !== best) continue;
    chosen.push(t);
    if (DEGREES.indexOf(d) > DEGREES.indexOf(degree)) degree = d;
  }
  return { value: { degree, tags: chosen }, grade: best, from };
}

/** The notes a curve's measurement stands in for: the measured ones when there are any. */
function judgedNotes(notes: readonly CharacterNote[]): readonly CharacterNote[] {
  for (const n of notes) if (n.measured === true) return notes.filter((m) => m.measured === true);
  return notes;
}

type Figure = "weightGrams" | "isolationDb" | "thdPercent";

/** A figure of h, or else of the first family member that records it. */
function shared(h: Headphone, family: readonly Headphone[], field: Figure): Known<number> | null {
  const own = h[field];
  if (own !== null) return { value: own, grade: figureGrade(h.provenance[field]), from: null };
  for (const v of family) {
    const value = v[field];
    if (value !== null) return { value, grade: figureGrade(v.provenance[field]), from: v.id };
  }
  return null;
}

/**
 * The facts of headphone h; `family`: the other variants of its family, the
 * studio default first (empty without a family).
 */
export function factsOf(h: Headphone, family: readonly Headphone[] = []): Facts {
  let notes: readonly CharacterNote[] = h.character;
  let from: string | null = null;
  if (notes.length === 0) {
    const donor = family.find((v) => v.character.length > 0);
    if (donor) {
      notes = donor.character;
      from = donor.id;
    }
  }
  // A measured curve's note decides the colouration; reviewers' words the rest.
  const tags = tagGrades(notes);
  const measured = judgedNotes(notes);
  const colour = colourOf(measured === notes ? tags : tagGrades(measured), from);
  return {
    notes,
    notesFrom: from,
    tags,
    colour,
    weightGrams: shared(h, family, "weightGrams"),
    isolationDb: shared(h, family, "isolationDb"),
    thdPercent: shared(h, family, "thdPercent"),
    calibrated:
      h.calibration.length > 0
        ? { value: true, grade: "maker", from: null }
        : h.calibrationChecked.length > 0
          ? { value: false, grade: "maker", from: null }
          : null,
  };
}

/** A tag's grade, or null when no note carries it. */
export const tagGrade = (f: Facts, t: CharacterTag): Grade | null => f.tags[t] ?? null;

/** Has a note this tag? */
export const hasTag = (f: Facts, t: CharacterTag): boolean => f.tags[t] !== undefined;

/**
 * How low the distortion is, from the strongest evidence: a THD figure (maker
 * or measured) against the thresholds, or notes that describe it as low (a
 * measurement's words outrank a maker's bound; a review's do not). "not": a
 * figure above the low threshold, which does not show low distortion.
 */
export function distortion(f: Facts): Known<"very low" | "low" | "not shown low"> | null {
  const thd = f.thdPercent;
  const fromFigure =
    thd === null
      ? null
      : {
          value:
            thd.value <= THRESHOLDS.veryLowThdPercent
              ? ("very low" as const)
              : thd.value <= THRESHOLDS.lowThdPercent
                ? ("low" as const)
                : ("not shown low" as const),
          grade: thd.grade,
          from: thd.from,
        };
  const g = tagGrade(f, "low-distortion");
  if (g === null) return fromFigure;
  if (fromFigure !== null && gradeOrder(fromFigure.grade) <= gradeOrder(g)) return fromFigure;
  // Measured words of low distortion read as very low; reviewers' as low.
  return { value: g === "measurement" ? "very low" : "low", grade: g, from: null };
}

/** Passive isolation: a figure decides, else reviewers' words. */
export function isolation(f: Facts): Known<boolean> | null {
  const db = f.isolationDb;
  if (db !== null)
    return { value: db.value >= THRESHOLDS.isolatingDb, grade: db.grade, from: db.from };
  const g = tagGrade(f, "isolating");
  return g === null ? null : { value: true, grade: g, from: null };
}

/**
 * How far a figure can be trusted. The catalog may state a confidence on any
 * figure; where it does not, the figure's kind decides: a maker's or a lab's
 * figure is high, a documented assumption low, a user's own figure medium.
 */
export function confidenceOf(p: Provenance | undefined): Confidence | null {
  if (p === undefined) return null;
  if (p.confidence !== null) return p.confidence;
  switch (p.kind) {
    case "maker":
    case "measured":
      return "high";
    case "assumption":
      return "low";
    case "user":
      return "medium";
  }
}

/**
 * A price to show as approximate ("about $109") and to plan with as such:
 * stated with low confidence, or with no date to say when it held.
 */
export function priceIsApproximate(entry: Pick<CatalogEntry, "priceUsd" | "provenance">): boolean {
  const p = entry.provenance.priceUsd;
  if (entry.priceUsd === null || p === undefined) return false;
  if (p.kind === "user") return false;
  return confidenceOf(p) === "low" || p.date === null;
}
