/** What every command does the same way: load the catalog, set up rendering. */
import { cacheDirFrom } from "../catalog/cache.js";
import {
  type CatalogOptions,
  type LoadedCatalog,
  loadCatalog,
  openRankIndex,
} from "../catalog/index.js";
import type { RankIndex } from "../catalog/rank-index.js";
import type { Context } from "../context.js";
import type { Catalog } from "../core/types.js";
import { type CatalogIssue, formatIssue } from "../errors.js";
import type { RenderOptions } from "../render/catalog.js";
import { makeChalk } from "../render/style.js";

/** Options every command accepts (declared once in cli.ts). */
export interface GlobalOptions {
  catalog?: string[] | undefined;
}

function catalogOptions(ctx: Context, global: GlobalOptions): CatalogOptions {
  return {
    packageRoot: ctx.packageRoot,
    cwd: ctx.cwd,
    userFiles: global.catalog ?? [],
    envValue: ctx.env.HPADVISE_CATALOG,
    cacheDir: cacheDirFrom(ctx.env),
  };
}

export async function catalogFor(ctx: Context, global: GlobalOptions): Promise<LoadedCatalog> {
  const loaded = await loadCatalog(catalogOptions(ctx, global));
  printWarnings(ctx, loaded.warnings);
  return loaded;
}

/** The user catalog's packed ranking index, when an earlier run cached it (warnings not yet printed). */
export function rankIndexFor(ctx: Context, global: GlobalOptions): Promise<RankIndex | undefined> {
  return openRankIndex(catalogOptions(ctx, global));
}

/**
 * For a command about a few headphones named by id: when each is exactly the id
 * of a model in the user catalog's packed index, a catalog of just those
 * headphones and every source, read from the index; otherwise (a name, an
 * alias, a typo, nothing cached yet) the whole catalog, whose lookup explains.
 */
export async function catalogWithHeadphones(
  ctx: Context,
  global: GlobalOptions,
  ids: readonly string[],
): Promise<Catalog> {
  const index = await rankIndexFor(ctx, global);
  const all = index?.ids();
  const at = all && ids.map((id) => all.indexOf(id));
  const headphones = at?.every((i) => i >= 0) ? index?.headphones(at) : undefined;
  const sources = headphones && index?.sources();
  if (index && headphones && sources) {
    printWarnings(ctx, index.warnings);
    return { headphones, sources: sources() };
  }
  return (await catalogFor(ctx, global)).catalog;
}

export function printWarnings(ctx: Context, warnings: readonly CatalogIssue[]): void {
  for (const w of warnings) ctx.stderr.write(`warning: ${formatIssue(w)}\n`);
}

export function renderOptionsFor(ctx: Context): RenderOptions {
  return { chalk: makeChalk(ctx.color), columns: ctx.columns };
}
