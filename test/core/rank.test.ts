import { describe, expect, it } from "vitest";
import { type MeasuredTag, measuredNote } from "../../src/core/fr.js";
import { PROFILES } from "../../src/core/profiles.js";
import {
  addNext,
  explainOne,
  type RankContext,
  type Ranked,
  RULES,
  rankingFor,
  round,
  scoreOne,
  scoreScale,
} from "../../src/core/rank.js";
import {
  concludeComparison,
  ownedJudgements,
  recommendFor,
  roleFits,
} from "../../src/core/recommend.js";
import type { Headphone, Provenance } from "../../src/core/types.js";
import { type HeadphoneSpec, makeHeadphone, makeSource, vrms } from "../helpers/factories.js";

const ctx = (over: Partial<RankContext> = {}): RankContext => ({
  role: "mixing",
  source: null,
  sources: [],
  budgetUsd: null,
  back: null,
  driver: null,
  maxWeightGrams: null,
  ...over,
});

type Tags = NonNullable<HeadphoneSpec["character"]>[number]["tags"];
/** One note by one reviewer (a listening review unless a basis is given). */
const note = (tags: Tags, ref = "r1", basis?: "measurement" | "maker") => [
  { tags, text: `note by ${ref}`, ref, ...(basis ? { basis } : {}) },
];
const refs = { r1: { url: "https://example.com/r1" }, r2: { url: "https://example.com/r2" } };
const hp = (spec: HeadphoneSpec): Headphone => {
  const h = makeHeadphone(spec);
  // Resolve each note's source from the test refs, as the catalog does.
  return {
    ...h,
    character: h.character.map((n) => ({
      ...n,
      source: n.ref ? (refs[n.ref as keyof typeof refs]?.url ?? null) : null,
    })),
  };
};

/** What one rule says of one headphone, weighted 1, as the ranking states it. */
function judged(rule: string, h: Headphone, c: RankContext = ctx(), family: Headphone[] = []) {
  const ranking = rankingFor([h, ...family], { weights: { [rule]: 1 } }, c);
  const r = explainOne(scoreOne(h, ranking), ranking, new Set());
  return r.excludedBy
    ? { exclude: r.excludedBy.text }
    : r.unverified
      ? { unverified: r.unverified.text }
      : (r.reasons[0] ?? null);
}

