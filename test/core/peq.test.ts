/**
 * The parametric EQ fit, held to its bound by a response computed here, apart
 * from the code under test: each biquad's transfer function evaluated on the
 * unit circle in complex arithmetic, from the RBJ cookbook's formulas.
 */
import { describe, expect, it } from "vitest";
import { analyzeFr, type Curve, FLAT_TARGET, MAX_BOOST_DB } from "../../src/core/fr.js";
import { equalizeFr, equalizerApoText, type PeqFilter } from "../../src/core/peq.js";
import { GRID, SHAPES, type Shape } from "../helpers/curves.js";

const RATE = 48_000;

/** |H(e^jw)| in dB of one RBJ cookbook biquad. */
function biquadDb(f: PeqFilter, hz: number): number {
  const A = 10 ** (f.gainDb / 40);
  const w0 = (2 * Math.PI * f.fcHz) / RATE;
  const cs = Math.cos(w0);
  const alpha = Math.sin(w0) / (2 * f.q);
  const sq = 2 * Math.sqrt(A) * alpha;
  const [b, a] =
    f.type === "PK"
      ? [
          [1 + alpha * A, -2 * cs, 1 - alpha * A],
          [1 + alpha / A, -2 * cs, 1 - alpha / A],
        ]
      : f.type === "LSC"
        ? [
            [
              A * (A + 1 - (A - 1) * cs + sq),
              2 * A * (A - 1 - (A + 1) * cs),
              A * (A + 1 - (A - 1) * cs - sq),
            ],
            [A + 1 + (A - 1) * cs + sq, -2 * (A - 1 + (A + 1) * cs), A + 1 + (A - 1) * cs - sq],
          ]
        : [
            [
              A * (A + 1 + (A - 1) * cs + sq),
              -2 * A * (A - 1 + (A + 1) * cs),
              A * (A + 1 + (A - 1) * cs - sq),
            ],
            [A + 1 - (A - 1) * cs + sq, 2 * (A - 1 - (A + 1) * cs), A + 1 - (A - 1) * cs - sq],
          ];
  const w = (2 * Math.PI * hz) / RATE;
  // z^-k = cos(kw) - j sin(kw)
  const evaluate = (c: number[]) => {
    let re = 0;
    let im = 0;
    c.forEach((ck, k) => {
      re += ck * Math.cos(k * w);
      im -= ck * Math.sin(k * w);
    });
    return Math.hypot(re, im);
  };
  return 20 * Math.log10(evaluate(b as number[]) / evaluate(a as number[]));
}

const cascadeDb = (filters: readonly PeqFilter[], hz: number) =>
  filters.reduce((s, f) => s + biquadDb(f, hz), 0);

const gauss =
  (fc: number, gainDb: number, octaves: number): Shape =>
  (f) =>
    gainDb * Math.exp(-((Math.log2(f / fc) / octaves) ** 2) / 2);
const sum =
  (...shapes: Shape[]): Shape =>
  (f) =>
    shapes.reduce((s, g) => s + g(f), 0);

/** Smooth curves of a few peaks, dips, shelves and tilts, as the issue names them. */
const SMOOTH: [string, Shape, { min: number; max: number }?][] = [
  ["a −1 dB/octave tilt", SHAPES.tilt],
  ["a −6 dB bass shelf", SHAPES.bassShelf],
  ["a +6 dB peak at 3 kHz", SHAPES.peak],
  ["a −5 dB dip at 200 Hz", gauss(200, -5, 0.5)],
  ["a +4 dB treble shelf", (f) => 4 / (1 + (4000 / f) ** 2)],
  [
    "peaks, a dip and a shelf",
    sum(gauss(3000, 5, 0.3), gauss(200, -4, 0.5), (f) => 4 / (1 + (f / 80) ** 2)),
  ],
  [
    "a +0.5 dB/octave tilt with a peak at 6 kHz",
    sum((f) => 0.5 * Math.log2(f / 1000), gauss(6000, 4, 0.25)),
  ],
  ["a short curve, 100 Hz to 8 kHz", gauss(1000, 4, 0.5), { min: 100, max: 8000 }],
  [
    "a long curve, 5 Hz to 40 kHz",
    sum(gauss(80, 3, 0.6), gauss(5000, -3, 0.4)),
    { min: 5, max: 40_000 },
  ],
];

function curveOf(shape: Shape, band = { min: 20, max: 20_000 }): Curve {
  const fs: number[] = [];
  for (let f = band.min; f <= band.max; f *= 1.01) fs.push(f);
  return { frequencyHz: fs, db: fs.map(shape) };
}

/** RMS of (curve + filters − flat target) from 20 Hz to 10 kHz, the curve aligned 500 Hz–2 kHz. */
function equalisedRms(curve: Curve, filters: readonly PeqFilter[]): number {
  const fs = GRID.filter((f) => f >= 20 && f <= 10_000);
  const at = (f: number) => {
    const xs = curve.frequencyHz;
    if (f <= (xs[0] as number)) return curve.db[0] as number;
    if (f >= (xs[xs.length - 1] as number)) return curve.db[xs.length - 1] as number;
    const i = xs.findIndex((x) => x >= f);
    const t =
      Math.log(f / (xs[i - 1] as number)) / Math.log((xs[i] as number) / (xs[i - 1] as number));
    return (
      (curve.db[i - 1] as number) + t * ((curve.db[i] as number) - (curve.db[i - 1] as number))
    );
  };
  const mid = GRID.filter((f) => f >= 500 && f <= 2000);
  const offset = mid.reduce((s, f) => s + at(f), 0) / mid.length;
  const e = fs.map((f) => at(f) - offset + cascadeDb(filters, f));
  return Math.sqrt(e.reduce((s, v) => s + v * v, 0) / e.length);
}

