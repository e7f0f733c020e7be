/**
 * Ranking a large catalog from columns of numbers instead of objects. Most
 * rules score a model by the model alone (their `reads` is empty), so what they
 * give each model under each role can be worked out once, when a user catalog
 * is first cached (`rulePoints`), and summed per query: no headphone objects,
 * no garbage. A rule that reads an option the query sets (--budget, the
 * filters, --source) is applied to a probe: one object refilled from a few
 * packed fields for each model (`Rule.fields`), with facts judged from packed
 * drive figures (`judgedFacts`). Only the few models shown are then built and
 * ranked by the ordinary engine, which gives them their reasons; a property
 * test holds this to the full ranking. Pure.
 */

import { type DriveNeeds, needsOf } from "./drive.js";
import { compareText } from "./order.js";
import {
  activeRules,
  baseContext,
  compareMerit,
  type Facts,
  FIT_COLUMN,
  judgedFacts,
  outcomePoints,
  type ProbeField,
  type QueryOption,
  type RankContext,
  type RoleProfile,
  type Rule,
  round,
  rulePoints,
  sharedFor,
} from "./rank.js";
import { ROLES, type Role } from "./roles.js";
import type { Back, Catalog, Driver, FigureKind, Headphone } from "./types.js";

/** A catalog's headphones as columns, in catalog order. */
export interface PackedCatalog {
  count: number;
  /** A rule's points for each headphone under `baseContext(role)` (see `rulePoints`). */
  points: (role: Role, rule: string) => Float64Array | undefined;
  /** Price in USD; Infinity where it is not sourced, as the ranking orders it. */
  priceUsd: Float64Array;
  /** Each headphone's place when the ids are sorted: the ranking's last tie-break. */
  idOrder: Int32Array;
  /** The other probe fields (ProbeField): names as codes into their list of values. */
  back: Coded<Back>;
  driver: Coded<Driver>;
  /** NaN where not sourced. */
  weightGrams: Float64Array;
  impedanceOhms: Float64Array;
  /** What judging a drive needs (DriveNeeds): sensitivity in dB/V (NaN: none) and its kind. */
  sensitivityDbPerV: Float64Array;
  sensitivityKind: Coded<FigureKind | "">;
  eqHeadroomDb: Float64Array;
  /** The headphone's rated input in mW; NaN where not stated. */
  maxInputMw: Float64Array;
}

/** A text column: each model's value as an index into `values`. */
export interface Coded<T extends string> {
  values: T[];
  codes: Int32Array;
}

function coded<T extends string>(all: readonly T[]): Coded<T> {
  const values = [...new Set(all)];
  const at = new Map(values.map((v, i) => [v, i]));
  return { values, codes: Int32Array.from(all, (v) => at.get(v) as number) };
}

/** A packed catalog with its columns laid out by role, as it is worked out and stored. */
export interface PackedColumns extends PackedCatalog {
  byRole: Record<Role, Map<string, Float64Array>>;
}

/** Every rule's points for every headphone under every role, and the tie-break columns. */
export function packCatalog({ headphones, sources }: Catalog): PackedColumns {
  const byRole = Object.fromEntries(
    ROLES.map((role) => [role, rulePoints(headphones, baseContext(role, sources))]),
  ) as Record<Role, Map<string, Float64Array>>;
  const needs = headphones.map((h) => needsOf(h));
  const idOrder = new Int32Array(headphones.length);
  headphones
    .map((h, i) => ({ id: h.id, i }))
    .sort((a, b) => compareText(a.id, b.id))
    .forEach(({ i }, place) => {
      idOrder[i] = place;
    });
  return {
    count: headphones.length,
    byRole,
    points: (role, rule) => byRole[role]?.get(rule),
    priceUsd: Float64Array.from(headphones, (h) => h.priceUsd ?? Number.POSITIVE_INFINITY),
    idOrder,
    back: coded(headphones.map((h) => h.back)),
    driver: coded(headphones.map((h) => h.driver)),
    weightGrams: Float64Array.from(headphones, (h) => h.weightGrams ?? Number.NaN),
    impedanceOhms: Float64Array.from(headphones, (h) => h.impedanceOhms ?? Number.NaN),
    sensitivityDbPerV: Float64Array.from(needs, (n) => n.figures.dbPerV ?? Number.NaN),
    sensitivityKind: coded(needs.map((n) => n.figures.kind ?? "")),
    eqHeadroomDb: Float64Array.from(needs, (n) => n.eqHeadroomDb),
    maxInputMw: Float64Array.from(headphones, (h) => h.maxInputMw ?? Number.NaN),
  };
}

