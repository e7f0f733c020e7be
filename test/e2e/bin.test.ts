/** A few runs of the built binary: stdout, stderr and exit code as a shell sees them. */
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { hpadvise } from "../helpers/bin.js";
import { packageRoot, runCli } from "../helpers/run-cli.js";

describe("bin/hpadvise.js", () => {
  it("lists the catalog, plain when piped", () => {
    const r = hpadvise(["list"]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    expect(r.stdout).toContain("hd800s");
    // biome-ignore lint/suspicious/noControlCharactersInRegex: asserting there is no ANSI escape.
    expect(r.stdout).not.toMatch(/\u001b\[/);
  });

  it("colours only when asked, and NO_COLOR wins", () => {
    // biome-ignore lint/suspicious/noControlCharactersInRegex: looking for ANSI escapes.
    expect(hpadvise(["list"], { FORCE_COLOR: "1" }).stdout).toMatch(/\u001b\[/);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: asserting there is no ANSI escape.
    expect(hpadvise(["list"], { FORCE_COLOR: "1", NO_COLOR: "1" }).stdout).not.toMatch(/\u001b\[/);
  });

  it("prints piped output at 80 columns, or at COLUMNS", () => {
    const widest = (out: string) => Math.max(...out.split("\n").map((l) => [...l].length));
    const args = ["recommend", "--role", "mastering", "--explain"];
    const piped = hpadvise(args);
    expect(piped.code).toBe(0);
    expect(widest(piped.stdout)).toBeLessThanOrEqual(80);
    expect(widest(piped.stdout)).toBeGreaterThan(60);
    expect(widest(hpadvise(args, { COLUMNS: "60" }).stdout)).toBeLessThanOrEqual(60);
    expect(widest(hpadvise(args, { COLUMNS: "120" }).stdout)).toBeGreaterThan(80);
  });

  // The bundle must draw tables exactly as the sources do.
  it.each([
    [["recommend", "--role", "mastering", "--explain"], "100"],
    [["recommend", "--role", "tracking", "--source", "phone"], "72"],
    [["check-amp", "--headphone", "hd650"], "120"],
    [["compare", "hd650", "dt1990-pro", "k702"], "90"],
  ])("draws %j tables as the unbundled sources do", async (args, columns) => {
    const built = hpadvise(args, { COLUMNS: columns });
    const source = await runCli(args, { columns: Number(columns) });
    expect(built.code).toBe(0);
    expect(built.stdout).toBe(source.stdout);
  });

  it("prints JSON that parses", () => {
    const r = hpadvise(["show", "hd650", "--json"]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).id).toBe("hd650");
  });

  it("reports an unknown id on stderr with exit 2", () => {
    const r = hpadvise(["show", "hd800"]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain('unknown headphone "hd800": did you mean hd800s?');
  });

  it("reports a bad catalog file without a stack trace", () => {
    const r = hpadvise(["validate", "test/fixtures/syntax-error.yaml"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/syntax-error.yaml:5:5: YAML syntax/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it("answers from the built-in snapshot in a copy, and not once data/ is edited", () => {
    const dir = mkdtempSync(join(tmpdir(), "hpadvise-bin-builtin-"));
    for (const part of ["bin", "dist", "data", "package.json"]) {
      cpSync(join(packageRoot, part), join(dir, part), { recursive: true });
    }
    const run = (...args: string[]) => {
      const r = spawnSync(process.execPath, [join(dir, "bin", "hpadvise.js"), ...args], {
        encoding: "utf8",
        env: { PATH: process.env.PATH ?? "", HPADVISE_CACHE_DIR: "off" },
      });
      return { status: r.status, stdout: r.stdout, stderr: r.stderr };
    };
    // The copy has new file times: the content still says the snapshot is current.
    expect(run("show", "hd650", "--json")).toEqual({
      status: 0,
      stdout: hpadvise(["show", "hd650", "--json"]).stdout,
      stderr: "",
    });
    // Data edited after the build: the snapshot no longer stands for it.
    const yaml = join(dir, "data", "headphones.yaml");
    writeFileSync(
      yaml,
      readFileSync(yaml, "utf8").replace("model: HD 650\n", "model: HD 650 (edited)\n"),
    );
    expect(JSON.parse(run("show", "hd650", "--json").stdout).name).toBe(
      "Sennheiser HD 650 (edited)",
    );
    rmSync(dir, { recursive: true, force: true });
  });

  it("keeps a code cache per command, written by a run that succeeded, and answers the same from it", () => {
    const dir = mkdtempSync(join(tmpdir(), "hpadvise-bin-code-cache-"));
    const env = { HPADVISE_CACHE_DIR: dir };
    const caches = () => readdirSync(dir).sort();
    const recommend = ["recommend", "--role", "mastering"];
    const first = hpadvise(recommend, env);
    expect(first.code).toBe(0);
    expect(caches()).toEqual([expect.stringMatching(/^cli-v[\d.]+-\d+-\d+-recommend\.cache$/)]);
    const [written] = caches() as [string];
    const build = written.replace(/recommend\.cache$/, "");
    // A failed run writes none; --help has its own.
    expect(hpadvise(["show", "hd800"], env).code).toBe(2);
    expect(hpadvise(["--help"], env).code).toBe(0);
    expect(caches()).toEqual([`${build}help.cache`, written]);
    expect(hpadvise(recommend, env)).toEqual(first);
    // A cache V8 refuses is compiled past and written again.
    writeFileSync(join(dir, written), "not a code cache");
    expect(hpadvise(recommend, env)).toEqual(first);
    expect(readFileSync(join(dir, written)).length).toBeGreaterThan(1000);
    // A new one drops this Node's caches of an earlier build, not another Node's.
    const otherNode = "cli-v99.0.0-1-1-show.cache";
    for (const f of [`cli-${process.version}-1-1-show.cache`, otherNode]) {
      writeFileSync(join(dir, f), "");
    }
    expect(hpadvise(["show", "hd650"], env).code).toBe(0);
    expect(caches()).toEqual([`${build}help.cache`, written, `${build}show.cache`, otherNode]);
    rmSync(dir, { recursive: true, force: true });
  });

  it("caches the bundles a command loads (the YAML parser, the schema library) the same way", () => {
    const dir = mkdtempSync(join(tmpdir(), "hpadvise-bin-vendor-cache-"));
    const env = { HPADVISE_CACHE_DIR: dir };
    const validate = ["validate", join(packageRoot, "test/fixtures/user-catalog.yaml")];
    const first = hpadvise(validate, env);
    expect(first.code).toBe(0);
    expect(readdirSync(dir).sort()).toEqual([
      expect.stringMatching(/^cli-v[\d.]+-\d+-\d+-validate\.cache$/),
      expect.stringMatching(/^yaml-v[\d.]+-\d+-\d+-validate\.cache$/),
      expect.stringMatching(/^zod-v[\d.]+-\d+-\d+-validate\.cache$/),
    ]);
    // From the caches, the same answer; a command that needs no parser writes none for it.
    expect(hpadvise(validate, env)).toEqual(first);
    expect(hpadvise(["list"], env).code).toBe(0);
    expect(readdirSync(dir).filter((f) => f.endsWith("-list.cache"))).toEqual([
      expect.stringMatching(/^cli-/),
    ]);
    rmSync(dir, { recursive: true, force: true });
  });

  it("answers from the catalog it cached as it does without a cache", () => {
    const dir = mkdtempSync(join(tmpdir(), "hpadvise-bin-cache-"));
    const user = join(dir, "catalog.json");
    spawnSync(process.execPath, [
      join(packageRoot, "scripts/gen-catalog.mjs"),
      ...["--headphones", "300", "--sources", "30", "--seed", "3", "--out", user],
    ]);
    const cached = { HPADVISE_CACHE_DIR: join(dir, "cache") };
    for (const args of [
      ["recommend", "--role", "tracking", "--budget", "600", "--source", "laptop"],
      ["show", "syn-hp-000042"],
    ]) {
      const plain = hpadvise([...args, "--catalog", user], { HPADVISE_CACHE_DIR: "off" });
      expect(plain.code).toBe(0);
      hpadvise([...args, "--catalog", user], cached); // writes the cache
      expect(hpadvise([...args, "--catalog", user], cached)).toEqual(plain);
    }
    rmSync(dir, { recursive: true, force: true });
  });
});