describe("the fitted parametric EQ", () => {
  it.each(SMOOTH)("%s: within 0.5 dB RMS of the target, 20 Hz–10 kHz", (_, shape, band) => {
    const curve = curveOf(shape, band);
    const a = analyzeFr(curve, FLAT_TARGET);
    const peq = equalizeFr(a);
    // The curve with the filters applied, against the (flat) target.
    expect(equalisedRms(curve, peq.filters)).toBeLessThan(0.5);
    // The figure it reports: the filters against the EQ curve they stand for.
    const e: number[] = [];
    a.frequencyHz.forEach((f, i) => {
      if (f >= 20 && f <= 10_000) e.push(cascadeDb(peq.filters, f) - (a.eqDb[i] as number));
    });
    const rms = Math.sqrt(e.reduce((s, v) => s + v * v, 0) / e.length);
    expect(rms).toBeLessThan(0.5);
    expect(peq.errorDbRms).toBeCloseTo(rms, 3);
  });

  it("up to ten filters: a low shelf, peaking filters and a high shelf, within their ranges", () => {
    const peq = equalizeFr(analyzeFr(curveOf(SMOOTH[5]?.[1] as Shape), FLAT_TARGET));
    expect(peq.filters.length).toBeGreaterThan(0);
    expect(peq.filters.length).toBeLessThanOrEqual(10);
    expect(peq.filters.filter((f) => f.type === "LSC").length).toBeLessThanOrEqual(1);
    expect(peq.filters.filter((f) => f.type === "HSC").length).toBeLessThanOrEqual(1);
    for (const f of peq.filters) {
      expect(f.fcHz).toBeGreaterThanOrEqual(20);
      expect(f.fcHz).toBeLessThanOrEqual(10_000);
      expect(Math.abs(f.gainDb)).toBeLessThanOrEqual(20);
      expect(f.q).toBeGreaterThanOrEqual(0.18);
      expect(f.q).toBeLessThanOrEqual(6);
    }
  });

  it("the preamp keeps the boosted sum from clipping, and no further", () => {
    for (const [, shape, band] of SMOOTH) {
      const peq = equalizeFr(analyzeFr(curveOf(shape, band), FLAT_TARGET));
      let largest = 0;
      for (let f = 20; f <= 20_000; f *= 1.001)
        largest = Math.max(largest, cascadeDb(peq.filters, f));
      expect(largest + peq.preampDb).toBeLessThanOrEqual(0.01);
      expect(largest + peq.preampDb).toBeGreaterThan(-0.15);
    }
  });

  it("a flat curve needs no filters and no preamp", () => {
    const peq = equalizeFr(analyzeFr(curveOf(SHAPES.flat), FLAT_TARGET));
    expect(peq).toEqual({ preampDb: 0, filters: [], errorDbRms: 0 });
  });

  it("is deterministic: the same curve gives the same filters", () => {
    const curve = curveOf(SMOOTH[5]?.[1] as Shape);
    expect(equalizeFr(analyzeFr(curve, FLAT_TARGET))).toEqual(
      equalizeFr(analyzeFr(curve, FLAT_TARGET)),
    );
  });
});

describe("the EQ curve it is fitted to", () => {
  it("caps the boost at 6 dB after smoothing", () => {
    // A deep wide dip asks for more than the cap.
    const a = analyzeFr(curveOf(gauss(150, -12, 0.6)), FLAT_TARGET);
    expect(Math.max(...a.eqDb)).toBeLessThanOrEqual(MAX_BOOST_DB);
    expect(Math.max(...a.eqDb)).toBeGreaterThan(MAX_BOOST_DB - 0.01);
  });

  it("does not fill a narrow dip with a steeper boost than 18 dB/octave", () => {
    // A 10 dB notch a tenth of an octave wide at 3 kHz.
    const a = analyzeFr(curveOf(gauss(3000, -10, 0.1)), FLAT_TARGET);
    const fs = a.frequencyHz;
    let steepest = 0;
    for (let i = 1; i < fs.length; i++) {
      const octaves = Math.log2((fs[i] as number) / (fs[i - 1] as number));
      steepest = Math.max(
        steepest,
        Math.abs(((a.eqDb[i] as number) - (a.eqDb[i - 1] as number)) / octaves),
      );
    }
    // Held to 18 dB/octave; the last 1/5-octave smoothing rounds the corners
    // of the held slope, which can steepen a point or two a little.
    expect(steepest).toBeLessThanOrEqual(18 * 1.2);
    // The cap alone would let it boost 6 dB into the notch.
    expect(Math.max(...a.eqDb)).toBeLessThan(5);
  });
});

describe("the Equalizer APO text", () => {
  it("writes the preamp, then one line per filter, rounded as AutoEq rounds", () => {
    const text = equalizerApoText({
      preampDb: -6.2,
      filters: [
        { type: "LSC", fcHz: 105, gainDb: 5.5, q: 0.7 },
        { type: "PK", fcHz: 3000, gainDb: -3.2, q: 1.41 },
        { type: "HSC", fcHz: 10_000, gainDb: 2, q: 0.7 },
      ],
      errorDbRms: 0.1,
    });
    expect(text.split("\n")).toEqual([
      "Preamp: -6.2 dB",
      "Filter 1: ON LSC Fc 105 Hz Gain 5.5 dB Q 0.70",
      "Filter 2: ON PK Fc 3000 Hz Gain -3.2 dB Q 1.41",
      "Filter 3: ON HSC Fc 10000 Hz Gain 2.0 dB Q 0.70",
      "",
    ]);
  });
});
