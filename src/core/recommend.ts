/**
 * The recommendation service: one role's ranking as the commands show it,
 * with shared ranks, fit labels, family rows, owned verdicts and the models
 * kept apart as not verified, from one engine (rank.ts).
 * Pure: commands look ids up and hand over resolved objects.
 */
import { check as checkDrive } from "./drive.js";
import { type FactTable, factsOf } from "./facts.js";
import { type Fit, fitFor, fitOrder } from "./fit.js";
import type { Profile } from "./profiles.js";
import {
  APART,
  addNext,
  baseContext,
  EXCLUDED,
  explainAt,
  firstOf,
  KEPT,
  OWNED_TOP,
  type OwnedJudgement,
  ownedJudgements,
  type RankContext,
  type Ranked,
  ranksBefore,
  scoreAll,
  scoreScale,
  sharedFor,
  standingOf,
  ties,
} from "./rank.js";
import { ROLE_TARGETS, ROLES, type Role } from "./roles.js";
import type { Back, Driver, Headphone, Source } from "./types.js";

/** What the user asked: the role and the options the rules read. */
export interface Query {
  role: Role;
  source: Source | null;
  budgetUsd: number | null;
  back: Back | null;
  driver: Driver | null;
  maxWeightGrams: number | null;
}

/**
 * Another variant of a row's family (an impedance version, a revision): the
 * row is the variant that ranks best for the query (with --source, the one
 * that suits the source); the others are named with what sets them apart.
 */
export interface Variant {
  id: string;
  variant: string | null;
  impedanceOhms: number | null;
}

/** One row of a recommendation: a ranked model with its rank; a family's best variant. */
export interface Row extends Ranked {
  rank: number;
  /** The family's other variants (empty for a model without a family). */
  variants: Variant[];
}

export interface Recommendation {
  role: Role;
  budgetUsd: number | null;
  source: { id: string; name: string } | null;
  /** The lowest and highest score the role's rules can give. */
  scale: { min: number; max: number };
  /** Kept models best first, one row per family; for a table, only the best few. */
  results: Row[];
  /** Models kept apart: a limit you set cannot be checked on an unknown figure. */
  unverified: Ranked[];
  unverifiedCount: number;
  /** Excluded models with their reason; for a table, only their count. */
  excluded: Ranked[];
  excludedCount: number;
  /** Each owned model's fit for the role. */
  owned: OwnedJudgement[];
  /** What to add when nothing owned serves the role. */
  addNext: Ranked | null;
  advice: string[];
}

/**
 * Models in ranking order (best first, each by a key `headphone` and
 * `explain` take) into rows: one per family, its first (best-ranked) model
 * standing for it and the others not explained; equal fit and score share a
 * rank (1, 2, 2, 4); each row names its family's other variants (`variant`
 * finds them by id).
 */
function rowsFrom(
  models: Iterable<number>,
  headphone: (i: number) => Headphone,
  explain: (h: Headphone, i: number) => Ranked,
  variant: (id: string) => Headphone | undefined,
): Row[] {
  const families = new Set<string>();
  const out: Row[] = [];
  let prev: Row | undefined;
  let rows = 0;
  for (const i of models) {
    const h = headphone(i);
    if (h.family !== null) {
      if (families.has(h.family)) continue;
      families.add(h.family);
    }
    // The row is the explanation itself, given its place (no copy of each model).
    const row = explain(h, i) as Row;
    rows++;
    row.rank = prev !== undefined && ties(prev, row) ? prev.rank : rows;
    row.variants = h.siblings.map((id) => {
      const v = variant(id);
      return { id, variant: v?.variant ?? null, impedanceOhms: v?.impedanceOhms ?? null };
    });
    prev = row;
    out.push(row);
  }
  return out;
}

/** A catalog as the engine reads it: facts for every model (facts.ts), and the models. */
interface CatalogView {
  facts: FactTable;
  headphones: readonly Headphone[];
  /** Each headphone's catalog index by id (-1: none). */
  indexOf(id: string): number;
  sources(): readonly Source[];
}

function catalogView(catalog: {
  headphones: readonly Headphone[];
  sources: readonly Source[];
}): CatalogView {
  let at: Map<string, number> | undefined;
  return {
    facts: factsOf(catalog.headphones),
    headphones: catalog.headphones,
    indexOf: (id) => {
      at ??= new Map(catalog.headphones.map((h, i) => [h.id, i]));
      return at.get(id) ?? -1;
    },
    sources: () => catalog.sources,
  };
}

/**
 * One role's ranking of a catalog: every model with its reasons when `top`
 * is null, else the best `top` rows (at least OWNED_TOP), the first models
 * kept apart, and how many were kept apart or excluded.
 */
