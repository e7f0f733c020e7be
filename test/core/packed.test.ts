import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type PackedCatalog,
  type PackedScores,
  packCatalog,
  packedPlace,
  packedScores,
  packedTop,
} from "../../src/core/packed.js";
import { PROFILES } from "../../src/core/profiles.js";
import {
  baseContext,
  factsFor,
  outcomePoints,
  type RankContext,
  type RoleProfile,
  RULES,
  type Rule,
  rankHeadphones,
  rulePoints,
} from "../../src/core/rank.js";
import type { Headphone } from "../../src/core/types.js";
import { headphoneSpec, headphones, profile, role, sources } from "../helpers/arbitraries.js";
import { makeHeadphone, makeSource, vrms } from "../helpers/factories.js";

/** A query that sets every option, each to something that matters to some model. */
const everyOption = fc.record({
  budgetUsd: fc.constantFrom(100, 500, 1500),
  back: fc.constantFrom("open" as const, "closed" as const, "semi-open" as const),
  driver: fc.constantFrom("dynamic" as const, "planar" as const),
  maxWeightGrams: fc.constantFrom(200, 300, 450),
  source: fc.record({ volts: fc.constantFrom(0.3, 1, 5), crossfeed: fc.boolean() }),
});

describe("what each rule declares it reads", () => {
  it("a rule scores a model as in baseContext under any query that leaves its reads unset", () => {
    fc.assert(
      fc.property(headphoneSpec, sources, role, everyOption, (spec, srcs, r, options) => {
        const h = makeHeadphone(spec);
        const base = baseContext(r, srcs);
        const set: Partial<RankContext> = {
          ...options,
          source: makeSource({
            id: "theirs",
            outputs: [vrms(options.source.volts)],
            crossfeed: options.source.crossfeed,
          }),
        };
        const expected = rulePoints([h], base);
        for (const rule of RULES) {
          const others = Object.fromEntries(
            Object.entries(set).filter(([k]) => !(rule.reads as readonly string[]).includes(k)),
          );
          const got = rulePoints([h], { ...base, ...others }).get(rule.name);
          expect([rule.name, got?.[0]]).toEqual([rule.name, expected.get(rule.name)?.[0]]);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("the options the rules read do change some model's score (so the declarations are needed)", () => {
    const h = makeHeadphone({
      back: "open",
      priceUsd: 900,
      weightGrams: 400,
      impedanceOhms: 300,
      sensitivity: { value: 97, unit: "dB/V" },
    });
    const base = baseContext("mixing", []);
    const weak = makeSource({ id: "weak", outputs: [vrms(0.2)] });
    const changes = (over: Partial<RankContext>) => {
      const a = rulePoints([h], base);
      const b = rulePoints([h], { ...base, ...over });
      return RULES.filter((r) => !Object.is(a.get(r.name)?.[0], b.get(r.name)?.[0])).map(
        (r) => r.name,
      );
    };
    expect(changes({ budgetUsd: 500 })).toEqual(["budget"]);
    expect(changes({ back: "closed" })).toEqual(["filters"]);
    expect(changes({ maxWeightGrams: 300 })).toEqual(["filters"]);
    expect(changes({ source: weak })).toEqual(["drive"]);
  });
});

describe("what each rule declares it needs of the model", () => {
  it("a rule with fields scores a probe of just those fields as it scores the model", () => {
    fc.assert(
      fc.property(headphoneSpec, sources, role, everyOption, (spec, srcs, r, options) => {
        const h = makeHeadphone(spec);
        const ctx = { ...baseContext(r, srcs), ...options, source: null };
        for (const rule of RULES.filter((x) => x.fields !== undefined)) {
          const probe = Object.fromEntries((rule.fields ?? []).map((f) => [f, h[f]]));
          const facts = factsFor(h, ctx);
          const score = (o: ReturnType<Rule["apply"]>) => outcomePoints(rule, o);
          expect([rule.name, score(rule.apply(probe as unknown as Headphone, ctx, facts))]).toEqual(
            [rule.name, score(rule.apply(h, ctx, facts))],
          );
        }
      }),
      { numRuns: 300 },
    );
  });
});

/** Options a query may set, a source among them (one of the catalog's or another). */
const someOptions = fc.record(
  {
    source: fc
      .record({ volts: fc.constantFrom(0.3, 1, 5), crossfeed: fc.boolean() })
      .map((o) => makeSource({ id: "theirs", outputs: [vrms(o.volts)], crossfeed: o.crossfeed })),
    budgetUsd: fc.constantFrom(100, 500, 1500),
    back: fc.constantFrom("open" as const, "closed" as const, "semi-open" as const),
    driver: fc.constantFrom("dynamic" as const, "planar" as const),
    maxWeightGrams: fc.constantFrom(200, 300, 450),
  },
  { requiredKeys: [] },
);

/** packedScores then packedTop, as recommend uses them. */
function top(packed: PackedCatalog, prof: RoleProfile, ctx: RankContext, count: number) {
  const score = packedScores(packed, prof, ctx);
  return score && packedTop(packed, score, count, ctx.role);
}

describe("packedScores, packedTop and packedPlace", () => {
  const counts = fc.constantFrom(1, 3, 5, 10, 64, 65, 200);

  it("picks the same models, in the same order, as ranking every model", () => {
    fc.assert(
      fc.property(
        headphones(120),
        sources,
        role,
        profile,
        counts,
        someOptions,
        (hs, srcs, r, prof, count, options) => {
          const ctx = { ...baseContext(r, srcs), ...options };
          const full = rankHeadphones({ headphones: hs, profile: prof, ctx, owned: new Set() });
          const kept = full.filter((x) => !x.excluded && !x.unverified);
          const apart = full.filter((x) => !x.excluded && x.unverified);
          const packed = packCatalog({ headphones: hs, sources: srcs });
          const best = top(packed, prof, ctx, count);
          expect(best?.best.map((i) => hs[i]?.id)).toEqual(kept.slice(0, count).map((x) => x.id));
          expect(best?.excluded).toBe(full.length - kept.length - apart.length);
          expect(best?.unverifiedCount).toBe(apart.length);
          expect(best?.unverified.map((i) => hs[i]?.id)).toEqual(
            apart.slice(0, count).map((x) => x.id),
          );
          // Ranking only the picked models gives them the same scores and reasons.
          const picked = (best?.best ?? []).map((i) => hs[i] as (typeof hs)[number]);
          const again = rankHeadphones({
            headphones: picked,
            profile: prof,
            ctx,
            owned: new Set(),
          });
          expect(again).toEqual(kept.slice(0, count));
          // Each model's place, as compare and show report it.
          const score = packedScores(packed, prof, ctx) as PackedScores;
          const places = hs.map((h, i) => ({ id: h.id, ...packedPlace(packed, score, i, r) }));
          const want = hs.map((h) => {
            const at = kept.findIndex((x) => x.id === h.id);
            return { id: h.id, rank: at < 0 ? null : at + 1, of: kept.length };
          });
          expect(places).toEqual(want);
        },
      ),
      { numRuns: 200 },
    );
  });

  it("agrees with the full ranking on the real profiles", () => {
    fc.assert(
      fc.property(headphones(200), sources, role, (hs, srcs, r) => {
        const ctx = baseContext(r, srcs);
        const full = rankHeadphones({
          headphones: hs,
          profile: PROFILES[r],
          ctx,
          owned: new Set(),
        });
        const best = top(packCatalog({ headphones: hs, sources: srcs }), PROFILES[r], ctx, 10);
        const want = full.filter((x) => !x.excluded).slice(0, 10);
        expect(best?.best.map((i) => hs[i]?.id)).toEqual(want.map((x) => x.id));
      }),
      { numRuns: 100 },
    );
  });
});
