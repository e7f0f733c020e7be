/**
 * A headphone setup across roles within a budget: the guide's path (a
 * closed-back that tracks and gives rough mixes; then an open-back reference
 * for mixing; only then a high-resolution open-back with an amplifier and
 * calibration for mastering) worked out for one person's gear. Pure.
 *
 * The choice is an exact search, not a greedy pick: every way of giving each
 * role an owned headphone, a priced catalog headphone or nothing, with at most
 * one priced amplifier, is weighed by (1) the roles served by a good or
 * excellent fit on a chain that drives it, (2) the roles served at all,
 * (3) rough mixes on a closed-back (workable, as the guide allows), then fit
 * quality and cost. Candidates are pruned without loss: headphones that look
 * the same to the search (fit per role, drive per role, which amplifiers fix
 * them, back) keep only their three cheapest, and no plan uses more than three.
 */
import { check, fixCandidates, judgeAgainst, needsOf } from "./drive.js";
import { type Fit, fitFor, fitOrder, serves } from "./fit.js";
import { compareText } from "./order.js";
import { ROLE_TARGETS, ROLES, type Role } from "./roles.js";
import type { Headphone, Source } from "./types.js";

export interface PlanInput {
  headphones: readonly Headphone[];
  sources: readonly Source[];
  /** The roles the user works in. */
  roles: readonly Role[];
  budgetUsd: number;
  owned: readonly Headphone[];
  /** What drives the headphones today; null when not said (drive is then not judged). */
  source: Source | null;
}

export type PurchaseKind = "headphone" | "amplifier";

export interface Purchase {
  id: string;
  name: string;
  kind: PurchaseKind;
  priceUsd: number;
}

export interface Assignment {
  id: string;
  name: string;
  owned: boolean;
  fit: Fit;
  fitReason: string;
  /** Only workable: a closed-back giving rough mixes. */
  rough: boolean;
}

export type When = "now" | "next" | "later";

export interface PlanStep {
  when: When;
  buy: Purchase[];
  costUsd: number;
  /** Roles this step makes served (or, for mixing on a closed-back, rough). */
  unlocks: Role[];
  withinBudget: boolean;
  /** What the step is for, in the guide's terms. */
  why: string;
  /** What the user can already do without it. */
  without: string;
  notes: string[];
}

export interface Plan {
  budgetUsd: number;
  totalUsd: number;
  roles: Role[];
  source: { id: string; name: string } | null;
  /** Per wanted role: what serves it once the steps within the budget are taken. */
  assignments: Partial<Record<Role, Assignment | null>>;
  steps: PlanStep[];
  warnings: string[];
  /** The plan in a few sentences, in the guide's terms. */
  explanation: string[];
}

// ---------------------------------------------------------------------------
// The search

