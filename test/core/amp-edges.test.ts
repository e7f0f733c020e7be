/**
 * The amp check at its edges, where a verdict a user acts on could be wrong
 * or contradict itself (issue 16). Each figure is worked out in a comment.
 */
import { Chalk } from "chalk";
import { describe, expect, it } from "vitest";
import { checkAmp, deliverable, driveFigures, judge } from "../../src/core/amp.js";
import { suggestFixes } from "../../src/core/fixes.js";
import { headroomText, sig, signedDb } from "../../src/core/format.js";
import { renderCheck } from "../../src/render/amp.js";
import { renderHeadphoneCard } from "../../src/render/catalog.js";
import { makeHeadphone, makeSource, mw, vrms } from "../helpers/factories.js";

const plain = { chalk: new Chalk({ level: 0 }), columns: 120 };
const codes = (c: { flags: { code: string }[] }) => c.flags.map((f) => f.code);

describe("EQ headroom counts in what is needed", () => {
  // 100 dB/mW at 32 Ω is 114.95 dB/V. 50 mW into 32 Ω is 1.265 Vrms: 116.99 dB SPL.
  const h = makeHeadphone({ impedanceOhms: 32, sensitivity: { value: 100, unit: "dB/mW" } });
  const s = makeSource({ outputs: [mw(50, 32)], outputImpedanceOhms: 0 });
  const c = checkAmp({ headphone: h, source: s, targetSplDb: 110, eqHeadroomDb: 10 });

  it("needs the target plus the EQ's boost: 120 dB SPL is 1.79 Vrms, 100 mW", () => {
    // 10^((120 − 114.95) / 20) = 1.789 Vrms; 1.789² / 32 = 100 mW
    expect(c.required?.vrms).toBeCloseTo(1.789, 3);
    expect(c.required?.mw).toBeCloseTo(100, 1);
    expect(c.verdict).toBe("insufficient");
  });

  it("says so in the shortfall, so available and needed agree with the verdict", () => {
    const flag = c.flags.find((f) => f.code === "voltage-limited");
    expect(flag?.message).toBe("runs out of voltage: 1.26 Vrms available, 1.79 Vrms needed");
    expect(c.steps.join("\n")).toContain("needed for 110 dB SPL plus 10 dB EQ boost");
  });
});

describe("the headphone's rated input binds", () => {
  // 100 dB/mW, rated 50 mW: at most 100 + 10·log10(50) = 116.99 dB SPL.
  const rated = (rating?: "maximum" | "continuous") => {
    const h = makeHeadphone({
      impedanceOhms: 32,
      sensitivity: { value: 100, unit: "dB/mW" },
      maxInputMw: 50,
    });
    return rating ? { ...h, maxInputRating: rating } : h;
  };
  const big = makeSource({ outputs: [mw(2000, 32)], outputImpedanceOhms: 0 });

  it("a target needing 100 mW from a headphone rated for 50 mW is not ok", () => {
    const c = checkAmp({ headphone: rated(), source: big, targetSplDb: 120, eqHeadroomDb: 0 });
    // 116.99 − 120 = −3.01 dB: past the ±3 dB band
    expect(c.maxSplDb).toBeCloseTo(116.99, 2);
    expect(c.verdict).toBe("insufficient");
    expect(c.bindingLimit).toBe("rating");
    const flag = c.flags.find((f) => f.code === "rating-limited");
    expect(flag?.severity).toBe("error");
    expect(flag?.message).toContain("100 mW needed, above the 50 mW rated");
    expect(c.reason).toContain("rated input");
    // judge (ranking, fixes) reaches the same verdict
    expect(judge(driveFigures(rated()), big, 120, 0).verdict).toBe("insufficient");
  });

  it("says what kind of rating it is", () => {
    const c = checkAmp({
      headphone: rated("continuous"),
      source: big,
      targetSplDb: 120,
      eqHeadroomDb: 0,
    });
    expect(c.flags.find((f) => f.code === "rating-limited")?.message).toContain("continuous");
    expect(renderCheck(c, plain)).toMatch(/Rated input +50 mW continuous/);
    expect(renderHeadphoneCard(rated("continuous"), plain)).toMatch(
      /Max input +50 mW \(continuous\)/,
    );
  });

  it("within the rating, the source's limit is named, not the rating", () => {
    const c = checkAmp({ headphone: rated(), source: big, targetSplDb: 110, eqHeadroomDb: 0 });
    expect(c.verdict).toBe("ok");
    expect(c.bindingLimit).toBe("rating"); // it still sets the ceiling: 116.99 < 127.0
    expect(codes(c)).not.toContain("rating-limited");
  });
});

