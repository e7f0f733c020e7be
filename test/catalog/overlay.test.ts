import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadCatalogFiles } from "../../src/catalog/load.js";
import { builtinSources } from "../../src/catalog/open.js";
import { mergeCatalogFiles, resolveCatalog } from "../../src/catalog/resolve.js";
import { formatIssue } from "../../src/errors.js";
import { packageRoot, runCli } from "../helpers/run-cli.js";

const dir = mkdtempSync(join(tmpdir(), "hpadvise-overlay-"));
let n = 0;
function userFile(yaml: string) {
  const path = join(dir, `overlay-${++n}.yaml`);
  writeFileSync(path, yaml);
  return { path, name: `overlay-${n}.yaml`, overlay: true };
}

async function load(yaml: string) {
  const result = await loadCatalogFiles([...builtinSources(packageRoot), userFile(yaml)]);
  if (!result.ok) return { errors: result.errors.map(formatIssue) };
  return { catalog: resolveCatalog(mergeCatalogFiles(result.files.map((f) => f.data))) };
}

const hd800s = async (yaml: string) => {
  const r = await load(yaml);
  if (!r.catalog) throw new Error(r.errors.join("\n"));
  return r.catalog.headphones.find((h) => h.id === "hd800s");
};

describe("a user entry with a built-in id lays its fields over it", () => {
  it("adds the fields it gives and keeps the rest with their provenance", async () => {
    const h = await hd800s(`headphones:
  - id: hd800s
    refs: { box: { document: "HD 800 S box" } }
    impedance: { ohms: 300, kind: maker, ref: box }
    sensitivity: { value: 102, unit: dB/V, kind: maker, ref: box }
`);
    expect(h?.impedanceOhms).toBe(300);
    expect(h?.sensitivity?.dbPerV).toBe(102);
    expect(h?.provenance.impedanceOhms).toMatchObject({ kind: "maker", source: "HD 800 S box" });
    // Kept from the built-in entry: price with its reference, character, aliases.
    expect(h?.priceUsd).toBe(1699);
    expect(h?.provenance.priceUsd?.source).toMatch(/stereophile\.com/);
    expect(h?.character.length).toBeGreaterThan(0);
    expect(h?.aliases).toContain("hd-800-s");
    expect(h?.name).toBe("Sennheiser HD 800 S");
  });

  it("replaces a field it gives, whole", async () => {
    const h = await hd800s(`headphones:
  - id: hd800s
    priceUsd: { value: 1499, kind: user, note: "what I paid" }
    character: [{ tags: [bright], text: "bright to my ears" }]
`);
    expect(h?.priceUsd).toBe(1499);
    expect(h?.provenance.priceUsd).toMatchObject({ kind: "user", note: "what I paid" });
    expect(h?.character.map((c) => c.text)).toEqual(["bright to my ears"]);
  });

  it("with replace: true, replaces the entry whole", async () => {
    const h = await hd800s(`headphones:
  - id: hd800s
    replace: true
    brand: Sennheiser
    model: HD 800 S (mine)
    back: open
    driver: dynamic
`);
    expect(h?.model).toBe("HD 800 S (mine)");
    expect(h?.priceUsd).toBeNull();
    expect(h?.character).toEqual([]);
    expect(h?.aliases).toEqual([]);
  });

  it("validates the merged entry as one: replace: true needs every required field", async () => {
    const r = await load(`headphones:
  - id: hd800s
    replace: true
    brand: Sennheiser
`);
    expect(r.errors).toEqual([
      expect.stringMatching(
        /^overlay-\d+\.yaml:2:5: headphones\[0\]\.model: required field is missing/,
      ),
      expect.stringMatching(/headphones\[0\]\.back: /),
      expect.stringMatching(/headphones\[0\]\.driver: /),
    ]);
  });

  it("a new id still needs a whole entry", async () => {
    const r = await load(`sources:
  - id: my-new-box
    outputImpedanceOhms: { value: 1 }
`);
    expect(r.errors?.join("\n")).toMatch(/sources\[0\]\.brand: required field is missing/);
    expect(r.errors?.join("\n")).toMatch(/sources\[0\]\.type: /);
  });

  it("checks the merged entry's cross-field rules, located in the user's file", async () => {
    const r = await load(`headphones:
  - id: hd800s
    impedance: { ohms: 300, ref: nowhere }
`);
    expect(r.errors).toEqual([
      expect.stringMatching(
        /^overlay-\d+\.yaml:3:34: headphones\[0\]\.impedance\.ref: ref "nowhere" is not in this entry's refs \(if2016, guide[^)]*\)/,
      ),
    ]);
  });

  it("may cite the built-in entry's references", async () => {
    const h = await hd800s(`headphones:
  - id: hd800s
    thdPercent: { value: 0.02, kind: measured, ref: if2016 }
`);
    expect(h?.thdPercent).toBe(0.02);
    expect(h?.provenance.thdPercent?.source).toMatch(/stereophile/);
  });

  it("an unknown field in an overlay gets did-you-mean", async () => {
    const r = await load(`headphones:
  - id: hd800s
    impedence: { ohms: 300 }
`);
    expect(r.errors?.[0]).toMatch(/unknown field "impedence": did you mean impedance\?/);
  });

  it("keeps HD 800 S's place in the mastering ranking when it only adds figures", async () => {
    const file = userFile(`headphones:
  - id: hd800s
    impedance: { ohms: 300, kind: maker }
    sensitivity: { value: 102, unit: dB/V, kind: maker }
`);
    const rank = async (extra: string[]) => {
      const r = await runCli(["recommend", "--role", "mastering", "--json", ...extra]);
      expect(r.code).toBe(0);
      return JSON.parse(r.stdout).results.findIndex((x: { id: string }) => x.id === "hd800s");
    };
    const before = await rank([]);
    const after = await rank(["--catalog", file.path]);
    expect(after).toBeLessThanOrEqual(before);
  });
});