export interface PackedTop {
  /** Catalog indices of the best kept headphones, best first. */
  best: number[];
  /** How many headphones some rule excluded. */
  excluded: number;
  /** Catalog indices of the models kept apart as not verified, best first (at most `count`). */
  unverified: number[];
  /** How many were kept apart in all. */
  unverifiedCount: number;
}

/** Above this many wanted, sorting every kept model beats inserting into a short list. */
const INSERT_LIMIT = 64;

/** Whether a rule reads an option the query sets: it must then see the model (or a probe). */
function isLive(rule: { reads: readonly QueryOption[] }, query: RankContext): boolean {
  return rule.reads.some((option) => query[option] !== null);
}

/** What judging headphone i's drive needs, from the columns. */
function needsAt(packed: PackedCatalog, i: number): DriveNeeds {
  const dbPerV = packed.sensitivityDbPerV[i] as number;
  const load = packed.impedanceOhms[i] as number;
  const kind = packed.sensitivityKind.values[packed.sensitivityKind.codes[i] as number];
  const rated = packed.maxInputMw[i] as number;
  return {
    figures: {
      dbPerV: Number.isNaN(dbPerV) ? null : dbPerV,
      kind: kind === "" || kind === undefined ? null : kind,
      loadOhms: Number.isNaN(load) ? null : load,
      maxInputMw: Number.isNaN(rated) ? null : rated,
    },
    eqHeadroomDb: packed.eqHeadroomDb[i] as number,
  };
}

/** Every headphone's score under a query, in catalog order. */
export interface PackedScores {
  /** NaN where a rule excludes the model. */
  score: Float64Array;
  /** 1 where the model is kept apart: a limit the user set cannot be verified. */
  apart: Uint8Array;
}

/**
 * Every headphone's score under the query; undefined when a column is
 * missing. `ctx.sources` is looked at only when a rule is applied to probes
 * (the drive rule's source and fixes).
 */
export function packedScores(
  packed: PackedCatalog,
  profile: RoleProfile,
  ctx: RankContext,
): PackedScores | undefined {
  const active = activeRules(profile);
  // Per active rule: its column, or null when it is applied to the probe.
  const columns: (Float64Array | null)[] = [];
  for (const a of active) {
    const column = isLive(a.rule, ctx) ? null : packed.points(ctx.role, a.name);
    if (column === undefined) return undefined;
    columns.push(column);
  }
  const weights = active.map((a) => a.weight);
  const rules = active.map((a) => a.rule);
  const probe = {
    back: "",
    driver: "",
    weightGrams: null,
    priceUsd: null,
    impedanceOhms: null,
  } as Record<ProbeField, string | number | null>;
  const shared = sharedFor(ctx);
  let facts: Facts | undefined;
  const asModel = probe as unknown as Headphone;
  let filled = -1;
  const fill = (i: number) => {
    const weight = packed.weightGrams[i] as number;
    const price = packed.priceUsd[i] as number;
    probe.back = packed.back.values[packed.back.codes[i] as number] as string;
    probe.driver = packed.driver.values[packed.driver.codes[i] as number] as string;
    probe.weightGrams = Number.isNaN(weight) ? null : weight;
    probe.priceUsd = price === Number.POSITIVE_INFINITY ? null : price;
    const z = packed.impedanceOhms[i] as number;
    probe.impedanceOhms = Number.isNaN(z) ? null : z;
    facts = judgedFacts(() => needsAt(packed, i), ctx, shared);
    filled = i;
  };
  const score = new Float64Array(packed.count);
  const apart = new Uint8Array(packed.count);
  for (let i = 0; i < packed.count; i++) {
    // Summed in the profile's order, as rankHeadphones sums its reasons.
    let sum = 0;
    for (let r = 0; r < columns.length; r++) {
      const column = columns[r];
      let points: number;
      if (column) {
        points = column[i] as number;
      } else {
        if (filled !== i) fill(i);
        const rule = rules[r] as Rule;
        points = outcomePoints(rule, rule.apply(asModel, ctx, facts as Facts));
      }
      if (Number.isNaN(points)) {
        sum = Number.NaN;
        break;
      }
      // Kept apart, but still scored, as rankHeadphones scores it.
      if (points === Number.NEGATIVE_INFINITY) {
        apart[i] = 1;
        continue;
      }
      sum += points * (weights[r] as number);
    }
    score[i] = Number.isNaN(sum) ? sum : round(sum);
  }
  return { score, apart };
}

