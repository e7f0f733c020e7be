import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fitFor, serves } from "../../src/core/fit.js";
import { type PlanInput, planSetup } from "../../src/core/plan.js";
import { evaluate, type Option, problemOf, search } from "../../src/core/plan-search.js";
import { ROLES, type Role } from "../../src/core/roles.js";
import type { Headphone, Source } from "../../src/core/types.js";
import { headphones, sources } from "../helpers/arbitraries.js";
import { makeHeadphone, makeSource, vrms } from "../helpers/factories.js";

const rolesArb = fc.subarray([...ROLES], { minLength: 1 });

/** Every assignment of every role to nothing, an owned or any priced headphone, with every amplifier. */
function bruteForce(input: PlanInput, mode: "quality" | "cost") {
  const p = problemOf(input, input.owned, [], input.budgetUsd, mode, false);
  const priced = [
    ...new Map(ROLES.flatMap((r) => p.candidates[r]).map((o) => [o.h.id, o])).values(),
  ];
  const all: (Option | null)[] = [null, ...p.owned, ...priced];
  let best: number[] | null = null;
  const assign: Partial<Record<Role, Option | null>> = {};
  const visit = (i: number) => {
    if (i === p.roles.length) {
      for (const amp of [null, ...p.amps]) {
        const s = evaluate(p, { ...assign }, amp);
        if (s && (best === null || compare(s.score, best) > 0)) best = s.score;
      }
      return;
    }
    for (const o of all) {
      assign[p.roles[i] as Role] = o;
      visit(i + 1);
    }
  };
  visit(0);
  return best as number[] | null;
}

function compare(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return (a[i] as number) - (b[i] as number);
  return 0;
}

const inputArb = fc
  .record({
    headphones: headphones(6),
    sources,
    roles: rolesArb,
    budget: fc.constantFrom(100, 300, 600, 1000, 2500, 10_000),
    ownCount: fc.integer({ min: 0, max: 2 }),
    withSource: fc.boolean(),
  })
  .map(
    ({ headphones: hs, sources: ss, roles, budget, ownCount, withSource }): PlanInput => ({
      headphones: hs,
      sources: ss,
      roles,
      budgetUsd: budget,
      owned: hs.slice(0, ownCount),
      source: withSource ? (ss[0] as Source) : null,
    }),
  );

describe("the optimiser", () => {
  it("finds the best plan that brute force finds, on small generated catalogs", () => {
    fc.assert(
      fc.property(inputArb, fc.constantFrom("quality" as const, "cost" as const), (input, mode) => {
        const found = search(problemOf(input, input.owned, [], input.budgetUsd, mode));
        const best = bruteForce(input, mode);
        expect(best).not.toBeNull();
        expect(found.score).toEqual(best);
      }),
      { numRuns: 300 },
    );
  });

  it("keeps the guide's constraints and the budget in every plan", () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const plan = planSetup(input);
        const byId = new Map(input.headphones.map((h) => [h.id, h]));
        const m = plan.assignments.mastering;
        if (m) {
          const h = byId.get(m.id) as Headphone;
          expect(h.back).not.toBe("closed");
          expect(m.id).not.toBe(plan.assignments.tracking?.id);
        }
        // Within the budget, and never more.
        expect(plan.totalUsd).toBeLessThanOrEqual(input.budgetUsd);
        const within = plan.steps.filter((s) => s.withinBudget);
        expect(plan.totalUsd).toBe(within.reduce((t, s) => t + s.costUsd, 0));
        // Steps beyond the budget come last.
        const firstBeyond = plan.steps.findIndex((s) => !s.withinBudget);
        if (firstBeyond >= 0)
          expect(plan.steps.slice(firstBeyond).every((s) => !s.withinBudget)).toBe(true);
        for (const s of plan.steps) {
          expect(s.costUsd).toBe(s.buy.reduce((t, b) => t + (b.priceUsd ?? 0), 0));
          // Every price is the catalog's; nothing without one is ever bought within the budget.
          for (const b of s.buy) {
            if (b.kind === "calibration") expect(b.priceUsd).toBeNull();
            else {
              const known =
                b.kind === "headphone" ? byId.get(b.id) : input.sources.find((x) => x.id === b.id);
              expect(known?.priceUsd).toBe(b.priceUsd);
            }
            if (b.priceUsd === null) expect(s.withinBudget).toBe(false);
          }
        }
        // A role is covered only with its whole chain: never on a chain known to fall short.
        for (const r of plan.roles) {
          const drive = plan.assignments[r]?.drive;
          expect(drive === "marginal" || drive === "insufficient").toBe(false);
        }
        // The money left goes to further steps only once every role is served.
        if (plan.roles.some((r) => !plan.assignments[r]))
          expect(plan.steps.some((s) => s.withinBudget && s.purpose === "extra")).toBe(false);
        // The middle step: any step for mastering has a mixing reference owned, in it, or before it.
        const isRef = (id: string) => {
          const h = byId.get(id) as Headphone;
          return h.back !== "closed" && serves(fitFor(h, "mixing").fit);
        };
        const masteringStep = plan.steps.findIndex(
          (s) => s.unlocks.includes("mastering") && s.buy.some((b) => b.kind === "headphone"),
        );
        if (masteringStep >= 0) {
          const refs = [
            ...input.owned.map((h) => h.id),
            ...plan.steps.slice(0, masteringStep + 1).flatMap((s) => s.buy.map((b) => b.id)),
          ].filter((id) => byId.has(id) && isRef(id));
          expect(refs.length).toBeGreaterThan(0);
        }
        // What you own and serves a role keeps it.
        for (const r of plan.roles) {
          const own = input.owned.filter(
            (h) => serves(fitFor(h, r).fit) && !(r === "mastering" && h.back === "closed"),
          );
          if (own.length === 0 || r === "mastering") continue;
          // Kept, even when its chain is not whole yet: then an amplifier is what unlocks the role.
          const a = plan.assignments[r];
          if (a) expect(a.owned).toBe(true);
          else
            expect(
              plan.steps.some(
                (s) => s.unlocks.includes(r) && s.buy.some((b) => b.kind === "headphone"),
              ),
            ).toBe(false);
        }
      }),
      { numRuns: 200 },
    );
  });
});

