/**
 * A cache of validated user catalogs. Parsing and validating a large catalog
 * (10,000 models: about 40 ms of JSON.parse and 110 ms of schema checks) would
 * otherwise happen on every run; a set of files that loaded cleanly once is
 * remembered by a hash of their bytes, the built-in catalog's stamp and the
 * build, so any change to any of them misses and is checked afresh. Only clean
 * loads are cached: every problem is always reported from a real parse.
 *
 * Where: HPADVISE_CACHE_DIR, else $XDG_CACHE_HOME/hpadvise (an absolute
 * path, as the XDG spec says), else ~/.cache/hpadvise; HPADVISE_CACHE_DIR=off
 * turns it off. A cache that cannot be read or written is simply not used.
 *
 * Every file in it is an entry (below): a header naming the key it was
 * written for and a checksum of each block of what follows, so a damaged,
 * truncated, swapped or foreign file is a miss (deleted, then rebuilt), never
 * an answer for another catalog. Entries are written whole (an exclusive,
 * unpredictably named temp file, then a rename), never through a symlink, and
 * only in a directory that is ours.
 */
import {
  closeSync,
  constants,
  fstatSync,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readSync,
  statSync,
  unlinkSync,
} from "node:fs";
import { dirname, isAbsolute, join } from "node:path";
import type { CatalogIssue } from "../errors.js";
import { writeWhole } from "../write-whole.js";
import { crc32Hex, hashChunks, keyPart } from "./hash.js";
import type { CatalogFile } from "./schema.js";

/** Bump when what is cached changes shape. */
const FORMAT = "hpadvise-catalog-cache/3";
/** How many cached catalog sets to keep. */
export const CACHE_ENTRIES = 8;
/** A temp file this old was left by a run that died; a live writer's is seconds old. */
const STALE_TEMP_MS = 60 * 60 * 1000;

declare const __HPADVISE_BUILD__: string | undefined;
/** Set by the build, so a new build never reads an old build's cache. */
const BUILD = typeof __HPADVISE_BUILD__ === "string" ? __HPADVISE_BUILD__ : "source";

export interface CachedLoad {
  files: CatalogFile[];
  warnings: CatalogIssue[];
}

/** Directories where making a cache is never right (procfs makes mkdir spin). */
const NEVER = ["/proc", "/sys", "/dev"];

export function cacheDirFrom(env: Readonly<Record<string, string | undefined>>): string | null {
  const explicit = env.HPADVISE_CACHE_DIR;
  const dir =
    explicit !== undefined && explicit !== ""
      ? explicit === "off"
        ? null
        : explicit
      : // Relative values are ignored (XDG Base Directory spec), not taken against the cwd.
        env.XDG_CACHE_HOME && isAbsolute(env.XDG_CACHE_HOME)
        ? join(env.XDG_CACHE_HOME, "hpadvise")
        : env.HOME && isAbsolute(env.HOME)
          ? join(env.HOME, ".cache", "hpadvise")
          : null;
  if (dir === null) return null;
  return NEVER.some((n) => dir === n || dir.startsWith(`${n}/`)) ? null : dir;
}

export function cacheKey(
  builtinStamp: string,
  files: readonly { name: string; bytes: Uint8Array }[],
): string {
  return hashChunks([
    FORMAT,
    BUILD,
    builtinStamp,
    ...files.flatMap((f) => [f.name, keyPart(f.bytes)]),
  ]);
}

// ---------------------------------------------------------------------------
// Marks: what stat says of each user file when its key was last worked out,
// so a run whose files are unchanged knows the key without reading them (a
// 10,000-model catalog is 6 MB to read and hash on every run). As git's index
// does: size, inode, and modification and change times, the change time
// being set by every write and never settable back. A file changed within
// a second of being read may share its times with the version read (a clock
// tick), so marks are kept only for files that were settled then; a settled
// file that changes gets new times. Any doubt, and the files are read.

/** What stat says of a file, enough to notice a write. */
export interface FileMark {
  size: number;
  ino: number;
  mtimeMs: number;
  ctimeMs: number;
}

/** A file younger than this when read is not marked: a write in the same clock tick could hide. */
export const SETTLED_MS = 1000;

export function markOf(path: string): FileMark | undefined {
  try {
    const { size, ino, mtimeMs, ctimeMs } = statSync(path);
    return { size, ino, mtimeMs, ctimeMs };
  } catch {
    return undefined;
  }
}

const sameMark = (a: FileMark | undefined, b: FileMark | undefined) =>
  a !== undefined &&
  b !== undefined &&
  a.size === b.size &&
  a.ino === b.ino &&
  a.mtimeMs === b.mtimeMs &&
  a.ctimeMs === b.ctimeMs;

/** The entry holding the marks of this set of files (by their paths) for this build and built-in data. */
function marksId(builtinStamp: string, paths: readonly string[]): string {
  return hashChunks(["marks", FORMAT, BUILD, builtinStamp, ...paths]);
}

