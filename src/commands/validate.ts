/** `hpadvise validate FILE...`: check user catalog files, report every problem. */
import { resolve } from "node:path";
import { loadCatalogFiles } from "../catalog/load.js";
import { builtinInputs, builtinSources } from "../catalog/open.js";
import { mergeCatalogFiles, resolveCatalog } from "../catalog/resolve.js";
import type { Context } from "../context.js";
import { coverageOf } from "../core/coverage.js";
import { CatalogError, type CatalogIssue, formatIssue, UsageError } from "../errors.js";
import { renderCoverage } from "../render/coverage.js";
import { renderOptionsFor } from "./shared.js";

export interface ValidateOptions {
  files: string[];
  /** Also check the built-in catalog (used by the build). */
  builtin?: boolean | undefined;
  /** Then report what the catalog carries, field by field. */
  coverage?: boolean | undefined;
}

export async function runValidate(ctx: Context, options: ValidateOptions): Promise<void> {
  const user = options.files.map((f) => ({ path: resolve(ctx.cwd, f), name: f, overlay: true }));
  if (user.length === 0 && !options.builtin && !options.coverage) {
    throw new UsageError("validate needs at least one FILE", {
      hint: "e.g. `hpadvise validate my-headphones.yaml`",
    });
  }
  // User files are checked on top of the built-in catalog, so alias clashes
  // and overrides are judged against what they will really be merged with:
  // the build's validated snapshot of it, unless the built-in files are what
  // is to be checked (--builtin).
  const builtin = options.builtin
    ? builtinSources(ctx.packageRoot)
    : builtinInputs(ctx.packageRoot);
  const result = await loadCatalogFiles([...builtin, ...user], { advice: true });
  for (const w of result.warnings) ctx.stderr.write(`warning: ${formatIssue(w)}\n`);
  if (!result.ok) throw new CatalogError(result.errors);
  for (const a of onePerFile(result.advice)) ctx.stderr.write(`warning: ${a}\n`);
  const builtinCount = result.files.length - user.length;
  const builtinIds = new Set(
    result.files
      .slice(0, builtinCount)
      .flatMap((f) => [...f.data.headphones, ...f.data.sources].map((e) => e.id)),
  );
  const checked = options.builtin ? result.files : result.files.slice(builtinCount);
  for (const [i, f] of checked.entries()) {
    const isUser = options.builtin ? i >= builtinCount : true;
    const overrides = isUser
      ? [...f.data.headphones, ...f.data.sources]
          .map((e) => e.id)
          .filter((id) => builtinIds.has(id))
      : [];
    const counts = `${plural(f.data.headphones.length, "headphone")}, ${plural(f.data.sources.length, "source")}`;
    const note = overrides.length ? ` (over built-in ${overrides.join(", ")})` : "";
    ctx.stdout.write(`ok  ${f.name}: ${counts}${note}\n`);
  }
  if (options.coverage) {
    const catalog = resolveCatalog(mergeCatalogFiles(result.files.map((f) => f.data)));
    ctx.stdout.write(`\n${renderCoverage(coverageOf(catalog), renderOptionsFor(ctx))}`);
  }
}

/** Advice once per file: the first, and how many more like it (one note, typed alike, is often reused). */
function onePerFile(advice: readonly CatalogIssue[]): string[] {
  const byFile = new Map<string, { first: CatalogIssue; more: number }>();
  for (const a of advice) {
    const seen = byFile.get(a.file);
    if (seen) seen.more++;
    else byFile.set(a.file, { first: a, more: 0 });
  }
  return [...byFile.values()].map(({ first, more }) =>
    more === 0
      ? formatIssue(first)
      : `${formatIssue(first)}; and ${more} more like it in this file`,
  );
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}
