/** `hpadvise check-amp`: can this source drive this headphone, and how well? */
import { resolve } from "node:path";
import { readCurve, readTargetFor } from "../catalog/curve.js";
import type { OpenCatalog } from "../catalog/open.js";
import {
  headphoneFigureFields,
  headphoneWithFigures,
  sourceFigureFields,
  sourceWithFigures,
} from "../catalog/user-figures.js";
import type { ConfigKey } from "../config/config.js";
import type { Context } from "../context.js";
import { checkAgainstHeadphones, checkAgainstSources, check as checkOne } from "../core/drive.js";
import { type Fix, remedyFor } from "../core/fixes.js";
import { analyzeFr } from "../core/fr.js";
import { equalizeFr } from "../core/peq.js";
import { DEFAULT_ROLE, ROLE_TARGETS, type Role } from "../core/roles.js";
import type { CurveRef, Headphone } from "../core/types.js";
import { EXIT_VERDICT, HpAdviseError, UnknownIdError, UsageError } from "../errors.js";
import {
  describeUserFigures,
  renderCheck,
  renderMatrix,
  renderOverview,
  userLine,
} from "../render/amp.js";
import { sourceFallbacks } from "../render/catalog.js";
import { toJson } from "../render/json.js";
import { hang } from "../render/text.js";
import { writeUserFile } from "../write-whole.js";
import {
  catalogFor,
  type GlobalOptions,
  type HeadphoneFigureOptions,
  hasHeadphoneFigures,
  hasSourceFigures,
  headphoneFiguresOf,
  renderOptionsFor,
  type SourceFigureOptions,
  sourceFiguresOf,
  withConfigDefaults,
} from "./shared.js";

export interface CheckAmpOptions
  extends GlobalOptions,
    HeadphoneFigureOptions,
    SourceFigureOptions {
  headphone?: string | undefined;
  source?: string | undefined;
  role?: Role | undefined;
  targetSpl?: number | undefined;
  eqHeadroom?: number | undefined;
  /** A measured curve whose EQ to `target` sets the EQ headroom. */
  fr?: string | undefined;
  target?: string | undefined;
  html?: string | undefined;
  explain?: boolean | undefined;
  json?: boolean | undefined;
  /** Exit with EXIT_VERDICT when a verdict is this or worse (for scripts). */
  failOn?: "insufficient" | "marginal" | undefined;
}

/** The verdicts each `--fail-on` level fails on: marginal fails on anything short of ok. */
const FAILING: Record<"insufficient" | "marginal", readonly string[]> = {
  insufficient: ["insufficient"],
  marginal: ["marginal", "insufficient", "unknown"],
};

/** The source, or its did-you-mean followed by the three ways on without it. */
function findSourceOrOffer(catalog: OpenCatalog, id: string) {
  try {
    return catalog.findSource(id);
  } catch (e) {
    if (!(e instanceof UnknownIdError)) throw e;
    const ways = sourceFallbacks(catalog);
    throw new UnknownIdError(e.message, {
      hint: `not in the catalog? ${[ways.generic, ways.figures, ways.measure].filter(Boolean).join("; or ")}. ${e.hint ?? ""}`.trim(),
    });
  }
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
  // Source figures alone describe a new source: the config's does not apply.
  const keys: ConfigKey[] = hasSourceFigures(sourceFiguresOf(options)) ? [] : ["source"];
  // With --fr, your config's target curve is the default target.
  if (options.fr !== undefined && options.eqHeadroom === undefined) keys.push("target");
  const verdicts = await withConfigDefaults(ctx, options, keys, (o) => checkWith(ctx, o));
  const failOn = options.failOn;
  if (failOn === undefined) return;
  const failing = verdicts.filter((v) => FAILING[failOn].includes(v));
  if (failing.length > 0) {
    throw new HpAdviseError(
      `${failing.length === 1 ? `the verdict is ${failing[0]}` : `${failing.length} of ${verdicts.length} verdicts are ${failOn} or worse`} (--fail-on ${failOn})`,
      { exitCode: EXIT_VERDICT },
    );
  }
}

