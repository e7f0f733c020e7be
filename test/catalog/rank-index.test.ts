import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { readEntry, writeEntry } from "../../src/catalog/cache.js";
import { loadCatalog, openRankIndex } from "../../src/catalog/index.js";
import { encodeRankIndex, readRankIndex } from "../../src/catalog/rank-index.js";
import { FACT_COLUMNS, type FactColumn, factsOf } from "../../src/core/facts.js";
import { explainable } from "../../src/core/rank.js";
import type { Catalog } from "../../src/core/types.js";
import { packageRoot, runCli } from "../helpers/run-cli.js";

const temp = () => mkdtempSync(join(tmpdir(), "hpadvise-rank-"));

/** A synthetic catalog from the benchmark's generator: realistic, valid, ties included. */
function generated(headphones: number, sources: number): string {
  const out = join(temp(), "catalog.json");
  execFileSync(process.execPath, [
    join(packageRoot, "scripts/gen-catalog.mjs"),
    "--headphones",
    String(headphones),
    "--sources",
    String(sources),
    "--seed",
    "7",
    "--out",
    out,
  ]);
  return out;
}

describe("the rank index file", () => {
  let catalog: Catalog;
  let file: string;
  beforeAll(async () => {
    const user = generated(150, 20);
    catalog = (await loadCatalog({ packageRoot, cwd: packageRoot, userFiles: [user] })).catalog;
    file = join(temp(), "x.rank");
    writeFileSync(file, encodeRankIndex(catalog, [{ file: "f", path: "p", message: "m" }]));
  });

  it("gives back every headphone, the sources, the ids and every fact column", () => {
    const index = readRankIndex(file);
    const n = catalog.headphones.length;
    expect(index?.facts.count).toBe(n);
    expect(index?.headphones([...Array(n).keys()])).toEqual(catalog.headphones);
    expect(index?.headphones([3, 0])).toEqual([catalog.headphones[3], catalog.headphones[0]]);
    expect(index?.sources()?.()).toEqual(catalog.sources);
    expect(index?.ids()).toEqual(catalog.headphones.map((h) => h.id));
    const lean = index?.every(true);
    const full = index?.every(false);
    expect([...Array(n).keys()].map((i) => lean?.(i))).toEqual(catalog.headphones.map(explainable));
    expect([...Array(n).keys()].map((i) => full?.(i))).toEqual(catalog.headphones);
    expect(index?.warnings).toEqual([{ file: "f", path: "p", message: "m" }]);
    const facts = factsOf(catalog.headphones);
    for (const name of Object.keys(FACT_COLUMNS) as FactColumn[])
      expect(index?.facts[name], name).toEqual(facts[name]);
  });

  it("is not used when missing, cut short, or of another format", () => {
    const bytes = readFileSync(file);
    const copy = (b: Buffer) => {
      const f = join(temp(), "y.rank");
      writeFileSync(f, b);
      return f;
    };
    expect(readRankIndex(join(temp(), "absent.rank"))).toBeUndefined();
    expect(readRankIndex(copy(bytes.subarray(0, bytes.length - 1)))).toBeUndefined();
    expect(readRankIndex(copy(Buffer.concat([bytes, Buffer.from("x")])))).toBeUndefined();
    const magic = Buffer.from(bytes);
    magic.write("XXXX", 0, "latin1");
    expect(readRankIndex(copy(magic))).toBeUndefined();
    const other = Buffer.from(
      bytes.toString("latin1").replace("rank-index/10", "rank-index/0"),
      "latin1",
    );
    expect(readRankIndex(copy(other))).toBeUndefined();
  });

  it("is written with the cache entry and found again by the same files", async () => {
    const dir = temp();
    const options = {
      packageRoot,
      cwd: packageRoot,
      userFiles: ["test/fixtures/user-catalog.yaml"],
      cacheDir: dir,
    };
    expect(await openRankIndex(options)).toBeUndefined();
    await loadCatalog(options);
    // The entry, its index, and (the fixture being older than a second) its marks.
    expect(
      readdirSync(dir)
        .map((f) => f.replace(/^\w+/, "KEY"))
        .sort(),
    ).toEqual(["KEY.json", "KEY.marks", "KEY.rank"]);
    const index = await openRankIndex(options);
    const loaded = await loadCatalog(options);
    expect(index?.ids()).toEqual(loaded.catalog.headphones.map((h) => h.id));
    expect(await openRankIndex({ ...options, cacheDir: null })).toBeUndefined();
    expect(await openRankIndex({ ...options, userFiles: [] })).toBeUndefined();
  });
});

