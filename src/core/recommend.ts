/**
 * The recommendation service: one role's ranking as the commands show it,
 * with shared ranks, fit labels, one row per family, the drive on the user's
 * source, owned verdicts and the models kept apart as not verified; and what
 * `compare` and `show` say of a few models, from the same ranking. Pure:
 * commands look ids up and hand over resolved objects.
 */

import type { Verdict } from "./amp.js";
import { judgeAgainst, needsOf } from "./drive.js";
import { distortion, type Facts, factsOf, isolation, priceIsApproximate } from "./facts.js";
import { type Fit, fitFor, fitOrder, listWords, serves } from "./fit.js";
import { compareText, money } from "./format.js";
import type { Profile } from "./profiles.js";
import {
  addNext,
  baseContext,
  checkOn,
  driveSource,
  driveTier,
  explainOne,
  familiesOf,
  familyOf,
  OWNED_TOP,
  type OwnedJudgement,
  type RankContext,
  type Ranked,
  type Ranking,
  rankingFor,
  ranksBefore,
  type Scored,
  scoreOne,
  scoreScale,
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

/** Another variant of a row's family, and how the user's source drives it. */
export interface Variant {
  id: string;
  variant: string | null;
  impedanceOhms: number | null;
  /** The verdict on the user's source at the role's target; null without a source. */
  drive: Verdict | null;
}

/** One row of a recommendation: a family's variant that suits the query, with its rank. */
export interface Row extends Ranked {
  rank: number;
  /** The family's other variants (empty for a model without a family). */
  variants: Variant[];
}

export interface Recommendation {
  role: Role;
  budgetUsd: number | null;
  source: { id: string; name: string } | null;
  /** Without a source: what the drive verdicts assume, said once above the table. */
  assumption: string | null;
  /** The lowest and highest score the role's rules can give. */
  scale: { min: number; max: number };
  /** Kept models best first, one row per family (for a table, only the best few). */
  results: Row[];
  /** How many rows the whole ranking has. */
  resultsCount: number;
  /** Models kept apart: a limit you set cannot be checked on an unknown figure. */
  unverified: Ranked[];
  unverifiedCount: number;
  /** Excluded models with their reason (for a table, none: only their count). */
  excluded: Ranked[];
  excludedCount: number;
  /** Each owned model's fit for the role. */
  owned: OwnedJudgement[];
  /** What to add when nothing owned serves the role. */
  addNext: Ranked | null;
  advice: string[];
}

/** What the drive verdicts assume when the user names no source. */
function driveAssumption(ctx: RankContext): string | null {
  if (ctx.source) return null;
  const against = driveSource(ctx);
  return against
    ? `No source named: drive is judged on a typical audio interface (${against.id}); --source names yours.`
    : "No source named: drive is not judged (models that need an amplifier are flagged); --source names yours.";
}

/** Every model of the catalog scored for the query, best first. */
function scoreAll(
  headphones: readonly Headphone[],
  profile: Profile,
  ctx: RankContext,
): { ranking: Ranking; scored: Scored[] } {
  const ranking = rankingFor(headphones, profile, ctx);
  return { ranking, scored: headphones.map((h) => scoreOne(h, ranking)).sort(ranksBefore) };
}

/** A row before it is explained: the model standing for its family, and its rank. */
interface RowAt {
  s: Scored;
  rank: number;
}

/**
 * Kept models (best first) into rows: one per family. With the user's source
 * the family's row is its best-ranked variant (the one the source drives
 * best); without, the family's studio default when it is kept. Equal
 * standing, drive, expected fit and score share a rank (1, 2, 2, 4).
 */
function rowsOf(kept: readonly Scored[], ranking: Ranking): RowAt[] {
  const keptIds = new Set<string>();
  for (const s of kept) if (s.family !== null) keptIds.add(s.id);
  const done = new Set<string>();
  const rows: RowAt[] = [];
  for (const s of kept) {
    if (s.family !== null) {
      if (done.has(s.family)) continue;
      if (ranking.ctx.source === null && !s.familyDefault) {
        const members = ranking.families.get(s.family) ?? [];
        if (members.some((v) => v.familyDefault && keptIds.has(v.id))) continue;
      }
      done.add(s.family);
    }
    const prev = rows[rows.length - 1];
    rows.push({ s, rank: prev !== undefined && ties(prev.s, s) ? prev.rank : rows.length + 1 });
  }
  return rows;
}

/** A row as shown: explained, with its drive check and its family's other variants. */
function rowOf(at: RowAt, ranking: Ranking, owned: ReadonlySet<string>): Row {
  const { ctx } = ranking;
  const target = { targetSplDb: ROLE_TARGETS[ctx.role].splDb };
  const r = explainOne(at.s, ranking, owned);
  return {
    ...r,
    drive: checkOn(at.s.h, ranking),
    rank: at.rank,
    variants: familyOf(at.s.h, ranking.families).map((v) => ({
      id: v.id,
      variant: v.variant,
      impedanceOhms: v.impedanceOhms,
      drive: ctx.source ? judgeAgainst(needsOf(v), ctx.source, target).verdict : null,
    })),
  };
}

/** Each owned model's fit for the role, best first. */
export function ownedJudgements(
  owned: readonly Headphone[],
  role: Role,
  families: ReadonlyMap<string, Headphone[]> = new Map(),
): OwnedJudgement[] {
  return owned
    .map((h) => {
      const f = fitFor(h, role, familyOf(h, families));
      return { id: h.id, name: h.name, role, fit: f.fit, reason: f.reason, serves: serves(f.fit) };
    })
    .sort((a, b) => fitOrder(a.fit) - fitOrder(b.fit) || compareText(a.id, b.id));
}

/**
 * One role's ranking of a whole catalog: every model is scored and ordered;
 * the rows shown are explained. `top`: explain only the best `top` rows and
 * models kept apart (at least OWNED_TOP rows, and no excluded model: only
 * their count); null: every model, with its reasons.
 */
export function recommendFor(
  catalog: { headphones: readonly Headphone[]; sources: readonly Source[] },
  profile: Profile,
  query: Query,
  owned: readonly Headphone[],
  top: number | null = null,
): Recommendation {
  const ctx: RankContext = { ...query, sources: catalog.sources };
  const ownedIds = new Set(owned.map((h) => h.id));
  const { ranking, scored } = scoreAll(catalog.headphones, profile, ctx);
  const kept = scored.filter((s) => s.standing === 0);
  const apart = scored.filter((s) => s.standing === 1);
  const excluded = scored.filter((s) => s.standing === 2);
  const rows = rowsOf(kept, ranking);
  const shown = top === null ? Number.POSITIVE_INFINITY : Math.max(top, OWNED_TOP);
  const results = rows.slice(0, shown).map((at) => rowOf(at, ranking, ownedIds));
  const ownedJ = ownedJudgements(owned, query.role, ranking.families);
  // What to add: the first row that serves and is not owned, explained if not shown.
  const next = addNext(
    ownedJ,
    rows.map((at) => ({ ...at.s, owned: ownedIds.has(at.s.id) })),
  );
  const explain = (list: readonly Scored[]) =>
    list.slice(0, top === null ? list.length : shown).map((s) => explainOne(s, ranking, ownedIds));
  return {
    role: query.role,
    budgetUsd: query.budgetUsd,
    source: query.source ? { id: query.source.id, name: query.source.name } : null,
    assumption: driveAssumption(ctx),
    scale: scoreScale(profile),
    results,
    resultsCount: rows.length,
    unverified: explain(apart),
    unverifiedCount: apart.length,
    excluded: top === null ? explain(excluded) : [],
    excludedCount: excluded.length,
    owned: ownedJ,
    addNext: next && (results.find((r) => r.id === next.id) ?? explainOne(next, ranking, ownedIds)),
    advice: profile.advice,
  };
}

/** A model's standing for one role, as `recommend` ranks it (the same source, no other option). */
export interface RoleFit {
  id: string;
  role: Role;
  fit: Fit;
  fitReason: string;
  fitRange: { low: Fit; high: Fit };
  fitExpected: Fit;
  unknown: string[];
  score: number | null;
  /**
   * Its place as `recommend` would show it: one row per family, ties sharing a
   * rank; a variant is placed as if it stood for its family. Null when excluded.
   */
  rank: number | null;
  /** How many rows the role's ranking has (kept models, one per family). */
  of: number;
  /** Why the role's rules exclude it; null when they keep it. */
  excluded: string | null;
  /** The verdict on the user's source at the role's target; null without a source. */
  drive: Verdict | null;
  /** The cheapest catalog amplifier that drives it when the source cannot. */
  driveFix: string | null;
  priceUsd: number | null;
  /** The price is approximate (low confidence or undated). */
  priceApproximate: boolean;
  /** The model as ranked, for ordering and conclusions (not in the JSON). */
  ranked: Ranked;
}

/**
 * Fit, score and place of each picked model for each role, in the whole
 * catalog's ranking with no option but the source set.
 */
export function roleFits(
  catalog: { headphones: readonly Headphone[]; sources: readonly Source[] },
  picked: readonly Headphone[],
  profiles: Record<Role, Profile>,
  source: Source | null = null,
): Record<Role, RoleFit[]> {
  const fits = {} as Record<Role, RoleFit[]>;
  for (const role of ROLES) {
    const ctx = baseContext(role, catalog.sources, source);
    const { ranking, scored } = scoreAll(catalog.headphones, profiles[role], ctx);
    const rows = rowsOf(
      scored.filter((s) => s.standing === 0),
      ranking,
    );
    fits[role] = picked.map((h) => {
      const r = explainOne(scoreOne(h, ranking), ranking, new Set());
      // Rows of other families that rank strictly ahead (ties share its rank).
      const ahead = rows.filter(
        ({ s }) =>
          (h.family === null ? s.id !== h.id : s.family !== h.family) &&
          ranksBefore(s, r) < 0 &&
          !ties(s, r),
      ).length;
      return {
        id: h.id,
        role,
        fit: r.fit,
        fitReason: r.fitReason,
        fitRange: r.fitRange,
        fitExpected: r.fitExpected,
        unknown: r.unknown,
        score: r.excluded ? null : r.score,
        rank: r.excluded ? null : ahead + 1,
        of: rows.length,
        excluded: r.excludedBy?.text ?? null,
        drive: r.driveVerdict,
        driveFix: r.driveFix,
        priceUsd: h.priceUsd,
        priceApproximate: r.priceApproximate,
        ranked: r,
      };
    });
  }
  return fits;
}

/** What `compare` concludes for one role. */
export interface Conclusion {
  role: Role;
  /** Every model given, best first (ties: the cheaper first). */
  order: string[];
  /** The model that suits the role best; null when the first two tie. */
  best: string | null;
  /** The first place rests on facts the catalog does not have. */
  restsOnUnknown: boolean;
  /** The conclusion in a few sentences. */
  text: string;
}

/** The audible colouration in a few words: "warm", "treble lift", "undocumented colouration". */
function colourWords(f: Facts): string {
  const c = f.colour;
  if (c === null) return "undocumented colouration";
  if (c.value.degree === "neutral") return "neutral";
  return c.value.tags
    .filter((t) => t !== "neutral")
    .map((t) => t.replace(/-/g, " "))
    .join(" and ");
}

/** The trade-off between the first two, in an engineer's terms. */
function tradeOff(role: Role, a: Headphone, fa: Facts, b: Headphone, fb: Facts): string[] {
  const out: string[] = [];
  const ca = colourWords(fa);
  const cb = colourWords(fb);
  if (ca !== cb) out.push(`${ca} against ${cb}`);
  if (role === "tracking") {
    const ia = isolation(fa);
    const ib = isolation(fb);
    if ((ia?.value ?? null) !== (ib?.value ?? null))
      out.push(
        `isolation ${ia === null ? "unknown" : ia.value ? "good" : "modest"} against ${ib === null ? "unknown" : ib.value ? "good" : "modest"}`,
      );
  } else {
    const da = distortion(fa)?.value ?? "unknown";
    const db = distortion(fb)?.value ?? "unknown";
    if (da !== db) out.push(`distortion ${da} against ${db}`);
  }
  const wa = fa.weightGrams?.value ?? null;
  const wb = fb.weightGrams?.value ?? null;
  if (wa !== null && wb !== null && Math.abs(wa - wb) >= 50) out.push(`${wa} g against ${wb} g`);
  else if ((wa === null) !== (wb === null))
    out.push(
      `weight ${wa === null ? "unknown" : `${wa} g`} against ${wb === null ? "unknown" : `${wb} g`}`,
    );
  if (a.priceUsd !== null && b.priceUsd !== null && a.priceUsd !== b.priceUsd)
    out.push(
      `${money(a.priceUsd, priceIsApproximate(a))} against ${money(b.priceUsd, priceIsApproximate(b))}`,
    );
  return out;
}

/** A reason's first clause. */
const clause = (reason: string) => reason.split(";")[0] as string;

const fitWords = (f: RoleFit) =>
  f.fitRange.high !== f.fitRange.low ? `${f.fit}, could be ${f.fitRange.high}` : f.fit;

/**
 * Every model given, ranked for the role as `recommend` ranks them (equal
 * fit, evidence and score: the cheaper first), the audible trade-off between
 * the first two, the drive on the source, and whether the first place rests
 * on unknown facts.
 */
export function concludeComparison(
  headphones: readonly Headphone[],
  fits: readonly RoleFit[],
  role: Role,
  source: Source | null,
  all: readonly Headphone[] = headphones,
): Conclusion {
  const sorted = [...fits].sort((x, y) => ranksBefore(x.ranked, y.ranked));
  const [first, second] = sorted;
  if (!first || !second)
    return { role, order: [], best: null, restsOnUnknown: false, text: "nothing to compare" };
  const families = familiesOf(all);
  const hOf = (id: string) => headphones.find((h) => h.id === id) as Headphone;
  const a = hOf(first.id);
  const b = hOf(second.id);
  const fa = factsOf(a, familyOf(a, families));
  const fb = factsOf(b, familyOf(b, families));
  const order = sorted.map((f) => f.id);
  const list = sorted
    .map((f, i) => `${i + 1}. ${f.id} (${f.excluded !== null ? "excluded" : fitWords(f)})`)
    .join(", ");
  const sentences = [`For ${role}: ${list}.`];
  const tie = ties(first.ranked, second.ranked);
  const trade = tradeOff(role, a, fa, b, fb);
  if (tie)
    sentences.push(
      `${first.id} and ${second.id} are equally ${first.fit} on the same evidence${first.priceUsd !== second.priceUsd ? `: the cheaper, ${first.id}, wins` : ""}${trade.length ? ` (${trade.join("; ")})` : ""}.`,
    );
  else {
    const why =
      driveTier(first.drive) < driveTier(second.drive) && source
        ? `${source.id} drives it where ${second.id} is ${second.drive}`
        : fitOrder(first.fitExpected) < fitOrder(second.fitExpected)
          ? `${first.id} is ${fitWords(first)} (${clause(first.fitReason)}) where ${second.id} is ${fitWords(second)} (${clause(second.fitReason)})`
          : `both ${first.fitExpected} as far as known; it scores ${first.score} against ${second.score}`;
    sentences.push(
      `${first.id} over ${second.id}: ${why}${trade.length ? `; ${trade.join("; ")}` : ""}.`,
    );
  }
  if (source)
    sentences.push(
      `On ${source.id}: ${sorted.map((f) => `${f.id} ${f.drive ?? "not judged"}${f.driveFix && f.drive !== "ok" ? ` (e.g. ${f.driveFix})` : ""}`).join(", ")}.`,
    );
  // The winner's known label is no better than the runner-up's, or the
  // runner-up's best case beats the winner's known label.
  const restsOnUnknown =
    !tie &&
    driveTier(first.drive) === driveTier(second.drive) &&
    (fitOrder(second.fitRange.high) < fitOrder(first.fit) ||
      (fitOrder(first.fit) >= fitOrder(second.fit) &&
        first.unknown.length + second.unknown.length > 0));
  if (restsOnUnknown) {
    const missing = [first, second]
      .filter((f) => f.unknown.length > 0)
      .map((f) => `${f.id}'s ${listWords(f.unknown)}`);
    sentences.push(`This rests on facts the catalog lacks: ${missing.join("; ")}.`);
  }
  return { role, order, best: tie ? null : first.id, restsOnUnknown, text: sentences.join(" ") };
}
