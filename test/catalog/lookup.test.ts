import { describe, expect, it } from "vitest";
import { matchEntry } from "../../src/catalog/lookup.js";
import { closest, editDistance } from "../../src/catalog/suggest.js";
import { makeHeadphone } from "../helpers/factories.js";

const entries = [
  { ...makeHeadphone({ id: "hd800s" }), brand: "Sennheiser", model: "HD 800 S" },
  { ...makeHeadphone({ id: "hd600" }), brand: "Sennheiser", model: "HD 600" },
  {
    ...makeHeadphone({ id: "dt770pro-32" }),
    brand: "beyerdynamic",
    model: "DT 770 PRO",
    variant: "32 ohm",
  },
  {
    ...makeHeadphone({ id: "dt770pro-80" }),
    brand: "beyerdynamic",
    model: "DT 770 PRO",
    variant: "80 ohm",
  },
];

describe("matchEntry accepts what people type", () => {
  it.each([
    ["hd800s", "hd800s"],
    ["HD800S", "hd800s"],
    ["HD 800 S", "hd800s"],
    ["sennheiser-hd-800-s", "hd800s"],
    ["Sennheiser HD 800 S", "hd800s"],
    ["DT 770 PRO 80 ohm", "dt770pro-80"],
    ["beyerdynamic dt770pro 32ohm", "dt770pro-32"],
  ])("%s finds %s", (query, id) => {
    const m = matchEntry(entries, query);
    expect("found" in m && m.found.id).toBe(id);
  });

  it("calls a family's shared model name ambiguous and lists the variants", () => {
    const m = matchEntry(entries, "DT 770 PRO");
    expect("ambiguous" in m && m.ambiguous.map((e) => e.id)).toEqual([
      "dt770pro-32",
      "dt770pro-80",
    ]);
  });

  it.each([
    ["hd800", ["hd800s"]],
    ["HD 80", ["hd800s"]],
    ["hd6000", ["hd600"]],
    ["zzz", []],
  ])("suggests for %s: %j", (query, expected) => {
    const m = matchEntry(entries, query);
    expect("suggestions" in m && m.suggestions).toEqual(expected);
  });
});

describe("edit distance", () => {
  it.each([
    ["", "", 0],
    ["kitten", "sitting", 3],
    ["hd800", "hd800s", 1],
    ["dt770", "td770", 1],
  ])("%s → %s is %i", (a, b, d) => {
    expect(editDistance(a, b)).toBe(d);
  });

  it("keeps only the closest tier", () => {
    expect(closest("hd650", ["hd600", "hd650x", "hd660"])).toEqual(["hd650x"]);
  });
});
