/**
 * The one way hpadvise writes a file: whole or not at all. The bytes go to an
 * unpredictably named temporary file beside the target, created exclusively
 * (so a planted symlink is never followed), flushed, then renamed over the
 * target: a reader sees the old file or the whole new one, never half of one.
 * Used for the cache, the config, the personal catalog, the test tone and the
 * HTML pages.
 */
import {
  closeSync,
  fsyncSync,
  mkdirSync,
  openSync,
  renameSync,
  unlinkSync,
  writeSync,
} from "node:fs";
import { basename, dirname, join } from "node:path";
import { HpAdviseError } from "./errors.js";

export interface WriteOptions {
  /** Permission bits for a new file (before the umask). */
  mode?: number;
  /** Create the folder first. */
  mkdir?: boolean;
}

/** Writes `data` (or its parts, in order) to `file` whole; throws the system's error, leaving no temporary file. */
export function writeWhole(
  file: string,
  data: string | Uint8Array | readonly Uint8Array[],
  options: WriteOptions = {},
): void {
  const dir = dirname(file);
  if (options.mkdir) mkdirSync(dir, { recursive: true });
  const parts =
    typeof data === "string" ? [Buffer.from(data)] : data instanceof Uint8Array ? [data] : data;
  const temp = join(dir, `.${basename(file)}.${randomName()}.tmp`);
  let fd: number | undefined;
  try {
    fd = openSync(temp, "wx", options.mode ?? 0o644);
    for (const part of parts) {
      let done = 0;
      while (done < part.length) done += writeSync(fd, part, done, part.length - done);
    }
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    // rename replaces whatever is at `file` (a symlink included) without following it.
    renameSync(temp, file);
  } catch (e) {
    if (fd !== undefined) closeSync(fd);
    try {
      unlinkSync(temp);
    } catch {
      // Never created, or already renamed.
    }
    throw e;
  }
}

/** 16 hex digits from the platform's random source (no module to load for it). */
function randomName(): string {
  const bytes = new Uint8Array(8);
  globalThis.crypto.getRandomValues(bytes);
  return Buffer.from(bytes).toString("hex");
}

/** A file the user asked for (`--html`, `--tone`): written whole, or a clear error. */
export function writeUserFile(file: string, data: string | Uint8Array): void {
  try {
    writeWhole(file, data);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new HpAdviseError(`cannot write ${file} (${code ?? String(e)})`, {
      hint: "check that the folder exists and is writable",
    });
  }
}