// A plain open-back reference, good for mixing and mastering, 300 Ω at 97 dB/mW: a weak source falls short.
const reference = (id: string, priceUsd?: number) =>
  makeHeadphone({
    id,
    back: "open",
    impedanceOhms: 300,
    sensitivity: { value: 97, unit: "dB/mW" },
    ...(priceUsd === undefined ? {} : { priceUsd }),
    character: [{ tags: ["neutral", "detailed"], text: "t" }],
  });
const closed = (id: string, priceUsd?: number) =>
  makeHeadphone({
    id,
    back: "closed",
    impedanceOhms: 32,
    sensitivity: { value: 105, unit: "dB/mW" },
    isolationDb: 20,
    weightGrams: 250,
    ...(priceUsd === undefined ? {} : { priceUsd }),
  });
const weak = makeSource({
  id: "weak",
  type: "computer",
  outputs: [vrms(1)],
  outputImpedanceOhms: 10,
});
const strong = makeSource({
  id: "strong",
  type: "interface",
  outputs: [vrms(8)],
  outputImpedanceOhms: 1,
});
const amp = (priceUsd?: number) =>
  makeSource({
    id: "amp",
    type: "amplifier",
    outputs: [vrms(8)],
    outputImpedanceOhms: 1,
    ...(priceUsd === undefined ? {} : { priceUsd }),
  });

function planOf(over: Partial<PlanInput>) {
  return planSetup({
    headphones: [],
    sources: [],
    roles: ["mixing"],
    budgetUsd: 1000,
    owned: [],
    source: null,
    ...over,
  });
}

