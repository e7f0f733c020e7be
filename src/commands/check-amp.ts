/** `hpadvise check-amp`: can this source drive this headphone, and how well? */
import { findHeadphone, findSource } from "../catalog/lookup.js";
import {
  type HeadphoneFigureOptions,
  hasHeadphoneFigures,
  hasSourceFigures,
  headphoneFigureFields,
  headphoneFiguresOf,
  headphoneWithFigures,
  type SourceFigureOptions,
  sourceFigureFields,
  sourceFiguresOf,
  sourceWithFigures,
} from "../catalog/user-figures.js";
import type { Context } from "../context.js";
import {
  checkAgainstHeadphones,
  checkAgainstSources,
  check as checkOne,
  suggestFixes,
} from "../core/drive.js";
import { DEFAULT_ROLE, ROLE_TARGETS, type Role } from "../core/roles.js";
import { UsageError } from "../errors.js";
import {
  describeUserFigures,
  renderCheck,
  renderMatrix,
  renderOverview,
  userLine,
} from "../render/amp.js";
import { toJson } from "../render/catalog.js";
import { hang } from "../render/wrap.js";
import { catalogFor, type GlobalOptions, pickHeadphones, renderOptionsFor } from "./shared.js";

export interface CheckAmpOptions
  extends GlobalOptions,
    HeadphoneFigureOptions,
    SourceFigureOptions {
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
  const hf = headphoneFiguresOf(options);
  const sf = sourceFiguresOf(options);
  const wantsHeadphone = options.headphone !== undefined || hasHeadphoneFigures(hf);
  const wantsSource = options.source !== undefined || hasSourceFigures(sf);
  if (!wantsHeadphone && !wantsSource) {
    throw new UsageError(
      "check-amp needs --headphone ID, --source ID, or both (or their figures)",
      {
        hint: 'e.g. `hpadvise check-amp --headphone hd600 --source laptop`, or figures: `--impedance 300 --sensitivity "97 dB/mW" --vout 2V --zout 10`',
      },
    );
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
  const yours = {
    headphone: headphoneFigureFields(hf),
    source: sourceFigureFields(sf),
  };

  const h = wantsHeadphone
    ? headphoneWithFigures(
        options.headphone === undefined ? null : findHeadphone(catalog, options.headphone),
        hf,
      )
    : undefined;
  const s = wantsSource
    ? sourceWithFigures(
        options.source === undefined ? null : findSource(catalog, options.source),
        sf,
      )
    : undefined;

  if (h && s) {
    const result = checkOne(h, s, o);
    const fixes = result.verdict === "ok" ? [] : suggestFixes(h, catalog.sources, o);
    if (options.json) {
      ctx.stdout.write(
        toJson({
          ...head,
          ...result,
          userFigures: yours,
          fixes: fixes.map((f) => ({ source: f.source, headroomDb: f.check.headroomDb })),
        }),
      );
    } else {
      ctx.stdout.write(
        renderCheck(result, ro, {
          explain: options.explain,
          targetWhy: why,
          fixes,
          userFigures: describeUserFigures(h, s, yours),
        }),
      );
    }
    return;
  }
  if (h) {
    const checks = checkAgainstSources(h, catalog.sources, o);
    if (options.json) {
      ctx.stdout.write(
        toJson({ ...head, headphone: { id: h.id, name: h.name }, userFigures: yours, checks }),
      );
      return;
    }
    ctx.stdout.write(
      `${hang("", `${ro.chalk.bold(h.name)} against every source, best first (${targetSplDb} dB SPL peaks, ${role})`, ro.columns)}
${userLine(describeUserFigures(h, undefined, yours), ro.columns)}
${renderMatrix(checks, "source", ro)}`,
    );
    return;
  }
  const src = s as NonNullable<typeof s>;
  const checks = checkAgainstHeadphones(src, catalog.headphones, o);
  if (options.json) {
    ctx.stdout.write(
      toJson({ ...head, source: { id: src.id, name: src.name }, userFigures: yours, checks }),
    );
    return;
  }
  ctx.stdout.write(
    `${hang("", `${ro.chalk.bold(src.name)} with every headphone (${targetSplDb} dB SPL peaks, ${role})`, ro.columns)}
${userLine(describeUserFigures(undefined, src, yours), ro.columns)}
${renderOverview(checks, ro)}`,
  );
}