describe("commands from the rank index", () => {
  let user: string;
  beforeAll(() => {
    user = generated(400, 30);
  });

  const queries = [
    ["recommend", "--role", "mastering"],
    ["recommend", "--role", "mixing", "--top", "3"],
    ["recommend", "--role", "tracking", "--top", "70"],
    ["recommend", "--role", "mixing", "--own", "syn-hp-000007"],
    ["recommend", "--role", "tracking", "--own", "hd650", "--own", "syn-hp-000123"],
    ["recommend", "--role", "mastering", "--rules", "test/fixtures/rules-calibration.yaml"],
    ["check-amp", "--headphone", "hd650", "--source", "laptop", "--explain"],
    ["check-amp", "--headphone", "syn-hp-000042", "--source", "phone", "--json"],
    ["check-amp", "--headphone", "syn-hp-000042", "--role", "mastering"],
    ["recommend", "--role", "mixing", "--budget", "500"],
    ["recommend", "--role", "tracking", "--max-weight", "300", "--driver", "dynamic"],
    ["recommend", "--role", "mastering", "--back", "closed", "--budget", "2000"],
    ["show", "syn-hp-000042"],
    ["show", "hd650", "--json"],
    ["compare", "hd650", "syn-hp-000042", "syn-hp-000007"],
    ["compare", "k702", "syn-hp-000042", "--json"],
    ["recommend", "--role", "tracking", "--source", "laptop"],
    ["recommend", "--role", "mastering", "--source", "phone", "--top", "20"],
    // These need the whole catalog: the same answer must come by the other path.
    ["show", "laptop"],
    ["show", "HD 650"],
    ["compare", "HD 650", "k702"],
    ["recommend", "--role", "mastering", "--explain"],
    ["recommend", "--role", "mixing", "--json", "--source", "laptop"],
    ["recommend", "--role", "mastering", "--json", "--budget", "900", "--own", "syn-hp-000007"],
    ["recommend", "--role", "tracking", "--explain"],
    ["recommend", "--role", "mixing", "--own", "HD 650"],
    ["check-amp", "--headphone", "HD 650", "--source", "laptop"],
    ["check-amp", "--source", "laptop"],
  ];

  it.each(queries)(
    "%s %s %s %s %s %s %s: the same output with the index as without a cache",
    async (...args) => {
      const argv = [...args, "--catalog", user];
      const plain = await runCli(argv);
      expect(plain.code).toBe(0);
      const dir = temp();
      const env = { HPADVISE_CACHE_DIR: dir };
      const first = await runCli(argv, { env }); // writes the cache and the index
      expect(readdirSync(dir).some((f) => f.endsWith(".rank"))).toBe(true);
      const second = await runCli(argv, { env }); // reads them
      expect(first).toEqual(plain);
      expect(second).toEqual(plain);
    },
  );

  it("answers from the index when it can (a name changed in the index shows)", async () => {
    const dir = temp();
    const env = { HPADVISE_CACHE_DIR: dir };
    const run = (...args: string[]) =>
      runCli(["recommend", "--role", "mixing", ...args, "--catalog", user], { env });
    await run();
    const rank = join(dir, readdirSync(dir).find((f) => f.endsWith(".rank")) as string);
    // Rewritten as an entry (cache.ts), with its key and checksums: a file
    // changed behind the cache's back is not used (cache.test.ts).
    const key = basename(rank, ".rank");
    const bytes = (readEntry(rank, key) as Buffer).toString("latin1");
    writeEntry(rank, key, Buffer.from(bytes.replaceAll(" Model ", " Modex "), "latin1"));
    expect((await run()).stdout).toContain(" Modex ");
    const check = ["check-amp", "--headphone", "syn-hp-000042", "--catalog", user];
    expect((await runCli(check, { env })).stdout).toContain(" Modex 42");
    const show = ["show", "syn-hp-000042", "--catalog", user];
    expect((await runCli(show, { env })).stdout).toContain(" Modex 42");
    expect((await run("--budget", "800", "--back", "open")).stdout).toContain(" Modex ");
    expect((await run("--source", "laptop")).stdout).toContain(" Modex ");
    // --explain and --json list every model, from the index too (one engine, one path).
    const explain = (await run("--explain")).stdout;
    expect(explain).toContain(" Modex ");
    expect(explain).not.toMatch(/ Model \d/);
    const json = JSON.parse((await run("--json")).stdout) as { results: { name: string }[] };
    expect(json.results.length).toBeGreaterThan(300);
    expect(json.results.every((r) => !/ Model \d/.test(r.name))).toBe(true);
  });

  it("a mistyped source gets the same error with the index as without", async () => {
    const argv = ["recommend", "--role", "mixing", "--source", "lapotp", "--catalog", user];
    const plain = await runCli(argv);
    expect(plain.code).toBe(2);
    expect(plain.stderr).toContain("did you mean laptop");
    const env = { HPADVISE_CACHE_DIR: temp() };
    await runCli(["recommend", "--role", "mixing", "--catalog", user], { env });
    expect(await runCli(argv, { env })).toEqual(plain);
  });

  it("falls back to the whole catalog when the index is damaged", async () => {
    const argv = ["recommend", "--role", "mastering", "--catalog", user];
    const dir = temp();
    const env = { HPADVISE_CACHE_DIR: dir };
    const plain = await runCli(argv);
    await runCli(argv, { env });
    const rank = readdirSync(dir).find((f) => f.endsWith(".rank")) as string;
    writeFileSync(join(dir, rank), "HPRI");
    expect(await runCli(argv, { env })).toEqual(plain);
  });
});
