/** The one reader for every file we are given: bounded, never blocking, each pipe read once. */
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { MAX_CATALOG_BYTES, readBounded } from "../../src/catalog/read.js";

const temp = () => mkdtempSync(join(tmpdir(), "hpadvise-read-"));
const WHAT = "a YAML catalog file";

describe("readBounded", () => {
  it("reads a regular file whole", () => {
    const file = join(temp(), "a.yaml");
    writeFileSync(file, "headphones: []\n");
    expect(readBounded(file, 100, WHAT)).toEqual({ bytes: Buffer.from("headphones: []\n") });
  });

  it("refuses a regular file over the cap before reading it", () => {
    const file = join(temp(), "big.yaml");
    writeFileSync(file, "x".repeat(101));
    expect(readBounded(file, 100, WHAT)).toEqual({
      message: "is larger than 100 bytes, the limit for a YAML catalog file",
    });
  });

  it.each(["/dev/zero", "/dev/urandom"])(
    "stops reading %s at the cap instead of running out of memory",
    (device) => {
      const started = Date.now();
      expect(readBounded(device, MAX_CATALOG_BYTES, WHAT)).toEqual({
        message: "is larger than 64 MB, the limit for a YAML catalog file",
      });
      expect(Date.now() - started).toBeLessThan(10_000);
    },
  );

  it("reads /dev/null as empty", () => {
    expect(readBounded("/dev/null", 100, WHAT)).toEqual({ bytes: Buffer.alloc(0) });
  });

  it("does not hang on a named pipe nobody writes to: it reads as empty", () => {
    const fifo = join(temp(), "fifo");
    execFileSync("mkfifo", [fifo]);
    expect(readBounded(fifo, 100, WHAT)).toEqual({ bytes: Buffer.alloc(0) });
  });

  it("refuses a directory, and says which kind of file was expected", () => {
    expect(readBounded(temp(), 100, WHAT)).toEqual({
      message: "is a directory; expected a YAML catalog file",
    });
  });

  it("names a missing file", () => {
    expect(readBounded(join(temp(), "nope.yaml"), 100, WHAT)).toEqual({ message: "no such file" });
  });
});
