/**
 * The exact search behind the plan: every way of giving each role an owned
 * headphone, a priced catalog headphone or nothing, with at most one priced
 * amplifier, weighed by (1) the roles served by a good or excellent fit on a
 * chain the guide accepts (it reaches the role's peaks; for mixing and
 * mastering it keeps the response within 1 dB; for mastering it is a
 * dedicated headphone amplifier), (2) the roles served at all, (3) rough
 * mixes on a closed-back (workable, as the guide allows), then fit quality and
 * cost. Candidates are pruned without loss: headphones that look the same to
 * the search (fit per role, chain per role, which amplifiers complete it,
 * back) keep only their three cheapest, and no plan uses more than three. Pure.
 */
import type { Verdict } from "./amp.js";
import { fixCandidates } from "./drive.js";
import { type Fit, fitFor, serves } from "./fit.js";
import { fixKindOf } from "./fixes.js";
import { compareText } from "./format.js";
import { gapOn, verdictOf } from "./plan-chain.js";
import { ROLES, type Role } from "./roles.js";
import type { Headphone, Source } from "./types.js";

export interface SearchInput {
  headphones: readonly Headphone[];
  sources: readonly Source[];
  roles: readonly Role[];
  /** What drives the headphones today; null when not said. */
  source: Source | null;
}

/** How one headphone stands for one role on the chains the plan has. */
export interface Standing {
  fit: Fit;
  /** good or excellent */
  served: boolean;
  /** workable as rough mixes on a closed-back */
  rough: boolean;
  /** On a chain the user already has that the guide accepts (or, no source given, not judged). */
  driven: boolean;
  /** Priced amplifiers (by id) that would complete the chain. */
  fixes: string[];
  /** The verdict on the user's source; null when none is given. */
  verdict: Verdict | null;
}

export interface Option {
  h: Headphone;
  owned: boolean;
  /** 0 when owned. */
  priceUsd: number;
  standing: Record<Role, Standing>;
}

export interface Problem {
  roles: readonly Role[];
  /** Owned headphones (and bought earlier in the plan). */
  owned: readonly Option[];
  /** Per role: the headphones that may be bought for it. */
  candidates: Record<Role, readonly Option[]>;
  /** Priced amplifiers that may be bought. */
  amps: readonly Source[];
  budgetUsd: number;
  /** quality: fit before cost (spending a budget); cost: the cheapest way (what to save for). */
  mode: "quality" | "cost";
}

export interface Solution {
  assign: Partial<Record<Role, Option | null>>;
  amp: Source | null;
  costUsd: number;
  score: number[];
}

const FIT_POINTS: Record<Fit, number> = { excellent: 3, good: 2, workable: 1, avoid: 0 };

/** Whether an option may take the role at all. */
export function covers(s: Standing): boolean {
  return s.served || s.rough;
}

/** The objective of one assignment and amplifier, or null when the guide forbids it. */
export function evaluate(
  p: Problem,
  assign: Partial<Record<Role, Option | null>>,
  amp: Source | null,
): Solution | null {
  const tracking = assign.tracking ?? null;
  const mastering = assign.mastering ?? null;
  if (mastering) {
    const m = mastering.standing.mastering;
    if (!m.served || mastering.h.back === "closed") return null;
    if (tracking && tracking.h.id === mastering.h.id) return null;
    // The middle step: a mixing reference (open or semi-open, good for mixing) owned or in the plan.
    const refs = [...p.owned, ...Object.values(assign)].filter(
      (o): o is Option => o != null && o.h.back !== "closed" && o.standing.mixing.served,
    );
    if (refs.length === 0) return null;
  }
  const bought = new Map<string, Option>();
  for (const o of Object.values(assign)) if (o && !o.owned) bought.set(o.h.id, o);
  let costUsd = amp?.priceUsd ?? 0;
  for (const o of bought.values()) costUsd += o.priceUsd;
  if (costUsd > p.budgetUsd) return null;
  // Reuse what you own where it serves: no purchase replaces it.
  for (const role of p.roles) {
    const o = assign[role];
    if (p.owned.some((x) => x.standing[role].served) && !(o?.owned && o.standing[role].served))
      return null;
  }
  let settled = 0;
  let served = 0;
  let rough = 0;
  let quality = 0;
  let needsAmp = false;
  for (const role of p.roles) {
    const o = assign[role];
    if (!o) continue;
    const s = o.standing[role];
    if (!covers(s)) return null;
    const driven = s.driven || (amp !== null && s.fixes.includes(amp.id));
    if (amp && !s.driven && s.fixes.includes(amp.id)) needsAmp = true;
    if (s.served) {
      served += 1;
      if (driven) settled += 1;
    } else rough += 1;
    quality += FIT_POINTS[s.fit];
  }
  // An amplifier nobody needs is never bought.
  if (amp && !needsAmp) return null;
  const score =
    p.mode === "quality"
      ? [settled, served, rough, quality, -costUsd]
      : [settled, served, rough, -costUsd, quality];
  return { assign, amp, costUsd, score };
}

