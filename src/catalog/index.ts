/**
 * Loading the whole catalog a command works with: the built-in data, then the
 * user's files (`--catalog`, repeatable, and HPADVISE_CATALOG), later files
 * overriding earlier ones by id.
 */
import { existsSync } from "node:fs";
import { delimiter, resolve as resolvePath } from "node:path";
import type { Catalog } from "../core/types.js";
import { CatalogError, type CatalogIssue } from "../errors.js";
import { builtinPaths, builtinSources, readSnapshot } from "./builtin.js";
import {
  cacheKey,
  cachePath,
  dropEntry,
  markedKey,
  markKey,
  markOf,
  readCache,
  writeCache,
} from "./cache.js";
import type { CatalogSource } from "./load.js";
import { readCatalogBytes } from "./read.js";
import { mergeCatalogFiles, resolveCatalog } from "./resolve.js";
import type { CatalogFile } from "./schema.js";

export interface CatalogOptions {
  packageRoot: string;
  cwd: string;
  /** Files named with --catalog, in order. */
  userFiles: readonly string[];
  /** The personal catalog (`hpadvise add` writes it): loaded first, when it exists. */
  personalFile?: string | undefined;
  /** HPADVISE_CATALOG: one or more paths separated by the platform's path delimiter. */
  envValue?: string | undefined;
  /** Ignore the built-in snapshot and parse the YAML (tests, `validate`). */
  noSnapshot?: boolean;
  /** Where validated user catalogs are cached (cache.ts); null or absent: no cache. */
  cacheDir?: string | null | undefined;
}

export interface LoadedCatalog {
  catalog: Catalog;
  warnings: CatalogIssue[];
  /** The files that were read, built-in first. */
  files: string[];
}

/** The user's files: the personal catalog, HPADVISE_CATALOG, then --catalog in order. */
export function userCatalogSources(
  options: CatalogOptions,
): { path: string; name: string; overlay: true }[] {
  const fromEnv = (options.envValue ?? "").split(delimiter).filter((p) => p.trim() !== "");
  const personal =
    options.personalFile !== undefined && existsSync(options.personalFile)
      ? [options.personalFile]
      : [];
  return [...personal, ...fromEnv, ...options.userFiles].map((p) => ({
    path: resolvePath(options.cwd, p),
    name: p,
    overlay: true,
  }));
}

export async function loadCatalog(options: CatalogOptions): Promise<LoadedCatalog> {
  const builtin = builtinPaths(options.packageRoot);
  const user = userCatalogSources(options);
  const snapshot = options.noSnapshot ? undefined : readSnapshot(options.packageRoot);
  const files = [...builtin, ...user.map((u) => u.path)];
  if (snapshot && user.length === 0) {
    return { catalog: resolveCatalog(snapshot.catalog), warnings: [], files };
  }
  // Built-in data: the snapshot when it is current (already validated; it holds
  // all built-in files merged, so it stands in for them), else the YAML.
  const allBuiltin = builtinSources(options.packageRoot);
  const builtinInputs: CatalogSource[] = snapshot
    ? [{ ...(allBuiltin[0] as CatalogSource), data: snapshot.catalog }]
    : allBuiltin;
  let userInputs: CatalogSource[] = user;

  const cacheDir = snapshot && options.cacheDir ? options.cacheDir : null;
  let key: string | null = null;
  let mark = () => {};
  if (cacheDir && snapshot) {
    const keyed = await keyUserFiles(cacheDir, snapshot.stamp, user);
    if (keyed) {
      // Read once: hashed for the key, and handed to the loader on a miss.
      userInputs = keyed.inputs;
      key = keyed.key;
      mark = keyed.mark;
      const hit = readCache(cacheDir, key);
      const catalog = hit && resolveCached(snapshot.catalog, hit.files);
      if (hit && catalog) {
        mark();
        return { catalog, warnings: hit.warnings, files };
      }
      if (hit) dropEntry(cachePath(cacheDir, key));
    }
  }

  // The real loader (yaml + zod) only when something needs parsing.
  const { loadCatalogFiles } = await import("./load.js");
  const result = await loadCatalogFiles([...builtinInputs, ...userInputs]);
  if (!result.ok) {
    throw new CatalogError(
      result.errors,
      user.length > 0 ? "check the file with `hpadvise validate FILE`" : undefined,
    );
  }
  const catalog = resolveCatalog(mergeCatalogFiles(result.files.map((f) => f.data)));
  if (cacheDir && key) {
    writeCache(cacheDir, key, {
      files: result.files.slice(builtinInputs.length).map((f) => f.data),
      warnings: result.warnings,
    });
    mark();
  }
  return { catalog, warnings: result.warnings, files };
}

/**
 * A cache hit resolved, or undefined if it cannot be: its checksum held, so
 * only an entry written by another version of us could fail here; a miss,
 * never a crash.
 */
function resolveCached(builtin: CatalogFile, files: CatalogFile[]): Catalog | undefined {
  try {
    return resolveCatalog(mergeCatalogFiles([builtin, ...files]));
  } catch {
    return undefined;
  }
}

interface KeyedFiles {
  key: string;
  /** The files for the loader: with their bytes when they were read for the key. */
  inputs: CatalogSource[];
  /** Marks the files (cache.ts), once their key proved good; nothing when it came from marks. */
  mark(): void;
}

/**
 * The cache key of the user's files: from their marks when they are unchanged
 * (cache.ts, not read: the loader reads them if the cache misses), else read
 * and hashed (and handed to the loader); undefined when one cannot be read.
 */
async function keyUserFiles(
  cacheDir: string,
  builtinStamp: string,
  user: readonly (CatalogSource & { path: string; name: string })[],
): Promise<KeyedFiles | undefined> {
  const paths = user.map((u) => u.path);
  const marked = markedKey(cacheDir, builtinStamp, paths);
  if (marked) return { key: marked, inputs: [...user], mark: () => {} };
  const before = paths.map(markOf);
  const bytes = await Promise.all(user.map((u) => readCatalogBytes(u.path, u.name)));
  if (!bytes.every((b) => "bytes" in b)) return undefined;
  const inputs = user.map((u, i) => ({ ...u, bytes: (bytes[i] as { bytes: Buffer }).bytes }));
  const key = cacheKey(builtinStamp, inputs);
  return { key, inputs, mark: () => markKey(cacheDir, builtinStamp, paths, before, key) };
}
