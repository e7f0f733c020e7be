/**
 * How far a figure can be trusted. The catalog may state a confidence on any
 * figure; where it does not, the figure's kind decides: a maker's or a lab's
 * figure is high, a documented assumption low, a user's own figure medium.
 */
import type { CatalogEntry, Provenance } from "./types.js";
import type { Confidence } from "./vocabulary.js";

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