/** Whether kept headphone i ranks before kept headphone j, by these scores and fits. */
function ranksBefore(packed: PackedCatalog, score: Float64Array, fit: Float64Array) {
  const { priceUsd, idOrder } = packed;
  return (i: number, j: number) =>
    (compareMerit(
      0,
      fit[i] as number,
      score[i] as number,
      priceUsd[i] as number,
      0,
      fit[j] as number,
      score[j] as number,
      priceUsd[j] as number,
    ) || (idOrder[i] as number) - (idOrder[j] as number)) < 0;
}

/** Each model's fitOrder for the role (a column of the packed catalog). */
function fitColumn(packed: PackedCatalog, role: Role): Float64Array {
  return packed.points(role, FIT_COLUMN) ?? new Float64Array(packed.count);
}

/** The best `count` headphones by these scores (packedScores), and how many were excluded. */
export function packedTop(
  packed: PackedCatalog,
  { score, apart: isApart }: PackedScores,
  count: number,
  role: Role,
): PackedTop {
  const before = ranksBefore(packed, score, fitColumn(packed, role));
  const kept: number[] = [];
  let best: number[] = [];
  let excluded = 0;
  const apart: number[] = [];
  for (let i = 0; i < packed.count; i++) {
    if (Number.isNaN(score[i])) {
      excluded++;
      continue;
    }
    if (isApart[i]) {
      apart.push(i);
      continue;
    }
    if (count > INSERT_LIMIT) {
      kept.push(i);
      continue;
    }
    if (best.length === count && !before(i, best[count - 1] as number)) continue;
    let at = best.length;
    while (at > 0 && before(i, best[at - 1] as number)) at--;
    best.splice(at, 0, i);
    if (best.length > count) best.pop();
  }
  if (count > INSERT_LIMIT) best = kept.sort((i, j) => (before(i, j) ? -1 : 1)).slice(0, count);
  const unverified = apart.sort((i, j) => (before(i, j) ? -1 : 1)).slice(0, count);
  return { best, excluded, unverified, unverifiedCount: apart.length };
}

/**
 * Where headphone i ranks by these scores among the kept ones (1 is best),
 * and how many were kept; rank null when it is excluded.
 */
export function packedPlace(
  packed: PackedCatalog,
  { score, apart }: PackedScores,
  i: number,
  role: Role,
): { rank: number | null; of: number } {
  const before = ranksBefore(packed, score, fitColumn(packed, role));
  const excluded = Number.isNaN(score[i]) || apart[i] === 1;
  let ahead = 0;
  let of = 0;
  for (let j = 0; j < packed.count; j++) {
    if (Number.isNaN(score[j]) || apart[j] === 1) continue;
    of++;
    if (!excluded && j !== i && before(j, i)) ahead++;
  }
  return { rank: excluded ? null : ahead + 1, of };
}
