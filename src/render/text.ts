/**
 * Text as a terminal shows it, for every renderer: how many columns a string
 * takes, word wrapping by terminal width, colour and figures in cells, and
 * the plain tables they make.
 */
import { Chalk, type ChalkInstance } from "chalk";
import { DEFAULT_COLUMNS } from "../context.js";
import { money } from "../core/format.js";

// --- Width ---
//
// How many terminal columns a string takes (after ANSI codes are removed):
// wcwidth's rules. Combining marks and zero-width joiners take none; East Asian
// wide and fullwidth characters and pictographic emoji take two; the rest one.
// Hand-written because the usual libraries build large Unicode regexes on
// first use, a start-up cost every table would pay.

/** Colour codes and terminal hyperlinks (OSC 8): they take no columns. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching ANSI escapes on purpose.
const ANSI = /\u001b\[[0-9;]*[A-Za-z]|\u001b\]8;[^\u0007\u001b]*(?:\u0007|\u001b\\)/g;
const plain = (s: string) => (s.includes("\u001b") ? s.replace(ANSI, "") : s);

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
  const visible = plain(text);
  if (PRINTABLE_ASCII.test(visible)) return visible.length;
  let width = 0;
  for (let i = 0; i < visible.length; i++) {
    let cp = visible.charCodeAt(i);
    if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < visible.length) {
      const low = visible.charCodeAt(i + 1);
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

// --- Wrapping ---
//
// Lines break between words only: a number stays with its unit ("2.45 Vrms",
// "103 dB SPL"), and a word is cut only when it is longer than a whole line
// (a URL in a narrow terminal), so nothing is ever wider than the width given.

/** Units that stay on the line of the number before them. */
const UNITS = new Set(
  "dB dBu dBV dB/V dB/mW dBA SPL Vrms V mV mW W mA A Ω kΩ µV uV Hz kHz g kg ms s h % ohm ohms kohm kohms cell cells".split(
    " ",
  ),
);
const isUnit = (word: string) => UNITS.has(word.replace(/[,;:.)\]]+$/, ""));
/** A token that ends in a figure: "2.45", "−3.1", "$1,999", "(±3". */
const endsInNumber = (word: string) => {
  const c = word.charCodeAt(word.length - 1);
  return c >= 48 && c <= 57;
};
/** A sign that belongs to the figure after it: "≤ 8", "± 3". */
const SIGNS = new Set(["≤", "≥", "<", ">", "±", "~", "≈", "−", "-"]);

/** A piece of a line that is never broken, and the spaces before it. */
interface Piece {
  space: string;
  word: string;
}

/** The unbreakable pieces of a line: words, each number glued to its unit; spacing kept. */
function piecesOf(paragraph: string): Piece[] {
  const out: Piece[] = [];
  // split(" ") gives k empty parts for k leading spaces, k − 1 between words.
  let empties = 0;
  for (const part of paragraph.split(" ")) {
    if (part === "") {
      empties += 1;
      continue;
    }
    if (out.length === 0) {
      // Leading spaces (an indented line) stay with the first word.
      out.push({ space: "", word: `${" ".repeat(empties)}${part}` });
      empties = 0;
      continue;
    }
    const gap = " ".repeat(empties + 1);
    empties = 0;
    const last = out[out.length - 1] as Piece;
    if (gap === " ") {
      const prev = plain(last.word);
      const next = plain(part);
      if (
        (endsInNumber(prev) && isUnit(next)) ||
        (prev.endsWith("dB") && next.startsWith("SPL")) ||
        (SIGNS.has(prev) && /^[\d$]/.test(next))
      ) {
        last.word = `${last.word} ${part}`;
        continue;
      }
    }
    out.push({ space: gap, word: part });
  }
  return out;
}

/** Tables ask the same cells again for each layout they try. */
const widest = new Map<string, number>();

