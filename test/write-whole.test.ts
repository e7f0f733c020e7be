import { execFileSync, spawn } from "node:child_process";
import {
  chmodSync,
  lstatSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { writeUserFile, writeWhole } from "../src/write-whole.js";

const temp = () => mkdtempSync(join(tmpdir(), "hpadvise-write-"));

describe("writeWhole", () => {
  it("writes the parts in order and leaves no temporary file", () => {
    const dir = temp();
    const file = join(dir, "out.bin");
    writeWhole(file, [Buffer.from("ab"), Buffer.from(""), Buffer.from("cd")]);
    expect(readFileSync(file, "utf8")).toBe("abcd");
    expect(readdirSync(dir)).toEqual(["out.bin"]);
  });

  // Changed on purpose (issue 25): a link is followed, so a dotfiles config stays a link.
  it("updates a symlinked file through the link: the link stays, its target is replaced", () => {
    const dir = temp();
    const dotfile = join(dir, "dotfiles-config.yaml");
    writeFileSync(dotfile, "budget: 100\n");
    const file = join(dir, "config.yaml");
    symlinkSync("dotfiles-config.yaml", file);
    writeWhole(file, "budget: 200\n");
    expect(lstatSync(file).isSymbolicLink()).toBe(true);
    expect(readlinkSync(file)).toBe("dotfiles-config.yaml");
    expect(readFileSync(dotfile, "utf8")).toBe("budget: 200\n");
    expect(readdirSync(dir).sort()).toEqual(["config.yaml", "dotfiles-config.yaml"]);
  });

  it("creates the target of a link that points at nothing yet", () => {
    const dir = temp();
    const file = join(dir, "catalog.yaml");
    symlinkSync(join(dir, "later.yaml"), file);
    writeWhole(file, "sources: []\n");
    expect(lstatSync(file).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(dir, "later.yaml"), "utf8")).toBe("sources: []\n");
  });

  it("keeps a replaced file's mode (600 stays 600)", () => {
    const dir = temp();
    const file = join(dir, "secret.yaml");
    writeFileSync(file, "old");
    chmodSync(file, 0o600);
    writeWhole(file, "new");
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, "utf8")).toBe("new");
  });

  it("writes through to a character device (a link to one, or as root a copy made with mknod)", () => {
    const dir = temp();
    const link = join(dir, "null");
    symlinkSync("/dev/null", link);
    const targets = [link];
    if (process.getuid?.() === 0) {
      execFileSync("mknod", [join(dir, "null-copy"), "c", "1", "3"]);
      targets.push(join(dir, "null-copy"));
    }
    for (const target of targets) writeWhole(target, "discarded");
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(statSync("/dev/null").isCharacterDevice()).toBe(true);
    for (const target of targets) expect(statSync(target).isCharacterDevice()).toBe(true);
    expect(readdirSync(dir).length).toBe(targets.length);
  });

  it("writes into a FIFO for the reader at its other end", async () => {
    const dir = temp();
    const fifo = join(dir, "pipe");
    execFileSync("mkfifo", [fifo]);
    const reader = spawn("cat", [fifo]);
    let got = "";
    reader.stdout.on("data", (d) => {
      got += d;
    });
    const done = new Promise((r) => reader.on("close", r));
    writeWhole(fifo, "<html>page</html>");
    await done;
    expect(got).toBe("<html>page</html>");
    expect(lstatSync(fifo).isFIFO()).toBe(true);
    expect(readdirSync(dir)).toEqual(["pipe"]);
  });

  it("a full disk (/dev/full) is a clear error, not a silent replacement", () => {
    const dir = temp();
    const file = join(dir, "full");
    symlinkSync("/dev/full", file);
    expect(() => writeUserFile(file, "x")).toThrow(
      /cannot write .*full \(ENOSPC\): the disk is full/,
    );
    expect(lstatSync(file).isSymbolicLink()).toBe(true);
  });

  it("creates the folder when asked, and otherwise fails with the system's error and no leftovers", () => {
    const dir = temp();
    const nested = join(dir, "a", "b", "c.yaml");
    expect(() => writeWhole(nested, "x")).toThrow(/ENOENT/);
    writeWhole(nested, "x", { mkdir: true });
    expect(readFileSync(nested, "utf8")).toBe("x");
    expect(readdirSync(join(dir, "a", "b"))).toEqual(["c.yaml"]);
  });

  it("a file the user asked for fails with a clear message, not a stack", () => {
    const dir = temp();
    expect(() => writeUserFile(join(dir, "missing", "page.html"), "<p>")).toThrow(
      /cannot write .*page\.html \(ENOENT\): the folder does not exist/,
    );
  });
});
