/** `hpadvise recommend --role R`: rank the catalog for a role, and say why. */

import { viewOf } from "../catalog/open.js";
import type { Context } from "../context.js";
import type { Catalog } from "../core/types.js";
import { toJson } from "../render/json.js";
import { recommendationJson, renderRecommendations } from "../render/recommend.js";
import {
  catalogFor,
  type GlobalOptions,
  hasSourceFigures,
  profilesFor,
  type RankOptions,
  recommendFromCatalog,
  renderOptionsFor,
  type SourceFigureOptions,
  sourceFiguresOf,
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

export async function runRecommend(ctx: Context, options: RecommendOptions): Promise<void> {
  // Source figures alone describe a new source: the config's does not apply.
  const keys = hasSourceFigures(sourceFiguresOf(options))
    ? (["own", "budget", "target", "measurements"] as const)
    : (["source", "own", "budget", "target", "measurements"] as const);
  await withConfigDefaults(ctx, options, keys, (o) => recommendWith(ctx, o));
}

async function recommendWith(ctx: Context, options: RecommendOptions): Promise<void> {
  const profile = (await profilesFor(ctx, options.rules))[options.role];
  const figures = sourceFiguresOf(options);
  const target = await targetCurve(ctx, options.target);
  const opened = await catalogFor(ctx, options, target, options.measurements);
  // A source typed as figures joins the catalog for this run.
  let catalog: Catalog = opened;
  let sourceId = options.source;
  let yours: string[] = [];
  if (hasSourceFigures(figures)) {
    const { sourceFigureFields, withUserSource } = await import("../catalog/user-figures.js");
    ({ catalog, sourceId } = withUserSource(opened, options.source, figures));
    yours = sourceFigureFields(figures);
  }
  // --explain, --top all and --json without --top show every model; a table, the best few.
  const every =
    options.explain ||
    options.top === Number.POSITIVE_INFINITY ||
    (options.json && options.top === undefined);
  const top = every ? null : (options.top ?? DEFAULT_TOP);
  const rec = recommendFromCatalog(
    catalog === opened ? opened : viewOf(catalog, opened.warnings, opened.files),
    profile,
    { ...options, source: sourceId },
    top,
  );
  if (options.json) {
    const json = recommendationJson(
      top === null ? rec : { ...rec, results: rec.results.slice(0, top) },
    );
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
