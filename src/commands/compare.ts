/** `hpadvise compare ID ID...`: side-by-side specs and per-role scores. */
import { findHeadphone } from "../catalog/lookup.js";
import type { Context } from "../context.js";
import { PROFILES } from "../core/profiles.js";
import { ROLES } from "../core/roles.js";
import type { Catalog, Headphone } from "../core/types.js";
import { UsageError } from "../errors.js";
import { toJson } from "../render/catalog.js";
import { type RoleFit, renderComparison } from "../render/compare.js";
import { recommendFor } from "./recommend.js";
import { catalogFor, type GlobalOptions, renderOptionsFor } from "./shared.js";

export interface CompareOptions extends GlobalOptions {
  ids: string[];
  json?: boolean | undefined;
}

/** Score and rank of each headphone for each role, from the same ranking recommend uses. */
export function roleFits(catalog: Catalog, ids: readonly string[]): Record<string, RoleFit[]> {
  const fits: Record<string, RoleFit[]> = {};
  for (const role of ROLES) {
    const { results } = recommendFor(catalog, PROFILES[role], { role });
    const eligible = results.filter((r) => !r.excluded).length;
    fits[role] = ids.map((id) => {
      const index = results.findIndex((r) => r.id === id);
      const r = results[index];
      if (!r) throw new Error(`ranking lost ${id}`);
      return r.excluded
        ? {
            id,
            role,
            score: null,
            rank: null,
            of: eligible,
            excluded: r.excludedBy?.text ?? "excluded",
          }
        : { id, role, score: r.score, rank: index + 1, of: eligible, excluded: null };
    });
  }
  return fits;
}

export async function runCompare(ctx: Context, options: CompareOptions): Promise<void> {
  if (options.ids.length < 2) {
    throw new UsageError("compare needs at least two ids", {
      hint: "e.g. `hpadvise compare hd600 hd650`",
    });
  }
  const { catalog } = await catalogFor(ctx, options);
  const headphones: Headphone[] = options.ids.map((id) => findHeadphone(catalog, id));
  const fits = roleFits(
    catalog,
    headphones.map((h) => h.id),
  );
  if (options.json) {
    ctx.stdout.write(toJson({ headphones, roles: fits }));
    return;
  }
  ctx.stdout.write(renderComparison(headphones, fits, renderOptionsFor(ctx)));
}
