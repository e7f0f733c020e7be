import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  checkAmp,
  deliverable,
  driveFigures,
  frDeviationDb,
  judge,
  requirementFor,
  splAtVrms,
  verdictFor,
} from "../../src/core/amp.js";
import { dbPerMwFromDbPerV, dbPerVFromDbPerMw } from "../../src/core/units.js";
import { headphoneSpec } from "../helpers/arbitraries.js";
import { makeHeadphone, makeSource, mw, vrms } from "../helpers/factories.js";

describe("deliverable: what a source puts across a load", () => {
  it.each([
    {
      name: "unloaded 2 V behind 10 Ω into 32 Ω: divider 32/42",
      source: { outputs: [vrms(2)], outputImpedanceOhms: 10 },
      load: 32,
      // 2 × 32 / 42 = 1.5238 V; 1.5238 / 32 = 47.62 mA; 1.5238² / 32 = 72.56 mW
      expected: { vrms: 1.5238, ma: 47.62, mw: 72.56, limitedBy: "voltage" },
    },
    {
      name: "100 mW into 32 Ω is a voltage (1.789 V), not a power: into 300 Ω it is 10.67 mW",
      source: { outputs: [mw(100, 32)], outputImpedanceOhms: 0 },
      load: 300,
      // sqrt(0.1 × 32) = 1.7889 V; 1.7889² / 300 = 10.67 mW
      expected: { vrms: 1.7889, ma: 5.963, mw: 10.67, limitedBy: "voltage" },
    },
    {
      name: "between two stated loads: log-log interpolation (1 W/32 Ω and 8 V/300 Ω at 100 Ω)",
      source: { outputs: [mw(1000, 32), vrms(8, 300)], outputImpedanceOhms: 0 },
      load: 100,
      // 1 W into 32 Ω is 5.657 V. t = ln(100/32) / ln(300/32) = 0.5091;
      // V = exp(ln 5.6569 + 0.5091 × (ln 8 − ln 5.6569)) = exp(1.9093) = 6.7485 V
      expected: { vrms: 6.7485, ma: 67.48, mw: 455.4, limitedBy: "stated" },
    },
    {
      name: "below the lowest stated load the power is held at the stated 1 W (16 Ω: 4 V, not 5.66 V)",
      source: { outputs: [mw(1000, 32), vrms(8, 300)], outputImpedanceOhms: 0 },
      load: 16,
      // sqrt(1 × 16) = 4 V
      expected: { vrms: 4, ma: 250, mw: 1000, limitedBy: "power" },
    },
    {
      name: "above the highest stated load the voltage stays (600 Ω: 8 V)",
      source: { outputs: [mw(1000, 32), vrms(8, 300)], outputImpedanceOhms: 0 },
      load: 600,
      expected: { vrms: 8, ma: 13.33, mw: 106.7, limitedBy: "voltage" },
    },
    {
      name: "a stated current limit binds at low impedance (100 mA × 32 Ω = 3.2 V)",
      source: { outputs: [vrms(10)], outputImpedanceOhms: 0, currentLimitMa: 100 },
      load: 32,
      expected: { vrms: 3.2, ma: 100, mw: 320, limitedBy: "current" },
    },
  ])("$name", ({ source, load, expected }) => {
    const d = deliverable(makeSource(source), load);
    expect(d?.vrms).toBeCloseTo(expected.vrms, 3);
    expect(d?.ma).toBeCloseTo(expected.ma, 1);
    expect(d?.mw).toBeCloseTo(expected.mw, 0);
    expect(d?.limitedBy).toBe(expected.limitedBy);
  });

  it("uses only the rating that applies to a load-sensing output's range", () => {
    const mac = makeSource({
      outputs: [
        { value: 1.25, unit: "Vrms", forLoadsOhms: { max: 150 }, kind: "maker" },
        { value: 3, unit: "Vrms", forLoadsOhms: { min: 150, max: 1000 }, kind: "maker" },
      ],
      outputImpedanceOhms: 0,
    });
    expect(deliverable(mac, 32)?.vrms).toBeCloseTo(1.25, 5);
    expect(deliverable(mac, 300)?.vrms).toBeCloseTo(3, 5);
    expect(deliverable(mac, 2000)).toBeNull();
  });

  it("turns dBu into volts (+13 dBu is 3.46 Vrms)", () => {
    const d = deliverable(
      makeSource({ outputs: [{ value: 13, unit: "dBu", kind: "maker" }], outputImpedanceOhms: 0 }),
      600,
    );
    expect(d?.vrms).toBeCloseTo(3.46, 2);
  });
});

