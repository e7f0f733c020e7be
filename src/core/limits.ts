/**
 * One policy for a limit the user sets (--budget, --max-price, --max-weight)
 * on a figure the catalog may not know: within the limit, over it, or not
 * verified. Models whose figure is unknown are shown apart, never silently
 * kept or dropped. Pure.
 */

/** Entries within a limit, and those whose figure is unknown (over it: dropped). */
export function splitByLimit<T>(
  entries: readonly T[],
  figureOf: (entry: T) => number | null,
  limit: number | undefined,
): { within: T[]; unverified: T[] } {
  if (limit === undefined) return { within: [...entries], unverified: [] };
  const within: T[] = [];
  const unverified: T[] = [];
  for (const e of entries) {
    const figure = figureOf(e);
    if (figure === null) unverified.push(e);
    else if (figure <= limit) within.push(e);
  }
  return { within, unverified };
}
