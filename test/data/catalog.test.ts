/** The built-in catalog itself: real, sourced, complete where the issue says it must be. */
import { beforeAll, describe, expect, it } from "vitest";
import { type ParsedFile, referencesNamePublisher } from "../../src/catalog/checks.js";
import { loadCatalogFiles } from "../../src/catalog/load.js";
import { builtinSources, openCatalog, readSnapshot } from "../../src/catalog/open.js";
import { mergeCatalogFiles, resolveCatalog } from "../../src/catalog/resolve.js";
import { coverageOf } from "../../src/core/coverage.js";
import { check } from "../../src/core/drive.js";
import { confidenceOf } from "../../src/core/facts.js";
import { ROLE_TARGETS, ROLES } from "../../src/core/roles.js";
import type { Catalog } from "../../src/core/types.js";
import { packageRoot } from "../helpers/run-cli.js";

let files: ParsedFile[];
let catalog: Catalog;
beforeAll(async () => {
  // The real loader (yaml + zod), not the build snapshot.
  const loaded = await loadCatalogFiles(builtinSources(packageRoot));
  if (!loaded.ok)
    throw new Error(`the built-in catalog is invalid: ${loaded.errors.length} problems`);
  files = loaded.files;
  catalog = resolveCatalog(mergeCatalogFiles(files.map((f) => f.data)));
});

/** The thirteen models the guide names (the DT 770 Pro in its three impedance versions). */
const GUIDE_MODELS = [
  "mdr7506",
  "ath-m50x",
  "dt770pro-32",
  "dt770pro-80",
  "dt770pro-250",
  "dt990pro",
  "dt880pro",
  "hd600",
  "hd650",
  "hd800s",
  "k702",
  "lcd-x",
  "utopia",
  "utopia-2022",
  "clear-mg",
];

describe("built-in catalog", () => {
  it("has at least 30 headphones, including every model the guide names", () => {
    expect(catalog.headphones.length).toBeGreaterThanOrEqual(30);
    const ids = catalog.headphones.map((h) => h.id);
    expect(ids).toEqual(expect.arrayContaining(GUIDE_MODELS));
  });

  it("names a source and a maker/measured kind for every headphone figure", () => {
    for (const h of catalog.headphones) {
      for (const [field, p] of Object.entries(h.provenance)) {
        expect({ id: h.id, field, kind: p.kind }).toEqual({
          id: h.id,
          field,
          kind: expect.stringMatching(/^(maker|measured)$/),
        });
        expect({ id: h.id, field, source: p.source }).toEqual({
          id: h.id,
          field,
          source: expect.any(String),
        });
      }
      for (const c of [...h.character, ...h.calibration]) {
        expect({ id: h.id, source: c.source }).toEqual({ id: h.id, source: expect.any(String) });
      }
    }
  });

  it("names a source and kind for every source figure; only presets rest on assumptions", () => {
    for (const s of catalog.sources) {
      const all = [
        ...Object.entries(s.provenance),
        ...s.outputs.map((o, i) => [`outputs[${i}]`, o.provenance] as const),
      ];
      for (const [field, p] of all) {
        expect({ id: s.id, field, source: p.source }).toEqual({
          id: s.id,
          field,
          source: expect.any(String),
        });
        const allowed = s.generic ? /^assumption$/ : /^(maker|measured)$/;
        if (field !== "crossfeed")
          expect({ id: s.id, field, kind: p.kind }).toEqual({
            id: s.id,
            field,
            kind: expect.stringMatching(allowed),
          });
      }
    }
  });

  it("has the three generic presets, each with an output and an output impedance", () => {
    for (const id of ["laptop", "phone", "interface"]) {
      const s = catalog.sources.find((x) => x.id === id);
      expect(s?.generic).toBe(true);
      expect(s?.outputs.length).toBeGreaterThan(0);
      expect(s?.outputImpedanceOhms).not.toBeNull();
    }
  });

  it("keeps variants as siblings", () => {
    const byId = new Map(catalog.headphones.map((h) => [h.id, h]));
    expect(byId.get("dt770pro-80")?.siblings).toEqual(["dt770pro-32", "dt770pro-250"]);
    expect(byId.get("utopia")?.siblings).toEqual(["utopia-2022"]);
    expect(byId.get("hd6xx")?.siblings).toEqual(["hd650"]);
  });

  it("records sensitivity in the maker's unit and converts both ways", () => {
    const m50x = catalog.headphones.find((h) => h.id === "ath-m50x");
    // 99 dB/mW at 38 ohm: + 10·log10(1000/38) = + 14.20 dB → 113.20 dB/V.
    expect(m50x?.sensitivity).toEqual({
      value: 99,
      unit: "dB/mW",
      dbPerMw: 99,
      dbPerV: expect.closeTo(113.2, 2),
    });
  });
});

