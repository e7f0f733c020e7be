/** Plots stay bounded whatever they are given (issue 25). */
import { describe, expect, it } from "vitest";
import { svgFrequencyPlot, svgHeadroomBars } from "../../src/render/html.js";

const fs = Array.from({ length: 40 }, (_, i) => 20 * 1.19 ** i);
const lines = (svg: string) => (svg.match(/<line /g) ?? []).length;

describe("plots bounded whatever they are given", () => {
  it.each([1e8, -1e8, 1e308, -1e308, Number.POSITIVE_INFINITY, Number.NaN])(
    "one cell of %s dB: a grid of a few lines, no value outside the picture",
    (extreme) => {
      const values = fs.map((_, i) => (i === 7 ? extreme : Math.sin(i) * 3));
      const svg = svgFrequencyPlot(fs, [{ name: "curve", values }], { label: "x" });
      // 10 frequency ticks and at most a couple of dozen level lines.
      expect(lines(svg)).toBeLessThan(40);
      expect(svg).not.toMatch(/NaN|Infinity|e\+/);
      const ys = [...svg.matchAll(/,(-?[\d.]+)/g)].map((m) => Number(m[1]));
      for (const y of ys) expect(Math.abs(y)).toBeLessThan(400);
    },
  );

  it("bars for 150,000 sources render (no spread of one argument per source)", () => {
    const rows = Array.from({ length: 150_000 }, (_, i) => ({
      label: `source ${i}`,
      headroomDb: (i % 40) - 20,
      verdict: "ok",
    }));
    const svg = svgHeadroomBars(rows, { label: "many", targetLabel: "target" });
    expect((svg.match(/<rect /g) ?? []).length).toBe(150_000);
  });

  it("a headroom of 1e8 dB keeps the bar grid bounded", () => {
    const svg = svgHeadroomBars(
      [
        { label: "a", headroomDb: 1e8, verdict: "ok" },
        { label: "b", headroomDb: -1e8, verdict: "insufficient" },
      ],
      { label: "x", targetLabel: "target" },
    );
    expect(lines(svg)).toBeLessThan(40);
  });
});
