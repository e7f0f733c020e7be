/** Curve files: values in a plausible range, and a file that is not a curve never quoted (issue 25). */
import { describe, expect, it } from "vitest";
import { parseCurveText } from "../../src/catalog/curve.js";

const rows = (cell: string) =>
  [
    "frequency,raw",
    ...Array.from({ length: 12 }, (_, i) => `${20 * 2 ** i},${i === 4 ? cell : "0.5"}`),
  ].join("\n");

describe("curve values", () => {
  it.each(["1e8", "-1e8", "1e308", "-1e308", "201"])(
    "%s dB is refused with file and line",
    (cell) => {
      expect(() => parseCurveText(rows(cell), "m.csv")).toThrow(
        /^m\.csv:6: raw .* dB is outside the plausible range, -200 to \+200 dB$/,
      );
    },
  );

  it("a curve in absolute SPL (around 90 dB) and one relative to 0 dB are both read", () => {
    expect(parseCurveText(rows("95.5"), "m.csv").db[4]).toBe(95.5);
    expect(parseCurveText(rows("-30"), "m.csv").db[4]).toBe(-30);
  });

  it("a file that is not a CSV curve is named, its content never quoted", () => {
    let message = "";
    try {
      parseCurveText("AWS_SECRET=hunter2\nmore secrets\n", "/home/me/.aws/credentials");
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/^\/home\/me\/\.aws\/credentials:1: no header naming/);
    expect(message).not.toContain("hunter2");
  });
});
