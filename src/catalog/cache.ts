/**
 * A cache of validated user catalogs. Parsing and validating a large catalog
 * (10,000 models: about 40 ms of JSON.parse and 110 ms of schema checks) would
 * otherwise happen on every run; a set of files that loaded cleanly once is
 * remembered by a hash of their bytes, the built-in catalog's stamp and the
 * build, so any change to any of them misses and is checked afresh. Only clean
 * loads are cached: every problem is always reported from a real parse.
 *
 * Where: HPADVISE_CACHE_DIR, else $XDG_CACHE_HOME/hpadvise, else
 * ~/.cache/hpadvise; HPADVISE_CACHE_DIR=off turns it off. A cache that cannot
 * be read or written is simply not used.
 */
import {
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from "node:fs";
import { dirname, join } from "node:path";
import type { CatalogIssue } from "../errors.js";
import { hashChunks } from "./hash.js";
import type { CatalogFile } from "./schema.js";

/** Bump when what is cached changes shape. */
const FORMAT = "hpadvise-catalog-cache/1";
/** How many cached catalog sets to keep. */
export const CACHE_ENTRIES = 8;

declare const __HPADVISE_BUILD__: string | undefined;
/** Set by the build, so a new build never reads an old build's cache. */
const BUILD = typeof __HPADVISE_BUILD__ === "string" ? __HPADVISE_BUILD__ : "source";

export interface CachedLoad {
  files: CatalogFile[];
  warnings: CatalogIssue[];
}

export function cacheDirFrom(env: Readonly<Record<string, string | undefined>>): string | null {
  const explicit = env.HPADVISE_CACHE_DIR;
  if (explicit !== undefined && explicit !== "") return explicit === "off" ? null : explicit;
  if (env.XDG_CACHE_HOME) return join(env.XDG_CACHE_HOME, "hpadvise");
  if (env.HOME) return join(env.HOME, ".cache", "hpadvise");
  return null;
}

export function cacheKey(
  builtinStamp: string,
  files: readonly { name: string; bytes: Uint8Array }[],
): string {
  return hashChunks([FORMAT, BUILD, builtinStamp, ...files.flatMap((f) => [f.name, f.bytes])]);
}

export function readCache(dir: string, key: string): CachedLoad | undefined {
  try {
    const entry = JSON.parse(readFileSync(join(dir, `${key}.json`), "utf8")) as {
      format?: string;
      load?: CachedLoad;
    };
    return entry.format === FORMAT && Array.isArray(entry.load?.files) ? entry.load : undefined;
  } catch {
    return undefined;
  }
}

export function writeCache(dir: string, key: string, load: CachedLoad): void {
  if (writeAtomic(join(dir, `${key}.json`), () => JSON.stringify({ format: FORMAT, load }))) {
    try {
      prune(dir);
    } catch {
      // Pruning is housekeeping; the entry is written.
    }
  }
}

/**
 * Writes a file whole or not at all (a reader sees the old file or the whole
 * new one), creating its directory. False when it could not: a cache we cannot
 * write is a cache we do without.
 */
export function writeAtomic(file: string, data: () => string | Uint8Array): boolean {
  const temp = `${file}.${process.pid}.tmp`;
  try {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(temp, data());
    renameSync(temp, file);
    return true;
  } catch {
    try {
      unlinkSync(temp);
    } catch {
      // Never written.
    }
    return false;
  }
}

/** Keeps the newest entries; an entry's rank index (rank-index.ts) goes with it. */
function prune(dir: string): void {
  const entries = readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .map((f) => ({ f, at: statSync(join(dir, f)).mtimeMs }))
    .sort((a, b) => b.at - a.at);
  for (const { f } of entries.slice(CACHE_ENTRIES)) {
    unlinkSync(join(dir, f));
    try {
      unlinkSync(join(dir, f.replace(/\.json$/, ".rank")));
    } catch {
      // It had none.
    }
  }
}
