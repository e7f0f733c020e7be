import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { jsonPieces, Streamed } from "../../src/render/json.js";

/** The value with every Streamed array read out into a plain array. */
function readOut(v: unknown): unknown {
  if (v instanceof Streamed) return [...v.items];
  if (Array.isArray(v)) return v.map(readOut);
  if (typeof v === "object" && v !== null)
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, readOut(x)]));
  return v;
}

/** JSON values in which some arrays (at any depth) are streamed. */
const withStreamed = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small" },
    fc.oneof(
      fc.string(),
      fc.double({ noNaN: true }),
      fc.integer(),
      fc.boolean(),
      fc.constant(null),
    ),
    tie("array"),
    tie("object"),
  ),
  // A streamed array's items are written whole: plain JSON values.
  array: fc.oneof(
    fc.array(tie("value"), { maxLength: 4 }),
    fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 4 }).map((items) => new Streamed(items)),
  ),
  object: fc.dictionary(fc.string(), tie("value"), { maxKeys: 4 }),
}));

describe("jsonPieces", () => {
  it.each([0, 2])("joins to exactly JSON.stringify of the read-out value (indent %i)", (indent) => {
    fc.assert(
      fc.property(withStreamed.value, (value) => {
        const text = [...jsonPieces(value, indent)].join("");
        expect(text).toBe(`${JSON.stringify(readOut(value), null, indent)}\n`);
      }),
      { numRuns: 500 },
    );
  });

  it("makes a streamed array's items only as it writes them, in pieces of bounded size", () => {
    let made = 0;
    function* rows() {
      for (let i = 0; i < 20_000; i++) {
        made++;
        yield { i, text: "x".repeat(40) };
      }
    }
    const pieces = jsonPieces({ head: 1, rows: new Streamed(rows()) });
    const first = pieces.next();
    expect(first.done).toBe(false);
    // The first piece is out long before every row is made.
    expect(made).toBeLessThan(20_000);
    expect((first.value as string).length).toBeLessThan(300 * 1024);
    const rest = [...pieces];
    expect(made).toBe(20_000);
    expect(JSON.parse((first.value as string) + rest.join("")).rows).toHaveLength(20_000);
  });

  it("writes values JSON.stringify leaves out as it does: undefined and functions", () => {
    const value = { a: undefined, b: () => 1, c: new Streamed([undefined, () => 1, 2]) };
    expect([...jsonPieces(value)].join("")).toBe(
      `${JSON.stringify({ a: undefined, b: () => 1, c: [undefined, () => 1, 2] }, null, 2)}\n`,
    );
  });
});
