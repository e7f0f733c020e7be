/** `hpadvise recommend --role R`: rank the catalog for a role, and say why. */
import { resolve } from "node:path";
import { findHeadphone, findSource } from "../catalog/lookup.js";
import type { Context } from "../context.js";
import { PROFILES, type Profile } from "../core/profiles.js";
import { ownedVerdict, type RankContext, rankHeadphones } from "../core/rank.js";
import type { Role } from "../core/roles.js";
import type { Back, Catalog, Driver } from "../core/types.js";
import { toJson } from "../render/catalog.js";
import { renderRecommendations } from "../render/recommend.js";
import { catalogFor, type GlobalOptions, renderOptionsFor } from "./shared.js";

export interface RecommendOptions extends GlobalOptions {
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
  const ctx: RankContext = {
    role: options.role,
    source,
    sources: catalog.sources,
    budgetUsd: options.budget ?? null,
    back: options.back ?? null,
    driver: options.driver ?? null,
    maxWeightGrams: options.maxWeight ?? null,
  };
  const results = rankHeadphones({ headphones: catalog.headphones, profile, ctx, owned });
  return {
    role: options.role,
    budgetUsd: ctx.budgetUsd,
    source: source ? { id: source.id, name: source.name } : null,
    results,
    ownedServes: ownedVerdict(results),
    owned: [...owned],
    advice: profile.advice,
  };
}

export type Recommendation = ReturnType<typeof recommendFor>;

export async function runRecommend(ctx: Context, options: RecommendOptions): Promise<void> {
  const [{ catalog }, profiles] = await Promise.all([
    catalogFor(ctx, options),
    profilesFor(ctx, options.rules),
  ]);
  const rec = recommendFor(catalog, profiles[options.role], options);
  if (options.json) {
    ctx.stdout.write(toJson(rec));
    return;
  }
  ctx.stdout.write(
    renderRecommendations(rec, renderOptionsFor(ctx), {
      top: options.top ?? DEFAULT_TOP,
      explain: options.explain ?? false,
    }),
  );
}
