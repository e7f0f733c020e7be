/**
 * Word wrapping by terminal width (colour codes and wide characters measured
 * right). Lines break between words only: a number stays with its unit
 * ("2.45 Vrms", "103 dB SPL"), and a word is cut only when it is longer than
 * a whole line (a URL in a narrow terminal), so nothing is ever wider than the
 * width given.
 */
import { textWidth } from "./text-width.js";

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

// biome-ignore lint/suspicious/noControlCharactersInRegex: matching ANSI escapes on purpose.
const ANSI = /\u001b\[[0-9;]*[A-Za-z]/g;
const plain = (s: string) => (s.includes("\u001b") ? s.replace(ANSI, "") : s);

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
