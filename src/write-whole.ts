/**
 * The one way hpadvise writes a file, respecting what the target is:
 *
 * - A regular file (or a new one) is replaced whole: the bytes go to an
 *   unpredictably named temporary file beside it, created exclusively,
 *   flushed, then renamed over it, so a reader sees the old file or the whole
 *   new one. The replaced file keeps its mode and owner.
 * - A symlink is followed (a dotfiles `config.yaml` stays a link and its
 *   target gets the new content).
 * - Anything else (a character device, a FIFO, `/dev/stdout`) is written
 *   through: renaming over it would replace the system's own node.
 * - A writable file in a folder we may not create files in is written in
 *   place, as other tools do.
 *
 * Used for the cache, the config, the personal catalog, the test tone and the
 * HTML pages.
 */
import {
  closeSync,
  fchmodSync,
  fchownSync,
  fsyncSync,
  lstatSync,
  mkdirSync,
  openSync,
  readlinkSync,
  realpathSync,
  renameSync,
  type Stats,
  statSync,
  unlinkSync,
  writeSync,
} from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { HpAdviseError } from "./errors.js";

export interface WriteOptions {
  /** Permission bits for a new file (before the umask); an existing file keeps its own. */
  mode?: number;
  /** Create the folder first. */
  mkdir?: boolean;
}

type Parts = readonly Uint8Array[];

/** Writes `data` (or its parts, in order) to `file`; throws the system's error, leaving no temporary file. */
export function writeWhole(
  file: string,
  data: string | Uint8Array | readonly Uint8Array[],
  options: WriteOptions = {},
): void {
  const parts =
    typeof data === "string" ? [Buffer.from(data)] : data instanceof Uint8Array ? [data] : data;
  if (options.mkdir) mkdirSync(dirname(file), { recursive: true });
  const existing = statIfAny(file);
  if (existing?.isDirectory()) throw Object.assign(new Error("is a directory"), { code: "EISDIR" });
  const descriptor = openDescriptor(file);
  if (descriptor !== undefined) {
    writeParts(descriptor, parts);
    return;
  }
  if (existing && !existing.isFile()) {
    writeThrough(file, parts, false);
    return;
  }
  const target = existing ? realpathSync(file) : linkTarget(file);
  try {
    replace(target, parts, existing, options.mode ?? 0o644);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    // The folder refuses new files but the file itself may be writable.
    if (existing && (code === "EACCES" || code === "EPERM" || code === "EROFS")) {
      writeThrough(target, parts, true);
      return;
    }
    throw e;
  }
}

function statIfAny(file: string): Stats | undefined {
  try {
    return statSync(file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw e;
  }
}

/**
 * The descriptor a path such as `/dev/stdout` names (a link through /dev/fd or
 * /proc/self/fd): written to as it is, since a socket there cannot be opened
 * again by name, and replacing the link would replace the system's node.
 */
function openDescriptor(file: string): number | undefined {
  let path = resolve(file);
  for (let hop = 0; hop < 40; hop++) {
    const fd = /^\/(?:dev\/fd|proc\/self\/fd|proc\/(\d+)\/fd)\/(\d+)$/.exec(path);
    if (fd && (fd[1] === undefined || Number(fd[1]) === process.pid)) return Number(fd[2]);
    let link: string;
    try {
      if (!lstatSync(path).isSymbolicLink()) return undefined;
      link = readlinkSync(path);
    } catch {
      return undefined;
    }
    path = resolve(dirname(path), link);
  }
  return undefined;
}

/** Where a link that points at nothing yet would put the file (the dotfile not written yet). */
function linkTarget(file: string): string {
  let path = resolve(file);
  for (let hop = 0; hop < 40; hop++) {
    let stats: Stats;
    try {
      stats = lstatSync(path);
    } catch {
      return path;
    }
    if (!stats.isSymbolicLink()) return path;
    path = resolve(dirname(path), readlinkSync(path));
  }
  throw Object.assign(new Error("too many symbolic links"), { code: "ELOOP" });
}

function writeParts(fd: number, parts: Parts): void {
  for (const part of parts) {
    let done = 0;
    while (done < part.length) {
      try {
        done += writeSync(fd, part, done, part.length - done);
      } catch (e) {
        // Our stdout may be a non-blocking pipe: wait for its reader.
        if ((e as NodeJS.ErrnoException).code !== "EAGAIN") throw e;
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5);
      }
    }
  }
}

function replace(target: string, parts: Parts, existing: Stats | undefined, mode: number): void {
  const temp = join(dirname(target), `.${basename(target)}.${randomName()}.tmp`);
  let fd: number | undefined;
  try {
    fd = openSync(temp, "wx", existing ? 0o600 : mode);
    if (existing) {
      fchmodSync(fd, existing.mode & 0o7777);
      try {
        fchownSync(fd, existing.uid, existing.gid);
      } catch {
        // Only root may give a file away; ours is then the owner, as with any editor.
      }
    }
    writeParts(fd, parts);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    renameSync(temp, target);
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

/** Into the node itself: a device, a pipe, or a file whose folder is read-only (`flush` for files). */
function writeThrough(target: string, parts: Parts, flush: boolean): void {
  const fd = openSync(target, "w");
  try {
    writeParts(fd, parts);
    if (flush) fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** 16 hex digits from the platform's random source (no module to load for it). */
function randomName(): string {
  const bytes = new Uint8Array(8);
  globalThis.crypto.getRandomValues(bytes);
  return Buffer.from(bytes).toString("hex");
}

const REASONS: Record<string, string> = {
  ENOSPC: "the disk is full",
  EDQUOT: "the disk quota is used up",
  EFBIG: "the file is larger than this system allows",
  EACCES: "permission denied",
  EPERM: "permission denied",
  EROFS: "the file system is read-only",
  ENOENT: "the folder does not exist",
  ENOTDIR: "a part of the path is a file, not a folder",
  EEXIST: "a part of the path is a file, not a folder",
  EISDIR: "it is a folder",
  ELOOP: "too many symbolic links",
  EIO: "an input/output error",
};

/** A failed write as a clear error (exit 2): what, where, why, and what to do. */
export function writeError(file: string, e: unknown, hint?: string): HpAdviseError {
  if (e instanceof HpAdviseError) return e;
  const code = (e as NodeJS.ErrnoException).code;
  const reason = (code && REASONS[code]) ?? String((e as Error).message ?? e);
  return new HpAdviseError(`cannot write ${file}${code ? ` (${code})` : ""}: ${reason}`, {
    hint: hint ?? "check that the folder exists, is writable and has space",
  });
}

/** A file the user asked for (`--html`, `--tone`): written, or a clear error. */
export function writeUserFile(file: string, data: string | Uint8Array): void {
  try {
    writeWhole(file, data);
  } catch (e) {
    throw writeError(file, e);
  }
}
