/**
 * How many terminal columns a string takes (after ANSI codes are removed):
 * wcwidth's rules. Combining marks and zero-width joiners take none; East Asian
 * wide and fullwidth characters and pictographic emoji take two; the rest one.
 *
 * Hand-written because the usual libraries build large Unicode regexes on
 * first use, a start-up cost every table would pay.
 */

// [first, last] code point ranges, sorted.
const ZERO: readonly [number, number][] = [
  [0x0300, 0x036f],
  [0x0483, 0x0489],
  [0x0591, 0x05bd],
  [0x0610, 0x061a],
  [0x064b, 0x065f],
  [0x1ab0, 0x1aff],
  [0x1dc0, 0x1dff],
  [0x200b, 0x200f],
  [0x20d0, 0x20ff],
  [0xfe00, 0xfe0f],
  [0xfe20, 0xfe2f],
  [0xe0100, 0xe01ef],
];
const WIDE: readonly [number, number][] = [
  [0x1100, 0x115f],
  [0x231a, 0x231b],
  [0x2329, 0x232a],
  [0x23e9, 0x23ec],
  [0x25fd, 0x25fe],
  [0x2614, 0x2615],
  [0x2648, 0x2653],
  [0x26aa, 0x26ab],
  [0x26bd, 0x26be],
  [0x26c4, 0x26c5],
  [0x26f2, 0x26f5],
  [0x2705, 0x2705],
  [0x270a, 0x270b],
  [0x2728, 0x2728],
  [0x274c, 0x274c],
  [0x2753, 0x2755],
  [0x2757, 0x2757],
  [0x2795, 0x2797],
  [0x27b0, 0x27b0],
  [0x2b1b, 0x2b1c],
  [0x2b50, 0x2b50],
  [0x2e80, 0x303e],
  [0x3041, 0x33ff],
  [0x3400, 0x4dbf],
  [0x4e00, 0x9fff],
  [0xa000, 0xa4cf],
  [0xa960, 0xa97f],
  [0xac00, 0xd7a3],
  [0xf900, 0xfaff],
  [0xfe10, 0xfe19],
  [0xfe30, 0xfe6f],
  [0xff00, 0xff60],
  [0xffe0, 0xffe6],
  [0x1f004, 0x1f004],
  [0x1f0cf, 0x1f0cf],
  [0x1f18e, 0x1f18e],
  [0x1f191, 0x1f19a],
  [0x1f200, 0x1f251],
  [0x1f300, 0x1f320],
  [0x1f32d, 0x1f335],
  [0x1f337, 0x1f37c],
  [0x1f37e, 0x1f393],
  [0x1f3a0, 0x1f3ca],
  [0x1f3cf, 0x1f3d3],
  [0x1f3e0, 0x1f3f0],
  [0x1f3f4, 0x1f3f4],
  [0x1f3f8, 0x1f43e],
  [0x1f440, 0x1f440],
  [0x1f442, 0x1f4fc],
  [0x1f4ff, 0x1f53d],
  [0x1f54b, 0x1f54e],
  [0x1f550, 0x1f567],
  [0x1f57a, 0x1f57a],
  [0x1f595, 0x1f596],
  [0x1f5a4, 0x1f5a4],
  [0x1f5fb, 0x1f64f],
  [0x1f680, 0x1f6c5],
  [0x1f6cc, 0x1f6cc],
  [0x1f6d0, 0x1f6d2],
  [0x1f6d5, 0x1f6d7],
  [0x1f6eb, 0x1f6ec],
  [0x1f6f4, 0x1f6fc],
  [0x1f7e0, 0x1f7eb],
  [0x1f90c, 0x1f93a],
  [0x1f93c, 0x1f945],
  [0x1f947, 0x1f9ff],
  [0x1fa70, 0x1faff],
  [0x20000, 0x2fffd],
  [0x30000, 0x3fffd],
];

function inRanges(cp: number, ranges: readonly [number, number][]): boolean {
  let lo = 0;
  let hi = ranges.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const [first, last] = ranges[mid] as [number, number];
    if (cp < first) hi = mid - 1;
    else if (cp > last) lo = mid + 1;
    else return true;
  }
  return false;
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: matching ANSI escapes on purpose.
const ANSI = /\u001b\[[0-9;]*[A-Za-z]|\u001b\]8;[^\u0007\u001b]*(?:\u0007|\u001b\\)/g;

/** Tables repeat the same few symbols (rules, bars, Ω): look each up once. */
const rare = new Map<number, number>();
function widthOfRare(cp: number): number {
  let w = rare.get(cp);
  if (w === undefined) {
    w = cp === 0x200d || inRanges(cp, ZERO) ? 0 : inRanges(cp, WIDE) ? 2 : 1;
    rare.set(cp, w);
  }
  return w;
}

/** Printable ASCII only: one column per character, nothing to look up. */
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/**
 * Indexes and char codes rather than `for (const ch of text)`, which makes a
 * string per character: tables measure every cell and word, and that garbage
 * cost a scavenge per table.
 */
export function textWidth(text: string): number {
  const plain = text.includes("\u001b") ? text.replace(ANSI, "") : text;
  if (PRINTABLE_ASCII.test(plain)) return plain.length;
  let width = 0;
  for (let i = 0; i < plain.length; i++) {
    let cp = plain.charCodeAt(i);
    if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < plain.length) {
      const low = plain.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        cp = (cp - 0xd800) * 0x400 + (low - 0xdc00) + 0x10000;
        i++;
      }
    }
    if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) continue; // control characters
    // ASCII and Latin are the common case and need no lookup.
    width += cp < 0x300 ? 1 : widthOfRare(cp);
  }
  return width;
}
