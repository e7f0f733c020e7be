/** `hpadvise plan --budget USD`: a headphone setup across roles, in the guide's order. */
import { findHeadphone, findSource } from "../catalog/lookup.js";
import { withUserSource } from "../catalog/user-figures.js";
import type { Context } from "../context.js";
import { type Plan, planSetup } from "../core/plan.js";
import { ROLES, type Role } from "../core/roles.js";
import type { Catalog } from "../core/types.js";
import { UsageError } from "../errors.js";
import { toJson } from "../render/json.js";
import { planJson, renderPlan } from "../render/plan.js";
import {
  catalogFor,
  type GlobalOptions,
  hasSourceFigures,
  renderOptionsFor,
  type SourceFigureOptions,
  sourceFiguresOf,
  targetCurve,
  withConfigDefaults,
} from "./shared.js";

export interface PlanOptions extends GlobalOptions, SourceFigureOptions {
  budget?: number | undefined;
  own?: string[] | undefined;
  source?: string | undefined;
  roles?: Role[] | undefined;
  json?: boolean | undefined;
  /** A target curve: entries' measured curves are judged against it. */
  target?: string | undefined;
  /** A folder of measurements in AutoEq's layout: the catalog's models' curves. */
  measurements?: string | undefined;
}

/** The plan from a loaded catalog: ids looked up, then the core decides. */
export function planFromCatalog(loaded: Catalog, options: PlanOptions & { budget: number }): Plan {
  const figures = sourceFiguresOf(options);
  // A source typed as figures joins the catalog for this run.
  const { catalog, sourceId } = hasSourceFigures(figures)
    ? withUserSource(loaded, options.source, figures)
    : { catalog: loaded, sourceId: options.source };
  const source = sourceId === undefined ? null : findSource(catalog, sourceId);
  const owned = [...new Set((options.own ?? []).map((id) => findHeadphone(catalog, id)))];
  return planSetup({
    headphones: catalog.headphones,
    sources: catalog.sources,
    roles: options.roles ?? ROLES,
    budgetUsd: options.budget,
    owned,
    source,
  });
}

export async function runPlan(ctx: Context, options: PlanOptions): Promise<void> {
  // Source figures alone describe a new source: the config's does not apply.
  const keys = hasSourceFigures(sourceFiguresOf(options))
    ? (["own", "budget", "target", "measurements"] as const)
    : (["source", "own", "budget", "target", "measurements"] as const);
  await withConfigDefaults(ctx, options, keys, async (o) => {
    const budget = o.budget;
    if (budget === undefined)
      throw new UsageError("plan needs a budget", {
        hint: "pass --budget USD (e.g. --budget 800), or remember one: hpadvise config set budget 800",
      });
    const target = await targetCurve(ctx, o.target);
    const catalog = await catalogFor(ctx, o, target, o.measurements);
    const plan = planFromCatalog(catalog, { ...o, budget });
    ctx.stdout.write(o.json ? toJson(planJson(plan)) : renderPlan(plan, renderOptionsFor(ctx)));
  });
}
