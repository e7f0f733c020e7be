/** Did-you-mean: the closest candidates by edit distance, for ids and field names. */
import { compareText } from "../core/format.js";

/** Optimal string alignment distance (Levenshtein plus adjacent swaps). */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[] = new Array(rows * cols).fill(0);
  const at = (i: number, j: number) => d[i * cols + j] as number;
  for (let i = 0; i < rows; i++) d[i * cols] = i;
  for (let j = 0; j < cols; j++) d[j] = j;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        v = Math.min(v, at(i - 2, j - 2) + 1);
      }
      d[i * cols + j] = v;
    }
  }
  return at(rows - 1, cols - 1);
}

/** Inputs (and candidates) longer than this get no suggestion. */
export const MAX_SUGGEST_LENGTH = 64;

/**
 * The best-matching candidates for `input`, up to `max`: those within a third
 * of its length in edits, keeping only the closest tier. A candidate that
 * extends the input (`hd800` -> `hd800s`) beats one at the same distance.
 */
export function closest(input: string, candidates: readonly string[], max = 4): string[] {
  const needle = input.toLowerCase();
  // Nobody mistypes an id or a field name this long; the edit distance
  // would cost its length times each candidate's.
  if (needle.length > MAX_SUGGEST_LENGTH) return [];
  const limit = Math.max(2, Math.ceil(needle.length / 3));
  const scored: { c: string; score: number }[] = [];
  let best = Number.POSITIVE_INFINITY;
  for (const c of candidates) {
    const hay = c.toLowerCase();
    const prefix = needle.length >= 2 && (hay.startsWith(needle) || needle.startsWith(hay));
    // A length difference is a lower bound on the distance.
    if (
      !prefix &&
      (Math.abs(hay.length - needle.length) > limit || hay.length > MAX_SUGGEST_LENGTH)
    )
      continue;
    const score = prefix ? 0.5 : editDistance(needle, hay);
    if (score > limit) continue;
    scored.push({ c, score });
    best = Math.min(best, score);
  }
  return scored
    .filter((x) => x.score === best)
    .sort((x, y) => compareText(x.c, y.c))
    .slice(0, max)
    .map((x) => x.c);
}

/** "a", "a or b", "a, b or c". */
export function orList(items: readonly string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} or ${items[items.length - 1]}`;
}

/** The did-you-mean text for one input, or undefined when nothing is close. */
export function suggest(input: string, candidates: readonly string[]): string | undefined {
  const found = closest(input, candidates);
  return found.length ? orList(found) : undefined;
}
