/**
 * The source model fitted from all its ratings (issue 25), each case checked
 * against first principles in the comment beside it.
 */
import { describe, expect, it } from "vitest";
import { resolveHeadphone } from "../../src/catalog/resolve.js";
import { checkAmp, deliverableSpread, fitSource } from "../../src/core/amp.js";
import { headphoneEntry, makeHeadphone, makeSource, mw, vrms } from "../helpers/factories.js";

/** RME ADI-2 DAC FS as the catalog states it: +22 dBu unloaded, 1.5 W into 32 Ω, about 260 mA. */
const adi2 = makeSource({
  id: "adi2",
  outputs: [{ value: 22, unit: "dBu", kind: "maker" }, mw(1500, 32)],
  currentLimitMa: 260,
});
// +22 dBu = 0.7746 V × 10^(22/20) = 9.751 V open-circuit; 1.5 W into 32 Ω = √(1.5 × 32) = 6.928 V.
const VOC = 0.7746 * 10 ** (22 / 20);
const V32 = Math.sqrt(1.5 * 32);

describe("fitting one model per source", () => {
  it("bounds an unstated output impedance by each loaded rating: Zo ≤ R·(Voc/VR − 1)", () => {
    const m = fitSource(adi2, adi2.outputs);
    expect(m.openCircuitVrms).toBeCloseTo(VOC, 3);
    // 32 × (9.751 / 6.928 − 1) = 13.04 Ω, far below IEC 61938's 120 Ω.
    expect(m.outputImpedanceOhms.min).toBe(0);
    expect(m.outputImpedanceOhms.max).toBeCloseTo(32 * (VOC / V32 - 1), 3);
    expect(m.outputImpedanceOhms.stated).toBe(false);
  });

  it.each([
    // At 32 Ω the maker's own rating: 6.93 V at either end of 0–13 Ω.
    ["dt770pro-32 (32 Ω)", 32, V32],
    // At 20 Ω the 260 mA limit binds first: 0.260 × 20 = 5.2 V (power held would allow √(1.5 × 20) = 5.48 V).
    ["LCD-X (20 Ω)", 20, 0.26 * 20],
    // At 300 Ω the open-circuit rating through at most 13.04 Ω: 9.751 × 300 / 313.04 = 9.345 V.
    ["HD 650 (300 Ω)", 300, (VOC * 300) / (300 + 32 * (VOC / V32 - 1))],
  ])("ADI-2 DAC FS into the %s delivers at worst %d Ω → the stated physics", (_, load, volts) => {
    const spread = deliverableSpread(adi2, load);
    expect(spread?.worst.vrms).toBeCloseTo(volts, 2);
  });

  it("the check says the span its ratings allow, not 0–120 Ω", () => {
    const c = checkAmp({
      headphone: makeHeadphone({ impedanceOhms: 32, sensitivity: { value: 96, unit: "dB/mW" } }),
      source: adi2,
      targetSplDb: 110,
      eqHeadroomDb: 0,
    });
    expect(c.available?.vrms).toBeCloseTo(6.93, 2);
    const flag = c.flags.find((f) => f.code === "output-impedance-unknown");
    expect(flag?.message).toMatch(/between 0 Ω and 13 Ω \(the most its own ratings allow\)/);
  });

  it("a loaded-only rating is never extrapolated above its load beyond what the maker states", () => {
    // 100 mW into 32 Ω = 1.789 V; no open-circuit rating, no output impedance: at 300 Ω still 1.789 V.
    const s = makeSource({ outputs: [mw(100, 32)] });
    const spread = deliverableSpread(s, 300);
    expect(spread?.best.vrms).toBeCloseTo(Math.sqrt(0.1 * 32), 3);
    expect(spread?.worst.vrms).toBeCloseTo(Math.sqrt(0.1 * 32), 3);
  });

  it("over-powering is checked at the strong end of the spread", () => {
    // 5 V open-circuit, Zo unstated (0–120 Ω): into 32 Ω, 5²/32 = 781 mW at 0 Ω.
    const c = checkAmp({
      headphone: makeHeadphone({
        impedanceOhms: 32,
        sensitivity: { value: 100, unit: "dB/mW" },
        maxInputMw: 50,
      }),
      source: makeSource({ outputs: [vrms(5)] }),
      targetSplDb: 100,
      eqHeadroomDb: 0,
    });
    // At 120 Ω the worse end: 5 × 32/152 = 1.053 V, 34.6 mW, below the rating.
    expect(c.available?.mw).toBeCloseTo((((5 * 32) / 152) ** 2 / 32) * 1000, 1);
    const flag = c.flags.find((f) => f.code === "overpower-risk");
    expect(flag?.message).toMatch(
      /can deliver 781 mW \(with its output impedance at the low end\), above the 50 mW/,
    );
  });
});

describe("a low-confidence output rating widens the band", () => {
  const headphone = makeHeadphone({
    impedanceOhms: 300,
    sensitivity: { value: 103, unit: "dB/V" },
  });
  const sourceWith = (confidence: "high" | "low") =>
    makeSource({
      outputs: [{ value: 2, unit: "Vrms", kind: "maker", confidence }],
      outputImpedanceOhms: 1,
    });
  it("a 4 dB margin is ok on a confident rating and marginal on a low-confidence one", () => {
    // 103 + 20·log10(2 × 300/301) = 108.99 dB SPL; target 105: +4.0 dB.
    const check = (confidence: "high" | "low") =>
      checkAmp({ headphone, source: sourceWith(confidence), targetSplDb: 105, eqHeadroomDb: 0 });
    const sure = check("high");
    const unsure = check("low");
    expect(sure.headroomDb).toBeCloseTo(3.99, 2);
    expect(sure.verdict).toBe("ok");
    expect(sure.uncertaintyDb).toBe(3);
    expect(unsure.verdict).toBe("marginal");
    expect(unsure.uncertaintyDb).toBe(6);
    expect(unsure.flags.map((f) => f.code)).toContain("output-rating-uncertain");
  });
});

describe("a response shift from partial impedance data", () => {
  it("a 1 kHz value and a stated peak: the Utopia's 82 Ω and 300 Ω peak on 50 Ω gain about 3 dB", () => {
    const entry = headphoneEntry({
      impedanceOhms: 80,
      sensitivity: { value: 104, unit: "dB/mW" },
    });
    entry.impedanceRange = { at1kHzOhms: 82, maxOhms: 300, kind: "measured" };
    const utopia = resolveHeadphone(entry);
    // (300 / 350) / (82 / 132) = 1.3798 → 20·log10 = 2.80 dB.
    const c = checkAmp({
      headphone: utopia,
      source: makeSource({ outputs: [vrms(2)], outputImpedanceOhms: 50 }),
      targetSplDb: 103,
      eqHeadroomDb: 0,
      role: "mixing",
    });
    expect(c.frDeviationDb).toBeCloseTo(20 * Math.log10(300 / 350 / (82 / 132)), 3);
    const flag = c.flags.find((f) => f.code === "output-impedance-high");
    expect(flag?.severity).toBe("warn");
    expect(c.reason).toMatch(
      /shifts this headphone's response by 2\.8 dB .* too much to trust for mixing/,
    );
  });
});
