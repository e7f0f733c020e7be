/** What every command does the same way: load the catalog, set up rendering. */
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { cacheDirFrom } from "../catalog/cache.js";
import type { CurveFile } from "../catalog/curve.js";
import {
  type CatalogOptions,
  type LoadedCatalog,
  loadCatalog,
  openBuiltinRankIndex,
  openRankIndex,
} from "../catalog/index.js";
import { findHeadphone, findSource } from "../catalog/lookup.js";
import type { RankIndex } from "../catalog/rank-index.js";
import type { Config, ConfigKey } from "../config/config.js";
import { configFile, personalCatalogFile } from "../config/paths.js";
import type { Context } from "../context.js";
import { CURVE, type FactTable, factsOf } from "../core/facts.js";
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
import type { RenderOptions } from "../render/catalog.js";
import { makeChalk } from "../render/style.js";

/** Options every command accepts (declared once in cli.ts). */
export interface GlobalOptions {
  catalog?: string[] | undefined;
  /** false with --no-config: ignore your config and personal catalog. */
  config?: boolean | undefined;
}

function catalogOptions(ctx: Context, global: GlobalOptions): CatalogOptions {
  return {
    packageRoot: ctx.packageRoot,
    cwd: ctx.cwd,
    personalFile: global.config === false ? undefined : personalCatalogFile(ctx.env),
    userFiles: global.catalog ?? [],
    envValue: ctx.env.HPADVISE_CATALOG,
    cacheDir: cacheDirFrom(ctx.env),
  };
}

export async function catalogFor(ctx: Context, global: GlobalOptions): Promise<LoadedCatalog> {
  const loaded = await loadCatalog(catalogOptions(ctx, global));
  printWarnings(ctx, loaded.warnings);
  return loaded;
}

/**
 * The catalog's ranking index: the user catalog's when an earlier run cached
 * it (warnings not yet printed), the build's for the built-in catalog alone.
 */
export async function rankIndexFor(
  ctx: Context,
  global: GlobalOptions,
): Promise<RankIndex | undefined> {
  const options = catalogOptions(ctx, global);
  return (await openRankIndex(options)) ?? openBuiltinRankIndex(options);
}

/** Headphones a command names, with what placing them in the whole catalog's ranking needs. */
export interface Picked {
  headphones: Headphone[];
  /** Where each sits in the catalog: its index in the facts. */
  at: number[];
  sources: Source[];
  /** The catalog's facts for ranking (core/facts.ts); worked out when first asked. */
  facts: () => FactTable;
}

/**
 * Headphones named by exact id, from the user catalog's packed index: just
 * those models and every source are read. Undefined when there is no index or
 * a query is not exactly an id there (a name, an alias, a typo).
 */
export async function pickFromIndex(
  ctx: Context,
  global: GlobalOptions,
  ids: readonly string[],
): Promise<Picked | undefined> {
  const index = await rankIndexFor(ctx, global);
  const all = index?.ids();
  const at = all && ids.map((id) => all.indexOf(id));
  const headphones = at?.every((i) => i >= 0) ? index?.headphones(at) : undefined;
  const sources = headphones && index?.sources();
  if (!index || !at || !headphones || !sources) return undefined;
  printWarnings(ctx, index.warnings);
  return { headphones, at, sources: sources(), facts: () => index.facts };
}

/** Headphones found in a loaded catalog by anything people type (lookup.ts explains misses). */
export function pickFromCatalog(catalog: Catalog, queries: readonly string[]): Picked {
  const headphones = queries.map((q) => findHeadphone(catalog, q));
  let facts: FactTable | undefined;
  return {
    headphones,
    at: headphones.map((h) => catalog.headphones.indexOf(h)),
    sources: catalog.sources,
    facts: () => {
      facts ??= factsOf(catalog.headphones);
      return facts;
    },
  };
}

/**
 * Headphones named on the command line: from the index when it can, else the
 * whole catalog. With a target curve and entries that point to curves, the
 * whole catalog, measured (the index stores no measured tags: they depend on
 * the target).
 */
export async function pickHeadphones(
  ctx: Context,
  global: GlobalOptions,
  queries: readonly string[],
  target?: CurveFile,
): Promise<Picked> {
  if (!(await indexServes(ctx, global, target))) {
    const { catalog } = await catalogFor(ctx, global);
    return pickFromCatalog(await measuredCatalog(ctx, catalog, target), queries);
  }
  return (
    (await pickFromIndex(ctx, global, queries)) ??
    pickFromCatalog((await catalogFor(ctx, global)).catalog, queries)
  );
}

/**
 * Whether the ranking index may answer: always without a target; with one,
 * only when no entry points to a curve (the index holds no measured tags,
 * as they depend on the target).
 */
export async function indexServes(
  ctx: Context,
  global: GlobalOptions,
  target: CurveFile | undefined,
): Promise<boolean> {
  if (target === undefined) return true;
  const index = await rankIndexFor(ctx, global);
  return index !== undefined && !hasCurves(index.facts);
}

/** Whether any entry points to a measured curve. */
export function hasCurves(facts: FactTable): boolean {
  return facts.flags.some((f) => (f & CURVE) !== 0);
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

/**
 * The catalog with each entry's curve measured against the target, its
 * measured tags added (catalog/measured.ts); an entry on another rig is
 * named in a warning and keeps its described character.
 */
export async function measuredCatalog(
  ctx: Context,
  catalog: Catalog,
  target: CurveFile | undefined,
): Promise<Catalog> {
  if (target === undefined || !catalog.headphones.some((h) => h.frequencyResponse)) return catalog;
  const { withMeasuredTags } = await import("../catalog/measured.js");
  const measured = withMeasuredTags(catalog, target);
  for (const w of measured.warnings) ctx.stderr.write(`warning: ${w}\n`);
  return measured.catalog;
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
  const { readConfig } = await import("../config/config.js");
  const config = await readConfig(path);
  if (config === undefined) return body(options);
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

/** The ranking for one role from a whole catalog: options looked up, then the core decides. */
export function recommendFromCatalog(
  catalog: Catalog,
  profile: Profile,
  options: RankOptions,
): Recommendation {
  const source = options.source === undefined ? null : findSource(catalog, options.source);
  const owned = [...new Set((options.own ?? []).map((id) => findHeadphone(catalog, id)))];
  return recommendFor(catalog, profile, queryOf(options, source), owned);
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