describe("build snapshot", () => {
  it("matches what the real loader makes of data/", async () => {
    const snapshot = readSnapshot(packageRoot);
    expect(snapshot).toBeDefined();
    // The resolved one answers when no file of yours is merged in.
    expect(readSnapshot(packageRoot, "resolved")?.catalog).toEqual(catalog);
    const opened = await openCatalog({ packageRoot, cwd: packageRoot, userFiles: [] });
    expect({ headphones: opened.headphones, sources: opened.sources }).toEqual(catalog);
  });
});

describe("measured curves", () => {
  it("the built-in catalog points to no third-party curve (users point to their own)", () => {
    expect(catalog.headphones.filter((h) => h.frequencyResponse !== null).map((h) => h.id)).toEqual(
      [],
    );
    expect(catalog.headphones.flatMap((h) => h.character).filter((n) => n.measured)).toEqual([]);
  });
});

describe("coverage floors (a change that loses figures fails here)", () => {
  it("at least 60 headphones, 80 % of them with an impedance and a sensitivity", () => {
    const c = coverageOf(catalog);
    expect(c.headphones.total).toBeGreaterThanOrEqual(60);
    expect(c.headphones.driveReady / c.headphones.total).toBeGreaterThanOrEqual(0.8);
  });

  it("prices for at least 55 % of headphones, weights for at least 38 %, THD for at least 28 %", () => {
    // Today's coverage (39, 27 and 20 of 70); issue 23 asks for 70 % prices and
    // 60 % weights, which the sources reachable so far do not allow.
    const c = coverageOf(catalog);
    const share = (field: string) =>
      (c.headphones.fields.find((f) => f.field === field)?.count ?? 0) / c.headphones.total;
    expect(share("priceUsd")).toBeGreaterThanOrEqual(0.55);
    expect(share("weightGrams")).toBeGreaterThanOrEqual(0.38);
    expect(share("thdPercent")).toBeGreaterThanOrEqual(0.28);
  });

  it("the guide's models: a price for 11, a weight for 7, a THD for 6", () => {
    const guide = GUIDE_MODELS.map((id) => catalog.headphones.find((h) => h.id === id));
    const has = (field: "priceUsd" | "weightGrams" | "thdPercent") =>
      guide.filter((h) => h?.[field] !== null && h?.[field] !== undefined).length;
    expect(has("priceUsd")).toBeGreaterThanOrEqual(11);
    expect(has("weightGrams")).toBeGreaterThanOrEqual(7);
    expect(has("thdPercent")).toBeGreaterThanOrEqual(6);
  });

  it("every price says its basis; one with no date is low confidence, so it prints as approximate", () => {
    for (const h of catalog.headphones) {
      const p = h.provenance.priceUsd;
      if (p === undefined) continue;
      expect({ id: h.id, note: p.note }).toEqual({ id: h.id, note: expect.any(String) });
      if (p.date === null)
        expect({ id: h.id, confidence: confidenceOf(p) }).toEqual({ id: h.id, confidence: "low" });
    }
  });

  it("a figure stated below high confidence says why in its note", () => {
    for (const e of [...catalog.headphones, ...catalog.sources])
      for (const [field, p] of Object.entries(e.provenance))
        if (p.confidence !== null && p.confidence !== "high")
          expect({ id: e.id, field, note: p.note }).toEqual({
            id: e.id,
            field,
            note: expect.stringMatching(/\w/),
          });
  });

  it("the HD 650's $500 is a street price a third party saw, not a maker's list price", () => {
    const p = catalog.headphones.find((h) => h.id === "hd650")?.provenance.priceUsd;
    expect({ kind: p?.kind, confidence: p?.confidence }).toEqual({
      kind: "measured",
      confidence: "low",
    });
  });

  it("at least 29 sources, 23 named products with a headphone-output rating", () => {
    const c = coverageOf(catalog);
    expect(c.sources.total).toBeGreaterThanOrEqual(29);
    expect(c.sources.rated).toBeGreaterThanOrEqual(23);
  });

  it("at least 6 amplifiers both rated and priced, two of them under $300", () => {
    const both = catalog.sources.filter(
      (s) => s.type === "amplifier" && s.outputs.length > 0 && s.priceUsd !== null,
    );
    expect(both.length).toBeGreaterThanOrEqual(6);
    expect(both.filter((s) => (s.priceUsd as number) < 300).length).toBeGreaterThanOrEqual(2);
  });

  it("a source price that is undated or low-confidence says why in its note", () => {
    for (const s of catalog.sources) {
      const p = s.provenance.priceUsd;
      if (s.priceUsd === null || p === undefined) continue;
      if (p.date !== null && p.confidence !== "low") continue;
      expect({ id: s.id, note: p.note }).toEqual({ id: s.id, note: expect.stringMatching(/\w/) });
    }
  });

  it("every model the guide names has a nominal impedance and a rated sensitivity", () => {
    for (const id of GUIDE_MODELS) {
      const h = catalog.headphones.find((x) => x.id === id);
      expect({ id, impedance: h?.impedanceOhms ?? null }).toEqual({
        id,
        impedance: expect.any(Number),
      });
      expect({ id, unit: h?.sensitivity?.unit ?? null }).toEqual({
        id,
        unit: expect.stringMatching(/^dB\/(mW|V)$/),
      });
    }
  });

  it("the guide's check-amp questions get verdicts, not 'unknown'", () => {
    const source = (id: string) => {
      const s = catalog.sources.find((x) => x.id === id);
      if (!s) throw new Error(`no source ${id}`);
      return s;
    };
    const verdicts: string[] = [];
    for (const id of GUIDE_MODELS) {
      const h = catalog.headphones.find((x) => x.id === id);
      if (!h) throw new Error(`no headphone ${id}`);
      for (const role of ROLES)
        for (const s of ["laptop", "interface"])
          verdicts.push(
            `${id}/${s}/${role}: ${check(h, source(s), { targetSplDb: ROLE_TARGETS[role].splDb }).verdict}`,
          );
      verdicts.push(
        `${id}/scarlett-2i2-4g/mixing: ${check(h, source("scarlett-2i2-4g"), { targetSplDb: ROLE_TARGETS.mixing.splDb }).verdict}`,
      );
    }
    expect(verdicts.filter((v) => v.endsWith("unknown"))).toEqual([]);
    expect(verdicts).toHaveLength(GUIDE_MODELS.length * 7);
  });

  it("references read well to a user: a URL or a named document, never a path of ours", () => {
    for (const e of [...catalog.headphones, ...catalog.sources]) {
      for (const [key, ref] of Object.entries(e.refs)) {
        const text = `${ref.url ?? ""} ${ref.document ?? ""} ${ref.title ?? ""}`;
        expect({ id: e.id, key, text }).not.toEqual({
          id: e.id,
          key,
          text: expect.stringMatching(/shared\/|seeds|\/work\/|scratch/),
        });
      }
    }
    // "Publisher: title" for a document: the catalog check `validate` and the build run.
    expect(referencesNamePublisher(files)).toEqual([]);
  });
});
