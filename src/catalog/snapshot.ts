/**
 * Build-time half of the built-in snapshot (see builtin.ts): validate the
 * built-in YAML with the real loader and return what to write.
 */
import { formatIssue } from "../errors.js";
import { builtinPaths, builtinSources, marksOf, type Snapshot, stampOf } from "./builtin.js";
import { loadCatalogFiles } from "./load.js";
import { mergeCatalogFiles } from "./resolve.js";

export async function buildSnapshot(
  packageRoot: string,
): Promise<{ ok: true; snapshot: Snapshot } | { ok: false; problems: string[] }> {
  const paths = builtinPaths(packageRoot);
  const result = await loadCatalogFiles(builtinSources(packageRoot));
  if (!result.ok) return { ok: false, problems: result.errors.map(formatIssue) };
  return {
    ok: true,
    snapshot: {
      stamp: stampOf(paths),
      files: marksOf(paths),
      catalog: mergeCatalogFiles(result.files.map((f) => f.data)),
    },
  };
}
