/** The coverage report counts each field by kind and by confidence, and says what isolation means. */
import { Chalk } from "chalk";
import { describe, expect, it } from "vitest";
import { resolveHeadphone, resolveSource } from "../../src/catalog/resolve.js";
import { headphoneEntrySchema } from "../../src/catalog/schema.js";
import { coverageOf } from "../../src/core/coverage.js";
import { renderHeadphoneCard } from "../../src/render/catalog.js";
import { renderCoverage } from "../../src/render/coverage.js";
import { headphoneEntry, sourceEntry } from "../helpers/factories.js";

const plain = { chalk: new Chalk({ level: 0 }), columns: 120 };

describe("coverage by confidence", () => {
  const stated = resolveHeadphone({
    ...headphoneEntry({ id: "a" }),
    priceUsd: { value: 100, kind: "maker", confidence: "low", note: "undated list price" },
    weightGrams: { value: 250, kind: "maker", confidence: "medium" },
  });
  const byDefault = resolveHeadphone({
    ...headphoneEntry({ id: "b", priceUsd: 200, weightGrams: 300 }),
  });
  const measured = resolveHeadphone({
    ...headphoneEntry({ id: "c" }),
    priceUsd: { value: 150, kind: "measured", basis: "street", date: "2024" },
  });
  const source = resolveSource({
    ...sourceEntry({ id: "amp" }),
    priceUsd: { value: 99, kind: "maker", confidence: "low" },
  });
  const c = coverageOf({ headphones: [stated, byDefault, measured], sources: [source] });
  const field = (name: string) => c.headphones.fields.find((f) => f.field === name);

  it("counts a stated confidence as stated and the rest by their kind's default", () => {
    expect(field("priceUsd")).toEqual({
      field: "priceUsd",
      count: 3,
      byKind: { maker: 2, measured: 1 },
      byConfidence: { low: 1, high: 2 },
    });
    expect(field("weightGrams")?.byConfidence).toEqual({ medium: 1, high: 1 });
    expect(c.sources.fields.find((f) => f.field === "priceUsd")?.byConfidence).toEqual({ low: 1 });
  });

  it("prints a count per confidence beside the kinds, strongest first, blank where none", () => {
    const text = renderCoverage(c, plain);
    expect(text).toMatch(/Field +Entries +By kind +High +Medium +Low\n/);
    expect(text).toMatch(/price +3 \(100 %\) +maker 2, measured 1 +2 +1\n/);
    expect(text).toMatch(/weight +2 \(67 %\) +maker 2 +1 +1\n/);
    // The columns line up: the price row's low count sits under "Low".
    const lines = text.split("\n");
    const header = lines.find((l) => l.startsWith("Field")) ?? "";
    const price = lines.find((l) => l.startsWith("price")) ?? "";
    expect(price.length).toBe(header.length);
  });
});

describe("an isolation figure says what it means", () => {
  const isolation = {
    value: 34,
    kind: "maker" as const,
    attenuation: "passive" as const,
    statistic: "at-least" as const,
    fromHz: 4000,
  };

  it("is kept with its attenuation, statistic and band", () => {
    const h = resolveHeadphone({ ...headphoneEntry({ back: "closed" }), isolationDb: isolation });
    expect(h.isolationDb).toBe(34);
    expect(h.isolationBasis).toEqual({
      attenuation: "passive",
      statistic: "at-least",
      fromHz: 4000,
      toHz: null,
    });
    expect(renderHeadphoneCard(h, plain)).toMatch(
      /Isolation +at least 34 dB, passive, above 4 kHz/,
    );
  });

  it("shows a band and an upper bound as stated", () => {
    const h = resolveHeadphone({
      ...headphoneEntry({ back: "closed" }),
      isolationDb: { value: 32, kind: "maker", statistic: "up-to", fromHz: 20, toHz: 20000 },
    });
    expect(renderHeadphoneCard(h, plain)).toMatch(/Isolation +up to 32 dB, 20 Hz–20 kHz/);
  });

  it("a bare figure stays a bare figure", () => {
    const h = resolveHeadphone({
      ...headphoneEntry({ back: "closed" }),
      isolationDb: { value: 20, kind: "measured" },
    });
    expect(h.isolationBasis).toEqual({
      attenuation: null,
      statistic: null,
      fromHz: null,
      toHz: null,
    });
    expect(renderHeadphoneCard(h, plain)).toMatch(/Isolation +20 dB/);
  });

  it("rejects a band whose ends are the wrong way round", () => {
    const entry = {
      ...headphoneEntry(),
      isolationDb: { ...isolation, fromHz: 8000, toHz: 100 },
    };
    const r = headphoneEntrySchema.safeParse(entry);
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toBe("an isolation band's fromHz must be below its toHz");
  });
});

describe("a card says how far a figure can be trusted", () => {
  it("prints a weaker confidence beside the kind and an undated price as approximate", () => {
    const h = resolveHeadphone({
      ...headphoneEntry({ impedanceOhms: 32 }),
      priceUsd: { value: 109, kind: "measured", basis: "street", ref: "spec" },
      weightGrams: { value: 250, kind: "maker", confidence: "medium", ref: "spec" },
    });
    const card = renderHeadphoneCard(h, plain);
    // Undated: approximate, though a third party's figure keeps its kind's default.
    expect(card).toMatch(/Price +about \$109 +measured \[1\]/);
    expect(card).toMatch(/Weight +250 g +maker, medium \[1\]/);
    // A maker's figure at its default (high) says only its kind.
    expect(card).toMatch(/Impedance +32 Ω +maker \[1\]/);
  });

  it("a dated price stated with its default confidence is exact", () => {
    const h = resolveHeadphone({
      ...headphoneEntry(),
      priceUsd: { value: 1699, kind: "maker", basis: "list", date: "2016", ref: "spec" },
    });
    expect(renderHeadphoneCard(h, plain)).toMatch(/Price +\$1,699 +maker \[1\]/);
  });
});
