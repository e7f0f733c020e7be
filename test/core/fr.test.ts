import { describe, expect, it } from "vitest";
import {
  analyzeFr,
  autoEqGrid,
  type Curve,
  compareRigs,
  FLAT_TARGET,
  findPeaks,
  preferenceScore,
  r40Frequencies,
  resample,
  rmsDifference,
  sampleStd,
  savitzkyGolay,
  scoreFigures,
  slopeOf,
  tagsFor,
  windowPoints,
} from "../../src/core/fr.js";
import { equalizeFr } from "../../src/core/peq.js";
import { GRID, SHAPES, type Shape } from "../helpers/curves.js";

const curve = (shape: Shape): Curve => ({ frequencyHz: GRID, db: GRID.map(shape) });

describe("the bars", () => {
  it("a −1 dB/octave curve reports a tilt of −1", () => {
    const a = analyzeFr(curve(SHAPES.tilt), FLAT_TARGET);
    expect(a.tiltDbPerOctave).toBeCloseTo(-1, 3);
    expect(a.slopePerLn).toBeCloseTo(-1 / Math.LN2, 3);
    expect(a.tags).toContain("dark");
  });

  it("a −6 dB low shelf reports a negative bass deviation and a preamp near −6 dB", () => {
    const a = analyzeFr(curve(SHAPES.bassShelf), FLAT_TARGET);
    expect(a.bassDb).toBeLessThan(-3);
    // The preamp is the fitted filters' (their boost peaks a little below the
    // capped curve's 6 dB: this fit reaches 4.9 dB, within 0.5 dB RMS).
    const { preampDb, errorDbRms } = equalizeFr(a);
    expect(preampDb).toBeLessThan(-4.5);
    expect(preampDb).toBeGreaterThanOrEqual(-6);
    expect(errorDbRms).toBeLessThan(0.5);
  });

  it("a flat curve reports neither a tilt nor a bass deviation nor a preamp, and is neutral", () => {
    const a = analyzeFr(curve(SHAPES.flat), FLAT_TARGET);
    expect(a.tiltDbPerOctave).toBeCloseTo(0, 9);
    expect(a.bassDb).toBeCloseTo(0, 9);
    expect(a.trebleDb).toBeCloseTo(0, 9);
    expect(equalizeFr(a)).toMatchObject({ preampDb: 0, filters: [] });
    expect(a.score).toBeCloseTo(114.490443008238, 9);
    expect(a.tags).toEqual(["neutral"]);
  });

  it("the closest match to a near-flat curve is the flat one", () => {
    const near = curve(SHAPES.nearFlat);
    const others = (["flat", "tilt", "bassShelf", "peak"] as const).map((k) => ({
      k,
      rms: rmsDifference(near, curve(SHAPES[k])),
    }));
    others.sort((a, b) => a.rms - b.rms);
    expect(others[0]?.k).toBe("flat");
    expect(others[0]?.rms).toBeLessThan(0.3);
  });
});

describe("preference score (hand-worked)", () => {
  it.each([
    [0, 0, 114.490443008238],
    [1, 0, 101.870443008238],
    // 114.490443008238 − 25.24 − 0.5 × 15.5163857197367
    [2, -0.5, 81.49225014837],
    [2, 0.5, 81.49225014837],
  ])("std %s dB, slope %s per ln f → %s", (std, slope, score) => {
    expect(preferenceScore(std, slope)).toBeCloseTo(score, 9);
  });

  it("std uses ddof 1 and the slope is least squares", () => {
    expect(sampleStd([1, 2, 3, 4])).toBeCloseTo(Math.sqrt(5 / 3), 12);
    expect(slopeOf([0, 1, 2, 3], [1, 3, 5, 7])).toBeCloseTo(2, 12);
  });

  it("error = a·ln f + c on the R40 grid: slope a, std |a|·std(ln f)", () => {
    const a = 0.4;
    const at = r40Frequencies(50, 10_000);
    // Built on the very points the score reads, so the resampling is exact.
    const s = scoreFigures(
      at,
      at.map((f) => a * Math.log(f) + 3),
    );
    expect(s.slopePerLn).toBeCloseTo(a, 9);
    expect(s.stdDb).toBeCloseTo(a * sampleStd(at.map(Math.log)), 9);
    expect(s.score).toBeCloseTo(114.490443008238 - 12.62 * s.stdDb - 15.5163857197367 * a, 9);
  });

  it("reads the 1/12-octave nominal frequencies 50 Hz to 10 kHz", () => {
    const at = r40Frequencies(50, 10_000);
    expect(at.slice(0, 6)).toEqual([50, 53, 56, 60, 63, 67]);
    expect(at[at.length - 1]).toBe(10_000);
    // 40 per decade, 2.3 decades: 93 points, about 12 per octave.
    expect(at).toHaveLength(93);
  });
});

