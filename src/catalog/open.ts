/**
 * The one way a command opens the catalog: the built-in data, then the
 * user's files (the personal catalog, HPADVISE_CATALOG, `--catalog` in
 * order), later files overriding earlier ones by id. What answers is decided
 * here and nowhere else: the build's snapshots of the built-in data while
 * they match data/ (resolved when it answers alone, validated entries to merge
 * your files with; else the YAML itself), and the cached validated user files
 * while they are unchanged (cache.ts), else a real load.
 */
import { existsSync } from "node:fs";
import { delimiter, resolve as resolvePath } from "node:path";
import { quoteName } from "../core/safe-text.js";
import type { Catalog, Headphone, Source } from "../core/types.js";
import { CatalogError, type CatalogIssue, UnknownIdError } from "../errors.js";
import { builtinInputs, builtinPaths, readSnapshot } from "./builtin.js";
import { cacheKey, readCache, writeCache } from "./cache.js";
import type { CatalogSource } from "./load.js";
import { findHeadphone, findSource, matchEntry } from "./lookup.js";
import { mergeCatalogFiles, resolveCatalog } from "./resolve.js";
import { orList } from "./suggest.js";

export interface CatalogOptions {
  packageRoot: string;
  cwd: string;
  /** Files named with --catalog, in order. */
  userFiles: readonly string[];
  /** The personal catalog (`hpadvise add` writes it): loaded first, when it exists. */
  personalFile?: string | undefined;
  /** HPADVISE_CATALOG: one or more paths separated by the platform's path delimiter. */
  envValue?: string | undefined;
  /** Where the validated user files are cached (cache.ts); null or absent: no cache. */
  cacheDir?: string | null | undefined;
}

/** The catalog a command works with, and the ways to find what the user names in it. */
export interface OpenCatalog extends Catalog {
  /** What loading found worth saying (the caller prints them). */
  warnings: CatalogIssue[];
  /** The files that were read, built-in first. */
  files: string[];
  /** By id, alias or name; an unknown one is an error with did-you-mean. */
  findHeadphone(query: string): Headphone;
  findSource(query: string): Source;
  /** A headphone or else a source (`show`); unknown: an error naming the nearest of both. */
  findEntry(query: string): { headphone: Headphone } | { source: Source };
}

/** The user's files: the personal catalog, HPADVISE_CATALOG, then --catalog in order. */
function userCatalogSources(options: CatalogOptions): CatalogSource[] {
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

export async function openCatalog(options: CatalogOptions): Promise<OpenCatalog> {
  const user = userCatalogSources(options);
  const files = [...builtinPaths(options.packageRoot), ...user.map((u) => u.path)];
  const builtinOnly = user.length === 0 ? readSnapshot(options.packageRoot, "resolved") : undefined;
  if (builtinOnly) return viewOf(builtinOnly.catalog, [], files);
  const snapshot = readSnapshot(options.packageRoot);

  const key =
    snapshot && options.cacheDir
      ? cacheKey(
          snapshot.stamp,
          user.map((u) => u.path),
        )
      : undefined;
  const hit = key && options.cacheDir ? readCache(options.cacheDir, key) : undefined;
  if (hit) return viewOf(resolveCatalog(hit.catalog), hit.warnings, files);

  // The real loader (yaml + zod) only when something needs parsing. The
  // snapshot, already validated, stands in for the built-in files.
  const { loadCatalogFiles } = await import("./load.js");
  const result = await loadCatalogFiles([...builtinInputs(options.packageRoot, snapshot), ...user]);
  if (!result.ok) {
    throw new CatalogError(
      result.errors,
      user.length > 0 ? "check the file with `hpadvise validate FILE`" : undefined,
    );
  }
  const merged = mergeCatalogFiles(result.files.map((f) => f.data));
  if (key && options.cacheDir) {
    writeCache(options.cacheDir, key, { catalog: merged, warnings: result.warnings });
  }
  return viewOf(resolveCatalog(merged), result.warnings, files);
}

/** A catalog as the view commands use (also for one adjusted after opening, e.g. measured). */
export function viewOf(catalog: Catalog, warnings: CatalogIssue[], files: string[]): OpenCatalog {
  return {
    ...catalog,
    warnings,
    files,
    findHeadphone: (query) => findHeadphone(catalog, query),
    findSource: (query) => findSource(catalog, query),
    findEntry: (query) => {
      const hp = matchEntry(catalog.headphones, query);
      if ("found" in hp || "ambiguous" in hp) return { headphone: findHeadphone(catalog, query) };
      const src = matchEntry(catalog.sources, query);
      if ("found" in src || "ambiguous" in src) return { source: findSource(catalog, query) };
      const near = [...hp.suggestions, ...src.suggestions].slice(0, 4);
      const what =
        hp.suggestions.length === 0 && src.suggestions.length > 0 ? "source" : "headphone";
      throw new UnknownIdError(
        `unknown ${what} ${quoteName(query)}${near.length ? `: did you mean ${orList(near)}?` : ""}`,
        { hint: "`hpadvise list headphones` and `hpadvise list sources` show every id" },
      );
    },
  };
}
