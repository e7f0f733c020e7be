/** Values flags and prompts share: the same parser accepts the same things. */
import { describe, expect, it } from "vitest";
import { UsageError } from "../src/errors.js";
import {
  parseBudget,
  parseMaxPrice,
  parseMaxWeight,
  parseTargetSpl,
  parseTop,
} from "../src/options.js";

describe("dollar amounts as people write them", () => {
  it.each([
    ["500", 500],
    ["$2,000", 2000],
    ["2k", 2000],
    ["2K", 2000],
    ["1.5k", 1500],
    ["$ 1,299", 1299],
    ["2000 USD", 2000],
    ["US$750", 750],
    [" 99.5 ", 99.5],
  ])("%j is %d", (text, value) => {
    expect(parseBudget(text)).toBe(value);
    expect(parseMaxPrice(text)).toBe(value);
  });

  it.each(["cheap", "2,5", "1,0000", "$", "2kk", "-5", "1e3", ""])("refuses %j", (text) => {
    expect(() => parseBudget(text)).toThrow(/--budget \(US dollars\)/);
  });

  it("still checks the range", () => {
    expect(() => parseBudget("200k")).toThrow("must be between 1 and 100000, got 200000");
  });
});

describe("numeric options: decimal only, as the help says", () => {
  it.each(["0x1F4", "0b111110100", "0o764", "5e2", "Infinity", "1_000", ""])(
    "--max-weight %j is refused",
    (text) => {
      expect(() => parseMaxWeight(text)).toThrow(/--max-weight \(grams\) expects a number/);
    },
  );

  it.each([
    ["500", 500],
    [" 350.5 ", 350.5],
    ["+400", 400],
  ])("--max-weight %j is %d", (text, value) => {
    expect(parseMaxWeight(text)).toBe(value);
    expect(parseTop("12")).toBe(12);
  });
});

describe("--target-spl past the threshold of pain", () => {
  it("140 dB SPL is refused with the exposure guidance", () => {
    let error: unknown;
    try {
      parseTargetSpl("140");
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).message).toMatch(/past the threshold of pain/);
    expect((error as UsageError).hint).toMatch(/NIOSH.*85 dBA for 8 hours/);
  });

  it("a loud target up to 130 dB SPL is accepted", () => {
    expect(parseTargetSpl("120")).toBe(120);
    expect(parseTargetSpl("130")).toBe(130);
  });
});
