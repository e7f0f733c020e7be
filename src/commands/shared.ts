/** What every command does the same way: open the catalog, set up rendering. */
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import type { CurveFile } from "../catalog/curve.js";
import {
  cacheDirFrom,
  type OpenCatalog,
  openCatalog,
  openCurveCache,
  readCachedConfig,
  viewOf,
  writeCachedConfig,
} from "../catalog/open.js";
import type { HeadphoneFigures, SourceFigures } from "../catalog/user-figures.js";
import type { Config, ConfigKey } from "../config/config.js";
import { type Context, configFile, personalCatalogFile } from "../context.js";
import { PROFILES, type Profile } from "../core/profiles.js";
import { type Query, type Recommendation, recommendFor } from "../core/recommend.js";
import type { Role } from "../core/roles.js";
import type { Back, Catalog, Driver, Headphone, Source } from "../core/types.js";
import {
  type CatalogIssue,
  formatIssue,
  HpAdviseError,
  UnknownIdError,
  UsageError,
} from "../errors.js";
import type { StatedOutput, StatedSensitivity } from "../figures.js";
import type { RenderOptions } from "../render/catalog.js";
import { makeChalk } from "../render/text.js";

/** Options every command accepts (declared once in cli.ts). */
export interface GlobalOptions {
  catalog?: string[] | undefined;
  /** false with --no-config: ignore your config and personal catalog. */
  config?: boolean | undefined;
}

/**
 * The catalog the command works with, its warnings printed. With a target
 * curve, each entry's curve is measured against it and its measured tags
 * added (catalog/measured.ts); an entry on another rig is named in a warning
 * and keeps its described character. With a measurements folder
 * (`--measurements DIR`, AutoEq's layout), each model without a curve of its
 * own takes the one the folder holds under its `measurements` name. What
 * each curve gives is cached by file (catalog/open.ts `openCurveCache`).
 */
export async function catalogFor(
  ctx: Context,
  global: GlobalOptions,
  target?: CurveFile,
  measurements?: string,
): Promise<OpenCatalog> {
  const catalog = await openCatalog({
    packageRoot: ctx.packageRoot,
    cwd: ctx.cwd,
    personalFile: global.config === false ? undefined : personalCatalogFile(ctx.env),
    userFiles: global.catalog ?? [],
    envValue: ctx.env.HPADVISE_CATALOG,
    cacheDir: cacheDirFrom(ctx.env),
  });
  printWarnings(ctx, catalog.warnings);
  if (target === undefined) {
    if (measurements !== undefined) {
      ctx.stderr.write(
        "warning: the measurements folder is not used without a target curve to judge its curves against (--target FILE or `hpadvise config set target FILE`)\n",
      );
    }
    return catalog;
  }
  let judged: Catalog = catalog;
  let fromFolder = new Set<string>();
  if (measurements !== undefined) {
    const { openMeasurementFolder, withMeasurementFolder } = await import("../catalog/measured.js");
    const folder = openMeasurementFolder(resolve(ctx.cwd, measurements));
    ({ catalog: judged, fromFolder } = withMeasurementFolder(catalog, folder, target.rig));
  }
  if (!judged.headphones.some((h) => h.frequencyResponse)) {
    return judged === catalog ? catalog : viewOf(judged, catalog.warnings, catalog.files);
  }
  const { withMeasuredTags } = await import("../catalog/measured.js");
  const dir = cacheDirFrom(ctx.env);
  const cache = dir ? openCurveCache(dir, resolve(ctx.cwd, target.file), target.rig) : undefined;
  const measured = withMeasuredTags(judged, target, fromFolder, cache);
  cache?.save();
  for (const w of measured.warnings) ctx.stderr.write(`warning: ${w}\n`);
  return viewOf(measured.catalog, catalog.warnings, catalog.files);
}

/** Headphones a command names, with the catalog they are placed in. */
export interface Picked {
  headphones: Headphone[];
  /** The whole catalog: its ranking places them. */
  catalog: OpenCatalog;
}

/** Headphones named by anything people type (lookup.ts explains misses). */
export function namedHeadphones(catalog: OpenCatalog, queries: readonly string[]): Picked {
  return { headphones: queries.map((q) => catalog.findHeadphone(q)), catalog };
}

/** The target curve named by --target or your config (undefined: none), read and checked. */
export async function targetCurve(
  ctx: Context,
  file: string | undefined,
): Promise<CurveFile | undefined> {
  if (file === undefined) return undefined;
  const { readCurve } = await import("../catalog/curve.js");
  return readCurve(ctx.cwd, file);
}

export function printWarnings(ctx: Context, warnings: readonly CatalogIssue[]): void {
  for (const w of warnings) ctx.stderr.write(`warning: ${formatIssue(w)}\n`);
}

export function renderOptionsFor(ctx: Context): RenderOptions {
  return { chalk: makeChalk(ctx.color), columns: ctx.columns };
}

/**
 * Your config's settings as defaults for the options not given, each said on
 * stderr ("source: scarlett-2i2-4g, from your config"); a flag wins, and
 * --no-config skips the file. Runs `body` with the filled options; an id in
 * the config that is no longer in the catalog is named as the config's.
 */