describe("building blocks", () => {
  it("AutoEq's grid runs 20 Hz to 20 kHz in 1 % steps", () => {
    const g = autoEqGrid();
    expect(g[0]).toBe(20);
    expect((g[1] as number) / (g[0] as number)).toBeCloseTo(1.01, 12);
    expect(g[g.length - 1]).toBeLessThanOrEqual(20_000);
    expect(g.length).toBeGreaterThan(690);
  });

  it("resamples linearly in log f and holds the end values", () => {
    const c = { frequencyHz: [100, 1000], db: [0, 10] };
    expect(resample(c, [10, 100, Math.sqrt(100 * 1000), 1000, 5000])).toEqual([0, 0, 5, 10, 10]);
  });

  it("a Savitzky-Golay quadratic keeps a parabola and smooths noise", () => {
    const parabola = Array.from({ length: 40 }, (_, i) => 0.1 * i * i - i + 2);
    const kept = savitzkyGolay(parabola, 7);
    for (const [i, v] of kept.entries()) expect(v).toBeCloseTo(parabola[i] as number, 9);
    const noisy = Array.from({ length: 40 }, (_, i) => (i % 2 === 0 ? 1 : -1));
    const smooth = savitzkyGolay(noisy, 9);
    expect(Math.max(...smooth.slice(4, -4).map(Math.abs))).toBeLessThan(0.5);
  });

  it("window sizes round to odd counts as AutoEq's do", () => {
    const g = autoEqGrid();
    expect(windowPoints(g, 1 / 12)).toBe(7);
    expect(windowPoints(g, 1 / 5)).toBe(15);
    expect(windowPoints(g, 2)).toBe(139);
  });

  it("finds peaks by prominence", () => {
    expect(findPeaks([0, 2, 0, 0.5, 0.2, 3, 0], 1)).toEqual([1, 5]);
    expect(findPeaks([0, 0.5, 0], 1)).toEqual([]);
  });

  it("a single peak is found at its frequency, and rules neutral out", () => {
    const a = analyzeFr(curve(SHAPES.peak), FLAT_TARGET);
    expect(a.peaks[0]?.frequencyHz).toBeGreaterThan(2800);
    expect(a.peaks[0]?.frequencyHz).toBeLessThan(3200);
    expect(a.peaks[0]?.db).toBeGreaterThan(5);
    expect(a.tags).not.toContain("neutral");
  });

  it("lists no peak under 1 dB, even one standing out by 1 dB beside a dip", () => {
    // The treble sits 1 dB down, and a bump at 5 kHz stands 1.5 dB out of it, to +0.5 dB.
    const shape: Shape = (f) =>
      -1 / (1 + (3000 / f) ** 4) + 1.5 * Math.exp(-((Math.log2(f / 5000) / 0.15) ** 2) / 2);
    const a = analyzeFr(curve(shape), FLAT_TARGET);
    expect(a.peaks).toEqual([]);
    const higher = analyzeFr(
      curve((f) => shape(f) + Math.exp(-((Math.log2(f / 5000) / 0.15) ** 2) / 2)),
      FLAT_TARGET,
    );
    expect(higher.peaks.map((p) => Math.round(p.frequencyHz / 100) * 100)).toEqual([5000]);
  });

  it("aligns levels in the mid band: an offset curve is the same curve", () => {
    const a = analyzeFr(curve(SHAPES.tilt), FLAT_TARGET);
    const b = analyzeFr(
      curve((f) => SHAPES.tilt(f) + 12),
      FLAT_TARGET,
    );
    expect(b.bassDb).toBeCloseTo(a.bassDb, 9);
    // The same filters: the aligned curve is the same to the last bit.
    expect(equalizeFr(b)).toEqual(equalizeFr(a));
  });

  it("the error is against the target: a curve equal to its target is flat", () => {
    const t = curve(SHAPES.peak);
    const a = analyzeFr(t, t);
    expect(a.stdDb).toBeCloseTo(0, 9);
    expect(equalizeFr(a).preampDb).toBe(0);
  });

  it.each([
    [{ tiltDbPerOctave: -0.7, bassDb: 0, trebleDb: 0, stdDb: 1, extremeDb: 0 }, ["dark"]],
    [{ tiltDbPerOctave: -0.4, bassDb: 0, trebleDb: 0, stdDb: 1, extremeDb: 0 }, ["warm"]],
    [{ tiltDbPerOctave: 0.4, bassDb: 0, trebleDb: 0, stdDb: 1, extremeDb: 0 }, ["bright"]],
    [{ tiltDbPerOctave: 0, bassDb: 3.5, trebleDb: 0, stdDb: 2, extremeDb: 0 }, ["bass-lift"]],
    [{ tiltDbPerOctave: 0, bassDb: 2.5, trebleDb: 2.5, stdDb: 2, extremeDb: 0 }, ["v-shaped"]],
    [{ tiltDbPerOctave: 0, bassDb: 0, trebleDb: 3.2, stdDb: 2, extremeDb: 0 }, ["treble-lift"]],
    [{ tiltDbPerOctave: 0.1, bassDb: 1, trebleDb: -1, stdDb: 1.5, extremeDb: 2 }, ["neutral"]],
    [{ tiltDbPerOctave: 0.1, bassDb: 1, trebleDb: -1, stdDb: 3, extremeDb: 2 }, []],
  ])("tags %o → %o", (figures, tags) => {
    expect(tagsFor(figures)).toEqual(tags);
  });

  it("refuses nothing when a rig is unknown, and tells different rigs apart", () => {
    expect(compareRigs("over-ear", "over-ear")).toBe("same");
    expect(compareRigs("over-ear", "in-ear")).toBe("different");
    expect(compareRigs(null, "in-ear")).toBe("unknown");
  });
});
