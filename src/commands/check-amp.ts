/** `hpadvise check-amp`: can this source drive this headphone, and how well? */
import { findHeadphone, findSource } from "../catalog/lookup.js";
import type { Context } from "../context.js";
import {
  checkAgainstHeadphones,
  checkAgainstSources,
  check as checkOne,
  suggestFixes,
} from "../core/drive.js";
import { DEFAULT_ROLE, ROLE_TARGETS, type Role } from "../core/roles.js";
import { UsageError } from "../errors.js";
import { renderCheck, renderMatrix, renderOverview } from "../render/amp.js";
import { toJson } from "../render/catalog.js";
import { catalogFor, type GlobalOptions, pickHeadphones, renderOptionsFor } from "./shared.js";

export interface CheckAmpOptions extends GlobalOptions {
  headphone?: string | undefined;
  source?: string | undefined;
  role?: Role | undefined;
  targetSpl?: number | undefined;
  eqHeadroom?: number | undefined;
  explain?: boolean | undefined;
  json?: boolean | undefined;
}

/** The target SPL and why: the flag wins over the role's documented assumption. */
export function targetFor(options: Pick<CheckAmpOptions, "role" | "targetSpl">) {
  const role = options.role ?? DEFAULT_ROLE;
  if (options.targetSpl !== undefined) {
    return { role, targetSplDb: options.targetSpl, why: "set with --target-spl" };
  }
  return { role, targetSplDb: ROLE_TARGETS[role].splDb, why: `${role}: ${ROLE_TARGETS[role].why}` };
}

export async function runCheckAmp(ctx: Context, options: CheckAmpOptions): Promise<void> {
  if (options.headphone === undefined && options.source === undefined) {
    throw new UsageError("check-amp needs --headphone ID, --source ID, or both", {
      hint: "e.g. `hpadvise check-amp --headphone hd600 --source laptop`",
    });
  }
  // One headphone needs only itself and the sources; a source alone, every headphone.
  const picked =
    options.headphone !== undefined
      ? await pickHeadphones(ctx, options, [options.headphone])
      : undefined;
  const catalog = picked
    ? { headphones: picked.headphones, sources: picked.sources }
    : (await catalogFor(ctx, options)).catalog;
  const ro = renderOptionsFor(ctx);
  const { role, targetSplDb, why } = targetFor(options);
  const purpose = options.targetSpl === undefined ? `${role} peaks` : "your target";
  const o = { targetSplDb, eqHeadroomDb: options.eqHeadroom, purpose };
  const head = { role, targetSplDb, targetWhy: why };

  if (options.headphone !== undefined && options.source !== undefined) {
    const h = findHeadphone(catalog, options.headphone);
    const s = findSource(catalog, options.source);
    const result = checkOne(h, s, o);
    const fixes = result.verdict === "ok" ? [] : suggestFixes(h, catalog.sources, o);
    if (options.json) {
      ctx.stdout.write(
        toJson({
          ...head,
          ...result,
          fixes: fixes.map((f) => ({ source: f.source, headroomDb: f.check.headroomDb })),
        }),
      );
    } else {
      ctx.stdout.write(
        renderCheck(result, ro, { explain: options.explain, targetWhy: why, fixes }),
      );
    }
    return;
  }
  if (options.headphone !== undefined) {
    const h = findHeadphone(catalog, options.headphone);
    const checks = checkAgainstSources(h, catalog.sources, o);
    if (options.json) {
      ctx.stdout.write(toJson({ ...head, headphone: { id: h.id, name: h.name }, checks }));
      return;
    }
    ctx.stdout.write(
      `${ro.chalk.bold(h.name)} against every source, best first (${targetSplDb} dB SPL peaks, ${role})\n\n${renderMatrix(checks, "source", ro)}`,
    );
    return;
  }
  const s = findSource(catalog, options.source as string);
  const checks = checkAgainstHeadphones(s, catalog.headphones, o);
  if (options.json) {
    ctx.stdout.write(toJson({ ...head, source: { id: s.id, name: s.name }, checks }));
    return;
  }
  ctx.stdout.write(
    `${ro.chalk.bold(s.name)} with every headphone (${targetSplDb} dB SPL peaks, ${role})\n\n${renderOverview(checks, ro)}`,
  );
}