export async function withConfigDefaults<T extends GlobalOptions & Partial<Config>, R>(
  ctx: Context,
  options: T,
  keys: readonly ConfigKey[],
  body: (options: T) => Promise<R>,
): Promise<R> {
  const path = options.config === false ? undefined : configFile(ctx.env);
  // No file, no yaml to load: the common case costs one stat.
  if (path === undefined || keys.length === 0 || !existsSync(path)) return body(options);
  // An unchanged config as last read, without the YAML parser; else a real read.
  const dir = cacheDirFrom(ctx.env);
  let config = dir ? readCachedConfig(dir, path) : undefined;
  if (config === undefined) {
    const { readConfig } = await import("../config/config.js");
    config = await readConfig(path);
    if (config === undefined) return body(options);
    if (dir) writeCachedConfig(dir, path, config);
  }
  const filled: T = { ...options };
  const used: ConfigKey[] = [];
  for (const key of keys) {
    if (options[key] !== undefined || config[key] === undefined) continue;
    (filled as Partial<Config>)[key] = config[key] as never;
    used.push(key);
    const shown = Array.isArray(config[key]) ? config[key].join(" ") : String(config[key]);
    ctx.stderr.write(`${key}: ${shown}, from your config\n`);
  }
  try {
    return await body(filled);
  } catch (error) {
    const target = used.includes("target") ? config.target : undefined;
    if (target !== undefined && error instanceof HpAdviseError && error.message.includes(target)) {
      throw new UsageError(`${error.message} (named by \`target\` in your config, ${path})`, {
        hint: "`hpadvise config set target FILE` changes it, `hpadvise config unset target` removes it, --no-config ignores it",
      });
    }
    const stale = used.find((k) => {
      const v = config[k];
      const ids = Array.isArray(v) ? v : [String(v)];
      return error instanceof UnknownIdError && ids.some((id) => error.message.includes(`"${id}"`));
    });
    if (stale === undefined) throw error;
    const e = error as UnknownIdError;
    throw new UnknownIdError(`${e.message} (named by \`${stale}\` in your config, ${path})`, {
      hint: `\`hpadvise config set ${stale} ...\` changes it, \`hpadvise config unset ${stale}\` removes it, --no-config ignores it`,
    });
  }
}

/** What a ranking is asked, as recommend and the guided session take it: ids not yet looked up. */
export interface RankOptions {
  role: Role;
  budget?: number | undefined;
  source?: string | undefined;
  own?: string[] | undefined;
  back?: Back | undefined;
  driver?: Driver | undefined;
  maxWeight?: number | undefined;
}

/** A headphone's figures typed as flags (surface.ts), as commander hands them over. */
export interface HeadphoneFigureOptions {
  impedance?: number | undefined;
  sensitivity?: StatedSensitivity | undefined;
}

/** A source's figures typed as flags (surface.ts), as commander hands them over. */
export interface SourceFigureOptions {
  vout?: StatedOutput[] | undefined;
  power?: StatedOutput[] | undefined;
  zout?: number | undefined;
  currentLimit?: number | undefined;
}

export function headphoneFiguresOf(o: HeadphoneFigureOptions): HeadphoneFigures {
  return { impedanceOhms: o.impedance, sensitivity: o.sensitivity };
}

export function sourceFiguresOf(o: SourceFigureOptions): SourceFigures {
  return { vout: o.vout, power: o.power, zoutOhms: o.zout, currentLimitMa: o.currentLimit };
}

/** Whether any headphone figure was typed: only then is catalog/user-figures.ts needed. */
export function hasHeadphoneFigures(f: HeadphoneFigures): boolean {
  return f.impedanceOhms !== undefined || f.sensitivity !== undefined;
}

/** Whether any source figure was typed: only then is catalog/user-figures.ts needed. */
export function hasSourceFigures(f: SourceFigures): boolean {
  return (
    (f.vout?.length ?? 0) > 0 ||
    (f.power?.length ?? 0) > 0 ||
    f.zoutOhms !== undefined ||
    f.currentLimitMa !== undefined
  );
}

/** The role profiles, adjusted by a --rules file when one is named. */
export async function profilesFor(
  ctx: Context,
  rulesFile: string | undefined,
): Promise<Record<Role, Profile>> {
  if (rulesFile === undefined) return PROFILES;
  const { applyWeights, loadWeightsFile } = await import("../catalog/weights-file.js");
  return applyWeights(PROFILES, await loadWeightsFile(resolve(ctx.cwd, rulesFile), rulesFile));
}

/** The query's role and options as the rules read them; null where unset. */
export function queryOf(options: RankOptions, source: Source | null): Query {
  return {
    role: options.role,
    source,
    budgetUsd: options.budget ?? null,
    back: options.back ?? null,
    driver: options.driver ?? null,
    maxWeightGrams: options.maxWeight ?? null,
  };
}

/**
 * The ranking for one role: options looked up, then the core decides. `top`:
 * only the best rows are explained (a table); null: every model (--json, --explain).
 */
export function recommendFromCatalog(
  catalog: OpenCatalog,
  profile: Profile,
  options: RankOptions,
  top: number | null = null,
): Recommendation {
  const source = options.source === undefined ? null : catalog.findSource(options.source);
  const owned = [...new Set((options.own ?? []).map((id) => catalog.findHeadphone(id)))];
  return recommendFor(catalog, profile, queryOf(options, source), owned, top);
}

/** A file of the user's (`what`: "config", "personal catalog"); an error when no home is known. */
export function userFilePath(path: string | undefined, what: string): string {
  if (path === undefined) {
    throw new UsageError(
      `cannot tell where your ${what} lives: neither XDG_CONFIG_HOME nor HOME is set`,
      {
        hint: "set XDG_CONFIG_HOME (e.g. export XDG_CONFIG_HOME=~/.config)",
      },
    );
  }
  return path;
}

/** Where `add` and `measure --save` write; an error when no home is known. */
export function personalCatalogPath(ctx: Context): string {
  return userFilePath(personalCatalogFile(ctx.env), "personal catalog");
}
