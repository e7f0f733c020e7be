import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { loadCatalogFiles, parseCatalogText } from "../../src/catalog/load.js";
import { builtinSources } from "../../src/catalog/open.js";
import { buildSnapshot } from "../../src/catalog/snapshot.js";
import { formatIssue } from "../../src/errors.js";

const root = fileURLToPath(new URL("../..", import.meta.url));
const fixture = (name: string) => ({
  path: join(root, "test/fixtures", name),
  name: `fixtures/${name}`,
});

async function problems(...names: string[]): Promise<string[]> {
  const result = await loadCatalogFiles([...builtinSources(root), ...names.map(fixture)]);
  expect(result.ok).toBe(false);
  return result.ok ? [] : result.errors.map(formatIssue);
}

describe("loading catalog files: every problem, located", () => {
  it("reports schema problems with file, line, column, full path, expected and found", async () => {
    expect(await problems("bad-values.yaml")).toEqual([
      "fixtures/bad-values.yaml:7:24: headphones[0].impedance.ohms: impedance in ohms must be at least 1 and at most 2000, found -32",
      'fixtures/bad-values.yaml:8:37: headphones[0].sensitivity.unit: a bare "dB" sensitivity is ambiguous: say "dB/mW" (SPL at 1 mW) or "dB/V" (SPL at 1 Vrms), found "dB"',
      'fixtures/bad-values.yaml:12:11: headphones[1].back: Invalid option: expected one of "open"|"closed"|"semi-open", found "opened"',
      expect.stringMatching(
        /^fixtures\/bad-values.yaml:14:5: headphones\[1\]: unknown field "sensitivty": did you mean sensitivity\? \(expected one of id, brand, /,
      ),
      'fixtures/bad-values.yaml:15:27: headphones[1].weightGrams.value: expected a number (weight in grams), found "300 g"',
    ]);
  });

  it("runs the cross-field rules: duplicates, alias clashes with the built-in catalog, refs, units", async () => {
    expect(await problems("bad-rules.yaml")).toEqual([
      `fixtures/bad-rules.yaml:7:47: headphones[0].impedance.ref: ref "spec" is not in this entry's refs (it has none)`,
      "fixtures/bad-rules.yaml:8:59: headphones[0].sensitivity.also.value: 96 dB/mW at 250 ohm is 102.0 dB/V, not 110 dB/V; the two units disagree by more than 1.5 dB",
      `fixtures/bad-rules.yaml:8:96: headphones[0].sensitivity.ref: ref "spec" is not in this entry's refs (it has none)`,
      'fixtures/bad-rules.yaml:9:9: headphones[1].id: duplicate id "twin": headphones[0] already uses it',
      'fixtures/bad-rules.yaml:12:15: headphones[1].aliases[0]: alias "hd800s" collides with headphone "hd800s"',
      "fixtures/bad-rules.yaml:17:27: headphones[1].sensitivity.value: sensitivity 160 dB/mW is outside the plausible 75–130 dB/mW; check the unit",
      `fixtures/bad-rules.yaml:17:63: headphones[1].sensitivity.ref: ref "sheet" is not in this entry's refs (spec)`,
      "fixtures/bad-rules.yaml:24:9: sources[0].outputs[0].loadOhms: a power rating (mW) needs the load it was stated into (loadOhms)",
    ]);
  });

  it.each([
    ["syntax-error.yaml", /^fixtures\/syntax-error.yaml:5:5: YAML syntax: /],
    ["empty.yaml", /^fixtures\/empty.yaml: the file is empty/],
    ["alias-bomb.yaml", /^fixtures\/alias-bomb.yaml: too many YAML alias expansions/],
    ["latin1.yaml", /^fixtures\/latin1.yaml: is not UTF-8 text \(first bad byte at line 3\)/],
    ["no-such-file.yaml", /^fixtures\/no-such-file.yaml: no such file$/],
    ["", /^fixtures\/: is a directory; expected a YAML catalog file$/],
  ])("%s gets one clear message", async (name, message) => {
    const found = await problems(name);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(message);
  });

  it("reports problems from several files in one run", async () => {
    const found = await problems("bad-values.yaml", "empty.yaml");
    expect(found.filter((p) => p.startsWith("fixtures/bad-values.yaml"))).toHaveLength(5);
    expect(found.filter((p) => p.startsWith("fixtures/empty.yaml"))).toHaveLength(1);
  });

  it("accepts a valid user file on top of the built-in catalog", async () => {
    const result = await loadCatalogFiles([...builtinSources(root), fixture("user-catalog.yaml")]);
    expect(result.ok).toBe(true);
  });

  it("refuses a reference with no url that does not read Publisher: title, in a built-in file", async () => {
    const form =
      'a reference reads "Publisher: title" (e.g. "Sennheiser: HD 600 product sheet") or gives a url';
    expect(await problems("unnamed-refs.yaml")).toEqual([
      `fixtures/unnamed-refs.yaml:10:25: headphones[0].refs.mine.document: "manual" does not say whose document it is; ${form}`,
      `fixtures/unnamed-refs.yaml:11:24: headphones[0].refs.box.document: "Example:" does not say whose document it is; ${form}`,
      `fixtures/unnamed-refs.yaml:22:25: sources[0].refs.mine.document: "Desk Amp user guide, p. 12" does not say whose document it is; ${form}`,
    ]);
  });

  it("and so does the build, for the built-in catalog in data/", async () => {
    const result = await buildSnapshot(join(root, "test/fixtures/builtin-unnamed-ref"));
    expect(result).toEqual({
      ok: false,
      problems: [
        expect.stringMatching(
          /^data\/headphones.yaml:10:26: headphones\[0\].refs.sheet.document: "HD 600 spec sheet" does not say whose document it is; /,
        ),
      ],
    });
  });

  it("takes the same references in a user's file as advice, located only when asked for", async () => {
    const user = { ...fixture("unnamed-refs.yaml"), overlay: true };
    const quiet = await loadCatalogFiles([...builtinSources(root), user]);
    expect(quiet.ok && quiet.advice).toEqual([]);
    const asked = await loadCatalogFiles([...builtinSources(root), user], { advice: true });
    expect(asked.ok && asked.advice.map(formatIssue)).toEqual([
      expect.stringMatching(
        /^fixtures\/unnamed-refs.yaml:10:25: headphones\[0\].refs.mine.document: "manual" /,
      ),
      expect.stringMatching(
        /^fixtures\/unnamed-refs.yaml:11:24: headphones\[0\].refs.box.document: /,
      ),
      expect.stringMatching(
        /^fixtures\/unnamed-refs.yaml:22:25: sources\[0\].refs.mine.document: /,
      ),
    ]);
  });

  it("accepts a UTF-8 byte-order mark", async () => {
    const dir = mkdtempSync(join(tmpdir(), "hpadvise-"));
    const file = join(dir, "bom.yaml");
    writeFileSync(file, "\uFEFFheadphones: []\n");
    const result = await loadCatalogFiles([{ path: file, name: "bom.yaml" }]);
    expect(result.ok).toBe(true);
  });
});

describe("parseCatalogText", () => {
  it("points a missing required field at its entry", () => {
    const { errors } = parseCatalogText(
      "headphones:\n  - id: x\n    brand: B\n    back: open\n",
      "f.yaml",
    );
    const messages = errors.map(formatIssue);
    expect(messages).toContain(
      "f.yaml:2:5: headphones[0].model: required field is missing (expected string)",
    );
    expect(messages.some((m) => m.startsWith("f.yaml:2:5: headphones[0].driver:"))).toBe(true);
  });

  it("rejects a top level that is not a mapping", () => {
    const { errors } = parseCatalogText("- just a list\n", "f.yaml");
    expect(errors.map(formatIssue)).toEqual([
      "f.yaml:1:1: a catalog file is a mapping with `headphones:` and/or `sources:` lists, found a list",
    ]);
  });
});
