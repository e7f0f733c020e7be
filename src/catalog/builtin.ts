/**
 * The built-in catalog. `npm run build` validates data/*.yaml with the real
 * loader and writes a snapshot (dist/catalog.json) stamped with a hash of the
 * YAML it came from. At run time a snapshot whose stamp matches the YAML on
 * disk is used as is, so the common path needs neither yaml nor zod; any
 * mismatch (data edited since the build) falls back to the real loader.
 */
import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { hashChunks } from "./hash.js";
import type { CatalogFile } from "./schema.js";

/** Data files of the built-in catalog, in load order. */
export const BUILTIN_FILES = ["headphones.yaml", "sources.yaml"] as const;

export interface Snapshot {
  stamp: string;
  /** Size and modification time of each built-in file when the stamp was taken. */
  files: FileMark[];
  catalog: CatalogFile;
}

interface FileMark {
  size: number;
  mtimeMs: number;
}

export function marksOf(paths: readonly string[]): FileMark[] {
  return paths.map((p) => {
    const { size, mtimeMs } = statSync(p);
    return { size, mtimeMs };
  });
}

export function builtinPaths(packageRoot: string): string[] {
  return BUILTIN_FILES.map((f) => join(packageRoot, "data", f));
}

/** The built-in files as the loader takes them, named `data/...` in messages. */
export function builtinSources(packageRoot: string): { path: string; name: string }[] {
  return BUILTIN_FILES.map((f) => ({ path: join(packageRoot, "data", f), name: `data/${f}` }));
}

export function snapshotPath(packageRoot: string): string {
  return join(packageRoot, "dist", "catalog.json");
}

/** A hash of the built-in YAML files' bytes: cheap next to parsing them. */
export function stampOf(paths: readonly string[]): string {
  return hashChunks(paths.map((p) => readFileSync(p)));
}

/** Unchanged size and time, or else the same content: the data the build saw. */
function current(paths: readonly string[], snap: Partial<Omit<Snapshot, "catalog">>): boolean {
  const marks = marksOf(paths);
  const same = marks.every(
    (m, i) => m.size === snap.files?.[i]?.size && m.mtimeMs === snap.files?.[i]?.mtimeMs,
  );
  return same || snap.stamp === stampOf(paths);
}

/** The snapshot when it matches the data on disk, otherwise undefined. */
export function readSnapshot(packageRoot: string): Snapshot | undefined {
  let text: string;
  try {
    text = readFileSync(snapshotPath(packageRoot), "utf8");
  } catch {
    return undefined;
  }
  try {
    const snap = JSON.parse(text) as Snapshot;
    // Unchanged size and time: current. Otherwise (an edit, or a copy or an
    // install that reset the times) the content decides.
    return current(builtinPaths(packageRoot), snap) ? snap : undefined;
  } catch {
    return undefined;
  }
}
