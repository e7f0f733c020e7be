/**
 * The built-in catalog. `npm run build` validates data/*.yaml with the real
 * loader and writes a snapshot (dist/catalog.json) stamped with a hash of the
 * YAML it came from. At run time a snapshot whose stamp matches the YAML on
 * disk is used as is, so the common path needs neither yaml nor zod; any
 * mismatch (data edited since the build) falls back to the real loader.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { CatalogFile } from "./schema.js";

/** Data files of the built-in catalog, in load order. */
export const BUILTIN_FILES = ["headphones.yaml", "sources.yaml"] as const;

export interface Snapshot {
  stamp: string;
  catalog: CatalogFile;
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

/** A hash of the built-in YAML files' bytes, cheap next to parsing them. */
export function stampOf(paths: readonly string[]): string {
  const hash = createHash("sha1");
  for (const p of paths) hash.update(readFileSync(p));
  return hash.digest("hex");
}

/** The snapshot when it matches the data on disk, otherwise undefined. */
export function readSnapshot(packageRoot: string): CatalogFile | undefined {
  let text: string;
  try {
    text = readFileSync(snapshotPath(packageRoot), "utf8");
  } catch {
    return undefined;
  }
  try {
    const snap = JSON.parse(text) as Snapshot;
    return snap.stamp === stampOf(builtinPaths(packageRoot)) ? snap.catalog : undefined;
  } catch {
    return undefined;
  }
}