describe("the guide's path", () => {
  it("adds an amplifier exactly when the source falls short and a priced one fixes it", () => {
    const hd = reference("ref", 400);
    const short = planOf({ headphones: [hd], sources: [weak, amp(150)], source: weak });
    expect(short.steps.map((s) => s.buy.map((b) => [b.id, b.kind]))).toEqual([
      [
        ["ref", "headphone"],
        ["amp", "amplifier"],
      ],
    ]);
    expect(short.totalUsd).toBe(550);
    expect(short.steps[0]?.notes.join(" ")).toMatch(/short of mixing peaks/);
    const enough = planOf({ headphones: [hd], sources: [strong, amp(150)], source: strong });
    expect(enough.steps.flatMap((s) => s.buy.map((b) => b.kind))).toEqual(["headphone"]);
  });

  it("never buys an amplifier without a price: it names it, and warns", () => {
    const hd = reference("ref", 400);
    const plan = planOf({ headphones: [hd], sources: [weak, amp()], source: weak });
    // The headphone now; the amplifier a step of its own, its price not counted, and the
    // role covered only once it is there.
    expect(
      plan.steps.map((s) => [
        s.when,
        s.buy.map((b) => [b.id, b.priceUsd]),
        s.unlocks,
        s.withinBudget,
      ]),
    ).toEqual([
      ["now", [["ref", 400]], [], true],
      ["next", [["amp", null]], ["mixing"], false],
    ]);
    expect(plan.totalUsd).toBe(400);
    expect(plan.assignments.mixing).toBeNull();
    expect(plan.warnings.flatMap((w) => [w.code, w.message]).join("\n")).toMatch(
      /needs-amplifier\n.*needs a headphone amplifier.*short.*\(such as the amp\) have no price in the catalog/,
    );
  });

  it("reuses an owned model that serves, and buys for the owned one's gap", () => {
    const own = reference("mine");
    const plan = planOf({
      headphones: [own, reference("other", 300), closed("shut", 100)],
      roles: ["tracking", "mixing"],
      owned: [own],
    });
    expect(plan.assignments.mixing).toEqual(expect.objectContaining({ id: "mine", owned: true }));
    // Every role served, the money left buys a second tracking pair.
    expect(plan.steps.map((s) => [s.purpose, s.buy.map((b) => b.id), s.withinBudget])).toEqual([
      ["role", ["shut"], true],
      ["extra", ["shut"], true],
    ]);
  });

  it("masters on neither a closed-back nor the tracking headphone, and never skips the mixing reference", () => {
    // On a dedicated amplifier, so the mastering chain is whole.
    const plan = planOf({
      headphones: [closed("shut", 100), reference("ref", 500)],
      roles: ["tracking", "mastering"],
      budgetUsd: 2000,
      sources: [amp()],
      source: amp(),
    });
    expect(plan.assignments).toEqual({
      tracking: expect.objectContaining({ id: "shut" }),
      mastering: expect.objectContaining({ id: "ref" }),
    });
    // The mastering headphone is itself a good mixing reference here.
    expect(serves(fitFor(reference("x"), "mixing").fit)).toBe(true);
    // A mastering-only headphone that is no mixing reference needs one beside it.
    const coloured = makeHeadphone({
      id: "col",
      back: "open",
      priceUsd: 300,
      impedanceOhms: 32,
      sensitivity: { value: 105, unit: "dB/mW" },
      character: [{ tags: ["detailed", "low-distortion", "neutral", "treble-lift"], text: "t" }],
    });
    expect(fitFor(coloured, "mastering").fit).toBe("workable");
    const none = planOf({ headphones: [closed("shut", 100)], roles: ["mastering"] });
    expect(none.assignments.mastering).toBeNull();
    expect(none.steps).toEqual([]);
  });

  it("orders what the budget cannot cover: now, next, later, beyond the budget last", () => {
    const plan = planOf({
      headphones: [closed("shut", 100), reference("ref", 500)],
      roles: ["tracking", "mixing", "mastering"],
      budgetUsd: 150,
      sources: [amp()],
      source: amp(),
    });
    expect(
      plan.steps.map((s) => [s.when, s.buy.map((b) => b.id), s.unlocks, s.withinBudget]),
    ).toEqual([
      ["now", ["shut"], ["tracking", "mixing"], true],
      ["next", ["ref"], ["mixing", "mastering"], false],
      ["later", ["sonarworks-soundid-reference"], [], false],
    ]);
    expect(plan.assignments.mixing).toEqual(expect.objectContaining({ id: "shut", rough: true }));
    expect(plan.assignments.mastering).toBeNull();
    expect(plan.totalUsd).toBe(100);
    expect(plan.steps[1]?.without).toMatch(/tracking and rough mixes with/);
  });

  it("names better models without a price as not verified, never buying them", () => {
    const plan = planOf({
      headphones: [closed("shut", 100), closed("dear")],
      roles: ["tracking"],
    });
    // The second pair (performer and engineer) is the same priced model, never the unpriced one.
    expect(plan.steps.flatMap((s) => s.buy.map((b) => b.id))).toEqual(["shut", "shut"]);
    expect(plan.warnings.map((w) => w.message).join("\n")).toMatch(
      /Price not in the catalog.*dear/,
    );
  });

  it("what to save for follows the path: the mixing reference next, mastering later", () => {
    // A known mild colouration: a mixing reference (an unknown one would not be).
    const plain = makeHeadphone({
      id: "plain",
      back: "open",
      priceUsd: 200,
      impedanceOhms: 32,
      sensitivity: { value: 105, unit: "dB/mW" },
      character: [{ tags: ["warm"], text: "t" }],
    });
    expect([fitFor(plain, "mixing").fit, fitFor(plain, "mastering").fit]).toEqual([
      "good",
      "workable",
    ]);
    const plan = planOf({
      headphones: [closed("shut", 100), plain, reference("ref", 500)],
      roles: ["tracking", "mixing", "mastering"],
      budgetUsd: 120,
      sources: [amp()],
      source: amp(),
    });
    expect(plan.steps.map((s) => [s.when, s.buy.map((b) => b.id), s.unlocks])).toEqual([
      ["now", ["shut"], ["tracking", "mixing"]],
      ["next", ["plain"], ["mixing"]],
      ["later", ["ref"], ["mastering"]],
      ["later", ["sonarworks-soundid-reference"], []],
    ]);
    expect(plan.steps[3]?.why).toMatch(/Calibration and crossfeed for mastering on the Test ref/);
  });

  it("does not count a drive it cannot judge as driven", () => {
    const unknown = makeHeadphone({
      id: "unknown",
      back: "open",
      priceUsd: 100,
      character: [{ tags: ["neutral"], text: "t" }],
    });
    const known = makeHeadphone({
      id: "known",
      back: "open",
      priceUsd: 300,
      impedanceOhms: 32,
      sensitivity: { value: 105, unit: "dB/mW" },
      character: [{ tags: ["neutral"], text: "t" }],
    });
    const plan = planOf({ headphones: [unknown, known], sources: [strong], source: strong });
    expect(plan.assignments.mixing?.id).toBe("known");
    const blind = planOf({ headphones: [unknown, known] });
    expect(blind.assignments.mixing?.id).toBe("unknown");
    expect(blind.warnings.map((w) => w.code)).toContain("no-source");
  });

  it("an amplifier beyond the budget is a step to save for, said in the warning", () => {
    const own = reference("mine");
    const plan = planOf({
      headphones: [own],
      sources: [weak, amp(500)],
      source: weak,
      owned: [own],
      budgetUsd: 100,
    });
    expect(
      plan.steps.map((s) => [s.when, s.buy.map((b) => [b.id, b.kind]), s.unlocks, s.withinBudget]),
    ).toEqual([["next", [["amp", "amplifier"]], ["mixing"], false]]);
    expect(plan.totalUsd).toBe(0);
    expect(plan.warnings.map((w) => w.message).join(" ")).toMatch(
      /short of mixing peaks.*completes it, beyond the budget \(the next step\)/,
    );
  });
});

