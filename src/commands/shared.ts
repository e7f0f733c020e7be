/** What every command does the same way: load the catalog, set up rendering. */
import { cacheDirFrom } from "../catalog/cache.js";
import { type LoadedCatalog, loadCatalog } from "../catalog/index.js";
import type { Context } from "../context.js";
import { formatIssue } from "../errors.js";
import type { RenderOptions } from "../render/catalog.js";
import { makeChalk } from "../render/style.js";

/** Options every command accepts (declared once in cli.ts). */
export interface GlobalOptions {
  catalog?: string[] | undefined;
}

export async function catalogFor(ctx: Context, global: GlobalOptions): Promise<LoadedCatalog> {
  const loaded = await loadCatalog({
    packageRoot: ctx.packageRoot,
    cwd: ctx.cwd,
    userFiles: global.catalog ?? [],
    envValue: ctx.env.HPADVISE_CATALOG,
    cacheDir: cacheDirFrom(ctx.env),
  });
  for (const w of loaded.warnings) ctx.stderr.write(`warning: ${formatIssue(w)}\n`);
  return loaded;
}

export function renderOptionsFor(ctx: Context): RenderOptions {
  return { chalk: makeChalk(ctx.color), columns: ctx.columns };
}
