/** `hpadvise recommend --role R`: rank the catalog for a role, and say why. */
import { resolve } from "node:path";
import { findHeadphone, findSource } from "../catalog/lookup.js";
import type { RankIndex } from "../catalog/rank-index.js";
import {
  hasSourceFigures,
  type SourceFigureOptions,
  sourceFigureFields,
  sourceFiguresOf,
  withUserSource,
} from "../catalog/user-figures.js";
import type { Context } from "../context.js";
import { packedScores, packedTop } from "../core/packed.js";
import { PROFILES, type Profile } from "../core/profiles.js";
import {
  OWNED_TOP,
  ownedVerdict,
  type RankContext,
  type Ranked,
  rankHeadphones,
} from "../core/rank.js";
import type { Role } from "../core/roles.js";
import type { Back, Catalog, Driver } from "../core/types.js";
import { toJson } from "../render/catalog.js";
import { renderRecommendations } from "../render/recommend.js";
import {
  catalogFor,
  type GlobalOptions,
  printWarnings,
  rankIndexFor,
  renderOptionsFor,
  withConfigDefaults,
} from "./shared.js";

export interface RecommendOptions extends GlobalOptions, SourceFigureOptions {
  role: Role;
  budget?: number | undefined;
  source?: string | undefined;
  own?: string[] | undefined;
  back?: Back | undefined;
  driver?: Driver | undefined;
  maxWeight?: number | undefined;
  top?: number | undefined;
  explain?: boolean | undefined;
  json?: boolean | undefined;
  rules?: string | undefined;
}

export const DEFAULT_TOP = 10;

export async function profilesFor(
  ctx: Context,
  rulesFile: string | undefined,
): Promise<Record<Role, Profile>> {
  if (rulesFile === undefined) return PROFILES;
  const { applyRules, loadRulesFile } = await import("../catalog/rules-file.js");
  return applyRules(PROFILES, await loadRulesFile(resolve(ctx.cwd, rulesFile), rulesFile));
}

/** The ranking for one role: shared by recommend, compare, show and the interactive session. */
export function recommendFor(
  catalog: Catalog,
  profile: Profile,
  options: Omit<RecommendOptions, "catalog">,
) {
  const source = options.source === undefined ? null : findSource(catalog, options.source);
  const owned = new Set((options.own ?? []).map((id) => findHeadphone(catalog, id).id));
  const ctx: RankContext = { ...queryOf(options), source, sources: catalog.sources };
  const results = rankHeadphones({ headphones: catalog.headphones, profile, ctx, owned });
  return recommendation(options, profile, results, owned, {
    source: source ? { id: source.id, name: source.name } : null,
    excludedCount: results.filter((r) => r.excluded).length,
  });
}

/** The query's role and options as the rules read them; null where unset. */
function queryOf(options: Omit<RecommendOptions, "catalog">) {
  return {
    role: options.role,
    source: options.source ?? null,
    budgetUsd: options.budget ?? null,
    back: options.back ?? null,
    driver: options.driver ?? null,
    maxWeightGrams: options.maxWeight ?? null,
  };
}

function recommendation(
  options: Omit<RecommendOptions, "catalog">,
  profile: Profile,
  results: Ranked[],
  owned: ReadonlySet<string>,
  rest: { source: { id: string; name: string } | null; excludedCount: number },
) {
  return {
    role: options.role,
    budgetUsd: options.budget ?? null,
    source: rest.source,
    /** Best first, excluded last; from the packed index only the best kept ones. */
    results,
    excludedCount: rest.excludedCount,
    ownedServes: ownedVerdict(results),
    owned: [...owned],
    advice: profile.advice,
  };
}

export type Recommendation = ReturnType<typeof recommendFor>;

/**
 * The ranking from the user catalog's packed index (core/packed.ts), for a
 * table of the best `top`: undefined when --own names a model by anything but
 * its exact id (the whole catalog's lookup explains) or the index cannot be read.
 */
export function recommendFromIndex(
  index: RankIndex,
  profile: Profile,
  options: Omit<RecommendOptions, "catalog">,
): Recommendation | undefined {
  let owned = new Set<string>();
  if (options.own && options.own.length > 0) {
    const ids = new Set(index.ids());
    if (!options.own.every((id) => ids.has(id))) return undefined;
    owned = new Set(options.own);
  }
  const count = Math.max(options.top ?? DEFAULT_TOP, OWNED_TOP);
  // Read now, parsed only if a source is named or a drive is judged.
  const sources = index.sources();
  if (!sources) return undefined;
  const source =
    options.source === undefined ? null : findSource({ sources: sources() }, options.source);
  const ctx: RankContext = {
    ...queryOf(options),
    source,
    get sources() {
      return sources();
    },
  };
  const score = packedScores(index.packed, profile, ctx);
  const top = score && packedTop(index.packed, score, count);
  const headphones = top && index.headphones(top.best);
  if (!top || !headphones) return undefined;
  const results = rankHeadphones({ headphones, profile, ctx, owned });
  return recommendation(options, profile, results, owned, {
    source: source ? { id: source.id, name: source.name } : null,
    excludedCount: top.excluded,
  });
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
  return recommendFor(catalog, profile, { ...options, source: sourceId });
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
    ctx.stdout.write(toJson(yours.length ? { ...rec, userFigures: { source: yours } } : rec));
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
