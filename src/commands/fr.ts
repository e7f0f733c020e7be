/** `hpadvise fr analyze` and `hpadvise fr closest`: what a measured curve says, and its nearest neighbours. */
import { join, resolve } from "node:path";
import {
  CurveError,
  type CurveFile,
  listCurveFiles,
  originFromPath,
  readCurve,
  readCurveFile,
  readTargetFor,
} from "../catalog/curve.js";
import type { Context } from "../context.js";
import { analyzeFr, errorDistance, FLAT_TARGET, rmsDifference } from "../core/fr.js";
import { equalizeFr, equalizerApoText } from "../core/peq.js";
import { safeText } from "../core/safe-text.js";
import { UsageError } from "../errors.js";
import {
  type ClosestMatch,
  renderClosest,
  renderFrAnalysis,
  renderUnmatched,
} from "../render/fr.js";
import { toJson } from "../render/json.js";
import { writeUserFile } from "../write-whole.js";
import { catalogFor, type GlobalOptions, renderOptionsFor, withConfigDefaults } from "./shared.js";

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
  /** Compare the curves' errors against this target, not the raw curves. */
  target?: string | undefined;
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
  const target =
    options.target === undefined ? undefined : readTargetFor(ctx.cwd, curve, options.target);
  const dir = resolve(ctx.cwd, options.among);
  const self = resolve(ctx.cwd, options.file);
  const listing = listCurveFiles(dir);
  const files = listing.files
    .map((rel) => {
      const origin = originFromPath(join(dir, rel));
      // --rig names the rig of curves whose path does not say (a plain folder).
      return {
        path: join(dir, rel),
        shown: join(options.among, rel),
        ...origin,
        rig: origin.rig ?? options.rig ?? null,
      };
    })
    .filter((c) => c.path !== self);
  if (curve.rig === null && files.some((c) => c.rig !== null)) {
    throw new UsageError(
      `the rig of ${options.file} is unknown (it is not under <source>/data/<rig>/), and ${options.among} holds curves of named rigs`,
      { hint: "say which rig it was measured on, e.g. --rig over-ear" },
    );
  }
  const same = files.filter((c) => c.rig === curve.rig);
  const unreadable = [...listing.problems];
  const mine = target === undefined ? undefined : analyzeFr(curve, target);
  const matches: ClosestMatch[] = [];
  for (const c of same) {
    let other: CurveFile;
    try {
      other = readCurveFile(c.path, c.shown);
    } catch (error) {
      // One bad file in a tree of thousands is skipped, not fatal.
      if (!(error instanceof CurveError)) throw error;
      unreadable.push(error.message);
      continue;
    }
    matches.push({
      file: c.shown,
      rmsDb:
        mine === undefined || target === undefined
          ? rmsDifference(curve, other)
          : errorDistance(mine, analyzeFr(other, target)),
    });
  }
  for (const problem of unreadable) ctx.stderr.write(`warning: skipped ${problem}\n`);
  if (unreadable.length > 0) {
    ctx.stderr.write(
      `warning: ${unreadable.length} ${unreadable.length === 1 ? "entry" : "entries"} of ${safeText(options.among)} could not be read and ${unreadable.length === 1 ? "was" : "were"} skipped\n`,
    );
  }
  matches.sort((a, b) => a.rmsDb - b.rmsDb || (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  const top = matches.slice(0, options.top ?? 10);
  const result = {
    file: curve.file,
    rig: curve.rig,
    target: target?.file ?? null,
    matches: top,
    skipped: files.length - same.length,
  };
  if (options.json) {
    ctx.stdout.write(
      toJson({
        ...result,
        matches: top.map((m) => ({ file: m.file, rmsDb: round(m.rmsDb, 3) })),
        unreadable: unreadable.length,
      }),
    );
    return;
  }
  ctx.stdout.write(renderClosest(result, renderOptionsFor(ctx)));
}

export interface FrUnmatchedOptions extends GlobalOptions {
  measurements?: string | undefined;
  json?: boolean | undefined;
}

export async function runFrUnmatched(ctx: Context, options: FrUnmatchedOptions): Promise<void> {
  await withConfigDefaults(ctx, options, ["measurements"], (o) => unmatchedWith(ctx, o));
}

/** The folder's files no catalog model names, with the ids they may belong to. */
async function unmatchedWith(ctx: Context, options: FrUnmatchedOptions): Promise<void> {
  if (options.measurements === undefined) {
    throw new UsageError("fr unmatched needs a measurements folder", {
      hint: "--measurements DIR, or `hpadvise config set measurements DIR` (AutoEq's measurements/ folder)",
    });
  }
  const { openMeasurementFolder, unmatchedFiles } = await import("../catalog/measured.js");
  const folder = openMeasurementFolder(resolve(ctx.cwd, options.measurements));
  for (const problem of folder.problems) ctx.stderr.write(`warning: skipped ${problem}\n`);
  const { catalog } = await catalogFor(ctx, options);
  const unmatched = unmatchedFiles(catalog.headphones, folder);
  const matched = folder.files.length - unmatched.length;
  if (options.json) {
    ctx.stdout.write(
      toJson({
        folder: options.measurements,
        files: folder.files.length,
        matched,
        unmatched: unmatched.map((u) => ({
          file: u.file.shown,
          source: u.file.source,
          rig: u.file.rig,
          name: u.file.name,
          didYouMean: u.didYouMean,
        })),
      }),
    );
    return;
  }
  ctx.stdout.write(
    renderUnmatched(
      { folder: options.measurements, files: folder.files.length, matched, unmatched },
      renderOptionsFor(ctx),
    ),
  );
}

function round(value: number, digits: number): number {
  const k = 10 ** digits;
  return Math.round(value * k) / k;
}
