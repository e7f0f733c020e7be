/** `hpadvise compare ID ID...`: side-by-side specs, fit per role, and a conclusion. */
import { resolve } from "node:path";
import { readCurve } from "../catalog/curve.js";
import type { Context } from "../context.js";
import { PROFILES } from "../core/profiles.js";
import { concludeComparison, roleFits } from "../core/recommend.js";
import { ROLES, type Role } from "../core/roles.js";
import { UsageError } from "../errors.js";
import { renderComparison, roleFitJson } from "../render/compare.js";
import { toJson } from "../render/json.js";
import { writeUserFile } from "../write-whole.js";
import {
  catalogFor,
  type GlobalOptions,
  namedHeadphones,
  renderOptionsFor,
  targetCurve,
  withConfigDefaults,
} from "./shared.js";

export interface CompareOptions extends GlobalOptions {
  ids: string[];
  role?: Role | undefined;
  source?: string | undefined;
  /** From your config only: headphones you own, compared when fewer than two ids are given. */
  own?: string[] | undefined;
  json?: boolean | undefined;
  html?: string | undefined;
  /** A target curve: entries' measured curves are judged against it for the fits. */
  target?: string | undefined;
  /** A folder of measurements in AutoEq's layout: the catalog's models' curves. */
  measurements?: string | undefined;
}

export async function runCompare(ctx: Context, options: CompareOptions): Promise<void> {
  // Your source weighs in the conclusion; fewer than two ids: what you own joins them.
  const keys =
    options.ids.length < 2
      ? (["source", "own", "target", "measurements"] as const)
      : (["source", "target", "measurements"] as const);
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
  const target = await targetCurve(ctx, options.target);
  const catalog = await catalogFor(ctx, options, target, options.measurements);
  const picked = namedHeadphones(catalog, options.ids);
  const { headphones } = picked;
  const source = options.source === undefined ? null : catalog.findSource(options.source);
  const fits = roleFits(picked.catalog, headphones, PROFILES, source);
  const roles = options.role ? [options.role] : ROLES;
  const conclusions = roles.map((role) =>
    concludeComparison(headphones, fits[role], role, source, picked.catalog.headphones),
  );
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
    writeUserFile(
      resolve(ctx.cwd, options.html),
      renderComparePage(headphones, fits, curves, conclusions),
    );
    ctx.stderr.write(`wrote ${options.html}\n`);
  }
  if (options.json) {
    ctx.stdout.write(
      toJson({
        headphones,
        roles: Object.fromEntries(
          Object.entries(fits).map(([role, list]) => [role, list.map(roleFitJson)]),
        ),
        conclusion: conclusions.map((c) => c.text).join(" "),
        conclusions,
      }),
    );
    return;
  }
  ctx.stdout.write(renderComparison(headphones, fits, renderOptionsFor(ctx), conclusions));
}
