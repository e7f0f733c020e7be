/**
 * Writes that respect their target and fail cleanly, through the built binary
 * (issue 25): `--html /dev/stdout`, a writable file in a read-only folder, and
 * the config and personal catalog when they cannot be written.
 */
import { spawnSync } from "node:child_process";
import {
  chmodSync,
  chownSync,
  copyFileSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { hpadvise } from "../helpers/bin.js";
import { packageRoot } from "../helpers/run-cli.js";

const bin = join(packageRoot, "bin", "hpadvise.js");
const temp = () => mkdtempSync(join(tmpdir(), "hpadvise-writes-"));
const root = process.getuid?.() === 0;
const NOBODY = 65534;
/** A source added to the personal catalog: what writes it. */
const ADD_SOURCE = [
  ...["add", "source", "--brand", "Acme", "--model", "Desk Amp"],
  ...["--type", "amplifier", "--vout", "2V"],
];

/** Whether others (nobody) may reach `path`: every folder above it searchable, the file itself executable. */
function reachableByOthers(path: string): boolean {
  let at = path;
  if ((statSync(at).mode & 0o001) === 0) return false;
  while (at !== dirname(at)) {
    at = dirname(at);
    if ((statSync(at).mode & 0o001) === 0) return false;
  }
  return true;
}

/**
 * A Node that nobody may run. The test's own may live where only root can
 * reach it (CI runs each Node release from npx's cache in root's home): then a
 * copy in a folder of its own.
 */
const nodeForOthers = (() => {
  let path: string | undefined;
  return () => {
    if (path !== undefined) return path;
    if (!root || reachableByOthers(process.execPath)) path = process.execPath;
    else {
      const dir = temp();
      chmodSync(dir, 0o755);
      path = join(dir, "node");
      copyFileSync(process.execPath, path);
      chmodSync(path, 0o755);
    }
    return path;
  };
})();

/** The binary as a user without root's power over permissions (root drops to nobody). */
function unprivileged(args: string[], env: Record<string, string>) {
  const r = spawnSync(nodeForOthers(), [bin, ...args], {
    cwd: packageRoot,
    encoding: "utf8",
    env: { PATH: process.env.PATH ?? "", ...env },
    timeout: 15_000,
    ...(root ? { uid: NOBODY, gid: NOBODY } : {}),
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A folder the unprivileged user owns, with `mode` set after `fill` ran. */
function ownedFolder(mode: number, fill: (dir: string) => void = () => {}): string {
  const dir = temp();
  fill(dir);
  if (root) {
    for (const name of ["", ...readdirSync(dir, { recursive: true }).map(String)])
      chownSync(join(dir, name), NOBODY, NOBODY);
  }
  chmodSync(dir, mode);
  return dir;
}

/** The binary with the file-size limit at one block: any larger write fails as a full disk would. */
function withFullDisk(args: string[], env: Record<string, string>) {
  const r = spawnSync(
    "sh",
    ["-c", 'trap "" XFSZ; ulimit -f 1; exec "$0" "$@"', process.execPath, bin, ...args],
    { cwd: packageRoot, encoding: "utf8", env: { PATH: process.env.PATH ?? "", ...env } },
  );
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const AMP = ["check-amp", "--headphone", "hd650", "--source", "interface"];

describe("writes that respect their target", () => {
  it("--html /dev/stdout writes the page to stdout and leaves the node alone", () => {
    const r = hpadvise([...AMP, "--html", "/dev/stdout"]);
    expect(r.stderr).not.toMatch(/cannot write/);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^<!doctype html>/i);
  });

  it("writes a writable file in a read-only folder in place", () => {
    const dir = ownedFolder(0o555, (d) => writeFileSync(join(d, "page.html"), "old"));
    const r = unprivileged([...AMP, "--html", join(dir, "page.html")], {});
    expect(r.stderr).not.toMatch(/cannot write/);
    expect(r.code).toBe(0);
    expect(readFileSync(join(dir, "page.html"), "utf8")).toMatch(/^<!doctype html>/i);
  });
});

describe("the config and the personal catalog, through the commands", () => {
  it("a dotfiles config.yaml stays a link, its target updated; a mode-600 catalog stays 600", () => {
    const home = temp();
    mkdirSync(join(home, "hpadvise"));
    mkdirSync(join(home, "dotfiles"));
    writeFileSync(join(home, "dotfiles", "config.yaml"), "budget: 100 # mine\n");
    symlinkSync(join(home, "dotfiles", "config.yaml"), join(home, "hpadvise", "config.yaml"));
    writeFileSync(join(home, "hpadvise", "catalog.yaml"), "sources: []\n");
    chmodSync(join(home, "hpadvise", "catalog.yaml"), 0o600);
    expect(hpadvise(["config", "set", "budget", "300"], { XDG_CONFIG_HOME: home }).code).toBe(0);
    expect(lstatSync(join(home, "hpadvise", "config.yaml")).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(home, "dotfiles", "config.yaml"), "utf8")).toBe(
      "budget: 300 # mine\n",
    );
    expect(hpadvise(ADD_SOURCE, { XDG_CONFIG_HOME: home }).code).toBe(0);
    expect(statSync(join(home, "hpadvise", "catalog.yaml")).mode & 0o777).toBe(0o600);
  });

  it("measure source --tone into a link to /dev/null writes through, the link kept", () => {
    const dir = temp();
    symlinkSync("/dev/null", join(dir, "tone.wav"));
    const r = hpadvise(["measure", "source", "--tone", join(dir, "tone.wav")]);
    expect(r.code).toBe(0);
    expect(lstatSync(join(dir, "tone.wav")).isSymbolicLink()).toBe(true);
    expect(statSync("/dev/null").isCharacterDevice()).toBe(true);
  });
});

describe("the config and the personal catalog, when they cannot be written", () => {
  const set = ["config", "set", "budget", "300"];

  it.each([
    ["config set", set],
    ["add", ADD_SOURCE],
  ])(
    "%s: XDG_CONFIG_HOME a file, or the hpadvise folder a file: a clear message, exit 2",
    (_, args) => {
      const dir = temp();
      writeFileSync(join(dir, "not-a-folder"), "");
      mkdirSync(join(dir, "home"));
      writeFileSync(join(dir, "home", "hpadvise"), "");
      for (const xdg of [join(dir, "not-a-folder"), join(dir, "home")]) {
        const r = hpadvise(args, { XDG_CONFIG_HOME: xdg });
        expect(r.stderr).toMatch(
          /cannot write .* \(E\w+\): a part of the path is a file, not a folder/,
        );
        expect(r.stderr).not.toMatch(/unexpected error|\n\s+at /);
        expect(r.code).toBe(2);
      }
    },
  );

  it.each([
    ["config set", set, "config.yaml"],
    ["add", ADD_SOURCE, "catalog.yaml"],
  ])("%s: a read-only folder: a clear message, exit 2, the file as it was", (_, args, name) => {
    const home = ownedFolder(0o755, (d) => {
      mkdirSync(join(d, "hpadvise"));
      writeFileSync(join(d, "hpadvise", name), "# mine\n");
    });
    if (root) chownSync(join(home, "hpadvise"), NOBODY, NOBODY);
    chmodSync(join(home, "hpadvise"), 0o555);
    const r = unprivileged(args, { XDG_CONFIG_HOME: home });
    expect(r.stderr).toMatch(/cannot write .* \(EACCES\): permission denied/);
    expect(r.stderr).not.toMatch(/unexpected error/);
    expect(r.code).toBe(2);
    expect(readFileSync(join(home, "hpadvise", name), "utf8")).toBe("# mine\n");
  });

  it.each([
    ["config set", set, "config.yaml", "budget: 100\n"],
    ["add", ADD_SOURCE, "catalog.yaml", "sources: []\n"],
    [
      "measure --save",
      [
        "measure",
        "source",
        "--unloaded",
        "1",
        "--loaded",
        "0.8",
        "--load-ohms",
        "33",
        "--save",
        "desk",
      ],
      "catalog.yaml",
      "sources: []\n",
    ],
  ])("%s: a full disk: a clear message, exit 2, nothing lost", (_, args, name, before) => {
    const home = temp();
    mkdirSync(join(home, "hpadvise"));
    // Comments that make the new file larger than the one block the disk has left.
    const text = `${"# kept\n".repeat(100)}${before}`;
    writeFileSync(join(home, "hpadvise", name), text);
    const r = withFullDisk(args as string[], { XDG_CONFIG_HOME: home });
    expect(r.stderr).toMatch(
      /cannot write .* \(EFBIG\): the file is larger than this system allows/,
    );
    expect(r.stderr).toMatch(/was not changed/);
    expect(r.stderr).not.toMatch(/unexpected error/);
    expect(r.code).toBe(2);
    expect(readFileSync(join(home, "hpadvise", name), "utf8")).toBe(text);
    expect(readdirSync(join(home, "hpadvise")).sort()).toEqual([name]);
  });

  it("a lock left by a writer that is gone is noticed, said and taken over", () => {
    const home = temp();
    mkdirSync(join(home, "hpadvise"));
    const gone = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], {
      encoding: "utf8",
    }).stdout;
    const lock = join(home, "hpadvise", "config.yaml.lock");
    writeFileSync(lock, `${gone}\n`);
    const r = hpadvise(["config", "set", "budget", "300"], { XDG_CONFIG_HOME: home });
    expect(r.stderr).toContain(`${lock} was left by process ${gone}, which is no longer running`);
    expect(r.code).toBe(0);
    expect(readFileSync(join(home, "hpadvise", "config.yaml"), "utf8")).toMatch(/budget: 300/);
    expect(existsSync(lock)).toBe(false);
  });
});
