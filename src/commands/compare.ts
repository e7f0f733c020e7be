/** `hpadvise compare ID ID...`: side-by-side specs, fit per role, and a conclusion. */
import { findSource } from "../catalog/lookup.js";
import type { Context } from "../context.js";
import { PROFILES } from "../core/profiles.js";
import { concludeComparison, roleFits } from "../core/recommend.js";
import { ROLES, type Role } from "../core/roles.js";
import { UsageError } from "../errors.js";
import { toJson } from "../render/catalog.js";
import { renderComparison } from "../render/compare.js";
import { type GlobalOptions, pickHeadphones, renderOptionsFor } from "./shared.js";

export interface CompareOptions extends GlobalOptions {
  ids: string[];
  role?: Role | undefined;
  source?: string | undefined;
  json?: boolean | undefined;
}

export async function runCompare(ctx: Context, options: CompareOptions): Promise<void> {
  if (options.ids.length < 2) {
    throw new UsageError("compare needs at least two ids", {
      hint: "e.g. `hpadvise compare hd600 hd650`",
    });
  }
  const picked = await pickHeadphones(ctx, options, options.ids);
  const { headphones } = picked;
  const source =
    options.source === undefined ? null : findSource({ sources: picked.sources }, options.source);
  const fits = roleFits(picked.packed(), picked, picked.sources, PROFILES);
  const roles = options.role ? [options.role] : ROLES;
  const conclusions = roles.map((role) => concludeComparison(headphones, fits[role], role, source));
  if (options.json) {
    ctx.stdout.write(
      toJson({
        headphones,
        roles: fits,
        conclusion: conclusions.map((c) => c.text).join(" "),
        conclusions,
      }),
    );
    return;
  }
  ctx.stdout.write(renderComparison(headphones, fits, renderOptionsFor(ctx), conclusions));
}
