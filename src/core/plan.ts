/**
 * A headphone setup across roles within a budget: the guide's path (a
 * closed-back that tracks and gives rough mixes; then an open-back reference
 * for mixing; only then a high-resolution open-back with a dedicated
 * amplifier and calibration for mastering) worked out for one person's gear.
 * Pure.
 *
 * Three steps: (1) the roles, by the exact search of plan-search.ts: what the
 * budget buys now, each role only with its whole chain, then what to save for,
 * one role of the path at a time; (2) the rest of the chain: an amplifier whose
 * price is not in the catalog where only such completes a chain, and
 * calibration and crossfeed for mastering; (3) once every role is served, the
 * money left goes to the guide's next steps: a second tracking pair, a second
 * mastering reference.
 */
import type { Verdict } from "./amp.js";
import { check } from "./drive.js";
import { priceIsApproximate } from "./facts.js";
import { type Fit, fitFor, fitOrder, serves } from "./fit.js";
import { compareFixSources } from "./fixes.js";
import { compareText, money } from "./format.js";
import {
  type Gap,
  GUIDE_AMPLIFIER,
  gapOn,
  gapText,
  gapToSay,
  isDedicated,
  optionsFor,
  verdictOf,
} from "./plan-chain.js";
import { ampCandidates, type Option, problemOf, type Solution, search } from "./plan-search.js";
import { ROLES, type Role } from "./roles.js";
import type { Headphone, Source } from "./types.js";

export interface PlanInput {
  headphones: readonly Headphone[];
  sources: readonly Source[];
  /** The roles the user works in. */
  roles: readonly Role[];
  budgetUsd: number;
  owned: readonly Headphone[];
  /** What drives the headphones today; null when not said. */
  source: Source | null;
}

export type PurchaseKind = "headphone" | "amplifier" | "calibration";

export interface Purchase {
  id: string;
  name: string;
  kind: PurchaseKind;
  /** null: the price is not in the catalog; never counted, and its step is never within the budget. */
  priceUsd: number | null;
  /** The catalog's price is approximate (low confidence, or undated). */
  approximate: boolean;
}

export interface Assignment {
  id: string;
  name: string;
  owned: boolean;
  fit: Fit;
  fitReason: string;
  /** Only workable: a closed-back giving rough mixes. */
  rough: boolean;
  /** The chain's verdict for the role (what drives it once the steps within the budget are taken); null: no source given. */
  drive: Verdict | null;
}

export type When = "now" | "next" | "later";

/** role: serves a role; chain: completes a role's chain; extra: the guide's next step once every role is served. */
export type StepPurpose = "role" | "chain" | "extra";

