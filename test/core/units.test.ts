import { describe, expect, it } from "vitest";
import {
  dbPerMwFromDbPerV,
  dbPerVFromDbPerMw,
  powerMwFromVrms,
  vrmsFromDbu,
  vrmsFromPower,
} from "../../src/core/units.js";

describe("sensitivity conversions (dB/V = dB/mW + 10·log10(1000 / Z))", () => {
  // Worked by hand:
  //   100 dB/V at 32 Ω: 1 V into 32 Ω is 1/32 W = 31.25 mW, i.e. 10·log10(31.25) = 14.95 dB
  //   above 1 mW, so 1 mW gives 100 − 14.95 = 85.05 dB. Popular calculators add instead and
  //   print 114.95.
  //   102 dB/V at 300 Ω: 1 V into 300 Ω is 3.333 mW, 10·log10(3.333) = 5.23 dB → 96.77 dB/mW.
  //   97 dB/mW at 250 Ω: 1 V into 250 Ω is 4 mW, +6.02 dB → 103.02 dB/V.
  it.each([
    { dbPerV: 100, ohms: 32, dbPerMw: 85.05 },
    { dbPerV: 102, ohms: 300, dbPerMw: 96.77 },
    { dbPerV: 103.02, ohms: 250, dbPerMw: 97 },
    { dbPerV: 120, ohms: 1000, dbPerMw: 120 },
  ])("$dbPerV dB/V at $ohms Ω is $dbPerMw dB/mW", ({ dbPerV, ohms, dbPerMw }) => {
    expect(dbPerMwFromDbPerV(dbPerV, ohms)).toBeCloseTo(dbPerMw, 2);
    expect(dbPerVFromDbPerMw(dbPerMw, ohms)).toBeCloseTo(dbPerV, 2);
  });
});

describe("level and power", () => {
  it("100 dB/mW with 50 mW reaches 116.99 dB SPL (10·log10(50) = 16.99)", () => {
    // Through voltage, as the amp check computes it: at 32 Ω, 50 mW is sqrt(0.05·32) = 1.265 V.
    const v = vrmsFromPower(50, 32);
    const dbPerV = dbPerVFromDbPerMw(100, 32);
    expect(dbPerV + 20 * Math.log10(v)).toBeCloseTo(116.99, 2);
  });

  it.each([
    { dbu: 0, v: 0.7746 },
    { dbu: 4, v: 1.2277 },
    { dbu: 20, v: 7.746 },
  ])("$dbu dBu is $v Vrms", ({ dbu, v }) => {
    expect(vrmsFromDbu(dbu)).toBeCloseTo(v, 3);
  });

  it("power and voltage round-trip (2 V into 300 Ω is 13.33 mW)", () => {
    expect(powerMwFromVrms(2, 300)).toBeCloseTo(13.333, 3);
    expect(vrmsFromPower(13.333333, 300)).toBeCloseTo(2, 5);
  });
});
