/** Completion scripts, exercised in a real bash with the built binary on PATH. */
import { spawnSync } from "node:child_process";
import { chmodSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { hpadvise } from "../helpers/bin.js";
import { packageRoot } from "../helpers/run-cli.js";

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "hpadvise-completion-"));
  // `hpadvise` on PATH, as after npm install -g.
  writeFileSync(
    join(dir, "hpadvise"),
    `#!/bin/sh\nexec "${process.execPath}" "${join(packageRoot, "bin", "hpadvise.js")}" "$@"\n`,
  );
  chmodSync(join(dir, "hpadvise"), 0o755);
  const script = hpadvise(["completion", "bash"]);
  expect(script.code).toBe(0);
  writeFileSync(join(dir, "completion.bash"), script.stdout);
});

function complete(...words: string[]): string[] {
  const r = spawnSync(
    "bash",
    [
      "--norc",
      "--noprofile",
      "-c",
      `source "${join(dir, "completion.bash")}"; COMP_WORDS=(${words.map((w) => `'${w}'`).join(" ")}); COMP_CWORD=${words.length - 1}; _hpadvise; printf '%s\\n' "\${COMPREPLY[@]}"`,
    ],
    { encoding: "utf8", env: { PATH: `${dir}:${process.env.PATH}` } },
  );
  expect(r.stderr).toBe("");
  return r.stdout.split("\n").filter(Boolean);
}

describe("bash completion", () => {
  it("completes commands", () => {
    expect(complete("hpadvise", "rec")).toEqual(["recommend"]);
    expect(complete("hpadvise", "c")).toEqual(["compare", "check-amp", "completion"]);
  });

  it("completes options and role names", () => {
    expect(complete("hpadvise", "recommend", "--ro")).toEqual(["--role"]);
    expect(complete("hpadvise", "recommend", "--role", "m")).toEqual(["mixing", "mastering"]);
  });

  it("completes catalog ids live", () => {
    expect(complete("hpadvise", "check-amp", "--headphone", "hd8")).toEqual(["hd800s", "hd820"]);
    expect(complete("hpadvise", "check-amp", "--source", "lap")).toEqual(["laptop"]);
    expect(complete("hpadvise", "show", "grace")).toEqual(["grace-m900", "grace-m902"]);
  });
});

describe("zsh and fish", () => {
  it("zsh reuses the bash completion through bashcompinit", () => {
    const r = hpadvise(["completion", "zsh"]);
    expect(r.stdout).toContain("bashcompinit");
    expect(r.stdout).toContain("complete -F _hpadvise hpadvise");
  });

  it("fish lists every command and completes ids through hpadvise ids", () => {
    const r = hpadvise(["completion", "fish"]);
    expect(r.stdout).toContain("complete -c hpadvise -n __fish_use_subcommand -a recommend");
    expect(r.stdout).toContain("-l headphone -xa '(hpadvise ids headphones 2>/dev/null)'");
    expect(r.stdout).toContain("-l role -xa 'tracking mixing mastering'");
  });

  it("rejects an unknown shell", () => {
    const r = hpadvise(["completion", "powershell"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("Allowed choices are bash, zsh, fish");
  });
});
