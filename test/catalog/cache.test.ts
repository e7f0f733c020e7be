import { mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  CACHE_ENTRIES,
  cacheDirFrom,
  cacheKey,
  readCache,
  writeCache,
} from "../../src/catalog/cache.js";
import { hashChunks } from "../../src/catalog/hash.js";
import { loadCatalog } from "../../src/catalog/index.js";
import { packageRoot } from "../helpers/run-cli.js";

const temp = () => mkdtempSync(join(tmpdir(), "hpadvise-cache-"));

describe("hashChunks", () => {
  it("differs for different content and chunking, and is stable", () => {
    expect(hashChunks(["ab", "c"])).not.toBe(hashChunks(["a", "bc"]));
    expect(hashChunks(["abc"])).not.toBe(hashChunks(["abd"]));
    expect(hashChunks([Buffer.from("abc")])).toBe(hashChunks(["abc"]));
  });
});

describe("cacheDirFrom", () => {
  it.each([
    [{ HPADVISE_CACHE_DIR: "/c" }, "/c"],
    [{ HPADVISE_CACHE_DIR: "off", HOME: "/h" }, null],
    [{ XDG_CACHE_HOME: "/x", HOME: "/h" }, "/x/hpadvise"],
    [{ HOME: "/h" }, "/h/.cache/hpadvise"],
    [{}, null],
  ])("%j -> %s", (env, dir) => {
    expect(cacheDirFrom(env)).toBe(dir);
  });
});

describe("the user-catalog cache", () => {
  const user = ["test/fixtures/user-catalog.yaml"];

  it("gives the same catalog from the cache as from a fresh parse, and misses when a file changes", async () => {
    const dir = temp();
    const options = { packageRoot, cwd: packageRoot, userFiles: user, cacheDir: dir };
    const fresh = await loadCatalog({ ...options, cacheDir: null });
    const first = await loadCatalog(options); // miss: parses, then writes
    // The entry, and its rank index (rank-index.test.ts).
    expect(
      readdirSync(dir)
        .map((f) => f.replace(/^\w+/, "KEY"))
        .sort(),
    ).toEqual(["KEY.json", "KEY.rank"]);
    const second = await loadCatalog(options); // hit
    expect(first.catalog).toEqual(fresh.catalog);
    expect(second.catalog).toEqual(fresh.catalog);

    const copy = join(temp(), "mine.yaml");
    writeFileSync(
      copy,
      "headphones:\n  - { id: mine, brand: B, model: M, back: open, driver: dynamic }\n",
    );
    const changed = { ...options, userFiles: [copy] };
    expect((await loadCatalog(changed)).catalog.headphones.map((h) => h.id)).toContain("mine");
    writeFileSync(
      copy,
      "headphones:\n  - { id: mine, brand: B, model: M, back: closed, driver: dynamic }\n",
    );
    const after = await loadCatalog(changed);
    expect(after.catalog.headphones.find((h) => h.id === "mine")?.back).toBe("closed");
  });

  it("never caches a file with problems: they are reported every time", async () => {
    const dir = temp();
    const options = {
      packageRoot,
      cwd: packageRoot,
      userFiles: ["test/fixtures/bad-values.yaml"],
      cacheDir: dir,
    };
    await expect(loadCatalog(options)).rejects.toThrow("5 problems");
    await expect(loadCatalog(options)).rejects.toThrow("5 problems");
    expect(readdirSync(dir)).toHaveLength(0);
  });

  it("ignores a corrupt entry and keeps at most a few", () => {
    const dir = temp();
    const key = cacheKey("stamp", [{ name: "a", bytes: Buffer.from("x") }]);
    writeFileSync(join(dir, `${key}.json`), "{ not json");
    expect(readCache(dir, key)).toBeUndefined();
    for (let i = 0; i < CACHE_ENTRIES + 3; i++) {
      writeFileSync(join(dir, `k${i}.rank`), "");
      writeCache(dir, `k${i}`, { files: [], warnings: [] });
    }
    const left = readdirSync(dir);
    expect(left.filter((f) => f.endsWith(".json")).length).toBeLessThanOrEqual(CACHE_ENTRIES);
    // An entry's rank index goes with it.
    expect(left.filter((f) => f.endsWith(".rank")).sort()).toEqual(
      left
        .filter((f) => f.endsWith(".json"))
        .map((f) => f.replace(".json", ".rank"))
        .sort(),
    );
  });
});