export interface PlanStep {
  when: When;
  purpose: StepPurpose;
  buy: Purchase[];
  /** What the priced purchases cost. */
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

export type WarningCode =
  | "needs-amplifier"
  | "response-shift"
  | "dedicated-amplifier"
  | "no-amplifier-known"
  | "source-figures-unknown"
  | "headphone-figures-unknown"
  | "no-source"
  | "price-not-in-catalog";

export interface PlanWarning {
  code: WarningCode;
  message: string;
}

export interface Plan {
  budgetUsd: number;
  totalUsd: number;
  roles: Role[];
  source: { id: string; name: string } | null;
  /** Per wanted role: what serves it, whole chain, once the steps within the budget are taken. */
  assignments: Partial<Record<Role, Assignment | null>>;
  steps: PlanStep[];
  warnings: PlanWarning[];
  /** The plan in a few sentences, in the guide's terms. */
  explanation: string[];
}

// ---------------------------------------------------------------------------
// Words

function roleWords(roles: readonly Role[], roughMixing: boolean): string {
  const words = roles.map((r) => (r === "mixing" && roughMixing ? "rough mixes" : r));
  return listWords(words);
}

function listWords(words: readonly string[]): string {
  if (words.length <= 1) return words.join("");
  return `${words.slice(0, -1).join(", ")} and ${words[words.length - 1]}`;
}

function fitLine(h: Headphone, role: Role): string {
  const j = fitFor(h, role);
  return `${j.fit} (${j.reason})`;
}

function purchaseOf(e: Headphone | Source, kind: PurchaseKind): Purchase {
  return {
    id: e.id,
    name: e.name,
    kind,
    priceUsd: e.priceUsd,
    approximate: priceIsApproximate(e),
  };
}

const UNPRICED = "its price is not in the catalog, so this step is not counted in the total";

// ---------------------------------------------------------------------------
// The plan as it is built

interface Builder {
  input: PlanInput;
  roles: Role[];
  steps: PlanStep[];
  /** What each role is served by so far, for the "without it" lines. */
  can: Map<Role, { rough: boolean; name: string }>;
  /** Amplifiers the steps buy, priced or not, with the step that buys each. */
  amps: { source: Source; step: PlanStep }[];
}

function withoutText(can: Builder["can"], owned: boolean): string {
  if (can.size === 0)
    return owned
      ? "nothing yet: what you own serves none of these roles on a whole chain"
      : "nothing yet: no headphone you own serves these roles";
  const byName = new Map<string, Role[]>();
  for (const [r, v] of can) byName.set(v.name, [...(byName.get(v.name) ?? []), r]);
  return [...byName]
    .map(([name, rs]) => `${roleWords(rs, can.get("mixing")?.rough ?? false)} with ${name}`)
    .join("; ");
}

function addStep(
  b: Builder,
  step: Omit<PlanStep, "when" | "without" | "costUsd">,
  servedBy: (r: Role) => { name: string; rough: boolean },
): PlanStep {
  const priced = step.buy.every((p) => p.priceUsd !== null);
  const full: PlanStep = {
    ...step,
    when: "now",
    withinBudget: step.withinBudget && priced,
    costUsd: step.buy.reduce((sum, p) => sum + (p.priceUsd ?? 0), 0),
    without: withoutText(b.can, b.input.owned.length > 0),
  };
  b.steps.push(full);
  for (const r of full.unlocks) b.can.set(r, servedBy(r));
  return full;
}

/** Whether a role's chain is whole: as the guide wants on what the user has, completed by one of `amps`, or not judgeable. */
function whole(o: Option, role: Role, amps: readonly Source[]): boolean {
  const s = o.standing[role];
  return s.driven || s.verdict === "unknown" || amps.some((a) => s.fixes.includes(a.id));
}

/** What keeps the user's chain from what the guide wants for this headphone and role. */
function gapFor(input: PlanInput, h: Headphone, role: Role): { gap: Gap; text: string } | null {
  const s = input.source;
  if (!s) {
    if (role !== "mastering") return null;
    return {
      gap: "dedicated",
      text: "no source given, and for mastering the guide wants a dedicated headphone amplifier",
    };
  }
  const found = gapOn(h, role, s);
  if (found === null) return null;
  const gap = gapToSay(h, s, found);
  return { gap, text: gapText(h, role, s, gap) };
}

// ---------------------------------------------------------------------------
// (1) The roles

interface Draft {
  buy: Purchase[];
  /** Roles the headphone is for; `unlocks` those of them whose chain is whole in this step. */
  roles: Role[];
  unlocks: Role[];
  rough: boolean;
  key: number;
  headphone: Option | null;
  amp: Source | null;
}

/** A solution's purchases as steps in the guide's order: tracking, then the mixing reference, then mastering. */
function draftsOf(sol: Solution, roles: readonly Role[]): Draft[] {
  const drafts: Draft[] = [];
  const byId = new Map<string, Draft>();
  const amps = sol.amp ? [sol.amp] : [];
  for (const role of roles) {
    const o = sol.assign[role];
    if (!o || o.owned) continue;
    let d = byId.get(o.h.id);
    if (!d) {
      d = {
        buy: [purchaseOf(o.h, "headphone")],
        roles: [],
        unlocks: [],
        rough: false,
        key: ROLES.indexOf(role),
        headphone: o,
        amp: null,
      };
      byId.set(o.h.id, d);
      drafts.push(d);
    }
    d.roles.push(role);
    if (whole(o, role, amps)) d.unlocks.push(role);
    if (!o.standing[role].served) d.rough = true;
  }
  if (sol.amp) {
    const amp = sol.amp;
    const needing = roles.filter((r) => {
      const o = sol.assign[r];
      return o && !o.standing[r].driven && o.standing[r].fixes.includes(amp.id);
    });
    // With the first headphone bought that needs it; else a step of its own.
    const host = drafts.find((d) => d.roles.some((r) => needing.includes(r)));
    if (host) {
      host.buy.push(purchaseOf(amp, "amplifier"));
      host.amp = amp;
    } else
      drafts.push({
        buy: [purchaseOf(amp, "amplifier")],
        roles: needing,
        unlocks: needing,
        rough: false,
        key: Math.min(...needing.map((r) => ROLES.indexOf(r))),
        headphone: null,
        amp,
      });
  }
  return drafts.sort((a, b) => a.key - b.key);
}

/** Why an amplifier completes these roles' chains, one clause per role. */
function ampReasons(
  input: PlanInput,
  sol: Solution,
  roles: readonly Role[],
  amp: Source,
): string[] {
  const out: string[] = [];
  for (const r of roles) {
    const o = sol.assign[r];
    if (!o) continue;
    const gap = gapFor(input, o.h, r);
    out.push(
      `for ${r}, ${gap ? gap.text : `the ${o.h.name} needs one`}; the ${amp.name} completes the chain`,
    );
  }
  return out;
}

function addDrafts(b: Builder, sol: Solution, within: boolean, stepRoles: readonly Role[]): void {
  for (const d of draftsOf(sol, stepRoles)) {
    const notes: string[] = [];
    let why: string;
    if (d.headphone) {
      const h = d.headphone.h;
      why = `${h.name} for ${roleWords(d.roles, d.rough)}: ${d.roles.map((r) => `${r} ${fitLine(h, r)}`).join("; ")}`;
      if (d.amp)
        notes.push(
          ...ampReasons(
            b.input,
            sol,
            d.roles.filter((r) => !d.headphone?.standing[r].driven && d.unlocks.includes(r)),
            d.amp,
          ),
        );
      for (const r of d.roles.filter((x) => !d.unlocks.includes(x))) {
        const gap = gapFor(b.input, h, r);
        notes.push(
          `for ${r} it needs an amplifier${gap ? `: ${gap.text}` : ""}; see the amplifier step`,
        );
      }
      if (d.amp && (d.roles.includes("mastering") || d.roles.includes("mixing")))
        notes.push(GUIDE_AMPLIFIER);
    } else {
      const amp = d.amp as Source;
      why = `${amp.name}, a ${isDedicated(amp) ? "dedicated headphone amplifier" : "headphone output"} for ${listWords(d.roles.map((r) => sol.assign[r]?.h.name ?? r).filter((n, i, a) => a.indexOf(n) === i))}`;
      notes.push(...ampReasons(b.input, sol, d.roles, amp));
      if (d.roles.some((r) => r !== "tracking")) notes.push(GUIDE_AMPLIFIER);
    }
    const step = addStep(
      b,
      {
        purpose: d.headphone ? "role" : "chain",
        buy: d.buy,
        unlocks: d.unlocks,
        withinBudget: within,
        why,
        notes,
      },
      (r) => ({
        rough: d.rough && r === "mixing",
        name: d.headphone ? d.headphone.h.name : (sol.assign[r]?.h.name ?? ""),
      }),
    );
    if (d.amp) b.amps.push({ source: d.amp, step });
  }
}

/** What the budget buys now and, one role of the path at a time, what to save for. */
function roleSteps(b: Builder): { now: Solution; last: Solution | undefined } {
  const { input, roles } = b;
  const now = search(problemOf(input, input.owned, [], input.budgetUsd, "quality"));
  for (const r of roles) {
    const a = now.assign[r];
    if (a?.owned && whole(a, r, [])) b.can.set(r, { rough: !a.standing[r].served, name: a.h.name });
  }
  addDrafts(b, now, true, roles);
  const boughtNow = roles
    .map((r) => now.assign[r])
    .filter((o): o is Option => o != null && !o.owned)
    .map((o) => o.h);
  let have: Headphone[] = [...input.owned, ...new Set(boughtNow)];
  const amps: Source[] = now.amp ? [now.amp] : [];
  let last: Solution | undefined;
  for (let k = 0; k < roles.length; k++) {
    const upTo = roles.slice(0, k + 1);
    const sol = search(
      problemOf({ ...input, roles: upTo }, have, amps, Number.POSITIVE_INFINITY, "cost"),
    );
    addDrafts(b, sol, false, upTo);
    const bought = upTo.map((r) => sol.assign[r]).filter((o): o is Option => o != null && !o.owned);
    have = [...have, ...new Set(bought.map((o) => o.h))];
    if (sol.amp) amps.push(sol.amp);
    last = sol;
  }
  // A headphone bought for one role that the path reuses for a later one unlocks that too.
  for (const r of roles) {
    const o = last?.assign[r];
    if (!o || !whole(o, r, amps) || b.steps.some((st) => st.unlocks.includes(r))) continue;
    const st = b.steps.find((x) => !x.withinBudget && x.buy.some((p) => p.id === o.h.id));
    if (st) st.unlocks = ROLES.filter((x) => x === r || st.unlocks.includes(x));
  }
  return { now, last };
}

// ---------------------------------------------------------------------------
// (2) The rest of the chain

/** The headphone the plan gives each role, now or in a step to save for. */
function plannedFor(now: Solution, last: Solution | undefined, r: Role): Option | null {
  return now.assign[r] ?? last?.assign[r] ?? null;
}

/** Chains only an amplifier without a price completes: a step naming it, never counted. */
function unpricedAmpSteps(b: Builder, now: Solution, last: Solution | undefined): void {
  const bought = b.amps.map((a) => a.source);
  const byHeadphone = new Map<string, { o: Option; roles: Role[] }>();
  for (const r of b.roles) {
    const o = plannedFor(now, last, r);
    if (!o || whole(o, r, bought)) continue;
    const e = byHeadphone.get(o.h.id) ?? { o, roles: [] };
    e.roles.push(r);
    byHeadphone.set(o.h.id, e);
  }
  for (const { o, roles } of byHeadphone.values()) {
    const fits = ampCandidates(b.input.sources, b.input.source)
      .filter((c) => roles.every((r) => gapOn(o.h, r, c) === null))
      .sort(compareFixSources);
    const [first, ...others] = fits;
    if (!first) continue;
    const reasons = roles.map(
      (r) => `for ${r}, ${gapFor(b.input, o.h, r)?.text ?? "it needs one"}`,
    );
    const step = addStep(
      b,
      {
        purpose: "chain",
        buy: [purchaseOf(first, "amplifier")],
        unlocks: roles,
        withinBudget: false,
        why: `A dedicated headphone amplifier for the ${o.h.name}, such as the ${first.name}: ${reasons.join("; ")}`,
        notes: [
          ...(others.length
            ? [
                `others that complete the chain: ${others
                  .slice(0, 3)
                  .map((s) => s.id)
                  .join(", ")}`,
              ]
            : []),
          ...(first.priceUsd === null ? [UNPRICED] : []),
          ...(roles.some((r) => r !== "tracking") ? [GUIDE_AMPLIFIER] : []),
        ],
      },
      () => ({ rough: false, name: o.h.name }),
    );
    b.amps.push({ source: first, step });
  }
}

/** The source that drives a role's headphone once the plan's amplifiers are bought. */
function chainSource(b: Builder, o: Option, r: Role): Source | null {
  const amp = b.amps.find(
    (a) => o.standing[r].fixes.includes(a.source.id) || a.step.unlocks.includes(r),
  );
  return amp?.source ?? b.input.source;
}

/** Calibration and crossfeed for the mastering headphone: why the guide wants them. */
function calibrationStep(b: Builder, now: Solution, last: Solution | undefined): void {
  if (!b.roles.includes("mastering")) return;
  const o = plannedFor(now, last, "mastering");
  if (!o) return;
  const h = o.h;
  const profile = h.calibration.some((c) => c.vendor === "sonarworks");
  const checked = h.calibrationChecked.includes("sonarworks");
  const chain = chainSource(b, o, "mastering");
  const crossfeed = chain?.crossfeed === true ? chain : null;
  if (checked && !profile && crossfeed) return;
  const parts: string[] = [];
  if (profile)
    parts.push(
      `a Sonarworks correction profile for the ${h.name} exists, and at mastering “even small tonal deviations matter” (the guide)`,
    );
  else if (!checked)
    parts.push(`whether a Sonarworks profile exists for the ${h.name} is not in the catalog`);
  else parts.push(`no Sonarworks profile is listed for the ${h.name}: its crossfeed only`);
  parts.push(
    crossfeed
      ? `for crossfeed, the ${crossfeed.name} in the chain has it`
      : `its crossfeed reduces “the most misleading aspects of purely in-head stereo perception” (the guide)`,
  );
  addStep(
    b,
    {
      purpose: "chain",
      buy: [
        {
          id: "sonarworks-soundid-reference",
          name: "Sonarworks SoundID Reference",
          kind: "calibration",
          priceUsd: null,
          approximate: false,
        },
      ],
      unlocks: [],
      withinBudget: false,
      why: `Calibration and crossfeed for mastering on the ${h.name}: ${parts.join("; ")}`,
      notes: [UNPRICED],
    },
    () => ({ rough: false, name: h.name }),
  );
}

// ---------------------------------------------------------------------------
// (3) The money left

interface Extra {
  h: Headphone;
  why: string;
}

/** A second pair for tracking: the same model when it has a price, else the cheapest that serves. */
function secondTrackingPair(b: Builder, assignments: Plan["assignments"]): Extra | null {
  const a = assignments.tracking;
  if (!a) return null;
  const trackers = [...b.input.owned, ...boughtHeadphones(b)].filter((h) =>
    serves(fitFor(h, "tracking").fit),
  );
  if (new Set(trackers.map((h) => h.id)).size >= 2) return null;
  const same = b.input.headphones.find((h) => h.id === a.id && h.priceUsd !== null);
  const h =
    same ??
    cheapest(b.input.headphones.filter((x) => serves(fitFor(x, "tracking").fit) && x.id !== a.id));
  if (!h) return null;
  return {
    h,
    why: `A second ${h.name} for tracking: one pair for the performer, one for the engineer${same ? ", hearing the same cue" : ""}`,
  };
}

/** Another high-resolution reference that the mastering chain drives as the guide wants. */
function secondMasteringReference(
  b: Builder,
  now: Solution,
  assignments: Plan["assignments"],
): Extra | null {
  const a = assignments.mastering;
  const o = now.assign.mastering;
  if (!a || !o) return null;
  const chain = chainSource(b, o, "mastering");
  const taken = new Set([...b.input.owned, ...boughtHeadphones(b)].map((h) => h.id));
  const fits = b.input.headphones
    .filter((h) => h.priceUsd !== null && !taken.has(h.id) && h.back !== "closed")
    .map((h) => ({ h, fit: fitFor(h, "mastering").fit }))
    .filter(({ h, fit }) => serves(fit) && acceptedOn(h, chain));
  // The best fit the money left buys, the cheaper of equals (an engineer with
  // the money takes the excellent reference over a merely good one); when
  // none is within it, the cheapest that serves, as a step to save for.
  const left = b.input.budgetUsd - withinTotal(b);
  type Candidate = (typeof fits)[number];
  const cheaper = (x: Candidate, y: Candidate) =>
    (x.h.priceUsd as number) - (y.h.priceUsd as number) || compareText(x.h.id, y.h.id);
  const better = (x: Candidate, y: Candidate) => fitOrder(x.fit) - fitOrder(y.fit) || cheaper(x, y);
  const affordable = fits.filter((x) => (x.h.priceUsd as number) <= left);
  const h = (affordable.length > 0 ? affordable.sort(better)[0] : fits.sort(cheaper)[0])?.h;
  if (!h) return null;
  return {
    h,
    why: `A second mastering reference, the ${h.name}: mastering ${fitLine(h, "mastering")}; a second high-resolution voicing to check the master against (the guide: “reference constantly on other systems”)`,
  };
}

/** Whether a chain takes another mastering headphone as the guide wants; unknown is not short. */
function acceptedOn(h: Headphone, chain: Source | null): boolean {
  if (chain === null) return true;
  return verdictOf(h, "mastering", chain) === "unknown" || gapOn(h, "mastering", chain) === null;
}

function cheapest(hs: readonly Headphone[]): Headphone | undefined {
  return hs
    .filter((h) => h.priceUsd !== null)
    .sort((x, y) => (x.priceUsd as number) - (y.priceUsd as number) || compareText(x.id, y.id))[0];
}

function boughtHeadphones(b: Builder): Headphone[] {
  const ids = new Set(
    b.steps.flatMap((s) => s.buy.filter((p) => p.kind === "headphone").map((p) => p.id)),
  );
  return b.input.headphones.filter((h) => ids.has(h.id));
}

function withinTotal(b: Builder): number {
  return b.steps.filter((s) => s.withinBudget).reduce((sum, s) => sum + s.costUsd, 0);
}

/** Once every role is served: the guide's next steps, bought while the budget lasts. */
function extraSteps(b: Builder, now: Solution, assignments: Plan["assignments"]): string | null {
  const open = b.roles.filter((r) => !assignments[r]);
  if (open.length > 0) {
    const left = b.input.budgetUsd - withinTotal(b);
    return left > 0
      ? `${money(left)} of the budget is left: ${listWords(open)} ${open.length > 1 ? "are" : "is"} not served with a whole chain within it yet${b.steps.some((s) => !s.withinBudget) ? " (see the steps beyond the budget)" : ""}.`
      : null;
  }
  const candidates = [
    () => secondTrackingPair(b, assignments),
    () => secondMasteringReference(b, now, assignments),
  ];
  for (const next of candidates) {
    const extra = next();
    if (!extra) continue;
    const left = b.input.budgetUsd - withinTotal(b);
    const price = extra.h.priceUsd as number;
    addStep(
      b,
      {
        purpose: "extra",
        buy: [purchaseOf(extra.h, "headphone")],
        unlocks: [],
        withinBudget: price <= left,
        why: extra.why,
        notes: [],
      },
      () => ({ rough: false, name: extra.h.name }),
    );
  }
  const left = b.input.budgetUsd - withinTotal(b);
  if (left <= 0) return null;
  const beyond = b.steps.filter((s) => !s.withinBudget);
  const why =
    beyond.length === 0
      ? "every role is served and the guide's path has no further step with a price in the catalog"
      : beyond.every((s) => s.buy.some((p) => p.priceUsd === null))
        ? "every role is served, and what the guide still wants has no price in the catalog"
        : "every role is served, and each further step costs more than is left";
  return `${money(left)} of the budget is left unspent: ${why}.`;
}

// ---------------------------------------------------------------------------
// The plan

function assignmentsOf(b: Builder, now: Solution): Plan["assignments"] {
  const nowAmps = b.amps.filter((a) => a.step.withinBudget).map((a) => a.source);
  const out: Plan["assignments"] = {};
  for (const r of b.roles) {
    const o = now.assign[r];
    if (!o || !whole(o, r, nowAmps)) {
      out[r] = null;
      continue;
    }
    const amp = nowAmps.find((a) => o.standing[r].fixes.includes(a.id));
    out[r] = {
      id: o.h.id,
      name: o.h.name,
      owned: o.owned,
      fit: o.standing[r].fit,
      fitReason: fitFor(o.h, r).reason,
      rough: !o.standing[r].served,
      drive: amp ? verdictOf(o.h, r, amp) : o.standing[r].verdict,
    };
  }
  return out;
}

/** Steps within the budget first, in the order made; then the rest: next, then later. */
function ordered(steps: readonly PlanStep[]): PlanStep[] {
  const within = steps.filter((s) => s.withinBudget);
  const beyond = steps.filter((s) => !s.withinBudget);
  return [
    ...within.map((s) => ({ ...s, when: "now" as const })),
    ...beyond.map((s, i) => ({ ...s, when: i === 0 ? ("next" as const) : ("later" as const) })),
  ];
}

export function planSetup(input: PlanInput): Plan {
  const roles = ROLES.filter((r) => input.roles.includes(r));
  const b: Builder = { input, roles, steps: [], can: new Map(), amps: [] };
  const { now, last } = roleSteps(b);
  unpricedAmpSteps(b, now, last);
  calibrationStep(b, now, last);
  const assignments = assignmentsOf(b, now);
  const leftover = extraSteps(b, now, assignments);
  // The amplifiers' steps, by identity, as the plan finally orders them.
  const steps = ordered(b.steps);
  const stepOf = (st: PlanStep) => steps[b.steps.indexOf(st)] as PlanStep;
  const ampSteps = b.amps.map((a) => ({ source: a.source, step: stepOf(a.step) }));
  const explanation = explain(b, now, last, assignments, steps);
  if (leftover) explanation.push(leftover);
  return {
    budgetUsd: input.budgetUsd,
    totalUsd: steps.filter((s) => s.withinBudget).reduce((sum, s) => sum + s.costUsd, 0),
    roles,
    source: input.source ? { id: input.source.id, name: input.source.name } : null,
    assignments,
    steps,
    warnings: warningsOf(b, now, last, ampSteps),
    explanation,
  };
}

function explain(
  b: Builder,
  now: Solution,
  last: Solution | undefined,
  assignments: Plan["assignments"],
  steps: readonly PlanStep[],
): string[] {
  const out: string[] = [];
  const byHeadphone = new Map<string, { a: Assignment; roles: Role[] }>();
  for (const r of b.roles) {
    const a = assignments[r];
    if (!a) continue;
    const e = byHeadphone.get(a.id) ?? { a, roles: [] };
    e.roles.push(r);
    byHeadphone.set(a.id, e);
  }
  for (const { a, roles } of byHeadphone.values()) {
    const rough = roles.includes("mixing") && (assignments.mixing?.rough ?? false);
    const who = a.owned ? `Your ${a.name}` : `The ${a.name} (bought now)`;
    out.push(`${who} covers ${roleWords(roles, rough)}.`);
  }
  if (assignments.mixing?.rough)
    out.push(
      "A closed-back is a workable, if coloured, reference for rough mixes; an open-back reference changes the mixing work most.",
    );
  for (const r of b.roles) {
    if (assignments[r]) continue;
    const i = steps.findIndex((s) => s.unlocks.includes(r));
    const o = plannedFor(now, last, r);
    const gap = o ? gapFor(b.input, o.h, r) : null;
    const chain = o && gap ? ` (the ${o.h.name}: ${gap.text})` : "";
    out.push(
      i >= 0
        ? `Nothing within the budget serves ${r} with its whole chain yet${chain}: see step ${i + 1} (${steps[i]?.when}).`
        : `Nothing in the catalog with a price serves ${r} here${chain}.`,
    );
  }
  if (b.roles.includes("mastering"))
    out.push(
      "Mastering comes only after a mixing reference, never on the closed-back you track with, and on a dedicated headphone amplifier.",
    );
  return out;
}

function warningsOf(
  b: Builder,
  now: Solution,
  last: Solution | undefined,
  ampSteps: readonly { source: Source; step: PlanStep }[],
): PlanWarning[] {
  const { input, roles } = b;
  const warnings: PlanWarning[] = [];
  const sourceMissing = new Set<string>();
  for (const r of roles) {
    const o = plannedFor(now, last, r);
    if (!o) continue;
    const s = o.standing[r];
    if (s.verdict === "unknown" && input.source) {
      const c = check(o.h, input.source, optionsFor(r));
      const missing = c.flags.find((f) => f.code === "missing-data")?.message ?? "";
      if (c.sensitivityDbPerV !== null && c.loadOhms !== null) sourceMissing.add(missing);
      else
        warnings.push({
          code: "headphone-figures-unknown",
          message: `For ${r}, whether the ${o.h.name} is driven is not judged: ${missing}. Add the figure in a catalog file (\`hpadvise add headphone\`).`,
        });
      continue;
    }
    const amp = ampSteps.find((a) => s.fixes.includes(a.source.id) || a.step.unlocks.includes(r));
    if (whole(o, r, []) || (amp?.step.withinBudget && now.assign[r])) continue;
    const gap = gapFor(input, o.h, r);
    if (!gap) continue;
    const code: WarningCode =
      gap.gap === "shift"
        ? "response-shift"
        : gap.gap === "dedicated"
          ? "dedicated-amplifier"
          : "needs-amplifier";
    const remedy = amp
      ? amp.source.priceUsd === null
        ? `the amplifiers that complete it (such as the ${amp.source.id}) have no price in the catalog: see the ${amp.step.when} step, not counted`
        : `the ${amp.source.name} completes it${amp.step.withinBudget ? "" : `, beyond the budget (the ${amp.step.when} step)`}`
      : "no amplifier in the catalog is known to complete it";
    warnings.push({
      code: amp ? code : "no-amplifier-known",
      message: `For ${r}, the ${o.h.name} needs a headphone amplifier: ${gap.text}; ${remedy}.`,
    });
  }
  if (input.source && sourceMissing.size > 0)
    warnings.unshift({
      code: "source-figures-unknown",
      message: `Your ${input.source.name} is kept, but its chain is judged unknown: ${[...sourceMissing].join("; ")}${input.source.outputImpedanceOhms === null ? "; its output impedance is not stated" : ""}. No amplifier is bought around it. Supply the figures: --vout and --zout on the command line, \`hpadvise measure source --save NAME\`, or \`hpadvise add source\`.`,
    });
  warnings.push(...unpricedAlternatives(b, now));
  if (!input.source && roles.length > 0)
    warnings.push({
      code: "no-source",
      message: `No source given: whether each headphone needs an amplifier is not judged (pass --source)${roles.includes("mastering") ? "; the mastering chain counts a dedicated headphone amplifier, as the guide wants" : ""}.`,
    });
  return warnings;
}

/** Better-fitting models whose price is not in the catalog: named, never bought. */
function unpricedAlternatives(b: Builder, now: Solution): PlanWarning[] {
  const out: PlanWarning[] = [];
  for (const r of b.roles) {
    const a = now.assign[r];
    if (a?.owned && a.standing[r].served) continue;
    const floor = a ? fitOrder(a.standing[r].fit) : fitOrder("workable");
    const alts = b.input.headphones
      .filter((h) => h.priceUsd === null && !b.input.owned.some((x) => x.id === h.id))
      .filter((h) => !(r === "mastering" && h.back === "closed"))
      .map((h) => ({ h, fit: fitFor(h, r).fit }))
      .filter(
        ({ h, fit }) =>
          (serves(fit) || (r === "mixing" && h.back === "closed" && fit === "workable")) &&
          fitOrder(fit) <= floor,
      )
      .sort((x, y) => fitOrder(x.fit) - fitOrder(y.fit) || compareText(x.h.id, y.h.id))
      .slice(0, 3);
    if (alts.length && !a?.owned)
      out.push({
        code: "price-not-in-catalog",
        message: `Price not in the catalog, so not bought: ${alts.map((x) => `${x.h.id} (${x.fit})`).join(", ")} for ${r}.`,
      });
  }
  return out;
}
