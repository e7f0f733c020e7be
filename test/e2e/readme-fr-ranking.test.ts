/**
 * The README's example of measured tags reaching the ranking (Frequency
 * response: Measured tags in the ranking) runs as shown through the built
 * binary, in an empty folder, and says what the README says it says.
 */
import { spawnSync } from "node:child_process";
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { packageRoot } from "../helpers/run-cli.js";

const readme = readFileSync(join(packageRoot, "README.md"), "utf8");

describe("the README's measured-tags example", () => {
  it("works as shown", () => {
    const start = readme.indexOf("### Measured tags in the ranking\n");
    expect(start).toBeGreaterThan(0);
    const script = /```sh\n([\s\S]*?)```/.exec(readme.slice(start))?.[1] as string;
    const dir = mkdtempSync(join(tmpdir(), "hpadvise-readme-fr-"));
    const bin = mkdtempSync(join(tmpdir(), "hpadvise-bin-"));
    const shim = join(bin, "hpadvise");
    writeFileSync(
      shim,
      `#!/bin/sh\nexec "${process.execPath}" "${join(packageRoot, "bin", "hpadvise.js")}" "$@"\n`,
    );
    chmodSync(shim, 0o755);
    const r = spawnSync("sh", ["-e", "-c", script], {
      cwd: dir,
      encoding: "utf8",
      env: {
        PATH: `${bin}:${process.env.PATH ?? ""}`,
        XDG_CONFIG_HOME: dir,
        HPADVISE_CACHE_DIR: "off",
        COLUMNS: "80",
      },
    });
    expect({ code: r.status, stderr: r.stderr }).toEqual({ code: 0, stderr: "" });
    const out = r.stdout.replace(/\s+/g, " ");
    expect(out).toContain("measured: me, over-ear: tilt +1.0 dB/octave");
    expect(out).toMatch(
      /mixing workable, [\d.]+ \(#\d+ of \d+\) open-back reference, but measured bright/,
    );
    expect(out).toMatch(/said-neutral is workable \(open-back reference, but measured bright/);
  });
});
