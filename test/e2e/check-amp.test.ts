/** The guide's cases, through the built binary. */
import { describe, expect, it } from "vitest";
import { hpadvise } from "../helpers/bin.js";

const check = (...args: string[]) => {
  const r = hpadvise(["check-amp", ...args, "--json"]);
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout);
};

describe("check-amp: the guide's cases", () => {
  it("an ATH-M50x on a laptop is ok for tracking", () => {
    expect(
      check("--headphone", "ath-m50x", "--source", "laptop", "--role", "tracking").verdict,
    ).toBe("ok");
  });

  it("an HD 800 S on a laptop is not ok for mastering", () => {
    // The built-in catalog cannot judge it (no sourced sensitivity): it says so rather than guess.
    const builtIn = check("--headphone", "hd800s", "--source", "laptop", "--role", "mastering");
    expect(builtIn.verdict).not.toBe("ok");
    // With the maker's figures supplied in a user catalog it is a clear shortfall:
    // 1.0 V × 300/310 = 0.968 V → 102 + 20·log10(0.968) = 101.7 dB SPL, 8.3 dB short of 110.
    const supplied = check(
      "--headphone",
      "hd800s",
      "--source",
      "laptop",
      "--role",
      "mastering",
      "--catalog",
      "test/fixtures/user-hd800s.yaml",
    );
    expect(supplied.verdict).toBe("insufficient");
    expect(supplied.maxSplDb).toBeCloseTo(101.7, 1);
  });

  it("an HD 800 S on the Grace Design amplifier is ok with ample headroom", () => {
    // m902: 7.52 V measured, 1.5 Ω: 7.52 × 300/301.5 = 7.483 V → 102 + 17.48 = 119.5 dB SPL, +9.5 dB.
    const r = check(
      "--headphone",
      "hd800s",
      "--source",
      "grace-m902",
      "--role",
      "mastering",
      "--catalog",
      "test/fixtures/user-hd800s.yaml",
    );
    expect(r.verdict).toBe("ok");
    expect(r.headroomDb).toBeGreaterThan(6);
  });

  it("a sensitive low-impedance closed-back on a high-output-impedance source is flagged for damping", () => {
    const r = check("--headphone", "mdr-m1st", "--source", "laptop");
    expect(r.flags.map((f: { code: string }) => f.code)).toContain("output-impedance-high");
  });

  it("prints a table with a headroom bar by default", () => {
    const r = hpadvise([
      "check-amp",
      "--headphone",
      "utopia",
      "--source",
      "grace-m902",
      "--role",
      "mastering",
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Focal Utopia \(2016 original\) on Grace Design m902/);
    expect(r.stdout).toMatch(/Headroom\s+\+\d+\.\d dB\s+│■+/);
  });
});
