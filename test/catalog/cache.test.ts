import {
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  type CatalogOptions,
  cacheDirFrom,
  cacheKey,
  openCatalog,
  readCache,
  readCachedConfig,
  writeCache,
  writeCachedConfig,
} from "../../src/catalog/open.js";
import { packageRoot, runCli } from "../helpers/run-cli.js";

const temp = () => mkdtempSync(join(tmpdir(), "hpadvise-cache-"));

/** What a command sees of an opened catalog (the finders are functions). */
async function opened(options: CatalogOptions) {
  const { headphones, sources, warnings } = await openCatalog(options);
  return { headphones, sources, warnings };
}

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
    const fresh = await opened({ ...options, cacheDir: null });
    const first = await opened(options); // miss: parses, then writes
    expect(readdirSync(dir)).toEqual(["catalog.json"]);
    const second = await opened(options); // hit
    expect(first).toEqual(fresh);
    expect(second).toEqual(fresh);

    const copy = join(temp(), "mine.yaml");
    writeFileSync(
      copy,
      "headphones:\n  - { id: mine, brand: B, model: M, back: open, driver: dynamic }\n",
    );
    const changed = { ...options, userFiles: [copy] };
    expect((await opened(changed)).headphones.map((h) => h.id)).toContain("mine");
    writeFileSync(
      copy,
      "headphones:\n  - { id: mine, brand: B, model: M, back: closed, driver: dynamic }\n",
    );
    expect((await opened(changed)).headphones.find((h) => h.id === "mine")?.back).toBe("closed");
  });

  it("misses when a file is written again at the same size with its old times", async () => {
    const dir = temp();
    const file = join(temp(), "mine.yaml");
    const entry = (back: string) =>
      `headphones:\n  - { id: mine, brand: B, model: M, back: ${back}, driver: dynamic }\n`;
    writeFileSync(file, entry("closed"));
    const options = { packageRoot, cwd: packageRoot, userFiles: [file], cacheDir: dir };
    await opened(options);
    const { mtime, atime } = lstatSync(file);
    await new Promise((done) => setTimeout(done, 20));
    writeFileSync(file, entry("opens"));
    utimesSync(file, atime, mtime);
    await expect(opened(options)).rejects.toThrow("1 problem");
  });

  it("never caches a file with problems: they are reported every time", async () => {
    const dir = temp();
    const options = {
      packageRoot,
      cwd: packageRoot,
      userFiles: ["test/fixtures/bad-values.yaml"],
      cacheDir: dir,
    };
    await expect(opened(options)).rejects.toThrow("5 problems");
    await expect(opened(options)).rejects.toThrow("5 problems");
    expect(readdirSync(dir)).toHaveLength(0);
  });
});

describe("a damaged cache is a miss, never a crash or another catalog's answer", () => {
  const options = (dir: string) => ({
    packageRoot,
    cwd: packageRoot,
    userFiles: ["test/fixtures/user-catalog.yaml"],
    cacheDir: dir,
  });

  async function cached() {
    const dir = temp();
    await opened(options(dir));
    const fresh = await opened({ ...options(dir), cacheDir: null });
    return { dir, file: join(dir, "catalog.json"), fresh };
  }

  it.each([
    ["a cut", (b: Buffer) => b.subarray(0, b.length - 5)],
    ["an extra byte", (b: Buffer) => Buffer.concat([b, Buffer.from("x")])],
    ["another key", (b: Buffer) => Buffer.from(`{}${b.toString()}`)],
    [
      "the wrong shape",
      (b: Buffer) => Buffer.from(`${b.toString().split("\n")[0]}\n{"catalog":5}`),
    ],
    ["nothing", () => Buffer.alloc(0)],
  ])("%s: a miss, and the next load writes it afresh", async (_, damage) => {
    const { dir, file, fresh } = await cached();
    writeFileSync(file, damage(readFileSync(file)));
    expect(await opened(options(dir))).toEqual(fresh);
    expect(await opened(options(dir))).toEqual(fresh);
  });

  it("writes through no symlink: one planted at its name is replaced, its target untouched", () => {
    const dir = temp();
    const victim = join(temp(), "victim.txt");
    writeFileSync(victim, "precious");
    symlinkSync(victim, join(dir, "catalog.json"));
    const key = cacheKey("stamp", []) as string;
    const load = { catalog: { headphones: [], sources: [] }, warnings: [] };
    writeCache(dir, key, load);
    expect(readFileSync(victim, "utf8")).toBe("precious");
    expect(lstatSync(join(dir, "catalog.json")).isSymbolicLink()).toBe(false);
    expect(readCache(dir, key)).toEqual(load);
  });

  it("never makes a tree under a HOME that is not there", () => {
    const home = join(temp(), "nonexistent");
    const dir = cacheDirFrom({ HOME: home }) as string;
    writeCache(dir, cacheKey("s", []) as string, {
      catalog: { headphones: [], sources: [] },
      warnings: [],
    });
    expect(existsSync(home)).toBe(false);
  });

  it("keys no pipe or device: what they give is read once and never cached", () => {
    expect(cacheKey("s", ["/dev/null"])).toBeUndefined();
  });
});

describe("the config, as last read cleanly", () => {
  it("is read back while the file is unchanged, and missed when it changes or the cache is damaged", () => {
    const dir = temp();
    const file = join(temp(), "config.yaml");
    writeFileSync(file, "budget: 300\n");
    const config = { budget: 300, own: ["hd600"], source: "laptop" };
    expect(readCachedConfig(dir, file)).toBeUndefined();
    writeCachedConfig(dir, file, config);
    expect(readCachedConfig(dir, file)).toEqual(config);
    writeFileSync(file, "budget: 400\n");
    expect(readCachedConfig(dir, file)).toBeUndefined();
    writeCachedConfig(dir, file, { budget: 400 });
    const cached = join(dir, "config.json");
    const [key] = readFileSync(cached, "utf8").split("\n");
    for (const body of ["{", '{"budget":"400"}', '{"own":[1]}', "[]", "null"]) {
      writeFileSync(cached, `${key}\n${body}`);
      expect(readCachedConfig(dir, file)).toBeUndefined();
    }
  });

  it("answers as the file does, and a config with a problem is reported on every run", async () => {
    const home = temp();
    const cache = temp();
    mkdirSync(join(home, "hpadvise"));
    const file = join(home, "hpadvise", "config.yaml");
    const env = { XDG_CONFIG_HOME: home, HPADVISE_CACHE_DIR: cache };
    const recommend = ["recommend", "--role", "mixing", "--json"];
    writeFileSync(file, "budget: 500\n");
    const fresh = await runCli(recommend, { env: { ...env, HPADVISE_CACHE_DIR: "off" } });
    expect(fresh.stderr).toBe("budget: 500, from your config\n");
    await runCli(recommend, { env }); // writes the cache
    expect(existsSync(join(cache, "config.json"))).toBe(true);
    expect(await runCli(recommend, { env })).toEqual(fresh);
    writeFileSync(file, "budget: cheap\n");
    for (let i = 0; i < 2; i++) {
      const bad = await runCli(recommend, { env });
      expect(bad.code).toBe(2);
      expect(bad.stderr).toMatch(/config\.yaml:1:\d+: budget: expected a budget in US dollars/);
    }
  });
});
