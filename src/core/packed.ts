/**
 * Ranking a large catalog from columns of numbers instead of objects. Most
 * rules score a model by the model alone (their `reads` is empty), so what they
 * give each model under each role can be worked out once, when a user catalog
 * is first cached (`rulePoints`), and a query that sets no option those rules
 * read is answered by summing columns: no headphone objects, no garbage. Only
 * the few models shown are then built and ranked by the ordinary engine, which
 * gives them their reasons; a property test holds this to the full ranking.
 * Pure.
 */
import { compareText } from "./order.js";
import {
  activeRules,
  baseContext,
  compareMerit,
  type QueryOption,
  type RoleProfile,
  round,
  rulePoints,
} from "./rank.js";
import { ROLES, type Role } from "./roles.js";
import type { Catalog } from "./types.js";

/** A query's role and options; null where the query leaves an option unset. */
export type Query = { role: Role } & Readonly<Record<QueryOption, unknown>>;

/** A catalog's headphones as columns, in catalog order. */
export interface PackedCatalog {
  count: number;
  /** A rule's points for each headphone under `baseContext(role)` (see `rulePoints`). */
  points: (role: Role, rule: string) => Float64Array | undefined;
  /** Price in USD; Infinity where it is not sourced, as the ranking orders it. */
  priceUsd: Float64Array;
  /** Each headphone's place when the ids are sorted: the ranking's last tie-break. */
  idOrder: Int32Array;
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
  };
}

export interface PackedTop {
  /** Catalog indices of the best kept headphones, best first. */
  best: number[];
  /** How many headphones some rule excluded. */
  excluded: number;
}

/** Above this many wanted, sorting every kept model beats inserting into a short list. */
const INSERT_LIMIT = 64;

/** Whether an active rule reads an option the query sets: it must then see the models themselves. */
export function needsModels(profile: RoleProfile, query: Query): boolean {
  return activeRules(profile).some((a) => a.rule.reads.some((option) => query[option] !== null));
}

/**
 * The best `count` headphones in the ranking's order, and how many were
 * excluded; undefined when an active rule reads an option the query sets (it
 * must then see the models themselves) or a column is missing.
 */
export function packedTop(
  packed: PackedCatalog,
  profile: RoleProfile,
  query: Query,
  count: number,
): PackedTop | undefined {
  if (needsModels(profile, query)) return undefined;
  const active = activeRules(profile);
  const columns: Float64Array[] = [];
  for (const a of active) {
    const column = packed.points(query.role, a.name);
    if (column === undefined) return undefined;
    columns.push(column);
  }
  const weights = active.map((a) => a.weight);
  const { priceUsd, idOrder } = packed;
  const score = new Float64Array(packed.count);
  const before = (i: number, j: number) =>
    (compareMerit(
      0,
      score[i] as number,
      priceUsd[i] as number,
      0,
      score[j] as number,
      priceUsd[j] as number,
    ) || (idOrder[i] as number) - (idOrder[j] as number)) < 0;

  const kept: number[] = [];
  let best: number[] = [];
  let excluded = 0;
  for (let i = 0; i < packed.count; i++) {
    // Summed in the profile's order, as rankHeadphones sums its reasons.
    let sum = 0;
    let out = false;
    for (let r = 0; r < columns.length; r++) {
      const points = (columns[r] as Float64Array)[i] as number;
      if (Number.isNaN(points)) {
        out = true;
        break;
      }
      sum += points * (weights[r] as number);
    }
    if (out) {
      excluded++;
      continue;
    }
    score[i] = round(sum);
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
  return { best, excluded };
}