describe("an unstated output impedance is not 0 Ω", () => {
  // +10 dBu is 2.449 Vrms. A 32 Ω headphone at 100 dB/V, target 103 dB SPL:
  // 0 Ω: 100 + 7.78 = 107.78, +4.8 dB; 47 Ω: 2.449·32/79 = 0.992 V, −3.1 dB;
  // 120 Ω: 2.449·32/152 = 0.516 V, 94.25, −8.8 dB.
  const h = makeHeadphone({ impedanceOhms: 32, sensitivity: { value: 100, unit: "dB/V" } });
  const dbu = { value: 10, unit: "dBu" as const, kind: "maker" as const };
  const unstated = makeSource({ id: "unstated", outputs: [dbu], priceUsd: 100 });
  const stated47 = makeSource({ id: "z47", outputs: [dbu], outputImpedanceOhms: 47 });
  const good = makeSource({
    id: "good",
    outputs: [vrms(4)],
    outputImpedanceOhms: 1,
    priceUsd: 300,
  });
  const at = (s: typeof unstated) =>
    checkAmp({ headphone: h, source: s, targetSplDb: 103, eqHeadroomDb: 0 });

  it("the same source stating 47 Ω is insufficient", () => {
    expect(at(stated47).headroomDb).toBeCloseTo(-3.07, 1);
    expect(at(stated47).verdict).toBe("insufficient");
  });

  it("unstated, the verdict spans 0 Ω to 120 Ω: not ok, and flagged as a warning", () => {
    const c = at(unstated);
    expect(c.verdict).toBe("marginal");
    expect(c.headroomDb).toBeCloseTo(-8.76, 1);
    expect(c.bestHeadroomDb).toBeCloseTo(4.78, 1);
    const flag = c.flags.find((f) => f.code === "output-impedance-unknown");
    expect(flag?.severity).toBe("warn");
    expect(flag?.message).toContain("−8.8 dB at worst, +4.8 dB at best");
    // Short at the worse end, which is past the band: not "within the spread".
    const limit = c.flags.find((f) => f.code === "voltage-limited")?.message;
    expect(limit).toBe(
      "runs out of voltage if the unstated output impedance is high: 0.516 Vrms available, 1.41 Vrms needed",
    );
    expect(renderCheck(c, plain)).toContain("+4.8 dB at best: the output impedance is not stated");
  });

  it("is offered as a fix only when it fixes the shortfall on what is known", () => {
    const fixes = suggestFixes(h, [unstated, good, stated47], { targetSplDb: 103 });
    expect(fixes.map((f) => f.source.id)).toEqual(["good"]);
  });

  it("a stated 0 Ω is the best case, taken as stated", () => {
    const zero = makeSource({ outputs: [dbu], outputImpedanceOhms: 0 });
    expect(at(zero).verdict).toBe("ok");
    expect(codes(at(zero))).not.toContain("output-impedance-unknown");
  });
});

describe("the limit that binds is named", () => {
  const h = (z: number, dbPerV: number) =>
    makeHeadphone({ impedanceOhms: z, sensitivity: { value: dbPerV, unit: "dB/V" } });

  it("power held at the lowest rated load is power-limited, not voltage-limited", () => {
    // 100 mW into 32 Ω, into 16 Ω: held at 100 mW, 1.265 V; 100 dB/V + 2.04 = 102.04 dB SPL
    const s = makeSource({ outputs: [mw(100, 32)], outputImpedanceOhms: 0 });
    const c = checkAmp({ headphone: h(16, 100), source: s, targetSplDb: 110, eqHeadroomDb: 0 });
    expect(c.available?.limitedBy).toBe("power");
    const flag = c.flags.find((f) => f.code === "power-limited");
    expect(flag?.message).toContain("lowest rated load, 32 Ω");
    expect(codes(c)).not.toContain("voltage-limited");
  });

  it("inside the band with more available than needed: within the spread, not short", () => {
    // 1 Vrms into a 100 dB/V headphone: 100 dB SPL; target 99: +1 dB, marginal (±3)
    const s = makeSource({ outputs: [vrms(1)], outputImpedanceOhms: 0 });
    const c = checkAmp({ headphone: h(300, 100), source: s, targetSplDb: 99, eqHeadroomDb: 0 });
    expect(c.verdict).toBe("marginal");
    const flag = c.flags.find((f) => f.code === "voltage-limited");
    expect(flag?.severity).toBe("warn");
    expect(flag?.message).toMatch(/^voltage is the limit, within the spread of real units/);
    expect(flag?.message).not.toContain("runs out");
  });

  it("inside the band and short: short on the stated figures, within the spread", () => {
    const s = makeSource({ outputs: [vrms(1)], outputImpedanceOhms: 0 });
    const c = checkAmp({ headphone: h(300, 100), source: s, targetSplDb: 101.5, eqHeadroomDb: 0 });
    expect(c.flags.find((f) => f.code === "voltage-limited")?.message).toContain(
      "1.5 dB short on the stated figures but within the spread",
    );
  });
});

