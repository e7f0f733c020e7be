/**
 * One cached catalog: the whole catalog as last loaded with the user's files,
 * validated and resolved. A user catalog can be large enough that parsing,
 * validating and resolving it (yaml or JSON, the schema, the cross-file rules)
 * would slow every run; a clean load is kept in one file and used while the
 * files it came from are unchanged (read.ts `FileMark`) and the build is the same. Anything else
 * is a miss, and a miss is a real load. Only clean loads are cached, so every
 * problem is always reported from a real parse.
 *
 * Where: HPADVISE_CACHE_DIR, else $XDG_CACHE_HOME/hpadvise (an absolute
 * path, as the XDG spec says), else ~/.cache/hpadvise; HPADVISE_CACHE_DIR=off
 * turns it off. A cache that cannot be read or written is simply not used.
 */
import { existsSync, lstatSync, mkdirSync, readFileSync, unlinkSync } from "node:fs";
import { dirname, isAbsolute, join } from "node:path";
import type { Catalog } from "../core/types.js";
import type { CatalogIssue } from "../errors.js";
import { writeWhole } from "../write-whole.js";
import { markOf } from "./read.js";

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
  catalog: Catalog;
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

const cacheFile = (dir: string) => join(dir, "catalog.json");

/** The cached load when it was made from exactly `key`; a damaged file is a miss. */
export function readCache(dir: string, key: string): CachedLoad | undefined {
  try {
    const text = readFileSync(cacheFile(dir), "utf8");
    const end = text.indexOf("\n");
    if (end < 0 || text.slice(0, end) !== key) return undefined;
    const load = JSON.parse(text.slice(end + 1)) as CachedLoad;
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
  try {
    // The folder and its parent at most (~/.cache/hpadvise): never a tree under a missing HOME.
    for (const d of [dirname(dir), dir]) if (!existsSync(d)) mkdirSync(d, { mode: 0o700 });
    // writeWhole follows a link; in our own cache folder a link was planted, so it goes.
    const file = cacheFile(dir);
    if (lstatSync(file, { throwIfNoEntry: false })?.isSymbolicLink()) unlinkSync(file);
    writeWhole(file, `${key}\n${JSON.stringify(load)}`, { mode: 0o600 });
  } catch {
    // No cache this time: the next run validates again.
  }
}
