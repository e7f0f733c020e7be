/**
 * Build-time half of the built-in snapshots (see open.ts): validate the
 * built-in YAML with the real loader, resolve it, and return what to write.
 */

import type { Catalog } from "../core/types.js";
import { formatIssue } from "../errors.js";
import { loadCatalogFiles } from "./load.js";
import { builtinPaths, builtinSources, markOf, type Snapshot, stampOf } from "./open.js";
import { mergeCatalogFiles, resolveCatalog } from "./resolve.js";

export async function buildSnapshot(
  packageRoot: string,
): Promise<
  { ok: true; entries: Snapshot; resolved: Snapshot<Catalog> } | { ok: false; problems: string[] }
> {
  const paths = builtinPaths(packageRoot);
  const result = await loadCatalogFiles(builtinSources(packageRoot));
  if (!result.ok) return { ok: false, problems: result.errors.map(formatIssue) };
  const stamp = { stamp: stampOf(paths), files: paths.map(markOf) };
  const catalog = mergeCatalogFiles(result.files.map((f) => f.data));
  return {
    ok: true,
    entries: { ...stamp, catalog },
    resolved: { ...stamp, catalog: resolveCatalog(catalog) },
  };
}
