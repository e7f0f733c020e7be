/** `hpadvise fr analyze` and `hpadvise fr closest`: what a measured curve says, and its nearest neighbours. */
import { join, resolve } from "node:path";
import {
  listCurveFiles,
  originFromPath,
  readCurve,
  readCurveFile,
  readTargetFor,
} from "../catalog/curve.js";
import type { Context } from "../context.js";
import { analyzeFr, FLAT_TARGET, rmsDifference } from "../core/fr.js";
import { equalizeFr, equalizerApoText } from "../core/peq.js";
import { UsageError } from "../errors.js";
import { type ClosestMatch, renderClosest, renderFrAnalysis } from "../render/fr.js";
import { toJson } from "../render/json.js";
import { writeUserFile } from "../write-whole.js";
import { type GlobalOptions, renderOptionsFor, withConfigDefaults } from "./shared.js";

export interface FrAnalyzeOptions extends GlobalOptions {
  file: string;
  target?: string | undefined;
  rig?: string | undefined;
  json?: boolean | undefined;
  html?: string | undefined;
  /** Write the parametric EQ here, in Equalizer APO's text format. */
  peq?: string | undefined;
}

export interface FrClosestOptions {
  file: string;
  among: string;
  rig?: string | undefined;
  top?: number | undefined;
  json?: boolean | undefined;
}

/** The curve and its target (null: flat, with a note on stderr). */
function readCurveAndTarget(ctx: Context, options: FrAnalyzeOptions) {
  const curve = readCurve(ctx.cwd, options.file, options.rig);
  if (options.target === undefined) {
    ctx.stderr.write(
      "note: no --target, so the curve is judged against flat (0 dB); a rig's neutral is its own target (see README: Frequency response)\n",
    );
    return { curve, target: null };
  }
  return { curve, target: readTargetFor(ctx.cwd, curve, options.target) };
}

export async function runFrAnalyze(ctx: Context, options: FrAnalyzeOptions): Promise<void> {
  // The config's target is the default; --target wins, --no-config skips it.
  await withConfigDefaults(ctx, options, ["target"], (o) => analyzeWith(ctx, o));
}

async function analyzeWith(ctx: Context, options: FrAnalyzeOptions): Promise<void> {
  const { curve, target } = readCurveAndTarget(ctx, options);
  const a = analyzeFr(curve, target ?? FLAT_TARGET);
  const peq = equalizeFr(a);
  const meta = {
    file: curve.file,
    format: curve.format,
    rig: curve.rig,
    source: curve.source,
    target: target?.file ?? null,
  };
  // AutoEq's score is Harman's model of preference against its target; against flat it means nothing.
  const score = target === null ? null : a.score;
  if (options.peq !== undefined) {
    writeUserFile(resolve(ctx.cwd, options.peq), equalizerApoText(peq));
    ctx.stderr.write(`wrote ${options.peq}\n`);
  }
  if (options.html !== undefined) {
    const { renderFrPage } = await import("../render/html.js");
    writeUserFile(resolve(ctx.cwd, options.html), renderFrPage(a, peq, meta));
    ctx.stderr.write(`wrote ${options.html}\n`);
  }
  if (options.json) {
    ctx.stdout.write(
      toJson({
        ...meta,
        tiltDbPerOctave: round(a.tiltDbPerOctave, 3),
        bassDb: round(a.bassDb, 2),
        trebleDb: round(a.trebleDb, 2),
        preampDb: peq.preampDb,
        score: score === null ? null : round(score, 1),
        stdDb: round(a.stdDb, 3),
        slopePerLn: round(a.slopePerLn, 3),
        peaks: a.peaks.map((p) => ({ frequencyHz: round(p.frequencyHz, 0), db: round(p.db, 2) })),
        dips: a.dips.map((p) => ({ frequencyHz: round(p.frequencyHz, 0), db: round(p.db, 2) })),
        tags: a.tags,
        tagsProvenance: { kind: "measured", file: curve.file },
        peq: { ...peq, errorDbRms: round(peq.errorDbRms, 3) },
      }),
    );
    return;
  }
  ctx.stdout.write(renderFrAnalysis(a, peq, meta, renderOptionsFor(ctx)));
}

export async function runFrClosest(ctx: Context, options: FrClosestOptions): Promise<void> {
  const curve = readCurve(ctx.cwd, options.file, options.rig);
  const dir = resolve(ctx.cwd, options.among);
  const self = resolve(ctx.cwd, options.file);
  const files = listCurveFiles(dir)
    .map((rel) => ({
      path: join(dir, rel),
      shown: join(options.among, rel),
      ...originFromPath(join(dir, rel)),
    }))
    .filter((c) => c.path !== self);
  if (curve.rig === null && files.some((c) => c.rig !== null)) {
    throw new UsageError(
      `the rig of ${options.file} is unknown (it is not under <source>/data/<rig>/), and ${options.among} holds curves of named rigs`,
      { hint: "say which rig it was measured on, e.g. --rig over-ear" },
    );
  }
  const same = files.filter((c) => c.rig === curve.rig);
  const matches: ClosestMatch[] = same
    .map((c) => ({ file: c.shown, rmsDb: rmsDifference(curve, readCurveFile(c.path, c.shown)) }))
    .sort((a, b) => a.rmsDb - b.rmsDb || (a.file < b.file ? -1 : a.file > b.file ? 1 : 0))
    .slice(0, options.top ?? 10);
  const result = { file: curve.file, rig: curve.rig, matches, skipped: files.length - same.length };
  if (options.json) {
    ctx.stdout.write(
      toJson({
        ...result,
        matches: matches.map((m) => ({ file: m.file, rmsDb: round(m.rmsDb, 3) })),
      }),
    );
    return;
  }
  ctx.stdout.write(renderClosest(result, renderOptionsFor(ctx)));
}

function round(value: number, digits: number): number {
  const k = 10 ** digits;
  return Math.round(value * k) / k;
}
