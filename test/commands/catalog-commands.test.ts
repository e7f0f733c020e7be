import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { packageRoot, runCli } from "../helpers/run-cli.js";

describe("list", () => {
  it("lists headphones as a table by default", async () => {
    const r = await runCli(["list"]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    expect(r.stdout).toMatch(/^ID\s+Model\s+Back\s+Driver/);
    expect(r.stdout).toContain("Sennheiser HD 800 S");
  });

  it("filters by back, driver and price", async () => {
    const planar = JSON.parse(
      (await runCli(["list", "headphones", "--driver", "planar", "--json"])).stdout,
    );
    expect(planar.headphones.length).toBeGreaterThan(0);
    expect(planar.headphones.every((h: { driver: string }) => h.driver === "planar")).toBe(true);

    const cheapOpen = JSON.parse(
      (await runCli(["list", "--back", "open", "--max-price", "500", "--json"])).stdout,
    );
    for (const h of cheapOpen.headphones) {
      expect(h.back).toBe("open");
      expect(h.priceUsd).toBeLessThanOrEqual(500);
    }
    expect(cheapOpen.headphones.map((h: { id: string }) => h.id)).toContain("hd650");
    // An open-back with no sourced price is neither listed nor dropped: it is kept apart.
    const all = JSON.parse((await runCli(["list", "--json"])).stdout);
    const unpriced = all.headphones.find(
      (h: { back: string; priceUsd: number | null }) => h.back === "open" && h.priceUsd === null,
    ).id;
    expect(cheapOpen.unverified).toContain(unpriced);
    expect(cheapOpen.headphones.map((h: { id: string }) => h.id)).not.toContain(unpriced);
    const text = await runCli(["list", "--back", "open", "--max-price", "500"]);
    expect(text.stdout).toMatch(
      new RegExp(`Not verified — price unknown, so not held to your \\$500: [\\s\\S]*${unpriced}`),
    );
  });

  it("gives the documented JSON shape", async () => {
    const { headphones } = JSON.parse((await runCli(["list", "--json"])).stdout);
    const m50x = headphones.find((h: { id: string }) => h.id === "ath-m50x");
    expect(m50x).toMatchObject({
      id: "ath-m50x",
      brand: "Audio-Technica",
      model: "ATH-M50x",
      aliases: expect.any(Array),
      back: "closed",
      driver: "dynamic",
      impedanceOhms: 38,
      sensitivity: { value: 99, unit: "dB/mW", dbPerMw: 99, dbPerV: expect.any(Number) },
      weightGrams: 285,
      priceUsd: null,
      provenance: { impedanceOhms: { kind: "maker", source: expect.stringMatching(/^http/) } },
    });
    const { sources } = JSON.parse((await runCli(["list", "sources", "--json"])).stdout);
    expect(sources.map((s: { id: string }) => s.id)).toEqual(
      expect.arrayContaining(["laptop", "phone", "interface"]),
    );
  });

  it("rejects a bad filter value with exit 2 and no stack", async () => {
    const r = await runCli(["list", "--back", "opened"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      "argument 'opened' is invalid. Allowed choices are open, closed, semi-open.",
    );
    expect(r.stderr).not.toMatch(/\n\s+at /);
    const price = await runCli(["list", "--max-price", "cheap"]);
    expect(price.code).toBe(2);
    expect(price.stderr).toContain(
      '--max-price (US dollars) expects an amount such as 500, $2,000 or 2k, got "cheap"',
    );
  });
});

describe("show", () => {
  it("prints a card with units and sources", async () => {
    const r = await runCli(["show", "ath-m50x"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("99 dB/mW (= 113.2 dB/V)");
    expect(r.stdout).toMatch(/Sources\n\s+\[1\]/);
  });

  it("finds a model by what people type, and --json gives the list object", async () => {
    const card = JSON.parse((await runCli(["show", "Audio-Technica ATH-M50x", "--json"])).stdout);
    const { headphones } = JSON.parse((await runCli(["list", "--json"])).stdout);
    expect(card).toEqual(headphones.find((h: { id: string }) => h.id === "ath-m50x"));
  });

  it("shows a source card", async () => {
    const r = await runCli(["show", "grace-m902"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("7.52 Vrms");
    expect(r.stdout).toContain("measured [1]");
  });

  it("says did-you-mean for an unknown id, on stderr, exit 2", async () => {
    const r = await runCli(["show", "hd800"]);
    expect(r).toEqual({
      code: 2,
      stdout: "",
      stderr:
        'hpadvise: unknown headphone "hd800": did you mean hd800s?\nhint: `hpadvise list headphones` and `hpadvise list sources` show every id\n',
    });
  });
});

describe("user catalogs", () => {
  it("adds models and overrides ours by id, from --catalog and HPADVISE_CATALOG", async () => {
    const viaFlag = await runCli([
      "show",
      "my-cans",
      "--json",
      "--catalog",
      "test/fixtures/user-catalog.yaml",
    ]);
    expect(JSON.parse(viaFlag.stdout).impedanceOhms).toBe(32);
    const viaEnv = await runCli(["show", "k371", "--json"], {
      env: { HPADVISE_CATALOG: "test/fixtures/user-catalog.yaml" },
    });
    const k371 = JSON.parse(viaEnv.stdout);
    expect(k371.impedanceOhms).toBe(32);
    expect(k371.provenance.impedanceOhms.kind).toBe("user");
  });

  it("fails with every problem of a bad user file, exit 2", async () => {
    const r = await runCli(["list", "--catalog", "test/fixtures/bad-values.yaml"]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(
      /^hpadvise: 5 problems in catalog data:\n {2}test\/fixtures\/bad-values.yaml:7:24: /,
    );
    expect(r.stderr).toContain("hint: check the file with `hpadvise validate FILE`");
  });
});

describe("validate", () => {
  it("says ok with counts", async () => {
    const r = await runCli(["validate", "test/fixtures/user-catalog.yaml"]);
    expect(r).toEqual({
      code: 0,
      stdout: "ok  test/fixtures/user-catalog.yaml: 2 headphones, 1 source (over built-in k371)\n",
      stderr: "",
    });
  });

  const form =
    'a reference reads "Publisher: title" (e.g. "Sennheiser: HD 600 product sheet") or gives a url';

  it("warns once per file of references that do not say whose they are, and says ok", async () => {
    const r = await runCli(["validate", "test/fixtures/unnamed-refs.yaml"]);
    expect(r).toEqual({
      code: 0,
      stdout: "ok  test/fixtures/unnamed-refs.yaml: 1 headphone, 1 source\n",
      stderr: `warning: test/fixtures/unnamed-refs.yaml:10:25: headphones[0].refs.mine.document: "manual" does not say whose document it is; ${form}; and 2 more like it in this file\n`,
    });
  });

  it("refuses such a reference in the built-in catalog, exit 2", async () => {
    const r = await runCli(["validate", "--builtin"], {
      packageRoot: join(packageRoot, "test/fixtures/builtin-unnamed-ref"),
    });
    expect(r).toEqual({
      code: 2,
      stdout: "",
      stderr: `hpadvise: 1 problem in catalog data:\n  data/headphones.yaml:10:26: headphones[0].refs.sheet.document: "HD 600 spec sheet" does not say whose document it is; ${form}\n`,
    });
  });

  it("needs a file", async () => {
    const r = await runCli(["validate"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("validate needs at least one FILE");
  });
});

describe("help and version", () => {
  it("prints help with examples on every command", async () => {
    for (const cmd of ["list", "show", "validate"]) {
      const r = await runCli([cmd, "--help"]);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain("Examples:");
    }
  });

  it("prints the version", async () => {
    const r = await runCli(["--version"]);
    expect(r.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it("turns an unknown command into a usage error, exit 2", async () => {
    const r = await runCli(["lsit"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("(Did you mean list?)");
  });
});
