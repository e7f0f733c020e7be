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
import { type Recommendation, recommendPacked } from "../core/recommend.js";
import type { Catalog } from "../core/types.js";
import { toJson } from "../render/catalog.js";
import { recommendationJson, renderRecommendations } from "../render/recommend.js";
import {
  catalogFor,
  type GlobalOptions,
  printWarnings,
  profilesFor,
  queryOf,
  type RankOptions,
  rankIndexFor,
  recommendFromCatalog,
  renderOptionsFor,
  withConfigDefaults,
} from "./shared.js";

export interface RecommendOptions extends GlobalOptions, SourceFigureOptions, RankOptions {
  top?: number | undefined;
  explain?: boolean | undefined;
  json?: boolean | undefined;
  rules?: string | undefined;
}

export const DEFAULT_TOP = 10;

/**
 * The ranking from the user catalog's packed index, for a table of the best
 * `top`: undefined when --own names a model by anything but its exact id (the
 * whole catalog's lookup explains) or the index cannot be read.
 */
function recommendFromIndex(
  index: RankIndex,
  profile: Profile,
  options: RecommendOptions,
): Recommendation | undefined {
  // The ids are read only when --own or a shown model's family needs them.
  let ids: string[] | undefined;
  const indexOf = (id: string) => {
    ids ??= index.ids() ?? [];
    return ids.indexOf(id);
  };
  const at = [...new Set(options.own ?? [])].map(indexOf);
  if (at.some((i) => i < 0)) return undefined;
  const owned = index.headphones(at);
  // Read now, parsed only if a source is named or a drive is judged.
  const sources = index.sources();
  if (!sources || !owned) return undefined;
  const source =
    options.source === undefined ? null : findSource({ sources: sources() }, options.source);
  return recommendPacked(
    {
      packed: index.packed,
      headphones: (i) => index.headphones(i),
      indexOf,
      sources,
    },
    profile,
    queryOf(options, source),
    { at, headphones: owned },
    options.top ?? DEFAULT_TOP,
  );
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

export async function runRecommend(ctx: Context, options: RecommendOptions): Promise<void> {
  // Source figures alone describe a new source: the config's does not apply.
  const keys = hasSourceFigures(sourceFiguresOf(options))
    ? (["own", "budget"] as const)
    : (["source", "own", "budget"] as const);
  await withConfigDefaults(ctx, options, keys, (o) => recommendWith(ctx, o));
}

async function recommendWith(ctx: Context, options: RecommendOptions): Promise<void> {
  const profile = (await profilesFor(ctx, options.rules))[options.role];
  // A table of the best few can come from the packed index; --json and
  // --explain show every model, so they need the whole catalog.
  // A source typed as figures is not in the index either.
  const figures = sourceFiguresOf(options);
  const packable = !options.json && !options.explain && !hasSourceFigures(figures);
  const index = packable ? await rankIndexFor(ctx, options) : undefined;
  const fast = index && recommendFromIndex(index, profile, options);
  if (fast && index) printWarnings(ctx, index.warnings);
  const rec = fast ?? slowRecommend(await catalogFor(ctx, options), profile, options);
  const yours = sourceFigureFields(figures);
  if (options.json) {
    const json = recommendationJson(rec);
    ctx.stdout.write(toJson(yours.length ? { ...json, userFigures: { source: yours } } : json));
    return;
  }
  if (yours.length) {
    ctx.stdout.write(`Yours: ${rec.source?.id ?? "source"} with your ${yours.join(", ")}\n`);
  }
  ctx.stdout.write(
    renderRecommendations(rec, renderOptionsFor(ctx), {
      top: options.top ?? DEFAULT_TOP,
      explain: options.explain ?? false,
    }),
  );
}
