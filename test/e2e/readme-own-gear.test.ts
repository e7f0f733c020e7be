/**
 * The README's own-gear examples (a five-number check, adding your interface,
 * measuring it, setting your rig) run as shown, in order, through the built
 * binary, with a config directory of their own.
 */
import { spawnSync } from "node:child_process";
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { packageRoot } from "../helpers/run-cli.js";

const readme = readFileSync(join(packageRoot, "README.md"), "utf8");

/** The ```sh blocks under a heading, up to the next heading of any level. */
function blocks(heading: string): string[] {
  const start = readme.indexOf(`${heading}\n`);
  expect(start, heading).toBeGreaterThan(0);
  const rest = readme.slice(start + heading.length);
  const end = rest.search(/\n#{2,3} /);
  const section = end < 0 ? rest : rest.slice(0, end);
  return [...section.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1] as string);
}

describe("the README's own-gear examples", () => {
  it("work as shown, one after another", () => {
    const home = mkdtempSync(join(tmpdir(), "hpadvise-readme-"));
    const bin = mkdtempSync(join(tmpdir(), "hpadvise-bin-"));
    const shim = join(bin, "hpadvise");
    writeFileSync(
      shim,
      `#!/bin/sh\nexec "${process.execPath}" "${join(packageRoot, "bin", "hpadvise.js")}" "$@"\n`,
    );
    chmodSync(shim, 0o755);
    const scripts = [
      ...blocks("### Five numbers, no catalog entry"),
      ...blocks("### Adding your interface"),
      ...blocks("### Measuring it"),
      ...blocks("## Your rig"),
    ];
    expect(scripts.length).toBe(4);
    for (const script of scripts) {
      // Each line (continuations joined) is one command that must succeed.
      for (const line of script
        .replace(/\\\n\s*/g, "")
        .split("\n")
        .filter(Boolean)) {
        const r = spawnSync("sh", ["-c", line], {
          cwd: home,
          encoding: "utf8",
          env: { PATH: `${bin}:${process.env.PATH ?? ""}`, XDG_CONFIG_HOME: home },
        });
        expect({ line, code: r.status, stderr: r.stderr }).toMatchObject({ line, code: 0 });
      }
    }
  });
});
