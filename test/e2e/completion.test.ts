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
  return completeWith(dir, ...words);
}

function completeWith(binDir: string, ...words: string[]): string[] {
  const r = spawnSync(
    "bash",
    [
      "--norc",
      "--noprofile",
      "-c",
      `source "${join(dir, "completion.bash")}"; COMP_WORDS=(${words.map((w) => `'${w}'`).join(" ")}); COMP_CWORD=${words.length - 1}; _hpadvise; printf '%s\\n' "\${COMPREPLY[@]}"`,
    ],
    { encoding: "utf8", env: { PATH: `${binDir}:${process.env.PATH}` }, cwd: packageRoot },
  );
  expect(r.stderr).toBe("");
  return r.stdout.split("\n").filter(Boolean);
}

describe("bash completion", () => {
  it("completes commands", () => {
    expect(complete("hpadvise", "rec")).toEqual(["recommend"]);
    expect(complete("hpadvise", "c")).toEqual(["compare", "check-amp", "config", "completion"]);
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

describe("bash completion never runs catalog text", () => {
  /** A fake `hpadvise` whose `ids` prints what a planted cache entry could. */
  function planted(lines: string[]): string {
    const fake = mkdtempSync(join(tmpdir(), "hpadvise-planted-"));
    writeFileSync(join(fake, "hpadvise"), `#!/bin/sh\ncat <<'EOF'\n${lines.join("\n")}\nEOF\n`);
    chmodSync(join(fake, "hpadvise"), 0o755);
    return fake;
  }

  it("does not expand $(...) or backquotes in an id, and offers only id-shaped lines", () => {
    const fake = planted([
      "hd600",
      "$(touch pwned)",
      "`touch pwned2`",
      "hd$(touch pwned3)",
      "hd650",
      "HD 800",
    ]);
    const cwd = mkdtempSync(join(tmpdir(), "hpadvise-cwd-"));
    const r = spawnSync(
      "bash",
      [
        "--norc",
        "--noprofile",
        "-c",
        `source "${join(dir, "completion.bash")}"; COMP_WORDS=(hpadvise show hd); COMP_CWORD=2; _hpadvise; printf '%s\\n' "\${COMPREPLY[@]}"; ls`,
      ],
      { encoding: "utf8", env: { PATH: `${fake}:${process.env.PATH}` }, cwd },
    );
    expect(r.stdout.split("\n").filter(Boolean)).toEqual(["hd600", "hd650"]);
  });

  it("knows ids from --catalog files on the line", () => {
    expect(
      complete("hpadvise", "show", "--catalog", "test/fixtures/user-catalog.yaml", "my-"),
    ).toEqual(["my-cans", "my-amp"]);
    expect(
      complete(
        "hpadvise",
        "check-amp",
        "--catalog=test/fixtures/user-catalog.yaml",
        "--source",
        "my-",
      ),
    ).toEqual(["my-amp"]);
  });

  it("knows ids from --catalog files given to `completion`", () => {
    const script = hpadvise(["completion", "bash", "--catalog", "test/fixtures/user-catalog.yaml"]);
    expect(script.code).toBe(0);
    const own = mkdtempSync(join(tmpdir(), "hpadvise-completion-"));
    writeFileSync(join(own, "completion.bash"), script.stdout);
    const r = spawnSync(
      "bash",
      [
        "--norc",
        "--noprofile",
        "-c",
        `source "${join(own, "completion.bash")}"; COMP_WORDS=(hpadvise show my-); COMP_CWORD=2; _hpadvise; printf '%s\\n' "\${COMPREPLY[@]}"`,
      ],
      { encoding: "utf8", env: { PATH: `${dir}:${process.env.PATH}` }, cwd: tmpdir() },
    );
    expect(r.stdout.split("\n").filter(Boolean)).toEqual(["my-cans", "my-amp"]);
  });
});

describe("zsh and fish", () => {
  it("zsh: a native completion function that compinit registers from $fpath", () => {
    const r = hpadvise(["completion", "zsh"]);
    expect(r.stdout.split("\n")[0]).toBe("#compdef hpadvise");
    expect(r.stdout).toContain("compadd -a ids");
    expect(r.stdout).toContain("compdef _hpadvise hpadvise");
    expect(r.stdout).not.toContain("compgen");
  });

  it("fish lists every command and completes ids, filtered, through hpadvise ids", () => {
    const r = hpadvise(["completion", "fish"]);
    expect(r.stdout).toContain("complete -c hpadvise -n __fish_use_subcommand -a recommend");
    expect(r.stdout).toContain("-l headphone -xa '(__hpadvise_ids headphones)'");
    expect(r.stdout).toContain(
      "hpadvise ids $argv[1] $args 2>/dev/null | string match -r -- '^[a-z0-9][a-z0-9-]*$'",
    );
    expect(r.stdout).toContain("-l role -xa 'tracking mixing mastering'");
  });

  it("rejects an unknown shell", () => {
    const r = hpadvise(["completion", "powershell"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("Allowed choices are bash, zsh, fish");
  });
});