describe("each rule: points, one reason, the grade it rests on, unknown or not", () => {
  it.each([
    ["closed-back", { back: "open" }, { exclude: expect.stringContaining("bleed") }],
    ["closed-back", { back: "semi-open" }, { points: -10, grade: null }],
    ["closed-back", { back: "closed" }, { points: 10, text: expect.stringContaining("closed") }],
    ["open-back", { back: "closed" }, { points: -10, text: expect.stringContaining("colours") }],
    ["open-back", { back: "open" }, { points: 10 }],
    [
      "isolation",
      { isolationDb: 12 },
      { points: 6, grade: "measurement", text: "12 dB isolation (measured)" },
    ],
    ["isolation", { character: note(["isolating"]) }, { points: 5, grade: "review" }],
    ["isolation", {}, { points: 3, unknown: true, grade: null }],
    ["comfort", { weightGrams: 240 }, { points: 4, grade: "maker", text: "240 g (maker)" }],
    ["comfort", { weightGrams: 480 }, { points: -4 }],
    ["comfort", { character: note(["comfortable"]) }, { points: 4, grade: "review" }],
    ["comfort", {}, { points: 2, unknown: true }],
    ["performer-tuning", { character: note(["presence-lift"]) }, { points: 2 }],
    ["performer-tuning", { character: note(["slight-bass-lift"]) }, { points: 1 }],
    ["performer-tuning", { character: note(["neutral"]) }, { points: 0 }],
    ["performer-tuning", {}, { points: 0.5, unknown: true }],
    ["neutrality", { character: note(["neutral"]) }, { points: 6, grade: "review" }],
    [
      "neutrality",
      { character: note(["warm"]) },
      { points: 3, text: expect.stringContaining("slightly warm") },
    ],
    ["neutrality", { character: note(["slight-treble-lift"]) }, { points: 3 }],
    [
      "neutrality",
      { character: note(["treble-lift"]) },
      { points: -6, text: expect.stringContaining("dull") },
    ],
    [
      "neutrality",
      { character: note(["bass-lift"]) },
      { points: -6, text: expect.stringContaining("cut bass") },
    ],
    ["neutrality", { character: note(["presence-dip"]) }, { points: 3 }],
    ["neutrality", { character: note(["treble-peak"]) }, { points: 3 }],
    ["neutrality", { character: note([]) }, { points: 1, unknown: true }],
    ["neutrality", {}, { points: 1, unknown: true }],
    [
      "low-distortion",
      { thdPercent: 0.03 },
      { points: 6, grade: "maker", text: expect.stringContaining("THD ≤ 0.03%, very low") },
    ],
    ["low-distortion", { thdPercent: 0.1 }, { points: 3 }],
    [
      "low-distortion",
      { thdPercent: 0.5 },
      { points: 0, text: expect.stringContaining("not shown low") },
    ],
    ["low-distortion", { character: note(["low-distortion"]) }, { points: 3, grade: "review" }],
    [
      "low-distortion",
      { character: note(["low-distortion"], "r1", "measurement") },
      { points: 6, grade: "measurement" },
    ],
    ["low-distortion", {}, { points: 2, unknown: true }],
    ["resolution", { character: note(["detailed"]) }, { points: 4, grade: "review" }],
    ["resolution", { character: note(["warm"]) }, { points: 1, unknown: true }],
    ["image", { character: note(["wide-image"]) }, { points: 4 }],
    ["image", { character: note(["intimate-image"]) }, { points: -2 }],
    ["image", {}, { points: 0.5, unknown: true }],
    [
      "calibration",
      { calibration: true },
      { points: 5, text: "sonarworks correction profile available" },
    ],
    ["calibration", {}, { points: 2.5, unknown: true }],
  ] as const)("%s on %j", (rule, spec, expected) => {
    expect(judged(rule, hp(spec as HeadphoneSpec))).toMatchObject(expected);
  });

  it("budget: over is excluded, an unknown price is kept apart as not verified", () => {
    const c = ctx({ budgetUsd: 300 });
    // The factory's price has no date: it is approximate, and the reason says so.
    expect(judged("budget", hp({ priceUsd: 400 }), c)).toEqual({
      exclude: "about $400, over your $300 budget",
    });
    expect(judged("budget", hp({ priceUsd: 200 }), c)).toMatchObject({ points: 0 });
    const dated = hp({ priceUsd: 200 });
    dated.provenance.priceUsd = { ...(dated.provenance.priceUsd as Provenance), date: "2025-06" };
    expect(judged("budget", dated, c)).toMatchObject({ text: "$200, within your $300 budget" });
    expect(judged("budget", hp({ priceUsd: 200 }), c)).toMatchObject({
      text: "about $200, within your $300 budget",
    });
    expect(judged("budget", hp({}), c)).toEqual({
      unverified: "price not verified against your $300 budget",
    });
  });

  it("filters: back, driver, weight (an unknown weight is kept apart, not verified)", () => {
    expect(judged("filters", hp({ back: "closed" }), ctx({ back: "open" }))).toEqual({
      exclude: "closed-back; you asked for open",
    });
    expect(judged("filters", hp({ driver: "dynamic" }), ctx({ driver: "planar" }))).toMatchObject({
      exclude: expect.any(String),
    });
    expect(judged("filters", hp({}), ctx({ maxWeightGrams: 300 }))).toEqual({
      unverified: "weight not verified: cannot be held to your 300 g",
    });
    expect(judged("filters", hp({ weightGrams: 250 }), ctx({ maxWeightGrams: 300 }))).toBeNull();
  });

  it("drive: a source that cannot reach the role's target costs points and names an amp", () => {
    const hard = hp({ impedanceOhms: 300, sensitivity: { value: 96, unit: "dB/V" } });
    const weak = makeSource({ id: "weak", outputs: [vrms(0.5)], type: "phone" });
    const amp = makeSource({
      id: "big-amp",
      outputs: [vrms(10)],
      outputImpedanceOhms: 1,
      priceUsd: 300,
    });
    const ranking = rankingFor(
      [hard],
      PROFILES.mastering,
      ctx({ role: "mastering", source: weak, sources: [weak, amp] }),
    );
    const r = explainOne(scoreOne(hard, ranking), ranking, new Set());
    expect(r.reasons.find((x) => x.rule === "drive")).toMatchObject({ points: -8 * 1.5 });
    expect(r.watchOut).toContain("weak can't drive it; needs e.g. big-amp");
    expect(r).toMatchObject({ driveVerdict: "insufficient", driveFix: "big-amp" });
  });

  it("every rule's unknown points lie inside its range", () => {
    const bare = hp({ back: "open" });
    for (const rule of RULES) {
      const said = judged(rule.name, bare, ctx({ role: "tracking" }));
      if (said && "points" in said && said.unknown) {
        expect(said.points).toBeGreaterThanOrEqual(rule.range[0]);
        expect(said.points).toBeLessThanOrEqual(rule.range[1]);
      }
    }
  });

  it("a review's words grade as several reviews only when two different reviewers say them", () => {
    const one = hp({ character: [...note(["neutral"], "r1"), ...note(["neutral"], "r1")] });
    const two = hp({ character: [...note(["neutral"], "r1"), ...note(["neutral"], "r2")] });
    expect(judged("neutrality", one)).toMatchObject({ grade: "review" });
    expect(judged("neutrality", two)).toMatchObject({ grade: "reviews" });
  });
});

