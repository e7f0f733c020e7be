import {
  lstatSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
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

  it("replaces a symlink at the target instead of writing through it", () => {
    const dir = temp();
    const victim = join(dir, "victim.txt");
    writeFileSync(victim, "keep me");
    const file = join(dir, "out.txt");
    symlinkSync(victim, file);
    writeWhole(file, "new");
    expect(readFileSync(victim, "utf8")).toBe("keep me");
    expect(lstatSync(file).isSymbolicLink()).toBe(false);
    expect(readFileSync(file, "utf8")).toBe("new");
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
      /cannot write .*page\.html \(ENOENT\)/,
    );
  });
});