export function recommendFor(
  catalog: { headphones: readonly Headphone[]; sources: readonly Source[] },
  profile: Profile,
  query: Query,
  owned: readonly Headphone[],
  top: number | null = null,
): Recommendation {
  return recommendFrom(catalogView(catalog), profile, query, owned, top);
}

/** A ranking scored from the facts, before anything is explained. */
function scored(view: CatalogView, profile: Profile, query: Query, owned: readonly Headphone[]) {
  const ctx: RankContext = {
    ...query,
    get sources() {
      return view.sources();
    },
  };
  const shared = sharedFor(ctx);
  const f = view.facts;
  const s = scoreAll(f, profile, ctx, shared);
  const ownedIds = new Set(owned.map((h) => h.id));
  let unverifiedCount = 0;
  let excludedCount = 0;
  for (let i = 0; i < f.count; i++) {
    if (s.standing[i] === EXCLUDED) excludedCount++;
    else if (s.standing[i] === APART) unverifiedCount++;
  }
  return {
    shared,
    f,
    s,
    before: ranksBefore(f, s),
    explain: (h: Headphone, i: number) => explainAt(h, f, i, s, profile, ctx, shared, ownedIds),
    /** What every recommendation says besides its lists. */
    head: {
      role: query.role,
      budgetUsd: query.budgetUsd,
      source: query.source ? { id: query.source.id, name: query.source.name } : null,
      scale: scoreScale(profile),
      advice: profile.advice,
      unverifiedCount,
      excludedCount,
      owned: ownedJudgements(owned, query.role),
    },
  };
}

function recommendFrom(
  view: CatalogView,
  profile: Profile,
  query: Query,
  owned: readonly Headphone[],
  top: number | null,
): Recommendation {
  const { f, s, before, explain, head } = scored(view, profile, query, owned);
  const hs = view.headphones;
  const at = (i: number) => hs[i] as Headphone;
  const variant = (id: string) => {
    const i = view.indexOf(id);
    return i < 0 ? undefined : at(i);
  };
  if (top === null) {
    const order = [...Array(f.count).keys()].sort(before);
    const standing = (which: number) => order.filter((i) => s.standing[i] === which);
    const keptAt = standing(KEPT);
    return {
      ...head,
      results: rowsFrom(keptAt, at, explain, variant),
      unverified: standing(APART).map((i) => explain(at(i), i)),
      excluded: standing(EXCLUDED).map((i) => explain(at(i), i)),
      // Explained only as far as the first model that serves.
      addNext: addNext(
        head.owned,
        (function* () {
          for (const i of keptAt) yield explain(at(i), i);
        })(),
      ),
    };
  }
  const want = Math.max(top, OWNED_TOP);
  const apartAt = firstOf(standingOf(s, APART), before, want);
  const apart = apartAt.map((i) => explain(at(i), i));
  // Families fold into one row: take more models until `want` rows are filled.
  for (let count = want; ; ) {
    const best = firstOf(standingOf(s, KEPT), before, count);
    const kept = best.map((i) => explain(at(i), i));
    const rec: Recommendation = {
      ...head,
      results: rowsFrom(
        best.keys(),
        (k) => at(best[k] as number),
        (_, k) => kept[k] as Ranked,
        variant,
      ),
      unverified: apart,
      excluded: [],
      addNext: addNext(head.owned, kept),
    };
    if (rec.results.length >= want || best.length < count) return rec;
    count += want - rec.results.length;
  }
}

/** A model's standing for one role, in the whole catalog's ranking (the one recommend gives). */
export interface RoleFit {
  id: string;
  role: Role;
  fit: Fit;
  fitReason: string;
  score: number | null;
  /**
   * Its place as `recommend` would show it: one row per family, equal fit and
   * score sharing a rank; counted against the other families' rows (a variant
   * is placed as if it stood for its family). Null when excluded.
   */
  rank: number | null;
  /** How many rows the role's ranking has (kept models, one per family). */
  of: number;
  /** Why the role's rules exclude it; null when they keep it. */
  excluded: string | null;
}

/**
 * Fit, score and place of each model for each role in the whole catalog's
 * ranking with no options set: `at` is each model's index in the facts.
 */