function better(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i++) {
    const d = (a[i] as number) - (b[i] as number);
    if (d !== 0) return d;
  }
  return 0;
}

/** A stable key to break exact ties the same way every run. */
function keyOf(s: Solution, roles: readonly Role[]): string {
  return `${roles.map((r) => s.assign[r]?.h.id ?? "-").join(",")}|${s.amp?.id ?? "-"}`;
}

/** Every choice for a role: nothing, what you own, what you may buy. */
export function choicesFor(p: Problem, role: Role): (Option | null)[] {
  const own = p.owned.filter((o) => covers(o.standing[role]));
  // evaluate refuses anything but what you own where that serves.
  const servedByOwn = own.filter((o) => o.standing[role].served);
  if (servedByOwn.length > 0) return [null, ...servedByOwn];
  return [null, ...own, ...p.candidates[role].filter((o) => covers(o.standing[role]))];
}

/** The best plan of a problem: exact over its candidates. */
export function search(p: Problem): Solution {
  const lists = p.roles.map((r) => choicesFor(p, r));
  const amps: (Source | null)[] = [null, ...p.amps];
  let best: Solution | null = null;
  let bestKey = "";
  const assign: Partial<Record<Role, Option | null>> = {};
  const visit = (i: number, spent: number) => {
    if (spent > p.budgetUsd) return;
    if (i === p.roles.length) {
      for (const amp of amps) {
        const s = evaluate(p, { ...assign }, amp);
        if (!s) continue;
        const d = best ? better(s.score, best.score) : 1;
        const key = keyOf(s, p.roles);
        if (d > 0 || (d === 0 && compareText(key, bestKey) < 0)) {
          best = s;
          bestKey = key;
        }
      }
      return;
    }
    const role = p.roles[i] as Role;
    for (const o of lists[i] as (Option | null)[]) {
      assign[role] = o;
      // A lower bound of the spend: this option's price unless it is already counted.
      const counted = o === null || o.owned || p.roles.slice(0, i).some((r) => assign[r] === o);
      visit(i + 1, spent + (counted ? 0 : o.priceUsd));
    }
    delete assign[role];
  };
  visit(0, 0);
  // Assigning nothing is always allowed, so there is a best.
  return best as unknown as Solution;
}

// ---------------------------------------------------------------------------
// Building the problem from the catalog

/** Fits per headphone and role, worked out once for the searches of one plan and the next. */
const FITS = new WeakMap<Headphone, Partial<Record<Role, Fit>>>();
function fitOf(h: Headphone, role: Role): Fit {
  let mine = FITS.get(h);
  if (!mine) {
    mine = {};
    FITS.set(h, mine);
  }
  mine[role] ??= fitFor(h, role).fit;
  return mine[role];
}

/** Whether a role needs the chain judged when no source is given: mastering wants a dedicated amplifier. */
function judgedWithoutSource(role: Role): boolean {
  return role === "mastering";
}

function standingOf(
  h: Headphone,
  role: Role,
  asked: boolean,
  source: Source | null,
  chains: readonly Source[],
  candidates: readonly Source[],
): Standing {
  const fit = fitOf(h, role);
  const served = serves(fit);
  const rough = !served && role === "mixing" && fit === "workable" && h.back === "closed";
  // A role not asked for, or a headphone that cannot take it, is never judged:
  // only whether it is served counts (mastering's reference).
  if (!asked || !(served || rough))
    return { fit, served, rough, verdict: null, driven: !asked, fixes: [] };
  const verdict = source ? verdictOf(h, role, source) : null;
  const base = { fit, served, rough, verdict };
  if (!source && !judgedWithoutSource(role)) return { ...base, driven: true, fixes: [] };
  // Unknown is not insufficient, nor ok: an owned source or headphone whose
  // figures are missing is kept as it is, and no amplifier is bought around it.
  if (verdict === "unknown") return { ...base, driven: false, fixes: [] };
  const accepts = (s: Source) => gapOn(h, role, s) === null;
  const driven = chains.some(accepts);
  if (driven) return { ...base, driven, fixes: [] };
  // A headphone amplifier fits the job before a converter or interface that
  // also would, priced or not: any one amplifier that completes it is enough to know.
  const priced = candidates.filter((s) => s.priceUsd !== null && accepts(s));
  const isAmp = (s: Source) => fixKindOf(s) === "amplifier";
  const kind =
    priced.some(isAmp) || candidates.some((s) => s.priceUsd === null && isAmp(s) && accepts(s))
      ? "amplifier"
      : "interface";
  const fixes = priced.filter((s) => fixKindOf(s) === kind).map((s) => s.id);
  return { ...base, driven, fixes };
}

