/**
 * The one way a command opens the catalog: the built-in data, then the
 * user's files (the personal catalog, HPADVISE_CATALOG, `--catalog` in
 * order), later files overriding earlier ones by id. What answers is decided
 * here and nowhere else: the build's snapshots of the built-in data while
 * they match data/ (resolved when it answers alone, validated entries to merge
 * your files with; else the YAML itself), and the cached validated user files
 * while they are unchanged (the cache folder), else a real load. Also here:
 * what is kept between runs (curve figures, your config as last read) and the
 * file marks that say whether it is still current.
 */
import { existsSync, lstatSync, mkdirSync, readFileSync, statSync, unlinkSync } from "node:fs";
import { delimiter, dirname, isAbsolute, join, resolve as resolvePath } from "node:path";
import type { Config } from "../config/config.js";
import type { FrAnalysis } from "../core/fr.js";
import { quoteName } from "../core/safe-text.js";
import type { Catalog, Headphone, Source } from "../core/types.js";
import { CatalogError, type CatalogIssue, UnknownIdError } from "../errors.js";
import { writeWhole } from "../write-whole.js";
import type { CatalogSource } from "./load.js";
import { findHeadphone, findSource, matchEntry } from "./lookup.js";
import { mergeCatalogFiles, resolveCatalog } from "./resolve.js";
import type { CatalogFile } from "./schema.js";
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
  /** Where the validated user files are cached (cacheDirFrom); null or absent: no cache. */
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

// --- The built-in snapshots ---
//
// The built-in catalog. `npm run build` validates data/*.yaml with the real
// loader and writes two snapshots, each stamped with a hash of the YAML it
// came from: the validated entries (dist/catalog.json), which your files are
// merged with, and the catalog resolved from them (dist/catalog-resolved.json),
// which answers when there are none, so that the common path neither parses
// YAML nor resolves. A snapshot whose stamp matches the YAML on disk is used
// as is; any mismatch (data edited since the build) falls back to the real loader.

/** Data files of the built-in catalog, in load order. */
const BUILTIN_FILES = ["headphones.yaml", "sources.yaml"] as const;

export interface Snapshot<T = CatalogFile> {
  stamp: string;
  /** Each built-in file as it was when the stamp was taken. */
  files: (FileMark | undefined)[];
  catalog: T;
}

/** Which snapshot: the validated entries or the catalog resolved from them. */
type SnapshotKind = "entries" | "resolved";

export function builtinPaths(packageRoot: string): string[] {
  return BUILTIN_FILES.map((f) => join(packageRoot, "data", f));
}

/** The built-in files as the loader takes them, named `data/...` in messages. */
export function builtinSources(packageRoot: string): { path: string; name: string }[] {
  return BUILTIN_FILES.map((f) => ({ path: join(packageRoot, "data", f), name: `data/${f}` }));
}

/**
 * The built-in catalog as the loader's input, for your files to be checked
 * against: the validated snapshot standing in for the files while it matches
 * them (nothing to parse again), else the files themselves.
 */
export function builtinInputs(
  packageRoot: string,
  snapshot: Snapshot | undefined = readSnapshot(packageRoot),
): CatalogSource[] {
  const files: CatalogSource[] = builtinSources(packageRoot);
  return snapshot ? [{ ...(files[0] as CatalogSource), data: snapshot.catalog }] : files;
}

function snapshotPath(packageRoot: string, kind: SnapshotKind): string {
  return join(packageRoot, "dist", kind === "entries" ? "catalog.json" : "catalog-resolved.json");
}

/**
 * A hash of the built-in YAML files' bytes (FNV-1a over 32-bit words, two
 * lanes): for noticing an edit, never for security; cheap next to parsing them.
 */
export function stampOf(paths: readonly string[]): string {
  let a = 0x811c9dc5;
  let b = 0x050c5d1f;
  for (const path of paths) {
    const bytes = readFileSync(path);
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const words = Math.floor(bytes.length / 4);
    for (let i = 0; i < words; i++) {
      const w = view.getInt32(i * 4, true);
      a = Math.imul(a ^ w, 0x01000193);
      b = Math.imul(b ^ (w >>> 7), 0x01000193) ^ (a >>> 13);
    }
    for (let i = words * 4; i < bytes.length; i++)
      a = Math.imul(a ^ (bytes[i] as number), 0x01000193);
    // The length ends each file, so the split between two files counts.
    a = Math.imul(a ^ bytes.length, 0x01000193);
    b = Math.imul(b ^ a, 0x01000193);
  }
  return `${(a >>> 0).toString(16).padStart(8, "0")}${(b >>> 0).toString(16).padStart(8, "0")}`;
}

/** The snapshot when it matches the data on disk, otherwise undefined. */
export function readSnapshot(packageRoot: string, kind: "resolved"): Snapshot<Catalog> | undefined;
export function readSnapshot(packageRoot: string, kind?: "entries"): Snapshot | undefined;
export function readSnapshot(
  packageRoot: string,
  kind: SnapshotKind = "entries",
): Snapshot<Catalog | CatalogFile> | undefined {
  try {
    const snap = JSON.parse(readFileSync(snapshotPath(packageRoot, kind), "utf8")) as Snapshot<
      Catalog | CatalogFile
    >;
    const paths = builtinPaths(packageRoot);
    // Unchanged size and time: current. Otherwise (an edit, or a copy or an
    // install that reset the times) the content decides.
    const same = paths.every((p, i) => sameMark(markOf(p), snap.files[i]));
    return same || snap.stamp === stampOf(paths) ? snap : undefined;
  } catch {
    return undefined;
  }
}

// --- The cache folder ---
//
// One cached catalog: the whole catalog as last loaded with the user's files,
// validated and merged, the same kind of thing as the build's snapshot of the
// built-in data, and resolved the same way when read. A user catalog can be
// large enough that parsing and validating it (yaml or JSON, the schema, the
// cross-file rules) would slow every run; a clean load is kept in one file and
// used while the files it came from are unchanged (`FileMark`) and the
// build is the same. Anything else is a miss, and a miss is a real load. Only
// clean loads are cached, so every problem is always reported from a real parse.
//
// Where: HPADVISE_CACHE_DIR, else $XDG_CACHE_HOME/hpadvise (an absolute
// path, as the XDG spec says), else ~/.cache/hpadvise; HPADVISE_CACHE_DIR=off
// turns it off. A cache that cannot be read or written is simply not used.
// The same folder keeps the figures of measured curves (`openCurveCache`)
// and your config as last read (`readCachedConfig`).

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

interface CachedLoad {
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
 * unchanged (`FileMark`). Only curves that were read and analysed
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
interface FileMark {
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

const sameMark = (a: FileMark | undefined, b: FileMark | undefined): boolean =>
  a !== undefined &&
  b !== undefined &&
  a.size === b.size &&
  a.mtimeMs === b.mtimeMs &&
  a.ctimeMs === b.ctimeMs &&
  a.ino === b.ino;