/** The widest unbreakable piece of a text: the narrowest it can wrap to without cutting a word. */
export function longestToken(text: string): number {
  // One word (an id, a price, a dash): its width; no pieces to find.
  if (!text.includes(" ") && !text.includes("\n")) return textWidth(text);
  let w = widest.get(text);
  if (w === undefined) {
    w = 0;
    for (const paragraph of text.split("\n"))
      for (const t of piecesOf(paragraph)) w = Math.max(w, textWidth(t.word));
    if (widest.size > 10_000) widest.clear();
    widest.set(text, w);
  }
  return w;
}

/** Cuts a token wider than a line into line-sized pieces (colour is dropped from it). */
function cut(token: string, width: number): string[] {
  const chars = [...plain(token)];
  const pieces: string[] = [];
  let piece = "";
  for (const ch of chars) {
    if (textWidth(piece + ch) > width && piece !== "") {
      pieces.push(piece);
      piece = "";
    }
    piece += ch;
  }
  pieces.push(piece);
  return pieces;
}

/**
 * Lines of at most `width` columns (the first of at most `firstWidth`);
 * existing line breaks are kept.
 */
export function wrapLines(text: string, width: number, firstWidth = width): string[] {
  // Most cells and many sentences already fit.
  if (!text.includes("\n") && textWidth(text) <= Math.max(1, firstWidth)) return [text];
  const out: string[] = [];
  const limit = () => Math.max(1, out.length === 0 ? firstWidth : width);
  for (const paragraph of text.split("\n")) {
    let line = "";
    let lineWidth = 0;
    for (const { space, word: token } of piecesOf(paragraph)) {
      const tw = textWidth(token);
      if (line !== "" && lineWidth + space.length + tw <= limit()) {
        line = `${line}${space}${token}`;
        lineWidth += space.length + tw;
        continue;
      }
      if (line !== "") {
        out.push(line);
        line = "";
        lineWidth = 0;
      }
      if (tw <= limit()) {
        line = token;
        lineWidth = tw;
        continue;
      }
      // A word wider than a whole line: cut it, each piece filling a line.
      let rest = plain(token);
      while (textWidth(rest) > limit()) {
        const head = cut(rest, limit())[0] as string;
        out.push(head);
        rest = rest.slice(head.length);
      }
      line = rest;
      lineWidth = textWidth(rest);
    }
    out.push(line);
  }
  return out;
}

/**
 * `prefix` then `text`, wrapped to `width` with a hanging indent: continuation
 * lines start under the text (or with `indent` when given).
 */
export function hang(
  prefix: string,
  text: string,
  width: number,
  indent = " ".repeat(textWidth(prefix)),
): string {
  const lines = wrapLines(
    text,
    Math.max(1, width - textWidth(indent)),
    Math.max(1, width - textWidth(prefix)),
  );
  return `${prefix}${lines.join(`\n${indent}`)}`;
}

/** A word for a POSIX shell, single-quoted. */
export function shellQuote(word: string): string {
  return `'${word.replace(/'/g, "'\\''")}'`;
}

/** A word for a POSIX shell: as it is when no character in it is special, else quoted. */
export function shellWord(word: string): string {
  return /^[\w./:@%+,=-]+$/.test(word) ? word : shellQuote(word);
}

/**
 * A command line to copy, as `$ cmd`, wrapped with shell continuations
 * (` \` at each line's end) so that it still pastes as one command: never
 * inside a quoted argument, and a trailing `# comment` stays whole (a
 * continuation inside a comment would end the command there).
 */