/** How one headphone stands for one role on the chains the plan has. */
interface Standing {
  fit: Fit;
  /** good or excellent */
  served: boolean;
  /** workable as rough mixes on a closed-back */
  rough: boolean;
  /** ok on a chain the user already has (or no source given) */
  driven: boolean;
  /** Priced amplifiers (by id) that would make the verdict ok. */
  fixes: string[];
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
function covers(s: Standing): boolean {
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

function standingOf(
  h: Headphone,
  role: Role,
  chains: readonly Source[],
  amps: readonly Source[],
): Standing {
  const { fit } = fitFor(h, role);
  const served = serves(fit);
  const rough = !served && role === "mixing" && fit === "workable" && h.back === "closed";
  if (chains.length === 0) return { fit, served, rough, driven: true, fixes: [] };
  const o = { targetSplDb: ROLE_TARGETS[role].splDb };
  const needs = needsOf(h);
  const verdicts = chains.map((s) => judgeAgainst(needs, s, o).verdict);
  // Unknown is not ok: a headphone whose drive cannot be judged is not counted as driven.
  const driven = verdicts.some((v) => v === "ok");
  const fixes =
    driven || !(served || rough)
      ? []
      : amps.filter((a) => judgeAgainst(needs, a, o).verdict === "ok").map((a) => a.id);
  return { fit, served, rough, driven, fixes };
}

function optionOf(
  h: Headphone,
  owned: boolean,
  chains: readonly Source[],
  amps: readonly Source[],
): Option {
  const standing = {} as Record<Role, Standing>;
  for (const role of ROLES) standing[role] = standingOf(h, role, chains, amps);
  return { h, owned, priceUsd: owned ? 0 : (h.priceUsd ?? 0), standing };
}

/** Headphones that look the same to the search: only the cheapest three of each can matter. */
function signature(o: Option): string {
  return [
    o.h.back === "closed" ? "c" : "o",
    ...ROLES.map((r) => {
      const s = o.standing[r];
      return `${s.fit}/${s.rough ? 1 : 0}/${s.driven ? 1 : 0}/${s.fixes.join("+")}`;
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

/** Priced products that could fix a shortfall (never the user's own source). */
function pricedAmps(sources: readonly Source[], source: Source | null): Source[] {
  return fixCandidates(sources).filter((s) => s.priceUsd !== null && s.id !== source?.id);
}

export function problemOf(
  input: PlanInput,
  owned: readonly Headphone[],
  haveAmps: readonly Source[],
  budgetUsd: number,
  mode: Problem["mode"],
  /** false: every priced headphone stays a candidate (for checking the pruning). */
  pruned = true,
): Problem {
  const chains = input.source ? [input.source, ...haveAmps] : [];
  const amps = pricedAmps(input.sources, input.source).filter(
    (a) => !haveAmps.some((h) => h.id === a.id),
  );
  const ownedIds = new Set(owned.map((h) => h.id));
  const ownedOptions = owned.map((h) => optionOf(h, true, chains, amps));
  const priced = input.headphones
    .filter((h) => h.priceUsd !== null && !ownedIds.has(h.id))
    .map((h) => optionOf(h, false, chains, amps));
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

// ---------------------------------------------------------------------------
// From a solution to steps and words

const ROLE_WORDS: Record<Role, string> = {
  tracking: "tracking",
  mixing: "mixing",
  mastering: "mastering",
};

function roleWords(roles: readonly Role[], roughMixing: boolean): string {
  const words = roles.map((r) => (r === "mixing" && roughMixing ? "rough mixes" : ROLE_WORDS[r]));
  if (words.length <= 1) return words.join("");
  return `${words.slice(0, -1).join(", ")} and ${words[words.length - 1]}`;
}

function shortName(h: { name: string }): string {
  return h.name;
}

interface Chain {
  source: Source | null;
}

/** "your laptop leaves it 2.1 dB short of mixing peaks (103 dB SPL)" */
function shortfallText(h: Headphone, role: Role, chain: Chain): string | null {
  if (!chain.source) return null;
  const c = check(h, chain.source, { targetSplDb: ROLE_TARGETS[role].splDb });
  if (c.verdict === "ok" || c.verdict === "unknown") return null;
  const target = `${role} peaks (${ROLE_TARGETS[role].splDb} dB SPL)`;
  const your = `your ${chain.source.name}`;
  if (c.headroomDb !== null && c.headroomDb < 0)
    return `${your} leaves it ${Math.abs(c.headroomDb).toFixed(1)} dB short of ${target}`;
  return `${your} leaves it only ${(c.headroomDb ?? 0).toFixed(1)} dB of headroom for ${target}, within the spread of real units`;
}

/** Amplifiers with no verified price that would fix a shortfall: named, never bought. */
function unpricedFixes(h: Headphone, role: Role, input: PlanInput): string[] {
  const needs = needsOf(h);
  const o = { targetSplDb: ROLE_TARGETS[role].splDb };
  return fixCandidates(input.sources)
    .filter((s) => s.priceUsd === null && s.id !== input.source?.id)
    .filter((s) => judgeAgainst(needs, s, o).verdict === "ok")
    .map((s) => s.id);
}

interface Draft {
  buy: Purchase[];
  roles: Role[];
  rough: boolean;
  key: number;
  headphone: Headphone | null;
}

/** A solution's purchases as steps in the guide's order: tracking, then the mixing reference, then mastering. */
function draftsOf(sol: Solution, roles: readonly Role[]): Draft[] {
  const drafts: Draft[] = [];
  const byId = new Map<string, Draft>();
  for (const role of roles) {
    const o = sol.assign[role];
    if (!o || o.owned) continue;
    let d = byId.get(o.h.id);
    if (!d) {
      d = {
        buy: [{ id: o.h.id, name: o.h.name, kind: "headphone", priceUsd: o.priceUsd }],
        roles: [],
        rough: false,
        key: ROLES.indexOf(role),
        headphone: o.h,
      };
      byId.set(o.h.id, d);
      drafts.push(d);
    }
    d.roles.push(role);
    if (!o.standing[role].served) d.rough = true;
  }
  if (sol.amp) {
    const amp = sol.amp;
    const needing = roles.filter((r) => {
      const o = sol.assign[r];
      return o && !o.standing[r].driven && o.standing[r].fixes.includes(amp.id);
    });
    const item: Purchase = {
      id: amp.id,
      name: amp.name,
      kind: "amplifier",
      priceUsd: amp.priceUsd as number,
    };
    // With the first headphone bought that needs it; else a step of its own.
    const host = drafts.find((d) => d.roles.some((r) => needing.includes(r)));
    if (host) host.buy.push(item);
    else
      drafts.push({
        buy: [item],
        roles: needing,
        rough: false,
        key: Math.min(...needing.map((r) => ROLES.indexOf(r))),
        headphone: null,
      });
  }
  return drafts.sort((a, b) => a.key - b.key);
}

function fitLine(o: Option, role: Role): string {
  const j = fitFor(o.h, role);
  return `${j.fit} (${j.reason})`;
}

const CALIBRATE =
  "for mastering, calibrate it (Sonarworks SoundID Reference) and add crossfeed (SoundID's, or an amplifier's such as the SPL Phonitor): not priced here";

/** The plan for one person: what to buy now, next and later, and why. */
export function planSetup(input: PlanInput): Plan {
  const roles = ROLES.filter((r) => input.roles.includes(r));
  const chain: Chain = { source: input.source };
  const warnings: string[] = [];
  const explanation: string[] = [];

  const now = search(problemOf(input, input.owned, [], input.budgetUsd, "quality"));
  const boughtNow = roles
    .map((r) => now.assign[r])
    .filter((o): o is Option => o != null && !o.owned)
    .map((o) => o.h);
  const haveNow = [...input.owned, ...new Set(boughtNow)];

  const steps: PlanStep[] = [];
  const can = new Map<Role, { rough: boolean; name: string }>();
  for (const o of input.owned)
    for (const r of roles) {
      const a = now.assign[r];
      if (a?.owned && a.h.id === o.id) can.set(r, { rough: !a.standing[r].served, name: a.h.name });
    }
  const withoutText = () => {
    if (can.size === 0) return "nothing yet: no headphone you own serves these roles";
    const byName = new Map<string, Role[]>();
    for (const [r, v] of can) byName.set(v.name, [...(byName.get(v.name) ?? []), r]);
    return [...byName]
      .map(([name, rs]) => `${roleWords(rs, can.get("mixing")?.rough ?? false)} with ${name}`)
      .join("; ");
  };
  const addSteps = (sol: Solution, within: boolean, stepRoles: readonly Role[]) => {
    for (const d of draftsOf(sol, stepRoles)) {
      const costUsd = d.buy.reduce((sum, b) => sum + b.priceUsd, 0);
      const when: When = within ? "now" : steps.some((s) => !s.withinBudget) ? "later" : "next";
      const notes: string[] = [];
      const what = d.headphone ? d.headphone.name : (d.buy[0]?.name ?? "");
      let why: string;
      if (d.headphone) {
        const o = sol.assign[d.roles[0] as Role] as Option;
        why = `${what} for ${roleWords(d.roles, d.rough)}: ${d.roles.map((r) => `${r} ${fitLine(o, r)}`).join("; ")}`;
        const amp = d.buy.find((b) => b.kind === "amplifier");
        for (const r of d.roles) {
          const s = o.standing[r];
          const short = s.driven ? null : shortfallText(d.headphone, r, chain);
          if (!short) continue;
          if (amp && s.fixes.includes(amp.id))
            notes.push(`needs an amplifier for ${r}: ${short}; the ${amp.name} drives it`);
          else if (!within) {
            // Within the budget, the warnings say it.
            const unpriced = unpricedFixes(d.headphone, r, input);
            notes.push(
              `needs an amplifier for ${r}: ${short}; ${unpriced.length ? `amplifiers that drive it have no verified price (${unpriced.slice(0, 3).join(", ")})` : "no amplifier in the catalog is known to drive it"}`,
            );
          }
        }
      } else {
        why = `${what}: drives ${d.roles.map((r) => sol.assign[r]?.h.name).join(" and ")} to the ${roleWords(d.roles, false)} target`;
      }
      if (d.headphone && d.roles.includes("mastering")) notes.push(CALIBRATE);
      steps.push({
        when,
        buy: d.buy,
        costUsd,
        unlocks: d.roles,
        withinBudget: within,
        why,
        without: withoutText(),
        notes,
      });
      for (const r of d.roles)
        can.set(r, {
          rough: d.rough && r === "mixing",
          name: d.headphone ? what : (sol.assign[r]?.h.name ?? what),
        });
    }
  };
  addSteps(now, true, roles);
  // What to save for, one role of the guide's path at a time (the mixing
  // reference before mastering), each the cheapest way to serve it.
  let have: Headphone[] = haveNow;
  const amps: Source[] = now.amp ? [now.amp] : [];
  let last: Solution | undefined;
  for (let k = 0; k < roles.length; k++) {
    const upTo = roles.slice(0, k + 1);
    const sol = search(
      problemOf({ ...input, roles: upTo }, have, amps, Number.POSITIVE_INFINITY, "cost"),
    );
    addSteps(sol, false, upTo);
    const bought = upTo.map((r) => sol.assign[r]).filter((o): o is Option => o != null && !o.owned);
    have = [...have, ...new Set(bought.map((o) => o.h))];
    if (sol.amp) amps.push(sol.amp);
    last = sol;
  }
  // A headphone bought for one role that the path reuses for a later one unlocks that too.
  for (const r of roles) {
    const o = last?.assign[r];
    if (!o || steps.some((st) => st.unlocks.includes(r))) continue;
    const st = steps.find((x) => !x.withinBudget && x.buy.some((b) => b.id === o.h.id));
    if (!st) continue;
    st.unlocks = ROLES.filter((x) => x === r || st.unlocks.includes(x));
    if (r === "mastering") st.notes.push(CALIBRATE);
  }

  const assignments: Partial<Record<Role, Assignment | null>> = {};
  for (const r of roles) {
    const o = now.assign[r];
    assignments[r] = o
      ? {
          id: o.h.id,
          name: o.h.name,
          owned: o.owned,
          fit: o.standing[r].fit,
          fitReason: fitFor(o.h, r).reason,
          rough: !o.standing[r].served,
        }
      : null;
  }

  // Explanations, in the guide's terms.
  const byHeadphone = new Map<string, { o: Option; roles: Role[] }>();
  for (const r of roles) {
    const o = now.assign[r];
    if (!o) continue;
    const e = byHeadphone.get(o.h.id) ?? { o, roles: [] };
    e.roles.push(r);
    byHeadphone.set(o.h.id, e);
  }
  for (const { o, roles: rs } of byHeadphone.values()) {
    const rough = rs.includes("mixing") && !o.standing.mixing.served;
    const who = o.owned ? `Your ${shortName(o.h)}` : `The ${shortName(o.h)} (bought now)`;
    explanation.push(`${who} covers ${roleWords(rs, rough)}.`);
    for (const r of rs) {
      const s = o.standing[r];
      const short = s.driven ? null : shortfallText(o.h, r, chain);
      if (!short) continue;
      const fixed = now.amp && s.fixes.includes(now.amp.id);
      if (fixed)
        explanation.push(
          `For ${r}, the ${o.h.name} needs an amplifier: ${short}; the ${now.amp?.name} drives it.`,
        );
      else {
        const unpriced = unpricedFixes(o.h, r, input);
        const saveFor = steps.find(
          (st) =>
            !st.withinBudget &&
            st.buy.some((b) => b.kind === "amplifier" && s.fixes.includes(b.id)),
        );
        const priced = saveFor
          ? `the ${saveFor.buy.find((b) => b.kind === "amplifier")?.name} drives it, beyond the budget (the ${saveFor.when} step)`
          : null;
        const others = unpriced.length
          ? `${priced ? "others" : "amplifiers"} that drive it have no verified price (${unpriced.slice(0, 3).join(", ")}): not bought`
          : null;
        warnings.push(
          `For ${r}, the ${o.h.name} needs an amplifier: ${short}; ${
            [priced, others].filter(Boolean).join("; ") ||
            "no amplifier in the catalog is known to drive it"
          }.`,
        );
      }
    }
  }
  if (roles.includes("mixing") && assignments.mixing?.rough)
    explanation.push(
      "A closed-back is a workable, if coloured, reference for rough mixes; an open-back reference changes the mixing work most.",
    );
  for (const r of roles) {
    if (assignments[r]) continue;
    const step = steps.find((s) => s.unlocks.includes(r));
    explanation.push(
      step
        ? `Nothing within the budget serves ${r} yet: see the ${step.when} step.`
        : `Nothing in the catalog with a verified price serves ${r} here.`,
    );
  }
  if (roles.includes("mastering")) {
    explanation.push(
      "Mastering comes only after a mixing reference, never on the closed-back you track with.",
    );
  }

  // Better-fitting models whose price is not verified: named, never bought.
  for (const r of roles) {
    const a = now.assign[r];
    if (a?.owned && a.standing[r].served) continue;
    const floor = a ? fitOrder(a.standing[r].fit) : fitOrder("workable");
    const alts = input.headphones
      .filter((h) => h.priceUsd === null && !input.owned.some((x) => x.id === h.id))
      .filter((h) => {
        const f = fitFor(h, r).fit;
        if (r === "mastering" && h.back === "closed") return false;
        return (
          (serves(f) || (r === "mixing" && h.back === "closed" && f === "workable")) &&
          fitOrder(f) <= floor
        );
      })
      .sort(
        (x, y) =>
          fitOrder(fitFor(x, r).fit) - fitOrder(fitFor(y, r).fit) || compareText(x.id, y.id),
      )
      .slice(0, 3);
    if (alts.length && (a === null || a === undefined || !a.owned))
      warnings.push(
        `Price not verified, so not bought: ${alts.map((h) => `${h.id} (${fitFor(h, r).fit})`).join(", ")} for ${r}.`,
      );
  }
  if (!input.source && roles.length > 0)
    warnings.push(
      "No source given: whether each headphone needs an amplifier is not judged (pass --source).",
    );
  if (
    roles.includes("mastering") &&
    (assignments.mastering || steps.some((s) => s.unlocks.includes("mastering")))
  )
    warnings.push(
      "Calibration (Sonarworks SoundID Reference) and crossfeed for mastering are not in the total: no price is given here.",
    );

  const totalUsd = steps.filter((s) => s.withinBudget).reduce((sum, s) => sum + s.costUsd, 0);
  return {
    budgetUsd: input.budgetUsd,
    totalUsd,
    roles,
    source: input.source ? { id: input.source.id, name: input.source.name } : null,
    assignments,
    steps,
    warnings,
    explanation,
  };
}
