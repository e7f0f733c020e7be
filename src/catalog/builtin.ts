/**
 * The built-in catalog. `npm run build` validates data/*.yaml with the real
 * loader and writes two snapshots, each stamped with a hash of the YAML it
 * came from: the validated entries (dist/catalog.json), which your files are
 * merged with, and the catalog resolved from them (dist/catalog-resolved.json),
 * which answers when there are none, so that the common path neither parses
 * YAML nor resolves. A snapshot whose stamp matches the YAML on disk is used
 * as is; any mismatch (data edited since the build) falls back to the real loader.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Catalog } from "../core/types.js";
import { type FileMark, markOf, sameMark } from "./cache.js";
import type { CatalogSource } from "./load.js";
import type { CatalogFile } from "./schema.js";

/** Data files of the built-in catalog, in load order. */
export const BUILTIN_FILES = ["headphones.yaml", "sources.yaml"] as const;

export interface Snapshot<T = CatalogFile> {
  stamp: string;
  /** Each built-in file as it was when the stamp was taken. */
  files: (FileMark | undefined)[];
  catalog: T;
}

/** Which snapshot: the validated entries or the catalog resolved from them. */
export type SnapshotKind = "entries" | "resolved";

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

export function snapshotPath(packageRoot: string, kind: SnapshotKind): string {
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