export function roleFits(
  facts: FactTable,
  picked: { headphones: readonly Headphone[]; at: readonly number[] },
  sources: readonly Source[],
  profiles: Record<Role, Profile>,
): Record<Role, RoleFit[]> {
  const fits = {} as Record<Role, RoleFit[]>;
  for (const role of ROLES) {
    const profile = profiles[role];
    const ctx = baseContext(role, sources);
    const shared = sharedFor(ctx);
    const s = scoreAll(facts, profile, ctx, shared);
    const { row } = facts;
    const rows = new Set<number>();
    for (let j = 0; j < facts.count; j++) if (s.standing[j] === KEPT) rows.add(row[j] as number);
    const of = rows.size;
    fits[role] = picked.headphones.map((h, k) => {
      const i = picked.at[k] as number;
      const fit = fitFor(h, role);
      const base = { id: h.id, role, fit: fit.fit, fitReason: fit.reason, of };
      if (s.standing[i] === KEPT) {
        // The other families' rows that rank strictly ahead: a better fit or,
        // at the same fit, a higher score (equal ones share its rank).
        const ahead = new Set<number>();
        const fitI = s.fit[i] as number;
        const scoreI = s.score[i] as number;
        for (let j = 0; j < facts.count; j++) {
          if (s.standing[j] !== KEPT || row[j] === row[i]) continue;
          const fitJ = s.fit[j] as number;
          if (fitJ < fitI || (fitJ === fitI && (s.score[j] as number) > scoreI))
            ahead.add(row[j] as number);
        }
        return { ...base, score: scoreI, rank: ahead.size + 1, excluded: null };
      }
      // Why it is excluded, from the rules themselves.
      const r = explainAt(h, facts, i, s, profile, ctx, shared, new Set());
      return { ...base, score: null, rank: null, excluded: r.excludedBy?.text ?? "excluded" };
    });
  }
  return fits;
}

/** What `compare` concludes for one role. */
export interface Conclusion {
  role: Role;
  /** The model that suits the role best; null when they cannot be told apart. */
  best: string | null;
  /** The conclusion in a sentence or two. */
  text: string;
}

/**
 * Which of the models suits the role better, and the few differences that
 * decide it: fit, drive on the user's source, colouration, weight, price.
 */
export function concludeComparison(
  headphones: readonly Headphone[],
  fits: readonly RoleFit[],
  role: Role,
  source: Source | null,
): Conclusion {
  const rows = headphones.map((h) => {
    const f = fits.find((x) => x.id === h.id) as RoleFit;
    const drive = source
      ? checkDrive(h, source, { targetSplDb: ROLE_TARGETS[role].splDb }).verdict
      : null;
    return { h, f, drive };
  });
  const driveOrder = (v: string | null) =>
    v === "ok" ? 0 : v === "marginal" ? 1 : v === "unknown" || v === null ? 2 : 3;
  const sorted = [...rows].sort(
    (a, b) =>
      fitOrder(a.f.fit) - fitOrder(b.f.fit) ||
      driveOrder(a.drive) - driveOrder(b.drive) ||
      (a.f.rank ?? Number.POSITIVE_INFINITY) - (b.f.rank ?? Number.POSITIVE_INFINITY),
  );
  const [first, second] = sorted;
  if (!first || !second) return { role, best: null, text: "nothing to compare" };
  const reasons: string[] = [];
  if (first.f.fit !== second.f.fit) {
    reasons.push(
      `it is ${first.f.fit} for ${role} (${first.f.fitReason}) where ${second.h.id} is ${second.f.fit} (${second.f.fitReason})`,
    );
  } else if (source && first.drive !== second.drive) {
    reasons.push(
      `${source.id} drives it ${first.drive === "ok" ? "with room to spare" : `(${first.drive})`} where ${second.h.id} is ${second.drive}`,
    );
  } else if (first.f.rank !== null && second.f.rank !== null && first.f.rank !== second.f.rank) {
    reasons.push(
      `both are ${first.f.fit}; it ranks ${first.f.rank} of ${first.f.of} against ${second.f.rank} (${first.f.fitReason})`,
    );
  }
  const a = first.h;
  const b = second.h;
  if (
    a.weightGrams !== null &&
    b.weightGrams !== null &&
    Math.abs(a.weightGrams - b.weightGrams) >= 50
  )
    reasons.push(`${a.weightGrams} g against ${b.weightGrams} g`);
  if (a.priceUsd !== null && b.priceUsd !== null && a.priceUsd !== b.priceUsd)
    reasons.push(`$${a.priceUsd} against $${b.priceUsd}`);
  if (reasons.length === 0 || (first.f.fit === second.f.fit && first.f.rank === second.f.rank))
    return {
      role,
      best: null,
      text: `For ${role}, ${a.id} and ${b.id} are equally ${first.f.fit}: choose on fit and price.`,
    };
  return {
    role,
    best: a.id,
    text: `For ${role}, ${a.id} suits better: ${reasons.join("; ")}.`,
  };
}
