import { describe, expect, it } from "vitest";
import {
  parseCurrentLimit,
  parseImpedance,
  parseLevelDbfs,
  parsePower,
  parseReading,
  parseSensitivity,
  parseVout,
  parseZout,
} from "../src/figures.js";

const refused = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    const err = e as Error & { hint?: string };
    return `${err.message} ${err.hint ?? ""}`;
  }
  throw new Error("accepted");
};

describe("figure parsers", () => {
  it.each([
    ["300", 300],
    ["32 ohm", 32],
    ["32Ω", 32],
    ["47.5 ohms", 47.5],
  ])("impedance %s", (text, ohms) => expect(parseImpedance(text)).toBe(ohms));

  it.each(["", "abc", "-32", "0", "32 V"])("refuses impedance %j", (text) =>
    expect(refused(() => parseImpedance(text))).toMatch(/--impedance/),
  );

  it.each([
    ["102 dB/V", { value: 102, unit: "dB/V" }],
    ["97 dB/mW", { value: 97, unit: "dB/mW" }],
    ["97dB/mW", { value: 97, unit: "dB/mW" }],
    ["104 dB SPL/mW", { value: 104, unit: "dB/mW" }],
    ["110 dB/Vrms", { value: 110, unit: "dB/V" }],
    ["98.5 dB/1mW", { value: 98.5, unit: "dB/mW" }],
  ])("sensitivity %s", (text, want) => expect(parseSensitivity(text)).toEqual(want));

  it.each(["97", "97 dB", "97 dB SPL"])("refuses a sensitivity with no unit: %j", (text) => {
    const message = refused(() => parseSensitivity(text));
    expect(message).toMatch(/no unit: dB\/mW or dB\/V/);
    expect(message).toMatch(/15 dB at 32 Ω/);
  });

  it.each(["97 dB/W", "loud", "300 dB/mW"])("refuses sensitivity %j", (text) =>
    expect(refused(() => parseSensitivity(text))).toMatch(/--sensitivity/),
  );

  it.each([
    ["2V", { value: 2, unit: "Vrms" }],
    ["2 Vrms", { value: 2, unit: "Vrms" }],
    ["2V@32", { value: 2, unit: "Vrms", loadOhms: 32 }],
    ["1.2 V @ 32 ohm", { value: 1.2, unit: "Vrms", loadOhms: 32 }],
    ["+13dBu@300", { value: 13, unit: "dBu", loadOhms: 300 }],
    ["4 dBV", { value: 4, unit: "dBV" }],
    ["850mV", { value: 0.85, unit: "Vrms" }],
  ])("vout %s", (text, want) => expect(parseVout(text)).toEqual(want));

  it("refuses a bare voltage number, naming the units", () => {
    expect(refused(() => parseVout("2"))).toMatch(
      /no unit: V, dBu or dBV\?.*dBu is referred to 0.775 V/,
    );
    expect(refused(() => parseVout("2@32"))).toMatch(/no unit/);
  });

  it.each(["2W", "2V@", "2V@-3", "2V@0", "lots"])("refuses vout %j", (text) =>
    expect(refused(() => parseVout(text))).toMatch(/--vout/),
  );

  it.each([
    ["100mW@32", { value: 100, unit: "mW", loadOhms: 32 }],
    ["1.5 W @ 50 ohm", { value: 1500, unit: "mW", loadOhms: 50 }],
  ])("power %s", (text, want) => expect(parsePower(text)).toEqual(want));

  it("refuses a power without its load", () => {
    expect(refused(() => parsePower("100mW"))).toMatch(/into which load\?/);
    expect(refused(() => parsePower("100@32"))).toMatch(/--power/);
  });

  it("takes 0 Ω output impedance, and refuses a negative one", () => {
    expect(parseZout("0")).toBe(0);
    expect(parseZout("0.1 ohm")).toBe(0.1);
    expect(refused(() => parseZout("-1"))).toMatch(/--zout/);
  });

  it("reads a current limit in mA", () => {
    expect(parseCurrentLimit("150")).toBe(150);
    expect(parseCurrentLimit("150 mA")).toBe(150);
    expect(refused(() => parseCurrentLimit("0"))).toMatch(/--current-limit/);
  });

  it("reads meter readings in V or mV, and test-tone levels at or below full scale", () => {
    expect(parseReading("1.02", "unloaded")).toBe(1.02);
    expect(parseReading("850 mV", "loaded")).toBeCloseTo(0.85, 12);
    expect(refused(() => parseReading("0", "loaded"))).toMatch(/loaded/);
    expect(parseLevelDbfs("-6")).toBe(-6);
    expect(parseLevelDbfs("-3 dBFS")).toBe(-3);
    expect(refused(() => parseLevelDbfs("3"))).toMatch(/between -40 and 0/);
  });
});