/** The kept rows of a small catalog for a role, as recommend gives them. */
const rows = (hs: Headphone[], role: RankContext["role"], over: Partial<RankContext> = {}) =>
  recommendFor(
    { headphones: hs, sources: over.sources ?? [] },
    PROFILES[role],
    { ...ctx({ role }), ...over },
    [],
  ).results;

describe("graded evidence decides the fit", () => {
  it("a measured low THD outranks one review's adjective, which cannot lift a model to excellent", () => {
    const measured = hp({
      id: "measured",
      back: "open",
      thdPercent: 0.03,
      calibration: true,
      character: note(["neutral", "detailed"]),
    });
    const adjective = hp({
      id: "adjective",
      back: "open",
      calibration: true,
      character: note(["neutral", "detailed", "low-distortion"]),
    });
    const [first, second] = rows([adjective, measured], "mastering");
    expect(first).toMatchObject({ id: "measured", fit: "excellent" });
    // Neutral, detailed and low distortion, each in one review's words: good, never excellent.
    expect(second).toMatchObject({ id: "adjective", fit: "good" });
    expect(second?.fitReason).toContain("excellent needs more than one review's word");
  });

  it("a label is what known evidence supports; unknown facts make it provisional, with what would settle it", () => {
    const [r] = rows(
      [hp({ id: "x", back: "open", character: note(["neutral", "detailed"]) })],
      "mastering",
    );
    expect(r).toMatchObject({
      fit: "good",
      fitRange: { low: "good", high: "excellent" },
      unknown: ["THD", "calibration"],
    });
    expect(r?.fitReason).toContain("could be excellent: THD and calibration not known");
  });

  it("unknown colouration cannot decide: the label is its worst case, the order its typical case", () => {
    const unknown = hp({ id: "unknown", back: "open" });
    const mild = hp({ id: "mild", back: "open", character: note(["warm"]) });
    const [first, second] = rows([unknown, mild], "mixing");
    // For mixing a known mild colouration ranks above an unknown one.
    expect(first).toMatchObject({ id: "mild", fit: "good" });
    expect(second).toMatchObject({
      id: "unknown",
      fit: "workable",
      fitRange: { high: "excellent" },
    });
  });

  it("never ranks a model above another only because its strengths are unsourced", () => {
    // The same tuning and isolation; one weighs a typical 280 g, the other's weight is not known.
    const known = hp({
      id: "known",
      back: "closed",
      weightGrams: 280,
      isolationDb: 30,
      character: note(["presence-lift"]),
    });
    const unsourced = hp({
      id: "unsourced",
      back: "closed",
      isolationDb: 30,
      character: note(["presence-lift"]),
    });
    const r = rows([known, unsourced], "tracking");
    expect(r.map((x) => [x.id, x.rank])).toEqual([
      ["known", 1],
      ["unsourced", 1],
    ]);
    expect(r[1]).toMatchObject({
      fit: "good",
      fitRange: { high: "excellent" },
      fitExpected: "excellent",
    });
  });

  it("a measured curve's colouration outweighs a review's words", () => {
    const curve = (tags: MeasuredTag[]) =>
      measuredNote({ tags, tiltDbPerOctave: 0.5, bassDb: 0, trebleDb: 1 }, "curve.csv");
    const h = {
      ...hp({ back: "open" }),
      character: [...hp({ character: note(["neutral"]) }).character, curve(["bright"])],
    };
    expect(judged("neutrality", h)).toMatchObject({ points: -6, grade: "measurement" });
  });
});

