/** `hpadvise compare ID ID...`: side-by-side specs and per-role scores. */
import { resolve } from "node:path";
import { readCurve } from "../catalog/curve.js";
import type { Context } from "../context.js";
import { packedPlace, packedScores } from "../core/packed.js";
import { PROFILES } from "../core/profiles.js";
import { baseContext, rankHeadphones } from "../core/rank.js";
import { ROLES } from "../core/roles.js";
import { UsageError } from "../errors.js";
import { toJson } from "../render/catalog.js";
import { type RoleFit, renderComparison } from "../render/compare.js";
import {
  type GlobalOptions,
  type Picked,
  pickHeadphones,
  renderOptionsFor,
  withConfigDefaults,
} from "./shared.js";
import { writeWhole } from "./write-file.js";

export interface CompareOptions extends GlobalOptions {
  ids: string[];
  /** From your config only: headphones you own, compared when fewer than two ids are given. */
  own?: string[] | undefined;
  json?: boolean | undefined;
  html?: string | undefined;
}

/**
 * Score and place of each picked headphone for each role, in the whole
 * catalog's ranking (the one recommend gives), worked out from packed columns.
 */
export function roleFits(picked: Picked): Record<string, RoleFit[]> {
  const fits: Record<string, RoleFit[]> = {};
  const packed = picked.packed();
  for (const role of ROLES) {
    const profile = PROFILES[role];
    const ctx = baseContext(role, picked.sources);
    const score = packedScores(packed, profile, ctx);
    // Packing works out every rule under every role, so no column is missing.
    if (!score) throw new Error(`no packed ranking for ${role}`);
    fits[role] = picked.headphones.map((h, k) => {
      const { rank, of } = packedPlace(packed, score, picked.at[k] as number);
      if (rank !== null)
        return {
          id: h.id,
          role,
          score: score[picked.at[k] as number] as number,
          rank,
          of,
          excluded: null,
        };
      // Why it is excluded, from the rules themselves.
      const [r] = rankHeadphones({ headphones: [h], profile, ctx, owned: new Set() });
      return {
        id: h.id,
        role,
        score: null,
        rank: null,
        of,
        excluded: r?.excludedBy?.text ?? "excluded",
      };
    });
  }
  return fits;
}

export async function runCompare(ctx: Context, options: CompareOptions): Promise<void> {
  // Fewer than two ids: what you own (from your config) joins them.
  const keys = options.ids.length < 2 ? (["own"] as const) : [];
  await withConfigDefaults(ctx, options, keys, (o) =>
    compareWith(ctx, { ...o, ids: [...new Set([...o.ids, ...(o.own ?? [])])] }),
  );
}

async function compareWith(ctx: Context, options: CompareOptions): Promise<void> {
  if (options.ids.length < 2) {
    throw new UsageError("compare needs at least two ids", {
      hint: "e.g. `hpadvise compare hd600 hd650`, or `hpadvise config set own ID...` to compare with yours",
    });
  }
  const picked = await pickHeadphones(ctx, options, options.ids);
  const { headphones } = picked;
  const fits = roleFits(picked);
  if (options.html !== undefined) {
    const curves = headphones.flatMap((h) => {
      const ref = h.frequencyResponse;
      return ref ? [{ id: h.id, ...readCurve(ctx.cwd, ref.file, ref.rig, true) }] : [];
    });
    const rigs = [...new Set(curves.map((c) => c.rig))];
    if (rigs.length > 1) {
      throw new UsageError(
        `the curves were measured on different rigs (${rigs.join(", ")}); curves from different rigs cannot be compared`,
        { hint: "point the catalog entries to curves from one rig" },
      );
    }
    const { renderComparePage } = await import("../render/html.js");
    writeWhole(resolve(ctx.cwd, options.html), renderComparePage(headphones, fits, curves));
    ctx.stderr.write(`wrote ${options.html}\n`);
  }
  if (options.json) {
    ctx.stdout.write(toJson({ headphones, roles: fits }));
    return;
  }
  ctx.stdout.write(renderComparison(headphones, fits, renderOptionsFor(ctx)));
}
