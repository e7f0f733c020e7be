/** Values flags and prompts share: the same parser accepts the same things. */
import { describe, expect, it } from "vitest";
import { parseBudget, parseMaxPrice } from "../src/options.js";

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