describe("a family shares its driver's and tuning's traits", () => {
  const variant = (id: string, ohms: number, spec: HeadphoneSpec = {}) =>
    hp({
      id,
      family: "fam",
      back: "closed",
      impedanceOhms: ohms,
      sensitivity: { value: 96, unit: "dB/mW" },
      priceUsd: 150,
      ...spec,
    });
  const dflt = { ...variant("fam-80", 80), familyDefault: true };
  const documented = variant("fam-250", 250, {
    weightGrams: 270,
    character: note(["isolating", "treble-lift"]),
  });

  it("a trait recorded on one variant applies to the others that do not record it", () => {
    const said = judged("neutrality", dflt, ctx(), [documented]);
    expect(said).toMatchObject({ points: -6, text: expect.stringContaining("as fam-250") });
    expect(judged("comfort", dflt, ctx(), [documented])).toMatchObject({ points: 2 });
  });

  it("without a source the row is the studio default; with one, the variant it drives best", () => {
    const fam = [documented, dflt];
    const plain = rows(fam, "mixing");
    expect(plain.map((r) => r.id)).toEqual(["fam-80"]);
    expect(plain[0]?.variants.map((v) => v.id)).toEqual(["fam-250"]);
    const weak = makeSource({ id: "weak", outputs: [vrms(0.3)], type: "phone" });
    const withSource = rows(fam, "tracking", { source: weak, sources: [weak] });
    expect(withSource[0]?.variants).toEqual([
      expect.objectContaining({ id: expect.any(String), drive: expect.any(String) }),
    ]);
  });
});

describe("the user's source takes part in the order", () => {
  const weak = makeSource({
    id: "weak",
    outputs: [vrms(2)],
    outputImpedanceOhms: 1,
    type: "phone",
  });
  const amp = makeSource({ id: "amp", outputs: [vrms(10)], outputImpedanceOhms: 1, priceUsd: 300 });
  const best = hp({
    id: "best",
    back: "open",
    impedanceOhms: 300,
    sensitivity: { value: 96, unit: "dB/V" },
    thdPercent: 0.02,
    calibration: true,
    character: note(["neutral", "detailed"]),
  });
  const easy = hp({
    id: "easy",
    back: "open",
    impedanceOhms: 32,
    sensitivity: { value: 110, unit: "dB/mW" },
    character: note(["warm"]),
  });

  it("a model the source cannot drive never ranks above one it drives, and the row names the fix", () => {
    expect(rows([best, easy], "mastering").map((r) => r.id)).toEqual(["best", "easy"]);
    const r = rows([best, easy], "mastering", { source: weak, sources: [weak, amp] });
    expect(r.map((x) => [x.id, x.driveVerdict])).toEqual([
      ["easy", "ok"],
      ["best", "insufficient"],
    ]);
    expect(r[1]).toMatchObject({ fit: "excellent", driveFix: "amp" });
    expect(r[1]?.drive?.verdict).toBe("insufficient");
  });

  it("without a source the assumption is stated once", () => {
    const rec = recommendFor(
      { headphones: [best], sources: [] },
      PROFILES.mastering,
      ctx({ role: "mastering" }),
      [],
    );
    expect(rec.assumption).toMatch(/No source named: drive is not judged/);
    const withSource = recommendFor(
      { headphones: [best], sources: [weak] },
      PROFILES.mastering,
      ctx({ role: "mastering", source: weak }),
      [],
    );
    expect(withSource.assumption).toBeNull();
  });
});