function optionOf(
  h: Headphone,
  owned: boolean,
  roles: readonly Role[],
  source: Source | null,
  chains: readonly Source[],
  candidates: readonly Source[],
): Option {
  const standing = {} as Record<Role, Standing>;
  for (const role of ROLES)
    standing[role] = standingOf(h, role, roles.includes(role), source, chains, candidates);
  return { h, owned, priceUsd: owned ? 0 : (h.priceUsd ?? 0), standing };
}

/** Headphones that look the same to the search: only the cheapest three of each can matter. */
function signature(o: Option): string {
  return [
    o.h.back === "closed" ? "c" : "o",
    ...ROLES.map((r) => {
      const s = o.standing[r];
      return `${s.fit}/${s.rough ? 1 : 0}/${s.driven ? 1 : 0}/${s.verdict}/${s.fixes.join("+")}`;
    }),
  ].join("|");
}

/** Up to three of each signature, cheapest first (ties by id). */
export function prune(options: readonly Option[]): Option[] {
  const groups = new Map<string, Option[]>();
  for (const o of options) {
    const key = signature(o);
    const g = groups.get(key) ?? [];
    g.push(o);
    groups.set(key, g);
  }
  return [...groups.values()].flatMap((g) =>
    g.sort((a, b) => a.priceUsd - b.priceUsd || compareText(a.h.id, b.h.id)).slice(0, 3),
  );
}

/** Products that could complete a chain (never the user's own source, nor one bought already). */
export function ampCandidates(
  sources: readonly Source[],
  source: Source | null,
  haveAmps: readonly Source[] = [],
): Source[] {
  return fixCandidates(sources).filter(
    (s) => s.id !== source?.id && !haveAmps.some((a) => a.id === s.id),
  );
}

export function problemOf(
  input: SearchInput,
  owned: readonly Headphone[],
  haveAmps: readonly Source[],
  budgetUsd: number,
  mode: Problem["mode"],
  /** false: every priced headphone stays a candidate (for checking the pruning). */
  pruned = true,
): Problem {
  const chains = input.source ? [input.source, ...haveAmps] : [...haveAmps];
  const fixers = ampCandidates(input.sources, input.source, haveAmps);
  const amps = fixers.filter((a) => a.priceUsd !== null);
  const option = (h: Headphone, owned: boolean) =>
    optionOf(h, owned, input.roles, input.source, chains, fixers);
  const ownedIds = new Set(owned.map((h) => h.id));
  const ownedOptions = owned.map((h) => option(h, true));
  const priced = input.headphones
    .filter((h) => h.priceUsd !== null && !ownedIds.has(h.id))
    .map((h) => option(h, false));
  const buyable = pruned
    ? prune(priced.filter((o) => input.roles.some((r) => covers(o.standing[r]))))
    : priced;
  const candidates = {} as Record<Role, Option[]>;
  for (const role of ROLES)
    candidates[role] = input.roles.includes(role)
      ? buyable.filter((o) => covers(o.standing[role]))
      : [];
  // Mastering may need a mixing reference even when mixing is not a role asked for:
  // the mastering headphone itself, or one owned.
  const used = new Set(buyable.flatMap((o) => ROLES.flatMap((r) => o.standing[r].fixes)));
  for (const o of ownedOptions)
    for (const r of ROLES) for (const f of o.standing[r].fixes) used.add(f);
  return {
    roles: ROLES.filter((r) => input.roles.includes(r)),
    owned: ownedOptions,
    candidates,
    amps: pruned ? amps.filter((a) => used.has(a.id)) : amps,
    budgetUsd,
    mode,
  };
}
