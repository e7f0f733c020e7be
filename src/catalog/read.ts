/**
 * Reading the files we are given (catalogs, --rules), every failure turned
 * into one located issue. One reader for all of them, so each gets the same
 * protection:
 *
 * - Read in chunks up to a cap, never trusting `stat`'s size: `/dev/zero`,
 *   `/dev/urandom` and files under /proc report 0 and never end.
 * - Opened without blocking: a named pipe with no writer would otherwise hang
 *   in `open` forever; with no writer it reads as empty instead.
 * - Pipes and character devices (`--catalog <(cmd)`, `/dev/stdin`) can be
 *   read only once, so what they gave is kept for the rest of the process.
 *   Regular files are read afresh each time (their bytes may change).
 * - Directories, sockets and block devices are refused.
 */
import { closeSync, constants, fstatSync, openSync, readSync } from "node:fs";
import type { CatalogIssue } from "../errors.js";

/** A catalog file larger than this is refused: JSON.parse and the schema handle it in bounded memory. */
export const MAX_CATALOG_BYTES = 64 * 1024 * 1024;
/**
 * The YAML parser's document takes about 80 times the file's size in memory,
 * so YAML (not JSON) catalogs stop here; a bigger catalog must be JSON.
 */
export const MAX_YAML_BYTES = 16 * 1024 * 1024;

const EMPTY = "the file is empty; expected `headphones:` and/or `sources:` lists";
const CHUNK_BYTES = 1024 * 1024;
/** How long to wait for a pipe's writer between reads (the reader never blocks). */
const POLL_MS = 5;

const STDIN_NAMES = ["/dev/stdin", "/dev/fd/0", "/proc/self/fd/0"];

type Read = { bytes: Buffer } | { message: string };

/** What each pipe or device gave, by path: it cannot be read a second time. */
const streamed = new Map<string, Read>();

const size = (n: number) =>
  n >= 1024 * 1024 ? `${Math.round(n / (1024 * 1024))} MB` : `${n} bytes`;

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function errnoMessage(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === "ENOENT") return "no such file";
  if (code === "EACCES" || code === "EPERM") return "permission denied";
  if (code === "ENXIO") return "is a socket or a device that cannot be read; expected a file";
  if (code === "EISDIR") return "is a directory";
  return `cannot be read (${code ?? String(e)})`;
}

/**
 * The whole content of `file`, at most `limit` bytes. `what` names the kind of
 * file in messages ("a YAML catalog file").
 */
export function readBounded(file: string, limit: number, what: string): Read {
  const kept = streamed.get(file);
  if (kept) return kept;
  // Our own stdin is read from its descriptor: it may be a socket (as Node
  // gives a child), which cannot be opened again by name.
  const stdin = STDIN_NAMES.includes(file);
  let fd: number;
  try {
    // O_NONBLOCK: Windows has none (and no FIFOs to hang on).
    fd = stdin ? 0 : openSync(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (e) {
    return { message: errnoMessage(e) };
  }
  try {
    const info = fstatSync(fd);
    if (info.isDirectory()) return { message: `is a directory; expected ${what}` };
    const stream = stdin || info.isFIFO() || info.isCharacterDevice();
    if (!info.isFile() && !stream) return { message: `is not a regular file; expected ${what}` };
    const tooBig = { message: `is larger than ${size(limit)}, the limit for ${what}` };
    if (info.isFile() && info.size > limit) return tooBig;
    const result = readAll(fd, limit, tooBig);
    if (stream) streamed.set(file, result);
    return result;
  } catch (e) {
    return { message: errnoMessage(e) };
  } finally {
    if (!stdin) closeSync(fd);
  }
}

function readAll(fd: number, limit: number, tooBig: { message: string }): Read {
  const chunks: Buffer[] = [];
  let total = 0;
  for (;;) {
    const chunk = Buffer.allocUnsafe(CHUNK_BYTES);
    let n: number;
    try {
      n = readSync(fd, chunk, 0, CHUNK_BYTES, null);
    } catch (e) {
      // A pipe whose writer has not written yet.
      if ((e as NodeJS.ErrnoException).code === "EAGAIN") {
        sleep(POLL_MS);
        continue;
      }
      throw e;
    }
    if (n === 0) break;
    total += n;
    if (total > limit) return tooBig;
    chunks.push(n === CHUNK_BYTES ? chunk : chunk.subarray(0, n));
  }
  return { bytes: Buffer.concat(chunks, total) };
}

export function decodeCatalogBytes(
  bytes: Buffer,
  name: string,
  empty = EMPTY,
): { text: string } | { issue: CatalogIssue } {
  const fail = (message: string) => ({ issue: { file: name, path: "", message } });
  try {
    const text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    if (text.trim() === "") return fail(empty);
    return { text: text.startsWith("\uFEFF") ? text.slice(1) : text };
  } catch {
    return fail(
      `is not UTF-8 text (first bad byte at line ${badByteLine(bytes)}); save it as UTF-8`,
    );
  }
}

export async function readCatalogFile(
  file: string,
  name = file,
): Promise<{ text: string } | { issue: CatalogIssue }> {
  return readCatalogFileSync(file, name);
}

export function readCatalogFileSync(
  file: string,
  name = file,
): { text: string } | { issue: CatalogIssue } {
  const read = readBounded(file, MAX_CATALOG_BYTES, "a YAML catalog file");
  if ("message" in read) return { issue: { file: name, path: "", message: read.message } };
  return decodeCatalogBytes(read.bytes, name);
}

function badByteLine(bytes: Buffer): number {
  // Decode line by line until one fails: cheap for the rare bad file.
  let line = 1;
  let start = 0;
  const decoder = new TextDecoder("utf-8", { fatal: true });
  for (let i = 0; i <= bytes.length; i++) {
    if (i === bytes.length || bytes[i] === 0x0a) {
      try {
        decoder.decode(bytes.subarray(start, i));
      } catch {
        return line;
      }
      line++;
      start = i + 1;
    }
  }
  return line;
}