describe("frequency-response deviation from output impedance", () => {
  it.each([
    // A 300–650 Ω dynamic on 10 Ω: 20·log10((650/660) / (300/310)) = 0.152 dB
    { range: { min: 300, max: 650 }, zo: 10, db: 0.152 },
    // the same on 120 Ω: 20·log10((650/770) / (300/420)) = 1.451 dB
    { range: { min: 300, max: 650 }, zo: 120, db: 1.451 },
    // a planar with a flat 43 Ω curve shows none, even on 120 Ω
    { range: { min: 43, max: 43 }, zo: 120, db: 0 },
  ])("$range.min–$range.max Ω on $zo Ω: $db dB", ({ range, zo, db }) => {
    expect(frDeviationDb(range, zo)).toBeCloseTo(db, 3);
  });
});

describe("checkAmp", () => {
  const sensitive = makeHeadphone({
    impedanceOhms: 32,
    sensitivity: { value: 100, unit: "dB/mW" },
  });

  it("100 dB/mW with 50 mW reaches 116.99 dB SPL", () => {
    // 50 mW into 32 Ω from a 0 Ω source: 1.2649 V; 114.95 dB/V + 20·log10(1.2649) = 116.99
    const c = checkAmp({
      headphone: sensitive,
      source: makeSource({ outputs: [mw(50, 32)], outputImpedanceOhms: 0 }),
      targetSplDb: 110,
      eqHeadroomDb: 0,
    });
    expect(c.maxSplDb).toBeCloseTo(116.99, 2);
    expect(c.headroomDb).toBeCloseTo(6.99, 2);
    expect(c.verdict).toBe("ok");
    // needed for 110: 10^((110 − 114.95)/20) = 0.5657 V, 17.68 mA, 10 mW
    expect(c.required?.vrms).toBeCloseTo(0.5657, 3);
    expect(c.required?.mw).toBeCloseTo(10, 2);
  });

  it("subtracts calibration EQ headroom from what is available", () => {
    const base = {
      headphone: sensitive,
      source: makeSource({ outputs: [mw(50, 32)], outputImpedanceOhms: 0 }),
      targetSplDb: 110,
    };
    const plain = checkAmp({ ...base, eqHeadroomDb: 0 });
    const corrected = checkAmp({ ...base, eqHeadroomDb: 10 });
    expect((plain.maxSplDb ?? 0) - (corrected.maxSplDb ?? 0)).toBeCloseTo(10, 6);
    // 6.99 dB of headroom less 10 dB of EQ: −3.01 dB, past the ±3 dB band.
    expect(plain.verdict).toBe("ok");
    expect(corrected.verdict).toBe("insufficient");
  });

  it.each([
    [3, 3, "ok"],
    [2.9, 3, "marginal"],
    [-2.9, 3, "marginal"],
    [-3, 3, "insufficient"],
    [1.5, 1, "ok"],
  ] as const)("headroom %f with ±%f dB uncertainty is %s", (headroom, band, verdict) => {
    expect(verdictFor(headroom, band)).toBe(verdict);
  });

  it("prefers a bench measurement, with a narrower uncertainty band", () => {
    const h = makeHeadphone({
      impedanceOhms: 32,
      sensitivity: { value: 100, unit: "dB/V" },
      measuredDbPerV: 104,
    });
    const c = checkAmp({
      headphone: h,
      source: makeSource({ outputs: [vrms(1)] }),
      targetSplDb: 100,
      eqHeadroomDb: 0,
    });
    expect(c.sensitivityDbPerV).toBe(104);
    expect(c.sensitivityKind).toBe("measured");
    expect(c.uncertaintyDb).toBe(1);
  });

  it("flags hiss, over-power and excess gain on a sensitive headphone and a loud, noisy amp", () => {
    const iemLike = makeHeadphone({
      impedanceOhms: 16,
      sensitivity: { value: 120, unit: "dB/V" },
      maxInputMw: 50,
    });
    const c = checkAmp({
      headphone: iemLike,
      source: makeSource({ outputs: [vrms(5)], outputImpedanceOhms: 0.1, noiseUv: 5 }),
      targetSplDb: 100,
      eqHeadroomDb: 0,
    });
    // noise: 120 + 20·log10(5 µV × 16/16.1) = 13.9 dB SPL
    expect(c.noiseSplDb).toBeCloseTo(13.92, 1);
    expect(c.flags.map((f) => f.code)).toEqual(
      expect.arrayContaining(["hiss-risk", "overpower-risk", "excess-gain"]),
    );
  });

  it("flags damping: a 24 Ω closed-back on a 10 Ω output", () => {
    const c = checkAmp({
      headphone: makeHeadphone({ impedanceOhms: 24, sensitivity: { value: 103, unit: "dB/mW" } }),
      source: makeSource({ outputs: [vrms(1)], outputImpedanceOhms: 10 }),
      targetSplDb: 105,
      eqHeadroomDb: 0,
    });
    expect(c.dampingFactor).toBeCloseTo(2.4, 5);
    expect(c.flags.map((f) => f.code)).toContain("output-impedance-high");
  });

  it("says it cannot judge, and why, when a figure is missing", () => {
    const c = checkAmp({
      headphone: makeHeadphone({ impedanceOhms: 300 }),
      source: makeSource({ outputs: [vrms(1)] }),
      targetSplDb: 110,
      eqHeadroomDb: 0,
    });
    expect(c.verdict).toBe("unknown");
    expect(c.reason).toContain("has no sourced sensitivity");
    expect(c.flags.map((f) => f.code)).toContain("missing-data");
  });

  it("says when the current is assumed because the source states only a voltage", () => {
    const h = makeHeadphone({ impedanceOhms: 32, sensitivity: { value: 100, unit: "dB/V" } });
    const at = (outputs: Parameters<typeof makeSource>[0]) =>
      checkAmp({
        headphone: h,
        source: makeSource(outputs),
        targetSplDb: 100,
        eqHeadroomDb: 0,
      }).flags.map((f) => f.code);
    expect(at({ outputs: [vrms(5)] })).toContain("current-unstated");
    expect(at({ outputs: [vrms(5, 32)] })).not.toContain("current-unstated");
    expect(at({ outputs: [vrms(5)], currentLimitMa: 200 })).not.toContain("current-unstated");
  });

  it("names the limit that binds", () => {
    const c = checkAmp({
      headphone: makeHeadphone({ impedanceOhms: 32, sensitivity: { value: 90, unit: "dB/mW" } }),
      source: makeSource({ outputs: [vrms(10)], outputImpedanceOhms: 0, currentLimitMa: 20 }),
      targetSplDb: 115,
      eqHeadroomDb: 0,
    });
    expect(c.available?.limitedBy).toBe("current");
    expect(c.flags.map((f) => f.code)).toContain("current-limited");
  });
});

