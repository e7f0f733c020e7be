/** `hpadvise recommend --role R`: rank the catalog for a role, and say why. */
import { findSource } from "../catalog/lookup.js";
import type { RankIndex } from "../catalog/rank-index.js";
import {
  hasSourceFigures,
  type SourceFigureOptions,
  sourceFigureFields,
  sourceFiguresOf,
  withUserSource,
} from "../catalog/user-figures.js";
import type { Context } from "../context.js";
import type { Profile } from "../core/profiles.js";
import {
  type CatalogView,
  type Recommendation,
  type RecommendationStream,
  readOut,
  recommendEvery,
  recommendFrom,
} from "../core/recommend.js";
import type { Catalog } from "../core/types.js";
import { jsonPieces } from "../render/json.js";
import { recommendationJson, renderRecommendations } from "../render/recommend.js";
import {
  catalogFor,
  type GlobalOptions,
  hasCurves,
  measuredCatalog,
  printWarnings,
  profilesFor,
  queryOf,
  type RankOptions,
  rankIndexFor,
  recommendFromCatalog,
  renderOptionsFor,
  targetCurve,
  withConfigDefaults,
} from "./shared.js";

export interface RecommendOptions extends GlobalOptions, SourceFigureOptions, RankOptions {
  top?: number | undefined;
  explain?: boolean | undefined;
  json?: boolean | undefined;
  rules?: string | undefined;
  /** A target curve: entries' measured curves are judged against it (their measured tags rank). */
  target?: string | undefined;
  /** A folder of measurements in AutoEq's layout: the catalog's models' curves. */
  measurements?: string | undefined;
}

export const DEFAULT_TOP = 10;

/**
 * The ranking from the user catalog's index (`top` null: every model, each
 * explained as it is read): undefined when --own names a model by anything
 * but its exact id (the whole catalog's lookup explains) or the index cannot
 * be read.
 */
function recommendFromIndex(
  index: RankIndex,
  profile: Profile,
  options: RecommendOptions,
  top: number | null,
): Recommendation | RecommendationStream | undefined {
  // The ids are read only when --own or a shown model's family needs them.
  let at: Map<string, number> | undefined;
  const indexOf = (id: string) => {
    at ??= new Map((index.ids() ?? []).map((x, i) => [x, i]));
    return at.get(id) ?? -1;
  };
  const ownedAt = [...new Set(options.own ?? [])].map(indexOf);
  if (ownedAt.some((i) => i < 0)) return undefined;
  const owned = index.headphones(ownedAt);
  // Read now, parsed only if a source is named or a drive is judged.
  const sources = index.sources();
  if (!sources || !owned) return undefined;
  const source =
    options.source === undefined ? null : findSource({ sources: sources() }, options.source);
  const view: CatalogView = {
    facts: index.facts,
    headphones: (i) => index.headphones(i),
    every: (lean) => index.every(lean),
    indexOf,
    sources,
  };
  const query = queryOf(options, source);
  return top === null
    ? recommendEvery(view, profile, query, owned)
    : recommendFrom(view, profile, query, owned, top);
}

function slowRecommend(
  loaded: { catalog: Catalog },
  profile: Profile,
  options: RecommendOptions,
): Recommendation {
  const { catalog, sourceId } = withUserSource(
    loaded.catalog,
    options.source,
    sourceFiguresOf(options),
  );
  return recommendFromCatalog(catalog, profile, { ...options, source: sourceId });
}

/** The first `n` of a ranking (the index's stream or the catalog's list). */
function* firstOf<T>(items: Iterable<T>, n: number): Generator<T> {
  if (n <= 0) return;
  let given = 0;
  for (const item of items) {
    yield item;
    if (++given >= n) return;
  }
}

export async function runRecommend(ctx: Context, options: RecommendOptions): Promise<void> {
  // Source figures alone describe a new source: the config's does not apply.
  const keys = hasSourceFigures(sourceFiguresOf(options))
    ? (["own", "budget", "target", "measurements"] as const)
    : (["source", "own", "budget", "target", "measurements"] as const);
  await withConfigDefaults(ctx, options, keys, (o) => recommendWith(ctx, o));
}

async function recommendWith(ctx: Context, options: RecommendOptions): Promise<void> {
  const profile = (await profilesFor(ctx, options.rules))[options.role];
  // A source typed as figures is not in the index: the whole catalog then.
  const figures = sourceFiguresOf(options);
  const target = await targetCurve(ctx, options.target);
  let index = hasSourceFigures(figures) ? undefined : await rankIndexFor(ctx, options);
  // The index holds no measured tags (they depend on the target): with a
  // target and a curve to judge, the whole catalog.
  if (index && target && (hasCurves(index.facts) || options.measurements)) index = undefined;
  // --explain, --top all and --json without --top show every model; a table, the best few.
  const every =
    options.explain ||
    options.top === Number.POSITIVE_INFINITY ||
    (options.json && options.top === undefined);
  const top = every ? null : (options.top ?? DEFAULT_TOP);
  const fast = index && recommendFromIndex(index, profile, options, top);
  if (fast && index) printWarnings(ctx, index.warnings);
  const rec =
    fast ??
    slowRecommend(
      {
        catalog: await measuredCatalog(
          ctx,
          (await catalogFor(ctx, options)).catalog,
          target,
          options.measurements,
        ),
      },
      profile,
      options,
    );
  const yours = sourceFigureFields(figures);
  if (options.json) {
    const shown = top === null ? rec : { ...rec, results: firstOf(rec.results, top) };
    const json = recommendationJson(shown);
    // In pieces: every model of a big catalog is explained as it is written.
    for (const piece of jsonPieces(
      yours.length ? { ...json, userFigures: { source: yours } } : json,
    ))
      ctx.stdout.write(piece);
    return;
  }
  if (yours.length) {
    ctx.stdout.write(`Yours: ${rec.source?.id ?? "source"} with your ${yours.join(", ")}\n`);
  }
  ctx.stdout.write(
    // A table reads its lists whole (--explain, every model, from a stream).
    renderRecommendations(readOut(rec), renderOptionsFor(ctx), {
      top: options.top ?? DEFAULT_TOP,
      explain: options.explain ?? false,
    }),
  );
}
