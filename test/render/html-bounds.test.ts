/** Plots stay bounded whatever they are given (issue 25). */
import { describe, expect, it } from "vitest";
import { renderComparePage, svgFrequencyPlot, svgHeadroomBars } from "../../src/render/html.js";
import { makeHeadphone } from "../helpers/factories.js";

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

describe("compare's page (issue 25)", () => {
  const warm = { tags: ["warm" as const], text: "warm", ref: "spec" };
  const a = makeHeadphone({ id: "a-cans", character: [warm, warm, warm] });
  const b = makeHeadphone({ id: "b-cans" });
  const curve = {
    id: "a-cans",
    frequencyHz: Array.from({ length: 20 }, (_, i) => 20 * 1.4 ** i),
    db: Array.from({ length: 20 }, () => 0),
  };
  const page = renderComparePage(
    [a, b],
    {},
    [curve],
    [{ text: "For mixing, a-cans suits better." }],
  );

  it("names a character tag once, however many notes carry it", () => {
    expect(page).toMatch(/<td>warm<\/td>/);
    expect(page).not.toMatch(/warm, warm/);
  });

  it("ends with its conclusion and says which model has no curve", () => {
    expect(page).toContain("<p>For mixing, a-cans suits better.</p>");
    expect(page).toMatch(/No measured curve for Test b-cans: not drawn\./);
  });
});

describe("fr analyze's page legend", () => {
  it("a thin series' swatch is drawn thin too", () => {
    const svg = svgFrequencyPlot(fs, [{ name: "error", values: fs.map(() => 1), thin: true }], {
      label: "x",
    });
    expect(svg).toContain('<i class="k1 thin"></i>error');
  });
});
