/**
 * Files that are not plain files, through the built binary: devices, pipes,
 * process substitution and stdin. None may hang, run out of memory or be
 * read twice.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { hpadvise } from "../helpers/bin.js";
import { packageRoot } from "../helpers/run-cli.js";

const bin = join(packageRoot, "bin", "hpadvise.js");
const temp = () => mkdtempSync(join(tmpdir(), "hpadvise-files-"));
const userCatalog = join(packageRoot, "test/fixtures/user-catalog.yaml");

/** Runs a bash command line with `hpadvise` standing for the built binary. */
function shell(line: string, env: Record<string, string> = {}, input = "") {
  const r = spawnSync(
    "bash",
    ["--norc", "-c", line.replaceAll("hpadvise", `"${process.execPath}" "${bin}"`)],
    {
      cwd: packageRoot,
      encoding: "utf8",
      input,
      env: { PATH: process.env.PATH ?? "", ...env },
      timeout: 20_000,
    },
  );
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const TOO_BIG = "is larger than 64 MB, the limit for a YAML catalog file";

describe("devices and pipes as catalogs", () => {
  it.each([
    [
      ["list", "--catalog", "/dev/zero"],
      `hpadvise: 1 problem in catalog data:\n  /dev/zero: ${TOO_BIG}\n`,
    ],
    [
      ["list", "--catalog", "/dev/urandom"],
      `hpadvise: 1 problem in catalog data:\n  /dev/urandom: ${TOO_BIG}\n`,
    ],
    [["validate", "/dev/zero"], `hpadvise: 1 problem in catalog data:\n  /dev/zero: ${TOO_BIG}\n`],
    [
      ["recommend", "--role", "mixing", "--rules", "/dev/zero"],
      "hpadvise: 1 problem in the rules file:\n  /dev/zero: is larger than 1 MB, the limit for a YAML rules file\n",
    ],
  ])("%j stops at the cap with one message and exit 2", (args, stderr) => {
    const r = hpadvise(args, { HPADVISE_CACHE_DIR: temp() });
    expect(r.stderr.replace(/hint: .*\n/, "")).toBe(stderr);
    expect(r.code).toBe(2);
  });

  it("stops at the cap for HPADVISE_CATALOG too (completion runs `hpadvise ids`)", () => {
    const r = hpadvise(["ids"], { HPADVISE_CATALOG: "/dev/zero" });
    expect(r.stderr).toContain(`/dev/zero: ${TOO_BIG}`);
    expect(r.code).toBe(2);
  });

  it("does not hang on a named pipe with no writer", () => {
    const fifo = join(temp(), "fifo");
    spawnSync("mkfifo", [fifo]);
    const r = hpadvise(["list", "--catalog", fifo]);
    expect(r.stderr).toContain(": the file is empty");
    expect(r.code).toBe(2);
  });

  it.each([
    ["show my-cans"],
    ["recommend --role tracking --own my-cans"],
    ["compare my-cans hd650"],
    ["check-amp --headphone my-cans --source laptop"],
    ["list"],
  ])("reads `--catalog <(cat FILE)` once, with and without a cache: %s", (command) => {
    for (const env of [{}, { HPADVISE_CACHE_DIR: temp() }] as Record<string, string>[]) {
      const r = shell(`hpadvise ${command} --catalog <(cat '${userCatalog}')`, env);
      expect(r.stderr).toBe("");
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/my-cans|Example Studio Cans/);
    }
  });

  it("reads `--catalog /dev/stdin` from a pipe", () => {
    const r = shell(`cat '${userCatalog}' | hpadvise show my-cans --catalog /dev/stdin`, {
      HPADVISE_CACHE_DIR: temp(),
    });
    expect(r.stderr).toBe("");
    expect(r.stdout).toContain("my-cans");
  });

  it("reads `--catalog /dev/stdin` from a socket (as Node gives a child its input)", () => {
    const r = hpadvise(
      ["show", "my-cans", "--catalog", "/dev/stdin"],
      {},
      readFileSync(userCatalog, "utf8"),
    );
    expect(r.stderr).toBe("");
    expect(r.stdout).toContain("my-cans");
  });

  it('refuses `--catalog ""` rather than reading the working directory', () => {
    const r = hpadvise(["list", "--catalog", ""]);
    expect(r.stderr).toBe(
      "hpadvise: option '--catalog <file>' argument '' is invalid. expected a file name, not nothing\n",
    );
    expect(r.code).toBe(2);
  });

  it("refuses a directory with one line", () => {
    const dir = temp();
    writeFileSync(join(dir, "x"), "");
    const r = hpadvise(["list", "--catalog", dir]);
    expect(r.stderr).toContain(`${dir}: is a directory; expected a YAML catalog file`);
    expect(r.code).toBe(2);
  });
});
