/**
 * What would fix a shortfall, for check-amp and the plan alike: catalog
 * products that make the verdict ok, ordered by fitness for the job (a
 * headphone amplifier before an AD/DA converter or an interface), then by
 * price, priced ones first; and, for a verdict that cannot be judged, which
 * figure is missing and how to supply it instead of anything to buy. Pure.
 */
import type { AmpCheck, Verdict } from "./amp.js";
import { type CheckOptions, check, fixCandidates, judgeAgainst, needsOf } from "./drive.js";
import { priceIsApproximate } from "./facts.js";
import { compareText } from "./format.js";
import type { Headphone, Source } from "./types.js";

/** A headphone amplifier (or DAC/amplifier), or an interface or AD/DA converter with a headphone output. */
export type FixKind = "amplifier" | "interface";

export interface Fix {
  source: { id: string; name: string; priceUsd: number | null };
  kind: FixKind;
  /** The price is approximate (low confidence, or undated): shown as "about $109". */
  priceApproximate: boolean;
  check: AmpCheck;
}

/** A headphone amplifier fits the job better than a converter or interface that also has a headphone output. */
export function fixKindOf(s: Source): FixKind {
  return s.type === "amplifier" ? "amplifier" : "interface";
}

const KIND_RANK: Record<FixKind, number> = { amplifier: 0, interface: 1 };

/** Fitness for the job, then price (unknown prices after every known one), then id. */
export function compareFixSources(a: Source, b: Source): number {
  return (
    KIND_RANK[fixKindOf(a)] - KIND_RANK[fixKindOf(b)] ||
    (a.priceUsd ?? Number.POSITIVE_INFINITY) - (b.priceUsd ?? Number.POSITIVE_INFINITY) ||
    compareText(a.id, b.id)
  );
}

/** Products (never `exceptId`, the source being judged) that make the verdict ok, best first. */
export function fixingSources(
  h: Headphone,
  sources: readonly Source[],
  o: CheckOptions,
  exceptId?: string,
): Source[] {
  const needs = needsOf(h, o.eqHeadroomDb);
  return fixCandidates(sources)
    .filter((s) => s.id !== exceptId && judgeAgainst(needs, s, o).verdict === "ok")
    .sort(compareFixSources);
}

/**
 * Every candidate that would make the verdict ok: headphone amplifiers before
 * interfaces and converters, and in each, priced ones cheapest first, then
 * those whose price is not in the catalog.
 */
export function suggestFixes(
  h: Headphone,
  sources: readonly Source[],
  o: CheckOptions,
  exceptId?: string,
): Fix[] {
  // The whole check (with its text) only for the ones returned.
  return fixingSources(h, sources, o, exceptId).map((s) => ({
    source: { id: s.id, name: s.name, priceUsd: s.priceUsd },
    kind: fixKindOf(s),
    priceApproximate: priceIsApproximate(s),
    check: check(h, s, o),
  }));
}

/** Whose figure a verdict of unknown lacks: the headphone's, the source's, or both. */
export interface MissingFigures {
  headphone: boolean;
  source: boolean;
}

/** Why a check could not judge, from its figures (null when it could). */
export function missingFigures(c: AmpCheck): MissingFigures | null {
  if (c.verdict !== "unknown") return null;
  const headphone = c.sensitivityDbPerV === null || c.loadOhms === null;
  // The source is missing a figure when, with the headphone's known, nothing it states applies.
  const source = c.loadOhms !== null && c.available === null;
  return { headphone, source: source || !headphone };
}

/** What check-amp offers: products for a known shortfall, the missing figures for an unknown. */
export type Remedy =
  | { verdict: Exclude<Verdict, "ok" | "unknown">; fixes: Fix[] }
  | { verdict: "unknown"; missing: MissingFigures };

export function remedyFor(
  c: AmpCheck,
  h: Headphone,
  sources: readonly Source[],
  o: CheckOptions,
): Remedy | null {
  if (c.verdict === "ok") return null;
  if (c.verdict === "unknown")
    return { verdict: "unknown", missing: missingFigures(c) as MissingFigures };
  return { verdict: c.verdict, fixes: suggestFixes(h, sources, o, c.source.id) };
}