describe("ties, scale and owned models", () => {
  const twin = (id: string, priceUsd: number) =>
    hp({ id, back: "open", priceUsd, character: note(["neutral"]) });

  it("equal fit and score share a rank, the cheaper listed first (1, 2, 2, 4)", () => {
    const hs = [
      hp({
        id: "best",
        back: "open",
        thdPercent: 0.02,
        character: note(["neutral", "detailed", "wide-image"]),
      }),
      twin("twin-dear", 900),
      twin("twin-cheap", 300),
      hp({ id: "closed", back: "closed", character: note(["neutral"]) }),
    ];
    expect(rows(hs, "mixing").map((x) => [x.id, x.rank])).toEqual([
      ["best", 1],
      ["twin-cheap", 2],
      ["twin-dear", 2],
      ["closed", 4],
    ]);
  });

  it("the score is the weighted rules' sum, to one decimal", () => {
    const [r] = rows([twin("a", 1)], "mastering") as Ranked[];
    expect(r?.score).toBe(round(r?.reasons.reduce((a, x) => a + x.points, 0) ?? Number.NaN));
    expect(r?.reasons.find((x) => x.rule === "open-back")?.points).toBe(
      10 * (PROFILES.mastering.weights["open-back"] as number),
    );
  });

  it("a role's scale spans its rules' weighted ranges", () => {
    expect(scoreScale({ weights: { "open-back": 2, comfort: 0.5, filters: 1 } })).toEqual({
      min: -23,
      max: 23.5,
    });
  });

  it("owned models are judged by fit; what to add next when none serves", () => {
    const m50x = hp({ id: "m50x", back: "closed", character: note(["bass-lift"]) });
    const judgedOwned = ownedJudgements([m50x], "mixing");
    expect(judgedOwned).toEqual([
      expect.objectContaining({ id: "m50x", fit: "workable", serves: false }),
    ]);
    const r = rows([m50x, twin("open-one", 400)], "mixing");
    expect(addNext(judgedOwned, r)?.id).toBe("open-one");
    expect(addNext(ownedJudgements([twin("open-one", 400)], "mixing"), r)).toBeNull();
  });
});

