import {
  existsSync,
  lstatSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  CACHE_ENTRIES,
  cacheDirFrom,
  cacheKey,
  markedKey,
  markKey,
  markOf,
  pruneCache,
  readCache,
  writeCache,
  writeEntry,
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

describe("cacheKey", () => {
  it("changes with one byte of a big user file, which enters as its CRC-32 and length", () => {
    const big = Buffer.alloc(1024 * 1024, "a");
    const edited = Buffer.from(big);
    edited[700_000] = 0x62;
    const key = (bytes: Buffer) => cacheKey("stamp", [{ name: "big.json", bytes }]);
    expect(key(edited)).not.toBe(key(big));
    expect(key(Buffer.from(big))).toBe(key(big));
    // The same bytes under another name, or with another built-in stamp, are another key.
    expect(cacheKey("stamp", [{ name: "other.json", bytes: big }])).not.toBe(key(big));
    expect(cacheKey("other", [{ name: "big.json", bytes: big }])).not.toBe(key(big));
  });

  it("changes with one byte of a small user file", () => {
    const key = (text: string) =>
      cacheKey("stamp", [{ name: "my.yaml", bytes: Buffer.from(text) }]);
    expect(key("headphones: []\n")).not.toBe(key("headphones: [ ]\n"));
  });
});

describe("marks: a user file's key known without reading it", () => {
  const later = () => Date.now() + 60_000;
  const setup = () => {
    const dir = temp();
    const file = join(dir, "mine.json");
    writeFileSync(file, '{"headphones": []}');
    return { dir, file, paths: [file] };
  };
  const pause = (ms: number) => new Promise((done) => setTimeout(done, ms));

  it("gives the key back while the file is unchanged", () => {
    const { dir, file, paths } = setup();
    markKey(dir, "stamp", paths, [markOf(file)], "0123456789abcdef", later());
    expect(markedKey(dir, "stamp", paths)).toBe("0123456789abcdef");
    // Another built-in stamp or another set of paths knows nothing.
    expect(markedKey(dir, "other", paths)).toBeUndefined();
    expect(markedKey(dir, "stamp", [file, file])).toBeUndefined();
  });

  it("knows nothing once the file is written again, even at the same size and with its old times", async () => {
    const { dir, file, paths } = setup();
    const mark = markOf(file);
    markKey(dir, "stamp", paths, [mark], "0123456789abcdef", later());
    await pause(20);
    writeFileSync(file, '{"headphones": {}}');
    utimesSync(file, (mark?.mtimeMs ?? 0) / 1000, (mark?.mtimeMs ?? 0) / 1000);
    expect(markOf(file)?.size).toBe(mark?.size);
    expect(markedKey(dir, "stamp", paths)).toBeUndefined();
  });

  it("marks nothing for a file written within the last second, or changed since it was read", async () => {
    const { dir, file, paths } = setup();
    markKey(dir, "stamp", paths, [markOf(file)], "0123456789abcdef");
    expect(markedKey(dir, "stamp", paths)).toBeUndefined();
    const before = markOf(file);
    await pause(20);
    writeFileSync(file, '{"headphones": {}}');
    markKey(dir, "stamp", paths, [before], "0123456789abcdef", later());
    expect(markedKey(dir, "stamp", paths)).toBeUndefined();
  });
});

describe("cacheDirFrom", () => {
  it.each([
    [{ HPADVISE_CACHE_DIR: "/c" }, "/c"],
    [{ HPADVISE_CACHE_DIR: "off", HOME: "/h" }, null],
    [{ XDG_CACHE_HOME: "/x", HOME: "/h" }, "/x/hpadvise"],
    [{ HOME: "/h" }, "/h/.cache/hpadvise"],
    [{}, null],
    // A relative XDG_CACHE_HOME is ignored (XDG spec), and so is a relative HOME.
    [{ XDG_CACHE_HOME: "rel", HOME: "/h" }, "/h/.cache/hpadvise"],
    [{ HOME: "rel" }, null],
    // Never under /proc, /sys or /dev (Node's mkdir spins forever under /proc).
    [{ HPADVISE_CACHE_DIR: "/proc/self/cache" }, null],
    [{ XDG_CACHE_HOME: "/sys/x" }, null],
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
    // The entry and the fixture's marks.
    expect(
      readdirSync(dir)
        .map((f) => f.replace(/^\w+/, "KEY"))
        .sort(),
    ).toEqual(["KEY.json", "KEY.marks"]);
    const second = await loadCatalog(options); // hit, its key from the marks
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

  it("keeps the newest few keys, each with all its kinds of entry, and drops stale temp files", () => {
    const dir = temp();
    const keys = Array.from({ length: CACHE_ENTRIES + 3 }, (_, i) =>
      cacheKey("stamp", [{ name: "a", bytes: Buffer.from(String(i)) }]),
    );
    const hour = 60 * 60 * 1000;
    keys.forEach((key, i) => {
      for (const kind of ["json", "rank"]) {
        const file = join(dir, `${key}.${kind}`);
        writeEntry(file, key, Buffer.from("{}"));
        // Oldest first, by minutes.
        utimesSync(
          file,
          new Date(Date.now() - hour + i * 60_000),
          new Date(Date.now() - hour + i * 60_000),
        );
      }
    });
    const stale = join(dir, `.${keys[0]}.json.0123456789abcdef01234567.tmp`);
    const old = join(dir, `${keys[1]}.json.4242.tmp`);
    const fresh = join(dir, `.${keys[2]}.rank.fedcba9876543210fedcba98.tmp`);
    for (const f of [stale, old, fresh]) writeFileSync(f, "partial");
    for (const f of [stale, old]) utimesSync(f, new Date(0), new Date(0));
    writeFileSync(join(dir, "notes.txt"), "not ours");
    pruneCache(dir);
    const left = readdirSync(dir).sort();
    const kept = keys.slice(3);
    expect(left).toEqual(
      [...kept.flatMap((k) => [`${k}.json`, `${k}.rank`]), basename(fresh), "notes.txt"].sort(),
    );
  });
});

describe("a damaged cache is a miss, never a crash or another catalog's answer", () => {
  const user = ["test/fixtures/user-catalog.yaml"];
  const options = (dir: string) => ({
    packageRoot,
    cwd: packageRoot,
    userFiles: user,
    cacheDir: dir,
  });

  async function cached(): Promise<{ dir: string; json: string; rank: string; key: string }> {
    const dir = temp();
    await loadCatalog(options(dir));
    const json = readdirSync(dir).find((f) => f.endsWith(".json")) as string;
    const key = basename(json, ".json");
    return { dir, json: join(dir, json), rank: join(dir, `${key}.rank`), key };
  }

  it.each([
    [
      "a flipped bit",
      (b: Buffer) => {
        const c = Buffer.from(b);
        c[c.length - 10] = (c[c.length - 10] as number) ^ 1;
        return c;
      },
    ],
    ["a cut", (b: Buffer) => b.subarray(0, b.length - 5)],
    ["an extra byte", (b: Buffer) => Buffer.concat([b, Buffer.from("x")])],
    [
      "plain JSON of the old format",
      () => Buffer.from('{"format":"hpadvise-catalog-cache/1","load":{"files":[]}}'),
    ],
    ["nothing", () => Buffer.alloc(0)],
  ])("%s: a miss, the entry deleted and rebuilt", async (_, damage) => {
    const { dir, json } = await cached();
    const fresh = await loadCatalog({ ...options(dir), cacheDir: null });
    writeFileSync(json, damage(readFileSync(json)));
    const { key } = { key: basename(json, ".json") };
    expect(readCache(dir, key)).toBeUndefined();
    expect(existsSync(json)).toBe(false);
    expect((await loadCatalog(options(dir))).catalog).toEqual(fresh.catalog);
    expect(readCache(dir, key)).toBeDefined();
  });

  it("a well-formed entry of the wrong shape is a miss, not a stack trace", async () => {
    const { dir, json, key } = await cached();
    writeEntry(
      json,
      key,
      Buffer.from('{"files":[{"headphones":[{"id":"x"}],"sources":[]}],"warnings":[]}'),
    );
    const fresh = await loadCatalog({ ...options(dir), cacheDir: null });
    expect((await loadCatalog(options(dir))).catalog).toEqual(fresh.catalog);
    writeEntry(json, key, Buffer.from('{"files":5}'));
    expect((await loadCatalog(options(dir))).catalog).toEqual(fresh.catalog);
  });

  it("another key's entry copied over this one is not used", async () => {
    const { dir, json, key } = await cached();
    const other = join(dir, "0000000000000000.json");
    writeEntry(other, "0000000000000000", Buffer.from('{"files":[],"warnings":[]}'));
    writeFileSync(json, readFileSync(other));
    expect(readCache(dir, key)).toBeUndefined();
  });

  it("writes through no symlink: one planted at the entry's name is replaced, its target untouched", () => {
    const dir = temp();
    const victim = join(temp(), "victim.txt");
    writeFileSync(victim, "precious");
    const key = cacheKey("stamp", [{ name: "a", bytes: Buffer.from("x") }]);
    symlinkSync(victim, join(dir, `${key}.json`));
    writeCache(dir, key, { files: [], warnings: [] });
    expect(readFileSync(victim, "utf8")).toBe("precious");
    expect(lstatSync(join(dir, `${key}.json`)).isSymbolicLink()).toBe(false);
    expect(readCache(dir, key)).toEqual({ files: [], warnings: [] });
  });

  it("writes no temp file at a predictable name: a symlink planted at the old one is not followed", () => {
    const dir = temp();
    const victim = join(temp(), "victim.txt");
    writeFileSync(victim, "precious");
    const key = cacheKey("stamp", [{ name: "b", bytes: Buffer.from("y") }]);
    symlinkSync(victim, join(dir, `${key}.json.${process.pid}.tmp`));
    writeCache(dir, key, { files: [], warnings: [] });
    expect(readFileSync(victim, "utf8")).toBe("precious");
    expect(readCache(dir, key)).toEqual({ files: [], warnings: [] });
  });

  it("never makes a tree under a HOME that is not there", () => {
    const home = join(temp(), "nonexistent");
    const dir = cacheDirFrom({ HOME: home }) as string;
    writeCache(dir, cacheKey("s", []), { files: [], warnings: [] });
    expect(existsSync(home)).toBe(false);
  });
});