/** Checks and writes; returns every verdict it gave. */
async function checkWith(ctx: Context, options: CheckAmpOptions): Promise<string[]> {
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
  const catalog = await catalogFor(ctx, options);
  const ro = renderOptionsFor(ctx);
  const { role, targetSplDb, why } = targetFor(options);
  const purpose = options.targetSpl === undefined ? `${role} peaks` : "your target";
  const head = { role, targetSplDb, targetWhy: why };
  const yours = {
    headphone: headphoneFigureFields(hf),
    source: sourceFigureFields(sf),
  };

  const h = wantsHeadphone
    ? headphoneWithFigures(
        options.headphone === undefined ? null : catalog.findHeadphone(options.headphone),
        hf,
      )
    : undefined;
  const s = wantsSource
    ? sourceWithFigures(
        options.source === undefined ? null : findSourceOrOffer(catalog, options.source),
        sf,
      )
    : undefined;

  const eq = h ? eqFromCurve(ctx, options, h) : noHeadphoneCurve(options);
  const o = { targetSplDb, eqHeadroomDb: eq?.eqHeadroomDb ?? options.eqHeadroom, purpose, role };
  const eqLine = eq
    ? `${hang("", `EQ to ${eq.target} costs ${eq.eqHeadroomDb.toFixed(1)} dB of level (preamp from the measured curve ${eq.curve})`, ctx.columns)}\n`
    : "";
  if (options.html !== undefined) {
    if (!h) {
      throw new UsageError(
        "--html draws one headphone's headroom on each source; give --headphone",
      );
    }
    const checks = s ? [checkOne(h, s, o)] : checkAgainstSources(h, catalog.sources, o);
    const { renderCheckAmpPage } = await import("../render/html.js");
    writeUserFile(resolve(ctx.cwd, options.html), renderCheckAmpPage(h, checks, head));
    ctx.stderr.write(`wrote ${options.html}\n`);
  }

  if (h && s) {
    const result = checkOne(h, s, o);
    const remedy = remedyFor(result, h, catalog.sources, o);
    if (options.json) {
      ctx.stdout.write(
        toJson({
          ...head,
          ...result,
          eqFromCurve: eq ?? null,
          userFigures: yours,
          ...remedyJson(remedy),
        }),
      );
    } else {
      ctx.stdout.write(
        eqLine +
          renderCheck(result, ro, {
            explain: options.explain,
            targetWhy: why,
            remedy,
            userFigures: describeUserFigures(h, s, yours),
          }),
      );
    }
    return [result.verdict];
  }
  if (h) {
    const checks = checkAgainstSources(h, catalog.sources, o);
    if (options.json) {
      ctx.stdout.write(
        toJson({
          ...head,
          headphone: { id: h.id, name: h.name },
          eqFromCurve: eq ?? null,
          userFigures: yours,
          checks,
        }),
      );
      return checks.map((c) => c.verdict);
    }
    ctx.stdout.write(
      `${eqLine}${hang("", `${ro.chalk.bold(h.name)} against every source, best first (${targetSplDb} dB SPL peaks, ${role})`, ro.columns)}
${userLine(describeUserFigures(h, undefined, yours), ro.columns)}
${renderMatrix(checks, "source", ro)}`,
    );
    return checks.map((c) => c.verdict);
  }
  const src = s as NonNullable<typeof s>;
  const checks = checkAgainstHeadphones(src, catalog.headphones, o);
  if (options.json) {
    ctx.stdout.write(
      toJson({ ...head, source: { id: src.id, name: src.name }, userFigures: yours, checks }),
    );
    return checks.map((c) => c.verdict);
  }
  ctx.stdout.write(
    `${hang("", `${ro.chalk.bold(src.name)} with every headphone (${targetSplDb} dB SPL peaks, ${role})`, ro.columns)}
${userLine(describeUserFigures(undefined, src, yours), ro.columns)}
${renderOverview(checks, ro)}`,
  );
  return checks.map((c) => c.verdict);
}

/** The fixes, priced ones first, and for an unknown verdict the figures it lacks. */
function remedyJson(remedy: ReturnType<typeof remedyFor>) {
  const fix = (f: Fix) => ({
    source: f.source,
    kind: f.kind,
    priceApproximate: f.priceApproximate,
    headroomDb: f.check.headroomDb,
  });
  if (remedy?.verdict === "unknown") return { fixes: [], missing: remedy.missing };
  return { fixes: (remedy?.fixes ?? []).map(fix), missing: null };
}

/**
 * The EQ headroom a measured curve's correction costs: minus its preamp, from
 * --fr FILE (or the headphone's catalog curve) against --target FILE.
 */
function eqFromCurve(ctx: Context, options: CheckAmpOptions, h: Headphone) {
  if (noCurve(options) === undefined) return undefined;
  if (options.target === undefined) {
    throw new UsageError(
      "--fr needs --target FILE: the target curve for the rig it was measured on",
      {
        hint: "AutoEq's targets/ folder has them, e.g. `Harman over-ear 2018.csv` for oratory1990's over-ear curves",
      },
    );
  }
  const ref = h.frequencyResponse;
  if (options.fr === undefined && ref === null) {
    throw new UsageError(`${h.id} has no measured curve in your catalog`, {
      hint: "give one with --fr FILE, or add `frequencyResponse: {file, rig, source}` to its entry",
    });
  }
  const curve =
    options.fr !== undefined
      ? readCurve(ctx.cwd, options.fr)
      : readCurve(ctx.cwd, (ref as CurveRef).file, (ref as CurveRef).rig, true);
  const target = readTargetFor(ctx.cwd, curve, options.target);
  // The preamp of the parametric EQ `fr analyze --peq` writes for this curve.
  const { preampDb } = equalizeFr(analyzeFr(curve, target));
  return { curve: curve.file, target: target.file, preampDb, eqHeadroomDb: -preampDb };
}

/** A curve belongs to one headphone: without one, --fr and --target cannot be used. */
function noHeadphoneCurve(options: CheckAmpOptions): undefined {
  if (options.fr !== undefined || options.target !== undefined) {
    throw new UsageError("--fr and --target describe one headphone's curve; give --headphone too");
  }
  return undefined;
}

/** Undefined when no curve is asked for; a usage error when it cannot be used. */
function noCurve(options: CheckAmpOptions): undefined | true {
  if (options.fr === undefined && options.target === undefined) return undefined;
  if (options.eqHeadroom !== undefined) {
    throw new UsageError("give --eq-headroom or a curve (--fr, --target), not both");
  }
  if (options.headphone === undefined && options.fr === undefined) {
    throw new UsageError(
      "--target needs a headphone: --headphone ID with a catalog curve, or --fr FILE",
    );
  }
  return true;
}
