/**
 * One cached catalog: the whole catalog as last loaded with the user's files,
 * validated and merged, the same kind of thing as the build's snapshot of the
 * built-in data, and resolved the same way when read. A user catalog can be
 * large enough that parsing and validating it (yaml or JSON, the schema, the
 * cross-file rules) would slow every run; a clean load is kept in one file and
 * used while the files it came from are unchanged (read.ts `FileMark`) and the
 * build is the same. Anything else is a miss, and a miss is a real load. Only
 * clean loads are cached, so every problem is always reported from a real parse.
 *
 * Where: HPADVISE_CACHE_DIR, else $XDG_CACHE_HOME/hpadvise (an absolute
 * path, as the XDG spec says), else ~/.cache/hpadvise; HPADVISE_CACHE_DIR=off
 * turns it off. A cache that cannot be read or written is simply not used.
 * The same folder keeps the figures of measured curves (`openCurveCache`)
 * and your config as last read (`readCachedConfig`).
 */
import { existsSync, lstatSync, mkdirSync, readFileSync, statSync, unlinkSync } from "node:fs";
import { dirname, isAbsolute, join } from "node:path";
import type { Config } from "../config/config.js";
import type { FrAnalysis } from "../core/fr.js";
import type { CatalogIssue } from "../errors.js";
import { writeWhole } from "../write-whole.js";
import type { CatalogFile } from "./schema.js";

declare const __HPADVISE_BUILD__: string | undefined;
/** Set by the build, so a new build never reads an old build's cache. */
const BUILD = typeof __HPADVISE_BUILD__ === "string" ? __HPADVISE_BUILD__ : "source";

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

export interface CachedLoad {
  /** The files' validated entries, merged: what the build's snapshot holds for data/. */
  catalog: CatalogFile;
  warnings: CatalogIssue[];
}

/**
 * What the cached load was made from, as one line: the build, the built-in
 * catalog's stamp and each file's path and mark. Undefined when one is not a
 * regular file (a pipe, /dev/stdin).
 */
export function cacheKey(builtinStamp: string, paths: readonly string[]): string | undefined {
  const marks = paths.map(markOf);
  if (marks.some((m) => m === undefined)) return undefined;
  return JSON.stringify({ build: BUILD, builtin: builtinStamp, paths, marks });
}

/** The body of the cache file `name` when its first line is `key`; else (or unreadable) undefined. */
function readKeyed(dir: string, name: string, key: string): string | undefined {
  try {
    const text = readFileSync(join(dir, name), "utf8");
    const end = text.indexOf("\n");
    return end >= 0 && text.slice(0, end) === key ? text.slice(end + 1) : undefined;
  } catch {
    return undefined;
  }
}

/** Replaces the cache file `name` (the key on the first line); a failure to write is ignored. */
function writeKeyed(dir: string, name: string, key: string, body: string): void {
  try {
    // The folder and its parent at most (~/.cache/hpadvise): never a tree under a missing HOME.
    for (const d of [dirname(dir), dir]) if (!existsSync(d)) mkdirSync(d, { mode: 0o700 });
    // writeWhole follows a link; in our own cache folder a link was planted, so it goes.
    const file = join(dir, name);
    if (lstatSync(file, { throwIfNoEntry: false })?.isSymbolicLink()) unlinkSync(file);
    writeWhole(file, `${key}\n${body}`, { mode: 0o600 });
  } catch {
    // No cache this time: the next run does the work again.
  }
}

/** The cached load when it was made from exactly `key`; a damaged file is a miss. */
export function readCache(dir: string, key: string): CachedLoad | undefined {
  const body = readKeyed(dir, "catalog.json", key);
  if (body === undefined) return undefined;
  try {
    const load = JSON.parse(body) as CachedLoad;
    const { catalog, warnings } = load;
    return Array.isArray(catalog?.headphones) &&
      Array.isArray(catalog.sources) &&
      Array.isArray(warnings)
      ? load
      : undefined;
  } catch {
    return undefined;
  }
}

/** Replaces the cached load (the key on the first line); a failure to write is ignored. */
export function writeCache(dir: string, key: string, load: CachedLoad): void {
  writeKeyed(dir, "catalog.json", key, JSON.stringify(load));
}

/** What a measured curve gives the ranking: its analysis against the target, as measuredNote reads it. */
export type CurveFigures = Pick<FrAnalysis, "tags" | "tiltDbPerOctave" | "bassDb" | "trebleDb">;

/**
 * The figures of the curves judged against one target, kept in one file
 * (curves.json) while the build, the target file and each curve file are
 * unchanged (read.ts `FileMark`). Only curves that were read and analysed
 * cleanly are put in, so a file that cannot be read is read, and reported,
 * on every run. The file keeps the curves the last run judged.
 */
