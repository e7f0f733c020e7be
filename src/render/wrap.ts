/** Word wrapping by terminal width (colour codes and wide characters measured right). */
import { textWidth } from "./text-width.js";

/** Lines of at most `width` columns; existing line breaks are kept, long words split. */
export function wrapLines(text: string, width: number): string[] {
  const out: string[] = [];
  for (const paragraph of text.split("\n")) {
    let line = "";
    let lineWidth = 0;
    for (const word of paragraph.split(" ")) {
      let w = word;
      let ww = textWidth(w);
      if (line !== "" && lineWidth + 1 + ww > width) {
        out.push(line);
        line = "";
        lineWidth = 0;
      }
      while (ww > width && line === "") {
        // A word longer than the line: split it (plain text only; ids and URLs).
        out.push(w.slice(0, width));
        w = w.slice(width);
        ww = textWidth(w);
      }
      line = line === "" ? w : `${line} ${w}`;
      lineWidth = line === w ? ww : lineWidth + 1 + ww;
    }
    out.push(line);
  }
  return out;
}

/** Wrapped text with a hanging indent on continuation lines. */
export function wrapText(text: string, width: number, indent: string): string {
  return wrapLines(text, Math.max(10, width - indent.length)).join(`\n${indent}`);
}
