/** A few runs of the built binary: stdout, stderr and exit code as a shell sees them. */
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from "node:fs";
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

  // The bundle patches cli-table3 (build.mjs: no debug truncation, no hole
  // search in tables without spans) and measures with textWidth instead of
  // string-width; its tables must come out exactly as the sources draw them.
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

  it("reads its code cache in a copy, and runs without one or with one V8 rejects", () => {
    const dir = mkdtempSync(join(tmpdir(), "hpadvise-bin-"));
    for (const part of ["bin", "dist", "data", "package.json"]) {
      cpSync(join(packageRoot, part), join(dir, part), { recursive: true });
    }
    const run = () =>
      spawnSync(process.execPath, [join(dir, "bin", "hpadvise.js"), "show", "ath-m50x", "--json"], {
        encoding: "utf8",
        env: { PATH: process.env.PATH ?? "", HPADVISE_DEBUG_CODE_CACHE: "1" },
      });
    const expected = hpadvise(["show", "ath-m50x", "--json"]).stdout;
    const said = (state: string) => `hpadvise: code cache ${state}\n`;

    // A copy (like an npm install from a tarball) has new file times: the cache still serves.
    const copied = join(dir, "dist", "cli.cjs");
    utimesSync(copied, new Date("1985-10-26T08:15:00Z"), new Date("1985-10-26T08:15:00Z"));
    expect(run()).toMatchObject({ status: 0, stdout: expected, stderr: said("accepted") });

    // Written for another build: not read.
    const stamp = join(dir, "dist", "cli.cache-stamp");
    const ours = readFileSync(stamp, "utf8");
    writeFileSync(stamp, "// hpadvise build another");
    expect(run()).toMatchObject({ status: 0, stdout: expected, stderr: said("stale") });

    // Stamped for this build but not V8's (corrupt, or another Node): rejected, still runs.
    writeFileSync(stamp, ours);
    writeFileSync(join(dir, "dist", "cli.cache"), "not a code cache");
    expect(run()).toMatchObject({ status: 0, stdout: expected, stderr: said("rejected") });

    rmSync(join(dir, "dist", "cli.cache"));
    expect(run()).toMatchObject({ status: 0, stdout: expected, stderr: said("absent") });
    rmSync(dir, { recursive: true, force: true });
  });

  it("answers from the cache it wrote as it does without one", () => {
    const dir = mkdtempSync(join(tmpdir(), "hpadvise-bin-rank-"));
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