export interface CurveCache {
  /** The key of a curve as it is now (stat it before reading it); undefined: not cacheable. */
  keyOf(path: string, rig: string): string | undefined;
  get(key: string): CurveFigures | undefined;
  set(key: string, figures: CurveFigures): void;
  /** Writes the figures this run used, when they differ from what was read. */
  save(): void;
}

/** The curve cache for this target file; undefined when the target is not a regular file. */
export function openCurveCache(
  dir: string,
  targetPath: string,
  targetRig: string | null,
): CurveCache | undefined {
  const target = markOf(targetPath);
  if (target === undefined) return undefined;
  const fileKey = JSON.stringify({
    build: BUILD,
    target: targetPath,
    rig: targetRig,
    mark: target,
  });
  let stored: Record<string, CurveFigures> = {};
  try {
    const parsed = JSON.parse(readKeyed(dir, "curves.json", fileKey) ?? "{}");
    if (parsed !== null && typeof parsed === "object" && !Array.isArray(parsed)) stored = parsed;
  } catch {
    // A damaged file is a miss for every curve.
  }
  const used: Record<string, CurveFigures> = {};
  let changed = false;
  return {
    keyOf(path, rig) {
      const mark = markOf(path);
      return mark === undefined ? undefined : JSON.stringify({ path, rig, mark });
    },
    get(key) {
      const f = stored[key];
      const ok =
        f !== undefined &&
        Array.isArray(f.tags) &&
        [f.tiltDbPerOctave, f.bassDb, f.trebleDb].every((v) => typeof v === "number");
      if (ok) used[key] = f;
      return ok ? f : undefined;
    },
    set(key, { tags, tiltDbPerOctave, bassDb, trebleDb }) {
      used[key] = { tags, tiltDbPerOctave, bassDb, trebleDb };
      changed = true;
    },
    save() {
      if (changed || Object.keys(used).length !== Object.keys(stored).length) {
        writeKeyed(dir, "curves.json", fileKey, JSON.stringify(used));
      }
    },
  };
}

/** The key of the config file as it is now; undefined when it is not a regular file. */
function configKey(path: string): string | undefined {
  const mark = markOf(path);
  return mark === undefined ? undefined : JSON.stringify({ build: BUILD, config: path, mark });
}

const isText = (v: unknown) => v === undefined || typeof v === "string";

/** What a clean read of a config gives (config.ts checked it before it was written). */
function isConfig(v: unknown): v is Config {
  if (v === null || typeof v !== "object" || Array.isArray(v)) return false;
  const c = v as Record<string, unknown>;
  return (
    isText(c.source) &&
    isText(c.target) &&
    isText(c.measurements) &&
    (c.budget === undefined || typeof c.budget === "number") &&
    (c.own === undefined || (Array.isArray(c.own) && c.own.every((id) => typeof id === "string")))
  );
}

/**
 * Your config as last read cleanly, while the file is unchanged and the build
 * the same: every command reads the config, and parsing it needs the YAML
 * parser, the largest code a command would otherwise load. A miss (or a
 * damaged file) is a real read, and a config with a problem is never cached,
 * so its problems are reported on every run.
 */
export function readCachedConfig(dir: string, path: string): Config | undefined {
  const key = configKey(path);
  const body = key === undefined ? undefined : readKeyed(dir, "config.json", key);
  if (body === undefined) return undefined;
  try {
    const config: unknown = JSON.parse(body);
    return isConfig(config) ? config : undefined;
  } catch {
    return undefined;
  }
}

/** Keeps a config read cleanly from `path` (see readCachedConfig); a failure to write is ignored. */
export function writeCachedConfig(dir: string, path: string, config: Config): void {
  const key = configKey(path);
  if (key !== undefined) writeKeyed(dir, "config.json", key, JSON.stringify(config));
}

/**
 * What stat says of a regular file, enough to notice a write without reading
 * it (the change time is set by every write and cannot be set back);
 * undefined for anything else (a pipe, a device: read once, nothing to compare).
 */
export interface FileMark {
  size: number;
  mtimeMs: number;
  ctimeMs: number;
  ino: number;
}

export function markOf(path: string): FileMark | undefined {
  try {
    const info = statSync(path);
    const { size, mtimeMs, ctimeMs, ino } = info;
    return info.isFile() ? { size, mtimeMs, ctimeMs, ino } : undefined;
  } catch {
    return undefined;
  }
}

export const sameMark = (a: FileMark | undefined, b: FileMark | undefined): boolean =>
  a !== undefined &&
  b !== undefined &&
  a.size === b.size &&
  a.mtimeMs === b.mtimeMs &&
  a.ctimeMs === b.ctimeMs &&
  a.ino === b.ino;
