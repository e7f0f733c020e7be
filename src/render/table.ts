/**
 * Plain tables: columns separated by two spaces, a rule under the header.
 * cli-table3 measures cell widths (wide characters, colour codes) and wraps
 * long text to the terminal width.
 */

import type { ChalkInstance } from "chalk";
import Table from "cli-table3";
import { textWidth } from "./text-width.js";
import { wrapLines } from "./wrap.js";

const CHARS = {
  top: "",
  "top-mid": "",
  "top-left": "",
  "top-right": "",
  bottom: "",
  "bottom-mid": "",
  "bottom-left": "",
  "bottom-right": "",
  left: "",
  "left-mid": "",
  mid: "",
  "mid-mid": "",
  right: "",
  "right-mid": "",
  middle: "  ",
};

export interface TableOptions {
  chalk: ChalkInstance;
  /** Terminal width; columns listed in `wrap` share what the others leave. */
  columns?: number;
  /** Indexes of columns that may wrap (long text); others keep their width. */
  wrap?: number[];
  /** Indexes of right-aligned (numeric) columns. */
  right?: number[];
}

export function renderTable(headers: string[], rows: string[][], options: TableOptions): string {
  const { chalk } = options;
  const widths = headers.map((h, i) =>
    Math.max(
      textWidth(h),
      ...rows.map((r) => Math.max(...(r[i] ?? "").split("\n").map(textWidth))),
    ),
  );
  const wrap = options.wrap ?? [];
  const total = widths.reduce((a, b) => a + b, 0) + 2 * (headers.length - 1);
  const columns = options.columns ?? 100;
  if (total > columns && wrap.length > 0) {
    const fixed =
      widths.reduce((a, w, i) => (wrap.includes(i) ? a : a + w), 0) + 2 * (headers.length - 1);
    const share = Math.max(12, Math.floor((columns - fixed) / wrap.length));
    for (const i of wrap) widths[i] = Math.min(widths[i] as number, share);
  }
  const table = new Table({
    chars: CHARS,
    style: { "padding-left": 0, "padding-right": 0, head: [], border: [], compact: true },
    colWidths: widths,
    // Cells are wrapped here (wrapLines), so cli-table3 only lays them out.
    wordWrap: false,
    colAligns: headers.map((_, i) => (options.right?.includes(i) ? "right" : "left")),
  });
  table.push(headers.map((h) => chalk.bold(h)));
  table.push(widths.map((w) => chalk.dim("─".repeat(w))));
  for (const r of rows) {
    table.push(
      r.map((cell, i) =>
        wrap.includes(i) ? wrapLines(cell, widths[i] as number).join("\n") : cell,
      ),
    );
  }
  return `${table
    .toString()
    .split("\n")
    .map((l) => l.trimEnd())
    .join("\n")}\n`;
}
