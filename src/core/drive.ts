/**
 * Amp checks across the catalog: one headphone against every source, one
 * source against every headphone, and what would fix a shortfall. Pure.
 */

import {
  type AmpCheck,
  checkAmp,
  type DriveFigures,
  driveFigures,
  type Judgement,
  judge,
  type Verdict,
} from "./amp.js";
import { compareText } from "./format.js";
import type { Role } from "./roles.js";
import type { Headphone, Source } from "./types.js";

export interface CheckOptions {
  targetSplDb: number;
  /** What the target is for, in the verdict sentence: "mastering peaks". */
  purpose?: string | undefined;
  /** EQ headroom to assume; undefined takes the headphone's calibration profile default. */
  eqHeadroomDb?: number | undefined;
  /** The role judged for (mixing and mastering headline an audible response shift). */
  role?: Role | undefined;
}

const VERDICT_RANK: Record<Verdict, number> = { ok: 0, marginal: 1, insufficient: 2, unknown: 3 };

/** Best first: by verdict, then by headroom (more is better), then by id. */
export function compareChecks(a: AmpCheck, b: AmpCheck): number {
  return (
    VERDICT_RANK[a.verdict] - VERDICT_RANK[b.verdict] ||
    (b.headroomDb ?? Number.NEGATIVE_INFINITY) - (a.headroomDb ?? Number.NEGATIVE_INFINITY) ||
    compareText(a.source.id, b.source.id) ||
    compareText(a.headphone.id, b.headphone.id)
  );
}

/** The EQ headroom for a headphone: the flag, else its calibration profile's. */
export function eqHeadroomFor(h: Headphone, flag: number | undefined): number {
  if (flag !== undefined) return flag;
  const fromProfile = h.calibration.map((c) => c.headroomDb).filter((d): d is number => d !== null);
  return fromProfile.length ? Math.max(...fromProfile) : 0;
}

export function check(h: Headphone, s: Source, o: CheckOptions): AmpCheck {
  return checkAmp({
    headphone: h,
    source: s,
    targetSplDb: o.targetSplDb,
    eqHeadroomDb: eqHeadroomFor(h, o.eqHeadroomDb),
    purpose: o.purpose,
    role: o.role,
  });
}

/** What judging a headphone against any source needs of it, worked out once. */
export interface DriveNeeds {
  figures: DriveFigures;
  eqHeadroomDb: number;
}

export function needsOf(h: Headphone, eqHeadroomFlag?: number): DriveNeeds {
  return { figures: driveFigures(h), eqHeadroomDb: eqHeadroomFor(h, eqHeadroomFlag) };
}

/** check's verdict and figures without its explanation (see amp.ts judge). */
export function judgeAgainst(needs: DriveNeeds, s: Source, o: CheckOptions): Judgement {
  return judge(needs.figures, s, o.targetSplDb, needs.eqHeadroomDb);
}

export function checkAgainstSources(
  h: Headphone,
  sources: readonly Source[],
  o: CheckOptions,
): AmpCheck[] {
  return sources.map((s) => check(h, s, o)).sort(compareChecks);
}

export function checkAgainstHeadphones(
  s: Source,
  headphones: readonly Headphone[],
  o: CheckOptions,
): AmpCheck[] {
  return headphones.map((h) => check(h, s, o)).sort(compareChecks);
}

/**
 * The products that could fix a shortfall: catalog amplifiers and interfaces
 * (presets are not products), cheapest first, unknown prices last.
 */
export function fixCandidates(sources: readonly Source[]): Source[] {
  return sources
    .filter((s) => !s.generic && (s.type === "amplifier" || s.type === "interface"))
    .sort(
      (a, b) =>
        (a.priceUsd ?? Number.POSITIVE_INFINITY) - (b.priceUsd ?? Number.POSITIVE_INFINITY) ||
        compareText(a.id, b.id),
    );
}

/**
 * The cheapest candidate that would make the verdict ok (`candidates` from
 * fixCandidates): stops at the first, and judges without explaining, for
 * ranking thousands of models.
 */
export function cheapestFix(
  needs: DriveNeeds,
  candidates: readonly Source[],
  o: CheckOptions,
): Source | null {
  for (const s of candidates) if (judgeAgainst(needs, s, o).verdict === "ok") return s;
  return null;
}

/** Which presets drive a headphone, for `show`: each preset's verdict per role target. */
export function presetDrivability(
  h: Headphone,
  sources: readonly Source[],
  targetSplDb: number,
): AmpCheck[] {
  return sources.filter((s) => s.generic).map((s) => check(h, s, { targetSplDb }));
}