/** The key of these files, known from their marks without reading them; undefined when in doubt. */
export function markedKey(
  dir: string,
  builtinStamp: string,
  paths: readonly string[],
): string | undefined {
  const id = marksId(builtinStamp, paths);
  const bytes = readEntry(join(dir, `${id}.marks`), id);
  if (!bytes) return undefined;
  try {
    const { key, marks } = JSON.parse(bytes.toString()) as { key: string; marks: FileMark[] };
    if (typeof key !== "string" || !Array.isArray(marks) || marks.length !== paths.length)
      return undefined;
    return paths.every((p, i) => sameMark(markOf(p), marks[i])) ? key : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Remembers the key of files read with these marks (taken before reading),
 * if each is unchanged since and was settled when read.
 */
export function markKey(
  dir: string,
  builtinStamp: string,
  paths: readonly string[],
  before: readonly (FileMark | undefined)[],
  key: string,
  now = Date.now(),
): void {
  const settled = paths.every((p, i) => {
    const mark = before[i];
    return (
      mark !== undefined &&
      sameMark(markOf(p), mark) &&
      Math.max(mark.mtimeMs, mark.ctimeMs) < now - SETTLED_MS
    );
  });
  if (!settled) return;
  const id = marksId(builtinStamp, paths);
  writeEntry(join(dir, `${id}.marks`), id, Buffer.from(JSON.stringify({ key, marks: before })));
}

export function cachePath(dir: string, key: string): string {
  return join(dir, `${key}.json`);
}

export function readCache(dir: string, key: string): CachedLoad | undefined {
  const file = cachePath(dir, key);
  const bytes = readEntry(file, key);
  if (!bytes) return undefined;
  try {
    const load = JSON.parse(bytes.toString()) as CachedLoad;
    if (isCachedLoad(load)) return load;
  } catch {
    // Checked, yet not ours: treated as damaged below.
  }
  dropEntry(file);
  return undefined;
}

/** The shape of a cached load, checked cheaply: a clean catalog written by us. */
function isCachedLoad(load: unknown): load is CachedLoad {
  const l = load as Partial<CachedLoad> | null;
  return (
    typeof l === "object" &&
    l !== null &&
    Array.isArray(l.warnings) &&
    Array.isArray(l.files) &&
    l.files.every(
      (f) =>
        typeof f === "object" &&
        f !== null &&
        Array.isArray(f.headphones) &&
        Array.isArray(f.sources) &&
        [...f.headphones, ...f.sources].every(
          (e) => typeof e === "object" && e !== null && typeof e.id === "string",
        ),
    )
  );
}

export function writeCache(dir: string, key: string, load: CachedLoad): void {
  writeEntry(cachePath(dir, key), key, Buffer.from(JSON.stringify(load)));
}

/** Deletes a damaged entry, so the next run rebuilds it. */
export function dropEntry(file: string): void {
  try {
    unlinkSync(file);
  } catch {
    // Gone already, or not ours to delete.
  }
}

// ---------------------------------------------------------------------------
// Entries: "HPCE" · header length (uint32 LE) · header JSON · payload.
// The header names the format, the key, the payload's length and block size,
// and a checksum (CRC-32) of each block, so a reader of a few parts of a big entry
// (the rank index) checks just the blocks it reads.

const MAGIC = "HPCE";
const ENTRY_FORMAT = "hpadvise-cache-entry/2";
const BLOCK = 64 * 1024;

interface EntryHeader {
  format: string;
  key: string;
  length: number;
  block: number;
  sums: string[];
}

/** Part of an entry's payload, read on demand; each read checks the blocks it touches. */
export interface EntryReader {
  /** The payload's length in bytes. */
  length: number;
  /** `length` bytes at `position` of the payload; throws if the file is damaged or gone. */
  read(position: number, length: number): Buffer;
}

function blockSums(payload: Uint8Array): string[] {
  const count = Math.max(1, Math.ceil(payload.length / BLOCK));
  return Array.from({ length: count }, (_, i) =>
    crc32Hex(payload.subarray(i * BLOCK, Math.min((i + 1) * BLOCK, payload.length))),
  );
}

/** Is `dir` a real directory (not a symlink) that belongs to us? */
function isOurs(dir: string): boolean {
  try {
    const info = lstatSync(dir);
    const uid = process.getuid?.();
    return info.isDirectory() && (uid === undefined || info.uid === uid);
  } catch {
    return false;
  }
}

/** Makes the cache directory, at most two levels deep: never a tree under a HOME that is not there. */
function ensureDir(dir: string): boolean {
  for (const d of [dirname(dir), dir]) {
    try {
      mkdirSync(d, { mode: 0o700 });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") {
        if (d === dir) return false;
      }
    }
  }
  return isOurs(dir);
}

/**
 * Writes an entry whole or not at all: a reader sees the old file or the whole
 * new one. False when it could not: a cache we cannot write is a cache we do without.
 */
export function writeEntry(file: string, key: string, payload: Uint8Array): boolean {
  const dir = dirname(file);
  if (!ensureDir(dir)) return false;
  const header: EntryHeader = {
    format: ENTRY_FORMAT,
    key,
    length: payload.length,
    block: BLOCK,
    sums: blockSums(payload),
  };
  const head = Buffer.from(JSON.stringify(header));
  const prefix = Buffer.alloc(8);
  prefix.write(MAGIC, 0, "latin1");
  prefix.writeUInt32LE(head.length, 4);
  try {
    // writeWhole follows a link; in our own cache folder a link was planted, so it goes.
    if (lstatSync(file, { throwIfNoEntry: false })?.isSymbolicLink()) unlinkSync(file);
    writeWhole(file, [prefix, head, payload], { mode: 0o600 });
  } catch {
    return false;
  }
  // After every write (an entry or a rebuilt rank index), so what a killed run left goes.
  try {
    pruneCache(dir);
  } catch {
    // Pruning is housekeeping; the entry is written.
  }
  return true;
}

/**
 * Opens an entry written for `key`: undefined (and the file deleted) when it
 * is missing, not ours, of another format or key, or of the wrong length.
 * Its blocks are checked as they are read.
 */
export function openEntry(file: string, key: string): EntryReader | undefined {
  if (!isOurs(dirname(file))) return undefined;
  let fd: number | undefined;
  let header: EntryHeader;
  let start: number;
  try {
    fd = openSync(file, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0));
    const info = fstatSync(fd);
    const prefix = readAt(fd, 0, 8);
    if (prefix.toString("latin1", 0, 4) !== MAGIC) throw new Error("not an entry");
    const headLength = prefix.readUInt32LE(4);
    if (headLength > info.size) throw new Error("short");
    header = JSON.parse(readAt(fd, 8, headLength).toString()) as EntryHeader;
    start = 8 + headLength;
    if (
      header.format !== ENTRY_FORMAT ||
      header.key !== key ||
      header.block !== BLOCK ||
      !Array.isArray(header.sums) ||
      header.sums.length !== Math.max(1, Math.ceil(header.length / BLOCK)) ||
      info.size !== start + header.length ||
      !info.isFile()
    ) {
      throw new Error("not this entry");
    }
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "ENOENT") dropEntry(file);
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
  const checked = new Set<number>();
  return {
    length: header.length,
    read(position, length) {
      if (position < 0 || length < 0 || position + length > header.length)
        throw new Error("read beyond the entry");
      const first = Math.floor(position / BLOCK);
      const last = length === 0 ? first : Math.floor((position + length - 1) / BLOCK);
      const from = first * BLOCK;
      const to = Math.min(header.length, (last + 1) * BLOCK);
      let f: number | undefined;
      try {
        f = openSync(file, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0));
        const blocks = readAt(f, start + from, to - from);
        for (let b = first; b <= last; b++) {
          if (checked.has(b)) continue;
          const at = (b - first) * BLOCK;
          const sum = crc32Hex(blocks.subarray(at, Math.min(at + BLOCK, blocks.length)));
          if (sum !== header.sums[b]) throw new Error("checksum");
          checked.add(b);
        }
        return blocks.subarray(position - from, position - from + length);
      } catch (e) {
        if ((e as Error).message === "checksum") dropEntry(file);
        throw e;
      } finally {
        if (f !== undefined) closeSync(f);
      }
    },
  };
}