describe("smaller edges", () => {
  const hp = makeHeadphone({ impedanceOhms: 32, sensitivity: { value: 110, unit: "dB/V" } });
  const check = (s: ReturnType<typeof makeSource>, target = 100) =>
    checkAmp({ headphone: hp, source: s, targetSplDb: target, eqHeadroomDb: 0 });

  it.each([0, -5])("noise of %d µV is no figure: no NaN or infinity anywhere", (noise) => {
    const c = check(makeSource({ outputs: [vrms(2)], outputImpedanceOhms: 1, noiseUv: noise }));
    expect(c.noiseSplDb).toBeNull();
    const text = `${JSON.stringify(c)}${renderCheck(c, plain, { explain: true })}`;
    expect(text).not.toMatch(/NaN|Infinity/);
  });

  it("a range's maximum load is inclusive: the MacBook Pro jack's 150 Ω to 1 kΩ at 1,000 Ω", () => {
    const mac = makeSource({
      outputImpedanceOhms: 0,
      outputs: [
        { value: 1.25, unit: "Vrms", forLoadsOhms: { max: 150 }, kind: "maker" },
        { value: 3, unit: "Vrms", forLoadsOhms: { min: 150, max: 1000 }, kind: "maker" },
      ],
    });
    expect(deliverable(mac, 1000)?.vrms).toBeCloseTo(3, 6);
    // 150 Ω is where the second range starts, so it is the second's
    expect(deliverable(mac, 150)?.vrms).toBeCloseTo(3, 6);
    expect(deliverable(mac, 149)?.vrms).toBeCloseTo(1.25, 6);
    expect(deliverable(mac, 1001)).toBeNull();
  });

  it("two ratings at the same load: the lower, whatever their order", () => {
    for (const outputs of [
      [vrms(4, 32), vrms(2, 32)],
      [vrms(2, 32), vrms(4, 32)],
    ]) {
      const s = makeSource({ outputs, outputImpedanceOhms: 0 });
      expect(deliverable(s, 32)?.vrms).toBeCloseTo(2, 6);
      // below it, the power held is the lower one's: 2² / 32 = 125 mW
      expect(deliverable(s, 16)?.mw).toBeCloseTo(125, 3);
    }
  });

  it("a 0 Ω output shows its damping as a figure, an unstated one says so", () => {
    const zero = renderCheck(
      check(makeSource({ outputs: [vrms(2)], outputImpedanceOhms: 0 })),
      plain,
    );
    expect(zero).toMatch(/Damping {3}∞ \(32 Ω \/ 0 Ω\)/);
    const unknown = renderCheck(check(makeSource({ outputs: [vrms(2)] })), plain);
    expect(unknown).toContain("Damping   — (output impedance not stated)");
  });

  it.each([
    { headroom: 2.96, verdict: "marginal" as const, shown: "+2.9 dB" },
    { headroom: -2.96, verdict: "marginal" as const, shown: "−2.9 dB" },
    { headroom: -0.04, verdict: "marginal" as const, shown: "0 dB" },
    { headroom: 3.04, verdict: "ok" as const, shown: "+3 dB" },
    { headroom: -0.04, verdict: "ok" as const, shown: "0 dB" },
  ])("headroom $headroom ($verdict) reads $shown", ({ headroom, verdict, shown }) => {
    expect(headroomText(headroom, verdict)).toBe(shown);
  });

  it("never prints +3 dB beside MARGINAL", () => {
    // 1 Vrms into 110 dB/V: 110 dB SPL; target 107.04: +2.96 dB, marginal
    const c = check(makeSource({ outputs: [vrms(1)], outputImpedanceOhms: 0 }), 107.04);
    expect(c.verdict).toBe("marginal");
    const out = renderCheck(c, plain);
    expect(out).toContain("Headroom  +2.9 dB");
    expect(out).not.toMatch(/\+3 dB/);
  });

  it("small requirements keep significant figures, not 0 mW", () => {
    // 120 dB/V at 16 Ω, 80 dB SPL: 0.01 Vrms, 0.625 mA, 0.00625 mW
    const iem = makeHeadphone({ impedanceOhms: 16, sensitivity: { value: 120, unit: "dB/V" } });
    const c = checkAmp({
      headphone: iem,
      source: makeSource({ outputs: [vrms(1)], outputImpedanceOhms: 0 }),
      targetSplDb: 80,
      eqHeadroomDb: 0,
    });
    const out = renderCheck(c, plain, { explain: true });
    expect(out).toMatch(/Power +0\.00625 mW/);
    expect(out).toContain("0.01 Vrms, 0.625 mA, 0.00625 mW");
    expect(sig(0.000123)).toBe("0.000123");
    expect(sig(1234.5)).toBe("1235");
  });

  it("noise from a dynamic range uses loaded ratings too", () => {
    // 100 mW into 32 Ω is 1.789 V; 100 dB below it: 17.9 µV; 110 + 20·log10(17.9e-6) = 15.05 dB SPL
    const s = {
      ...makeSource({ outputs: [mw(100, 32)], outputImpedanceOhms: 0 }),
      dynamicRangeDb: 100,
    };
    const c = check(s);
    expect(c.noiseSplDb).toBeCloseTo(15.05, 1);
    expect(codes(c)).toContain("hiss-risk");
  });

  it("a current limit that does not bind leaves the load-below-rating flag", () => {
    // 100 mW into 32 Ω held at 16 Ω: 1.265 V, 79 mA; a 1 A limit does not bind
    const s = makeSource({ outputs: [mw(100, 32)], outputImpedanceOhms: 0, currentLimitMa: 1000 });
    const c = checkAmp({
      headphone: makeHeadphone({ impedanceOhms: 16, sensitivity: { value: 100, unit: "dB/V" } }),
      source: s,
      targetSplDb: 90,
      eqHeadroomDb: 0,
    });
    expect(c.available?.limitedBy).toBe("power");
    expect(codes(c)).toContain("load-below-rating");
  });

  it("writes a minus the same way in the table, --explain and the flags", () => {
    const c = check(makeSource({ outputs: [vrms(0.5)], outputImpedanceOhms: 0 }), 110);
    // 110 + 20·log10(0.5) = 103.98: −6.02 dB
    const out = renderCheck(c, plain, { explain: true });
    expect(out).not.toMatch(/(^|[\s(=])-\d/m);
    expect(out).toContain("Headroom  −6 dB");
    expect(out).toContain("headroom: 104 − 110 = −6 dB");
    expect(signedDb(-6.02)).toBe("−6 dB");
    // The flag's figures are the table's
    expect(out).toMatch(/Voltage +1 Vrms +0\.5 Vrms/);
    expect(out).toContain("0.5 Vrms available, 1 Vrms needed");
  });
});

describe("for mixing and mastering an audible response shift is in the headline", () => {
  // 300–650 Ω on 120 Ω: 20·log10((650/770) / (300/420)) = 1.45 dB
  const h = makeHeadphone({
    impedanceOhms: 300,
    range: { min: 300, max: 650 },
    sensitivity: { value: 103, unit: "dB/V" },
  });
  const s = makeSource({ outputs: [vrms(8)], outputImpedanceOhms: 120 });
  const at = (role: "tracking" | "mixing" | "mastering") =>
    checkAmp({ headphone: h, source: s, targetSplDb: 103, eqHeadroomDb: 0, role });

  it.each(["mixing", "mastering"] as const)("%s", (role) => {
    const c = at(role);
    expect(c.verdict).toBe("ok");
    expect(c.reason).toContain("shifts this headphone's response by 1.5 dB");
    expect(c.reason).toContain(`too much to trust for ${role}`);
  });

  it("not for tracking, where the flag is enough", () => {
    expect(at("tracking").reason).not.toContain("shifts");
    expect(codes(at("tracking"))).toContain("output-impedance-high");
  });
});