describe("laws (property-based)", () => {
  const ohms = fc.double({ min: 8, max: 1000, noNaN: true });
  const sens = fc.double({ min: 80, max: 125, noNaN: true });
  const volts = fc.double({ min: 0.01, max: 30, noNaN: true });
  const zo = fc.double({ min: 0, max: 200, noNaN: true });

  it("converting sensitivity there and back is the identity", () => {
    fc.assert(
      fc.property(sens, ohms, (s, z) => {
        expect(dbPerMwFromDbPerV(dbPerVFromDbPerMw(s, z), z)).toBeCloseTo(s, 9);
      }),
    );
  });

  it("more voltage never lowers the maximum SPL", () => {
    fc.assert(
      fc.property(sens, ohms, zo, volts, volts, (s, z, r, v1, v2) => {
        const h = makeHeadphone({ impedanceOhms: z, sensitivity: { value: s, unit: "dB/V" } });
        const at = (v: number) =>
          checkAmp({
            headphone: h,
            source: makeSource({ outputs: [vrms(v)], outputImpedanceOhms: r }),
            targetSplDb: 100,
            eqHeadroomDb: 0,
          }).maxSplDb as number;
        const [lo, hi] = v1 <= v2 ? [v1, v2] : [v2, v1];
        expect(at(lo)).toBeLessThanOrEqual(at(hi) + 1e-9);
      }),
    );
  });

  it("a higher output impedance never reduces the response deviation", () => {
    fc.assert(
      fc.property(ohms, ohms, zo, zo, (a, b, r1, r2) => {
        const range = { min: Math.min(a, b), max: Math.max(a, b) };
        const [lo, hi] = r1 <= r2 ? [r1, r2] : [r2, r1];
        expect(frDeviationDb(range, lo)).toBeLessThanOrEqual(frDeviationDb(range, hi) + 1e-9);
      }),
    );
  });

  it("required voltage and SPL at that voltage agree", () => {
    fc.assert(
      fc.property(sens, ohms, fc.double({ min: 70, max: 130, noNaN: true }), (s, z, spl) => {
        expect(splAtVrms(s, requirementFor(s, z, spl).vrms)).toBeCloseTo(spl, 9);
      }),
    );
  });

  it("never delivers more power than stated below the lowest stated load", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1, max: 5000, noNaN: true }),
        fc.double({ min: 16, max: 600, noNaN: true }),
        fc.double({ min: 0.05, max: 1, noNaN: true }),
        zo,
        (statedMw, statedLoad, fraction, r) => {
          const s = makeSource({ outputs: [mw(statedMw, statedLoad)], outputImpedanceOhms: r });
          const d = deliverable(s, statedLoad * fraction);
          expect(d?.mw).toBeLessThanOrEqual(statedMw * (1 + 1e-9));
        },
      ),
    );
  });

  it("a higher target never raises the headroom", () => {
    fc.assert(
      fc.property(
        sens,
        ohms,
        volts,
        fc.double({ min: 80, max: 120, noNaN: true }),
        fc.double({ min: 0, max: 20, noNaN: true }),
        (s, z, v, t, extra) => {
          const h = makeHeadphone({ impedanceOhms: z, sensitivity: { value: s, unit: "dB/V" } });
          const src = makeSource({ outputs: [vrms(v)] });
          const at = (target: number) =>
            checkAmp({ headphone: h, source: src, targetSplDb: target, eqHeadroomDb: 0 })
              .headroomDb as number;
          expect(at(t + extra)).toBeLessThanOrEqual(at(t) + 1e-9);
        },
      ),
    );
  });

  it("judge reaches checkAmp's verdict and figures, missing figures included", () => {
    const outputs = fc.array(
      fc.oneof(
        volts.map((v) => vrms(v)),
        fc.tuple(volts, ohms).map(([v, z]) => vrms(v, z)),
        fc.tuple(fc.double({ min: 1, max: 5000, noNaN: true }), ohms).map(([p, z]) => mw(p, z)),
      ),
      { maxLength: 3 },
    );
    fc.assert(
      fc.property(
        headphoneSpec,
        outputs,
        fc.option(zo, { nil: undefined }),
        fc.option(fc.double({ min: 1, max: 500, noNaN: true }), { nil: undefined }),
        fc.double({ min: 80, max: 120, noNaN: true }),
        fc.constantFrom(0, 3, 6.5),
        (spec, out, r, limit, target, eq) => {
          const input = {
            headphone: makeHeadphone(spec),
            source: makeSource({ outputs: out, outputImpedanceOhms: r, currentLimitMa: limit }),
            targetSplDb: target,
            eqHeadroomDb: eq,
          };
          const full = checkAmp(input);
          expect(judge(driveFigures(input.headphone), input.source, target, eq)).toEqual({
            verdict: full.verdict,
            maxSplDb: full.maxSplDb,
            headroomDb: full.headroomDb,
          });
        },
      ),
      { numRuns: 500 },
    );
  });
});