/** A whole entry's payload, checked; undefined (and the file deleted if damaged) otherwise. */
export function readEntry(file: string, key: string): Buffer | undefined {
  const reader = openEntry(file, key);
  if (!reader) return undefined;
  try {
    return reader.read(0, reader.length);
  } catch {
    return undefined;
  }
}

function readAt(fd: number, position: number, length: number): Buffer {
  const buffer = Buffer.allocUnsafe(length);
  let done = 0;
  while (done < length) {
    const n = readSync(fd, buffer, done, length - done, position + done);
    if (n === 0) throw new Error("short read");
    done += n;
  }
  return buffer;
}

/** A cache file: an entry `KEY.kind`, or a temp file `.KEY.kind.RANDOM.tmp` (older runs: `KEY.kind.PID.tmp`). */
const ENTRY_NAME = /^([0-9a-f]{16})\.[a-z]+$/;
const TEMP_NAME = /^\.?[0-9a-f]{16}\.[a-z]+\.[0-9a-z]+\.tmp$/;

/**
 * Keeps the newest CACHE_ENTRIES keys, every kind of entry of a key going
 * with it (the catalog and its rank index), and deletes temp files left by
 * runs that died. Other files in the directory are not touched.
 */
export function pruneCache(dir: string, now = Date.now()): void {
  const byKey = new Map<string, { files: string[]; at: number }>();
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    let at: number;
    try {
      at = statSync(path).mtimeMs;
    } catch {
      continue;
    }
    if (TEMP_NAME.test(name)) {
      if (now - at > STALE_TEMP_MS) dropEntry(path);
      continue;
    }
    const key = ENTRY_NAME.exec(name)?.[1];
    if (!key) continue;
    const group = byKey.get(key) ?? { files: [], at: 0 };
    group.files.push(path);
    group.at = Math.max(group.at, at);
    byKey.set(key, group);
  }
  const groups = [...byKey.values()].sort((a, b) => b.at - a.at);
  for (const group of groups.slice(CACHE_ENTRIES)) {
    for (const file of group.files) dropEntry(file);
  }
}