describe("compare ranks every model given, as recommend does", () => {
  const weak = makeSource({
    id: "weak",
    outputs: [vrms(2)],
    outputImpedanceOhms: 1,
    type: "phone",
  });
  const catalog = {
    headphones: [
      hp({
        id: "warm-ref",
        back: "open",
        priceUsd: 500,
        weightGrams: 260,
        character: note(["warm"]),
      }),
      hp({
        id: "bright-one",
        back: "open",
        priceUsd: 300,
        weightGrams: 250,
        impedanceOhms: 32,
        sensitivity: { value: 105, unit: "dB/mW" },
        character: note(["treble-lift"]),
      }),
      hp({
        id: "hard-flat",
        back: "open",
        priceUsd: 900,
        impedanceOhms: 600,
        sensitivity: { value: 90, unit: "dB/V" },
        thdPercent: 0.02,
        character: [...note(["neutral", "detailed"], "r1"), ...note(["neutral"], "r2")],
      }),
    ],
    sources: [weak],
  };
  const picked = catalog.headphones;

  it("orders all three as the recommend rows do, and says the trade-off in an engineer's terms", () => {
    const fits = roleFits(catalog, picked, PROFILES)["mixing"];
    const conclusion = concludeComparison(picked, fits, "mixing", null);
    const rec = recommendFor(catalog, PROFILES.mixing, ctx(), []);
    expect(conclusion.order).toEqual(rec.results.map((r) => r.id));
    expect(conclusion.order).toEqual(["hard-flat", "warm-ref", "bright-one"]);
    for (const f of fits) {
      const row = rec.results.find((r) => r.id === f.id);
      expect([f.rank, f.score, f.fit]).toEqual([row?.rank, row?.score, row?.fit]);
    }
    expect(conclusion.text).toMatch(
      /^For mixing: 1\. hard-flat \(excellent\), 2\. warm-ref \(good, could be excellent\), 3\. bright-one \(workable/,
    );
    expect(conclusion.text).toContain("neutral against warm");
  });

  it("with the source, what it cannot drive drops below what it drives, said per model", () => {
    const fits = roleFits(catalog, picked, PROFILES, weak)["mixing"];
    const conclusion = concludeComparison(picked, fits, "mixing", weak);
    expect(conclusion.order[0]).not.toBe("hard-flat");
    expect(conclusion.order[2]).toBe("hard-flat");
    expect(conclusion.text).toMatch(/On weak: .*hard-flat insufficient/);
    const rec = recommendFor(catalog, PROFILES.mixing, ctx({ source: weak, sources: [weak] }), []);
    expect(conclusion.order).toEqual(rec.results.map((r) => r.id));
  });

  it("says when the first place rests on facts the catalog lacks, and that equal ones go to the cheaper", () => {
    const fits = roleFits(catalog, [picked[1] as Headphone, picked[0] as Headphone], PROFILES)[
      "mixing"
    ];
    const c = concludeComparison(
      [picked[1] as Headphone, picked[0] as Headphone],
      fits,
      "mixing",
      null,
    );
    expect(c.best).toBe("warm-ref");
    const twins = [
      hp({ id: "dear", back: "open", priceUsd: 800, character: note(["neutral"]) }),
      hp({ id: "cheap", back: "open", priceUsd: 400, character: note(["neutral"]) }),
    ];
    const tf = roleFits({ headphones: twins, sources: [] }, twins, PROFILES)["mixing"];
    const tie = concludeComparison(twins, tf, "mixing", null);
    expect(tie.order).toEqual(["cheap", "dear"]);
    expect(tie.text).toContain("the cheaper, cheap, wins");
    const unsure = [
      hp({ id: "known", back: "open", priceUsd: 400, character: note(["warm"]) }),
      hp({ id: "blank", back: "open", priceUsd: 300 }),
    ];
    const uf = roleFits({ headphones: unsure, sources: [] }, unsure, PROFILES)["mixing"];
    const u = concludeComparison(unsure, uf, "mixing", null);
    expect(u.order).toEqual(["known", "blank"]);
    expect(u.restsOnUnknown).toBe(true);
    expect(u.text).toMatch(/rests on facts the catalog lacks: .*blank's colouration/);
  });
});

describe("no rule names a model", () => {
  it("the rules, fits and facts hold no catalog id", async () => {
    const { readFileSync } = await import("node:fs");
    const yaml = readFileSync(new URL("../../data/headphones.yaml", import.meta.url), "utf8");
    const ids = [...yaml.matchAll(/^ {2}- id: (\S+)/gm)].map((m) => m[1] as string);
    expect(ids.length).toBeGreaterThan(50);
    for (const file of ["rank.ts", "fit.ts", "facts.ts", "recommend.ts", "profiles.ts"]) {
      const code = readFileSync(new URL(`../../src/core/${file}`, import.meta.url), "utf8");
      for (const id of ids)
        expect(code, `${file} names ${id}`).not.toMatch(new RegExp(`["'\`]${id}["'\`]`));
    }
  });
});