describe("the guide's chain", () => {
  const mastering = (id: string, priceUsd: number, range?: { min: number; max: number }) =>
    makeHeadphone({
      id,
      back: "open",
      impedanceOhms: 80,
      sensitivity: { value: 104, unit: "dB/mW" },
      priceUsd,
      ...(range ? { range } : {}),
      character: [{ tags: ["neutral", "detailed", "low-distortion"], text: "t" }],
    });
  const iface = (zo: number) =>
    makeSource({ id: "iface", type: "interface", outputs: [vrms(8)], outputImpedanceOhms: zo });
  const converter = (priceUsd?: number) =>
    makeSource({
      id: "converter",
      type: "interface",
      outputs: [vrms(8)],
      outputImpedanceOhms: 1,
      ...(priceUsd === undefined ? {} : { priceUsd }),
    });

  it("mastering gets a dedicated amplifier even when the interface reaches its peaks, in the guide's words", () => {
    const hd = mastering("m", 900);
    expect(fitFor(hd, "mastering").fit).not.toBe("avoid");
    const plan = planOf({
      headphones: [hd],
      sources: [iface(1), amp(200)],
      source: iface(1),
      roles: ["mastering"],
      budgetUsd: 2000,
    });
    expect(plan.steps[0]?.buy.map((b) => [b.id, b.kind])).toEqual([
      ["m", "headphone"],
      ["amp", "amplifier"],
    ]);
    expect(plan.steps[0]?.notes.join(" ")).toMatch(/part of the signal chain, not an accessory/);
    expect(plan.assignments.mastering).toEqual(expect.objectContaining({ id: "m", drive: "ok" }));
    // Already on a dedicated amplifier: nothing to add.
    const onAmp = planOf({
      headphones: [hd],
      sources: [amp(200)],
      source: amp(200),
      roles: ["mastering"],
      budgetUsd: 2000,
    });
    expect(onAmp.steps.flatMap((s) => s.buy.filter((b) => b.kind === "amplifier"))).toEqual([]);
  });

  it("a cheap amplifier and a costly converter both fix it: the amplifier; a converter is never bought where an amplifier would do", () => {
    const hd = reference("ref", 400);
    const both = planOf({
      headphones: [hd],
      sources: [weak, converter(1799), amp(150)],
      source: weak,
      budgetUsd: 5000,
    });
    expect(both.steps.flatMap((s) => s.buy.map((b) => b.id))).toEqual(["ref", "amp"]);
    // Only the converter has a price: the plan still names the amplifier (its price unknown).
    const onlyConverter = planOf({
      headphones: [hd],
      sources: [weak, converter(1799), amp()],
      source: weak,
      budgetUsd: 5000,
    });
    const bought = onlyConverter.steps.flatMap((s) => s.buy.map((b) => [b.id, b.priceUsd]));
    expect(bought).toEqual([
      ["ref", 400],
      ["amp", null],
    ]);
    // With no headphone amplifier that does it, the converter is the fix.
    const noAmp = planOf({
      headphones: [hd],
      sources: [weak, converter(1799)],
      source: weak,
      budgetUsd: 5000,
    });
    expect(noAmp.steps.flatMap((s) => s.buy.map((b) => b.id))).toEqual(["ref", "converter"]);
  });

  it("mixing on a 300 Ω headphone from a marginal source: a headphone amplifier, even with a cheaper converter priced", () => {
    const hd = reference("ref", 400);
    const marginal = makeSource({
      id: "marginal",
      type: "interface",
      outputs: [vrms(1.2)],
      outputImpedanceOhms: 1,
    });
    const plan = planOf({
      headphones: [hd],
      sources: [marginal, converter(100), amp(300)],
      source: marginal,
      budgetUsd: 2000,
    });
    expect(plan.steps[0]?.buy.map((b) => [b.id, b.kind])).toEqual([
      ["ref", "headphone"],
      ["amp", "amplifier"],
    ]);
    expect(plan.steps[0]?.notes.join(" ")).toMatch(/within the spread of real units/);
    expect(plan.assignments.mixing?.drive).toBe("ok");
  });

  it("a 50 Ω source under a headphone with a big impedance peak: a response-shift warning, and the amplifier step fixes it", () => {
    const peaky = makeHeadphone({
      id: "peaky",
      back: "open",
      impedanceOhms: 80,
      range: { min: 80, max: 350 },
      sensitivity: { value: 104, unit: "dB/mW" },
      priceUsd: 500,
      character: [{ tags: ["neutral"], text: "t" }],
    });
    const plan = planOf({
      headphones: [peaky],
      sources: [iface(50), amp(300)],
      source: iface(50),
      budgetUsd: 600,
    });
    // Loud enough on the interface, but its response shifts by more than 1 dB.
    expect(plan.assignments.mixing).toBeNull();
    const warning = plan.warnings.find((w) => w.code === "response-shift");
    expect(warning?.message).toMatch(
      /50 Ω output impedance shifts the Test peaky's response by 3\.1 dB/,
    );
    expect(warning?.message).toMatch(
      /the Test amp completes it, beyond the budget \(the next step\)/,
    );
    expect(plan.steps.map((s) => [s.when, s.buy.map((b) => b.id), s.unlocks])).toEqual([
      ["now", ["peaky"], []],
      ["next", ["amp"], ["mixing"]],
    ]);
    // With the money for both, the amplifier is bought with it and the warning goes.
    const enough = planOf({
      headphones: [peaky],
      sources: [iface(50), amp(300)],
      source: iface(50),
      budgetUsd: 1000,
    });
    expect(enough.steps.map((s) => s.buy.map((b) => b.id))).toEqual([["peaky", "amp"]]);
    expect(enough.warnings).toEqual([]);
    expect(enough.assignments.mixing?.drive).toBe("ok");
  });

  it("an owned amplifier whose figures are unknown is kept: the chain judged unknown, the figure named, no amplifier bought", () => {
    const mine = reference("mine");
    const mystery = makeSource({ id: "mystery", type: "amplifier" });
    const plan = planOf({
      headphones: [mine],
      sources: [mystery, amp(100)],
      source: mystery,
      owned: [mine],
      roles: ["mixing", "mastering"],
      budgetUsd: 5000,
    });
    expect(plan.steps.flatMap((s) => s.buy.filter((b) => b.kind === "amplifier"))).toEqual([]);
    expect(plan.assignments.mixing).toEqual(
      expect.objectContaining({ id: "mine", owned: true, drive: "unknown" }),
    );
    expect(plan.assignments.mastering?.drive).toBe("unknown");
    const w = plan.warnings.find((x) => x.code === "source-figures-unknown")?.message;
    expect(w).toMatch(/Test mystery is kept.*states no output that applies to 300 Ω/);
    expect(w).toMatch(/--vout and --zout.*measure source --save.*add source/);
  });

  it("with money left after every role: a second tracking pair, then a second mastering reference, each saying why; or why it stops", () => {
    const plan = planOf({
      headphones: [closed("shut", 100), reference("ref", 500), mastering("other", 700)],
      sources: [amp(200)],
      source: amp(200),
      roles: ["tracking", "mixing", "mastering"],
      budgetUsd: 1500,
    });
    // Within the budget first, then the calibration step, whose price the catalog does not have.
    expect(plan.steps.map((s) => [s.purpose, s.buy.map((b) => b.id), s.withinBudget])).toEqual([
      ["role", ["shut"], true],
      ["role", ["ref"], true],
      ["extra", ["shut"], true],
      ["extra", ["other"], true],
      ["chain", ["sonarworks-soundid-reference"], false],
    ]);
    const extras = plan.steps.filter((s) => s.purpose === "extra").map((s) => s.why);
    expect(extras[0]).toMatch(/one pair for the performer, one for the engineer/);
    expect(extras[1]).toMatch(/second mastering reference/);
    expect(plan.totalUsd).toBe(1400);
    expect(plan.explanation.join(" ")).toMatch(
      /\$100 of the budget is left unspent: every role is served/,
    );
    // Too little for the extras: they wait, beyond the budget, and the plan says why it stops.
    const tight = planOf({
      headphones: [closed("shut", 100), reference("ref", 500), mastering("other", 700)],
      sources: [amp(200)],
      source: amp(200),
      roles: ["tracking", "mixing", "mastering"],
      budgetUsd: 650,
    });
    expect(tight.steps.filter((s) => s.purpose === "extra").map((s) => s.withinBudget)).toEqual([
      false,
      false,
    ]);
    expect(tight.explanation.join(" ")).toMatch(
      /\$50 of the budget is left unspent.*costs more than is left/,
    );
  });

  it("no source given: the mastering chain counts a dedicated amplifier, priced from the catalog", () => {
    const plan = planOf({
      headphones: [reference("ref", 500)],
      sources: [amp(150)],
      roles: ["mixing", "mastering"],
      budgetUsd: 1000,
    });
    expect(plan.steps[0]?.buy.map((b) => b.id)).toEqual(["ref", "amp"]);
    expect(plan.assignments.mastering?.id).toBe("ref");
    expect(plan.warnings.find((w) => w.code === "no-source")?.message).toMatch(
      /mastering chain counts a dedicated headphone amplifier/,
    );
  });

  it("an approximate price says so", () => {
    const hd = reference("ref", 400);
    const dated = { ...amp(150) };
    dated.provenance = {
      ...dated.provenance,
      priceUsd: {
        kind: "maker",
        ref: null,
        source: null,
        note: null,
        confidence: "high",
        date: "2025-01",
      },
    };
    const plan = planOf({ headphones: [hd], sources: [weak, dated], source: weak });
    expect(plan.steps[0]?.buy.map((b) => [b.id, b.approximate])).toEqual([
      ["ref", true],
      ["amp", false],
    ]);
  });
});
