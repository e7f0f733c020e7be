/**
 * JSON written in pieces, for answers too big to build as one string:
 * `recommend --json` over a catalog of 10,000 models is about 15 MB of text.
 * A value's arrays may be `Streamed`: their items are made as they are
 * written (the ranking explains each model then), so neither the items nor
 * the text are ever all in memory at once. The pieces, joined, are exactly
 * `JSON.stringify(value, null, indent)` of the same value with its streamed
 * arrays read out (test/render/json.test.ts holds that).
 */

/** An array whose items are made as they are written. */
export class Streamed<T> {
  constructor(readonly items: Iterable<T>) {}
  /** Read out, for JSON.stringify: such a value still serialises right, only not in pieces. */
  toJSON(): T[] {
    return [...this.items];
  }
}

/** Pieces are gathered to about this size before they are handed out: one write each. */
const PIECE = 256 * 1024;
/** A streamed array's items are stringified this many at a time. */
const BATCH = 128;

/**
 * `value` as JSON text (with a final newline), in pieces of about 256 KB.
 * Streamed arrays may sit at any depth of plain objects and arrays; a
 * streamed array's items are written whole.
 */
export function* jsonPieces(value: unknown, indent = 2): Generator<string> {
  let parts: string[] = [];
  let size = 0;
  const put = (text: string) => {
    parts.push(text);
    size += text.length;
  };
  function* flush(): Generator<string> {
    if (size >= PIECE) {
      yield parts.join("");
      parts = [];
      size = 0;
    }
  }
  const gap = " ".repeat(indent);
  const newline = (at: string) => (indent > 0 ? `\n${at}` : "");
  /**
   * Items at nesting depth `depth`, stringified together and as they would
   * be in place: wrapped in depth - 1 arrays, so JSON.stringify indents them
   * (no pass over the text to indent it), then unwrapped.
   */
  const itemsText = (items: unknown[], depth: number) => {
    let wrapped: unknown = items;
    for (let d = 1; d < depth; d++) wrapped = [wrapped];
    const text = JSON.stringify(wrapped, null, indent);
    let head = 0;
    for (let d = 1; d <= depth; d++) head += 1 + newline(gap.repeat(d)).length;
    let tail = 0;
    for (let d = 0; d < depth; d++) tail += 1 + newline(gap.repeat(d)).length;
    return text.slice(head, text.length - tail);
  };
  function* write(v: unknown, depth: number): Generator<string> {
    const at = gap.repeat(depth);
    if (!holdsStreamed(v)) {
      // In place at `depth`: its inner lines indented as they would be there.
      put(depth === 0 || indent === 0 ? JSON.stringify(v, null, indent) : itemsText([v], depth));
      return;
    }
    const inner = newline(at + gap);
    if (v instanceof Streamed) {
      let batch: unknown[] = [];
      let first = true;
      const out = function* () {
        put(`${first ? "[" : ","}${inner}${itemsText(batch, depth + 1)}`);
        first = false;
        batch = [];
        yield* flush();
      };
      for (const item of v.items) {
        batch.push(item);
        if (batch.length === BATCH) yield* out();
      }
      if (batch.length > 0) yield* out();
      put(first ? "[]" : `${newline(at)}]`);
      return;
    }
    if (Array.isArray(v)) {
      let i = 0;
      for (const item of v) {
        put(`${i++ === 0 ? "[" : ","}${inner}`);
        const plain =
          item === undefined || typeof item === "function" || typeof item === "symbol"
            ? null
            : item;
        yield* write(plain, depth + 1);
      }
      put(`${newline(at)}]`);
      return;
    }
    let first = true;
    for (const [key, item] of Object.entries(v as object)) {
      if (item === undefined || typeof item === "function" || typeof item === "symbol") continue;
      put(`${first ? "{" : ","}${inner}${JSON.stringify(key)}:${indent > 0 ? " " : ""}`);
      first = false;
      yield* write(item, depth + 1);
    }
    put(first ? "{}" : `${newline(at)}}`);
  }
  yield* write(value, 0);
  put("\n");
  yield parts.join("");
}

/** Does `v` hold a Streamed array (itself, or in its plain objects and arrays)? */
function holdsStreamed(v: unknown): boolean {
  if (v instanceof Streamed) return true;
  if (typeof v !== "object" || v === null) return false;
  if (Array.isArray(v)) return v.some(holdsStreamed);
  const proto = Object.getPrototypeOf(v);
  if (proto !== Object.prototype && proto !== null) return false;
  return Object.values(v).some(holdsStreamed);
}

/** `value` as one JSON text with a final newline: what every --json prints. */
export function toJson(value: unknown): string {
  return [...jsonPieces(value)].join("");
}
