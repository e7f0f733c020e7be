import { describe, expect, it } from "vitest";
import { quoteName, safeStrings, safeText } from "../../src/core/safe-text.js";

describe("safeText: catalog text made safe to show", () => {
  it.each([
    ["clear screen", "A\u001b[2JB", "A\\x1b[2JB"],
    ["OSC 52 clipboard", "\u001b]52;c;ZWNobw==\u0007", "\\x1b]52;c;ZWNobw==\\x07"],
    [
      "OSC 8 link",
      "\u001b]8;;http://x\u001b\\a\u001b]8;;\u001b\\",
      "\\x1b]8;;http://x\\x1b\\a\\x1b]8;;\\x1b\\",
    ],
    ["C1 CSI", "a\u009b2Jb", "a\\x9b2Jb"],
    ["DEL", "a\u007fb", "a\\x7fb"],
    ["right-to-left override", "abc\u202edcba", "abc\\u{202e}dcba"],
    ["zero-width space", "hd\u200b600", "hd\\u{200b}600"],
    ["bidi isolate", "a\u2066b\u2069", "a\\u{2066}b\\u{2069}"],
    ["byte order mark", "\ufeffx", "\\u{feff}x"],
    ["carriage return", "a\rb", "a\\x0db"],
  ])("%s", (_, text, shown) => {
    expect(safeText(text)).toBe(shown);
    // Nothing left to escape in what is shown.
    expect(safeText(shown)).toBe(shown);
  });

  it("keeps ordinary text, newlines, tabs and non-Latin letters as they are", () => {
    for (const text of ["Sennheiser HD 800 S", "a\nb\tc", "Ω µV — ü 日本", "Audeze LCD-X (2021)"]) {
      expect(safeText(text)).toBe(text);
    }
  });

  it("safeStrings returns the same object when nothing needs escaping, a copy when something does", () => {
    const clean = { a: ["x", { b: "y" }], n: 1 };
    expect(safeStrings(clean)).toBe(clean);
    const dirty = { a: ["x", { b: "y\u001b" }], n: 1, "k\u202e": true };
    expect(safeStrings(dirty)).toEqual({ a: ["x", { b: "y\\x1b" }], n: 1, "k\\u{202e}": true });
    expect(dirty.a[1]).toEqual({ b: "y\u001b" });
  });

  it("quoteName cuts a long name to 60 characters", () => {
    expect(quoteName("k".repeat(1000))).toBe(`"${"k".repeat(57)}..."`);
    expect(quoteName("a\u001bb")).toBe('"a\\x1bb"');
  });
});
