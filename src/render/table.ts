/**
 * Plain tables: columns separated by two spaces, a rule under the header,
 * never wider than the width given. Columns meant to wrap share the room left;
 * when that is not enough any column wraps, and words are cut only when a
 * single word is wider than its column could ever be. The cells are
 * measured with textWidth, wrapped here and padded into lines.
 */

import type { ChalkInstance } from "chalk";
import { DEFAULT_COLUMNS } from "../context.js";
import { hang, longestToken, textWidth, wrapLines } from "./text.js";

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
