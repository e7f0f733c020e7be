/** What every command does the same way: load the catalog, set up rendering. */
import { cacheDirFrom } from "../catalog/cache.js";
import {
  type CatalogOptions,
  type LoadedCatalog,
  loadCatalog,
  openRankIndex,
} from "../catalog/index.js";
import { findHeadphone } from "../catalog/lookup.js";
import type { RankIndex } from "../catalog/rank-index.js";
import type { Context } from "../context.js";
import { type PackedCatalog, packCatalog } from "../core/packed.js";
import type { Catalog, Headphone, Source } from "../core/types.js";
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

/** Headphones a command names, with what placing them in the whole catalog's ranking needs. */
export interface Picked {
  headphones: Headphone[];
  /** Where each sits in the catalog: its index in the packed columns. */
  at: number[];
  sources: Source[];
  /** The catalog packed for ranking (core/packed.ts); worked out when first asked. */
  packed: () => PackedCatalog;
}

/**
 * Headphones named by exact id, from the user catalog's packed index: just
 * those models and every source are read. Undefined when there is no index or
 * a query is not exactly an id there (a name, an alias, a typo).
 */
export async function pickFromIndex(
  ctx: Context,
  global: GlobalOptions,
  ids: readonly string[],
): Promise<Picked | undefined> {
  const index = await rankIndexFor(ctx, global);
  const all = index?.ids();
  const at = all && ids.map((id) => all.indexOf(id));
  const headphones = at?.every((i) => i >= 0) ? index?.headphones(at) : undefined;
  const sources = headphones && index?.sources();
  if (!index || !at || !headphones || !sources) return undefined;
  printWarnings(ctx, index.warnings);
  return { headphones, at, sources: sources(), packed: () => index.packed };
}

/** Headphones found in a loaded catalog by anything people type (lookup.ts explains misses). */
export function pickFromCatalog(catalog: Catalog, queries: readonly string[]): Picked {
  const headphones = queries.map((q) => findHeadphone(catalog, q));
  let packed: PackedCatalog | undefined;
  return {
    headphones,
    at: headphones.map((h) => catalog.headphones.indexOf(h)),
    sources: catalog.sources,
    packed: () => {
      packed ??= packCatalog(catalog);
      return packed;
    },
  };
}

/** Headphones named on the command line: from the index when it can, else the whole catalog. */
export async function pickHeadphones(
  ctx: Context,
  global: GlobalOptions,
  queries: readonly string[],
): Promise<Picked> {
  return (
    (await pickFromIndex(ctx, global, queries)) ??
    pickFromCatalog((await catalogFor(ctx, global)).catalog, queries)
  );
}

export function printWarnings(ctx: Context, warnings: readonly CatalogIssue[]): void {
  for (const w of warnings) ctx.stderr.write(`warning: ${formatIssue(w)}\n`);
}

export function renderOptionsFor(ctx: Context): RenderOptions {
  return { chalk: makeChalk(ctx.color), columns: ctx.columns };
}
