import { describe, expect, it } from "vitest";
import { check } from "../../src/core/drive.js";
import { remedyFor, suggestFixes } from "../../src/core/fixes.js";
import { renderCheck } from "../../src/render/amp.js";
import { makeChalk } from "../../src/render/text.js";
import { makeHeadphone, makeSource, vrms } from "../helpers/factories.js";

const plain = { chalk: makeChalk(false), columns: 100 };
const hd = makeHeadphone({
  id: "hd",
  impedanceOhms: 300,
  sensitivity: { value: 97, unit: "dB/mW" },
});
const weak = makeSource({
  id: "weak",
  type: "computer",
  outputs: [vrms(1)],
  outputImpedanceOhms: 10,
});
const strong = (id: string, type: "amplifier" | "interface", priceUsd?: number) =>
  makeSource({
    id,
    type,
    outputs: [vrms(8)],
    outputImpedanceOhms: 1,
    ...(priceUsd === undefined ? {} : { priceUsd }),
  });
const o = { targetSplDb: 110 };

describe("what would fix a shortfall", () => {
  it("a cheap amplifier before a costly converter that also fixes it", () => {
    const sources = [weak, strong("converter", "interface", 1799), strong("amp", "amplifier", 109)];
    expect(suggestFixes(hd, sources, o, "weak").map((f) => [f.source.id, f.kind])).toEqual([
      ["amp", "amplifier"],
      ["converter", "interface"],
    ]);
  });

  it("a headphone amplifier before an interface even when only the interface has a price; priced first within a kind", () => {
    const sources = [
      strong("converter", "interface", 1799),
      strong("b-unpriced", "amplifier"),
      strong("a-unpriced", "amplifier"),
      strong("priced", "amplifier", 300),
    ];
    const fixes = suggestFixes(hd, sources, o);
    expect(fixes.map((f) => f.source.id)).toEqual([
      "priced",
      "a-unpriced",
      "b-unpriced",
      "converter",
    ]);
    const text = renderCheck(check(hd, weak, o), plain, {
      remedy: remedyFor(check(hd, weak, o), hd, [weak, ...sources], o),
    });
    const lines = text.split("\n");
    const at = (s: string) => lines.findIndex((l) => l.includes(s));
    expect(at("Headphone amplifiers")).toBeLessThan(at("priced"));
    expect(at("priced")).toBeLessThan(at("price not in the catalog"));
    expect(at("price not in the catalog")).toBeLessThan(at("a-unpriced"));
    expect(at("b-unpriced")).toBeLessThan(at("Interfaces and AD/DA converters"));
    expect(lines[at("a-unpriced")]).not.toMatch(/\$/);
    expect(lines[at("    converter ")]).toMatch(/\$1,799/);
    // The user's source is never its own fix.
    expect(suggestFixes(hd, [weak, ...sources], o, "weak").map((f) => f.source.id)).not.toContain(
      "weak",
    );
  });

  it("an unknown verdict lists no purchases: the missing figure and the three ways to supply it", () => {
    const unknownAmp = makeSource({ id: "mystery", type: "amplifier" });
    const c = check(hd, unknownAmp, o);
    expect(c.verdict).toBe("unknown");
    const remedy = remedyFor(c, hd, [unknownAmp, strong("amp", "amplifier", 109)], o);
    expect(remedy).toEqual({ verdict: "unknown", missing: { headphone: false, source: true } });
    const text = renderCheck(c, plain, { remedy });
    expect(text).not.toMatch(/What would fix it/);
    expect(text).toMatch(/What is missing/);
    expect(text).toMatch(/--vout/);
    expect(text).toMatch(/measure source --save/);
    expect(text).toMatch(/add source/);
    expect(text).not.toMatch(/\bamp\b.*headroom/);
  });

  it("a headphone without figures: the headphone's figures are what is missing", () => {
    const bare = makeHeadphone({ id: "bare" });
    const c = check(bare, strong("amp", "amplifier", 109), o);
    expect(remedyFor(c, bare, [], o)).toEqual({
      verdict: "unknown",
      missing: { headphone: true, source: false },
    });
  });

  it("an ok verdict needs no remedy", () => {
    const amp = strong("amp", "amplifier", 109);
    expect(remedyFor(check(hd, amp, o), hd, [amp], o)).toBeNull();
  });
});