export function commandLine(command: string, width: number): string {
  const comment = /\s+(#.*)$/.exec(command);
  const body = comment ? command.slice(0, comment.index) : command;
  const words = [
    ...(body.match(/(?:[^\s"']+|"[^"]*"|'[^']*')+/g) ?? []),
    ...(comment ? [comment[1] as string] : []),
  ];
  const lines: string[] = [];
  let line = "$";
  const room = () => (lines.length === 0 ? width : width - 4) - 2; // " \" at the end
  for (const word of words) {
    if (line !== "" && textWidth(line) + 1 + textWidth(word) > room() && line !== "$") {
      lines.push(line);
      line = word;
    } else {
      line = line === "" ? word : `${line} ${word}`;
    }
  }
  lines.push(line);
  return lines.join(" \\\n    ");
}

// --- Colour and figures ---
//
// Colour is decided once per run (chalk's detection, NO_COLOR, a pipe) and
// passed in; renderers never look at the environment.

export function makeChalk(color: boolean): ChalkInstance {
  return new Chalk({ level: color ? 1 : 0 });
}

export const DASH = "—";

/** A number with at most `digits` decimals, trailing zeros dropped; a dash for null. */
export function num(value: number | null | undefined, digits = 1): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return DASH;
  return String(Number(value.toFixed(digits)));
}

export function withUnit(value: number | null | undefined, unit: string, digits = 1): string {
  const n = num(value, digits);
  return n === DASH ? n : `${n} ${unit}`;
}

export function usd(value: number | null | undefined, approximate = false): string {
  if (value === null || value === undefined) return DASH;
  return money(value, approximate);
}

// --- Tables ---
//
// Plain tables: columns separated by two spaces, a rule under the header,
// never wider than the width given. Columns meant to wrap share the room left;
// when that is not enough any column wraps, and words are cut only when a
// single word is wider than its column could ever be. The cells are
// measured with textWidth, wrapped here and padded into lines.

export interface TableOptions {
  chalk: ChalkInstance;
  /** The width we were given: no line of the table is wider. */
  columns?: number;
  /** Indexes of columns that may wrap (long text); others keep their width while they can. */
  wrap?: number[];
  /** Indexes of right-aligned (numeric) columns. */
  right?: number[];
}

/** One way to lay a table out: `renderFittedTable` takes the first that fits. */
export interface TableLayout {
  headers: string[];
  rows: string[][];
  wrap?: number[];
  right?: number[];
  /**
   * The narrowest a wrapping column may be for this layout to be chosen, by
   * column index (default 16): a column of three-letter lines fits, but reads badly.
   */
  readable?: Record<number, number>;
}

/** Default `readable` width of a wrapping column. */
const READABLE = 16;

const GAP = 2;

/** The largest of `values` (and `floor`): no spread, which overflows the stack past ~100,000 values. */
function largest(values: readonly number[], floor = 0): number {
  let max = floor;
  for (const v of values) if (v > max) max = v;
  return max;
}

const cellWidth = (cell: string) => largest(cell.split("\n").map(textWidth));

/**
 * Gives each column of `flexible` at least its floor, then shares what is
 * left evenly (water-filling) up to each column's natural width.
 */
function share(
  floors: number[],
  natural: number[],
  flexible: readonly number[],
  room: number,
): number[] {
  const widths = [...floors];
  let left = room - widths.reduce((a, b) => a + b, 0);
  let open = flexible.filter((i) => (widths[i] as number) < (natural[i] as number));
  while (left > 0 && open.length > 0) {
    const each = Math.max(1, Math.floor(left / open.length));
    for (const i of open) {
      if (left <= 0) break;
      const give = Math.min(each, (natural[i] as number) - (widths[i] as number), left);
      widths[i] = (widths[i] as number) + give;
      left -= give;
    }
    open = open.filter((i) => (widths[i] as number) < (natural[i] as number));
  }
  return widths;
}

interface Plan {
  widths: number[];
  /** Columns whose cells are wrapped to their width. */
  wrapped: number[];
  /** Fits without cutting a word. */
  whole: boolean;
}

/** Column widths for a table in `columns` cells: wrap what may, cut words only as a last resort. */
function plan(
  headers: string[],
  rows: string[][],
  wrap: readonly number[],
  columns: number,
  readable: (i: number) => number = () => 0,
): Plan {
  const all = headers.map((_, i) => i);
  const natural = all.map((i) =>
    largest(
      rows.map((r) => cellWidth(r[i] ?? "")),
      textWidth(headers[i] as string),
    ),
  );
  const room = columns - GAP * (headers.length - 1);
  const sum = (ws: number[]) => ws.reduce((a, b) => a + b, 0);
  if (sum(natural) <= room) return { widths: natural, wrapped: [], whole: true };
  const tokens = all.map((i) =>
    largest(
      rows.map((r) => longestToken(r[i] ?? "")),
      Math.max(longestToken(headers[i] as string), Math.min(readable(i), natural[i] as number)),
    ),
  );
  // First the columns meant to wrap; then any column, at its longest word.
  for (const flexible of [wrap, all]) {
    const floors = all.map((i) =>
      flexible.includes(i) ? (tokens[i] as number) : (natural[i] as number),
    );
    if (sum(floors) <= room)
      return {
        widths: share(floors, natural, flexible, room),
        wrapped: [...flexible],
        whole: true,
      };
  }
  // Narrower than the longest words: every column shares the room, words are cut.
  const floors = all.map(() => 1);
  return {
    widths: share(floors, natural, all, Math.max(room, all.length)),
    wrapped: all,
    whole: false,
  };
}

/** Whether a layout fits `columns` without cutting a word. */
export function fitsWhole(layout: TableLayout, columns: number): boolean {
  const wrap = layout.wrap ?? [];
  const readable = (i: number) => (wrap.includes(i) ? (layout.readable?.[i] ?? READABLE) : 0);
  const p = plan(layout.headers, layout.rows, wrap, columns, readable);
  // Chosen only if the columns meant to wrap are enough; any-column wrapping is the last resort.
  return p.whole && p.wrapped.every((i) => wrap.includes(i));
}

/**
 * The first of `layouts` (widest first) that fits without cutting a word;
 * when none does, the last one's rows as records, one under another.
 */
export function renderFittedTable(
  layouts: readonly TableLayout[],
  options: Omit<TableOptions, "wrap" | "right">,
): string {
  const columns = options.columns ?? DEFAULT_COLUMNS;
  const chosen = layouts.find((l) => fitsWhole(l, columns));
  if (chosen === undefined)
    return renderRecords(layouts[layouts.length - 1] as TableLayout, columns);
  return renderTable(chosen.headers, chosen.rows, {
    ...options,
    wrap: chosen.wrap,
    right: chosen.right,
  });
}

/** Too narrow for columns: each row's short cells on one line, its long text under them. */
function renderRecords(layout: TableLayout, columns: number): string {
  const wrap = layout.wrap ?? [];
  const short = (cell: string, i: number) =>
    !wrap.includes(i) || (!cell.includes("\n") && textWidth(cell) <= 20);
  return `${layout.rows
    .map((row) => {
      const head = row.filter((cell, i) => cell !== "" && short(cell, i)).join("  ");
      const body = row
        .filter((cell, i) => cell !== "" && !short(cell, i))
        .flatMap((cell) => cell.split("\n"))
        .map((line) => hang("    ", line, columns));
      return [hang("", head, columns, "    "), ...body].join("\n");
    })
    .join("\n")}\n`;
}

export function renderTable(headers: string[], rows: string[][], options: TableOptions): string {
  const { chalk } = options;
  const columns = options.columns ?? DEFAULT_COLUMNS;
  const { widths, wrapped } = plan(headers, rows, options.wrap ?? [], columns);
  const wrapCell = (cell: string, i: number) =>
    wrapped.includes(i) ? wrapLines(cell, widths[i] as number) : cell.split("\n");
  const pad = (text: string, i: number) => {
    const fill = " ".repeat(Math.max(0, (widths[i] as number) - textWidth(text)));
    return options.right?.includes(i) ? fill + text : text + fill;
  };
  /** One row's cells side by side, as many lines as its tallest cell. */
  const lines = (cells: string[][]) => {
    const height = largest(cells.map((c) => c.length));
    return Array.from({ length: height }, (_, k) =>
      cells
        .map((c, i) => pad(c[k] ?? "", i))
        .join(" ".repeat(GAP))
        .trimEnd(),
    );
  };
  return `${[
    ...lines(headers.map((h, i) => wrapCell(h, i).map((l) => chalk.bold(l)))),
    ...lines(widths.map((w) => [chalk.dim("─".repeat(w))])),
    ...rows.flatMap((r) => lines(r.map(wrapCell))),
  ].join("\n")}\n`;
}
