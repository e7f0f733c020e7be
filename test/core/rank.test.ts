import { describe, expect, it } from "vitest";
import { type MeasuredTag, measuredNote } from "../../src/core/fr.js";
import { PROFILES } from "../../src/core/profiles.js";
import { factsFor, type RankContext, RULES_BY_NAME, rankHeadphones } from "../../src/core/rank.js";
import type { Headphone } from "../../src/core/types.js";
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

const note = (tags: NonNullable<HeadphoneSpec["character"]>[number]["tags"]) => [
  { tags, text: "t" },
];

function apply(rule: string, h: Headphone, c: RankContext = ctx()) {
  const r = RULES_BY_NAME.get(rule);
  if (!r) throw new Error(`no rule ${rule}`);
  return r.apply(h, c, factsFor(h, c));
}

describe("rules, one row each", () => {
  it.each([
    [
      "closed-back",
      { back: "open" },
      { exclude: expect.stringContaining("bleed into the microphone") },
    ],
    [
      "closed-back",
      { back: "semi-open" },
      { points: -10, text: expect.any(String), watch: expect.any(String) },
    ],
    [
      "closed-back",
      { back: "closed" },
      { points: 10, text: expect.stringContaining("closed-back") },
    ],
    [
      "open-back",
      { back: "closed" },
      { points: -10, text: expect.stringContaining("translate poorly"), watch: expect.any(String) },
    ],
    ["open-back", { back: "open" }, { points: 10, text: expect.any(String) }],
    ["isolation", { isolationDb: 12 }, { points: 6, text: "12 dB measured isolation" }],
    [
      "isolation",
      { character: note(["isolating"]) },
      { points: 5, text: "reviewers describe good isolation" },
    ],
    ["isolation", {}, null],
    ["comfort", { weightGrams: 240 }, { points: 4, text: "240 g" }],
    [
      "comfort",
      { weightGrams: 480 },
      { points: -4, text: "480 g", watch: "heavy (480 g) for long sessions" },
    ],
    [
      "comfort",
      { character: note(["comfortable"]) },
      { points: 3, text: "reviewers call the fit comfortable" },
    ],
    [
      "performer-tuning",
      { character: note(["presence-lift"]) },
      { points: 2, text: expect.stringContaining("hear their own voice") },
    ],
    [
      "neutrality",
      { character: note(["treble-lift"]) },
      { points: -6, text: expect.stringContaining("mixes come out dull"), watch: "treble lift" },
    ],
    [
      "neutrality",
      { character: note(["bass-lift"]) },
      {
        points: -6,
        text: expect.stringContaining("cut bass you should keep"),
        watch: "flattering low end",
      },
    ],
    ["neutrality", { character: note(["neutral"]) }, { points: 6, text: "described as neutral" }],
    [
      "neutrality",
      {},
      {
        points: -2,
        text: expect.stringContaining("no sourced description"),
        watch: "colouration undocumented",
      },
    ],
    [
      "low-distortion",
      { character: note(["low-distortion"]) },
      { points: 6, text: expect.any(String) },
    ],
    ["low-distortion", { thdPercent: 0.05 }, { points: 5, text: "maker states THD ≤ 0.05%" }],
    ["low-distortion", { thdPercent: 0.5 }, null],
    ["resolution", { character: note(["detailed"]) }, { points: 5, text: expect.any(String) }],
    ["image", { character: note(["wide-image"]) }, { points: 4, text: expect.any(String) }],
    [
      "calibration",
      { calibration: true },
      { points: 5, text: "sonarworks correction profile available" },
    ],
  ] as const)("%s on %j", (rule, spec, expected) => {
    expect(apply(rule, makeHeadphone(spec as HeadphoneSpec))).toEqual(expected);
  });

  it("budget: over is excluded, unsourced price kept with a warning", () => {
    const c = ctx({ budgetUsd: 300 });
    expect(apply("budget", makeHeadphone({ priceUsd: 400 }), c)).toEqual({
      exclude: "$400, over your $300 budget",
    });
    expect(apply("budget", makeHeadphone({ priceUsd: 200 }), c)).toMatchObject({ points: 0 });
    expect(apply("budget", makeHeadphone({}), c)).toMatchObject({
      watch: expect.stringContaining("price not sourced"),
    });
  });

  it("filters: back, driver, weight (an unsourced weight cannot be held to a limit)", () => {
    expect(apply("filters", makeHeadphone({ back: "closed" }), ctx({ back: "open" }))).toEqual({
      exclude: "closed-back; you asked for open",
    });
    expect(
      apply("filters", makeHeadphone({ driver: "dynamic" }), ctx({ driver: "planar" })),
    ).toMatchObject({ exclude: expect.any(String) });
    expect(apply("filters", makeHeadphone({}), ctx({ maxWeightGrams: 300 }))).toEqual({
      exclude: "weight not sourced, so it cannot be held to 300 g",
    });
    expect(
      apply("filters", makeHeadphone({ weightGrams: 250 }), ctx({ maxWeightGrams: 300 })),
    ).toBeNull();
  });

  it("drive: a source that cannot reach the role's target costs points and names an amp", () => {
    const hard = makeHeadphone({ impedanceOhms: 300, sensitivity: { value: 96, unit: "dB/V" } });
    const weak = makeSource({ id: "weak", outputs: [vrms(0.5)], type: "phone" });
    const amp = makeSource({
      id: "big-amp",
      outputs: [vrms(10)],
      outputImpedanceOhms: 1,
      priceUsd: 300,
    });
    const outcome = apply(
      "drive",
      hard,
      ctx({ role: "mastering", source: weak, sources: [weak, amp] }),
    );
    expect(outcome).toMatchObject({ points: -8, watch: "weak can't drive it; needs e.g. big-amp" });
  });
});

describe("rankHeadphones", () => {
  const hs = [
    makeHeadphone({ id: "open-neutral", back: "open", character: note(["neutral", "detailed"]) }),
    makeHeadphone({ id: "closed-iso", back: "closed", isolationDb: 20, weightGrams: 240 }),
    makeHeadphone({ id: "closed-plain", back: "closed" }),
  ];
  const rank = (role: "tracking" | "mixing" | "mastering") =>
    rankHeadphones({
      headphones: hs,
      profile: PROFILES[role],
      ctx: ctx({ role }),
      owned: new Set(["closed-iso"]),
    });

  it("excludes open-backs from tracking, with the reason, and lists them last", () => {
    const r = rank("tracking");
    expect(r.map((x) => x.id)).toEqual(["closed-iso", "closed-plain", "open-neutral"]);
    expect(r[2]).toMatchObject({ excluded: true, score: 0, reasons: [{ rule: "closed-back" }] });
  });

  it("puts the open, neutral model first for mastering", () => {
    expect(rank("mastering")[0]?.id).toBe("open-neutral");
  });

  it("weights rule points by the profile and sums them into the score", () => {
    const r = rank("mastering")[0];
    expect(r?.score).toBe(r?.reasons.reduce((a, x) => a + x.points, 0));
    const openBack = r?.reasons.find((x) => x.rule === "open-back");
    expect(openBack?.points).toBe(10 * (PROFILES.mastering.weights["open-back"] as number));
  });

  it("marks owned models", () => {
    expect(rank("tracking").find((x) => x.id === "closed-iso")?.owned).toBe(true);
  });
});

describe("neutrality prefers measured tags to prose", () => {
  const withNotes = (...notes: Headphone["character"]) => ({
    ...makeHeadphone({}),
    character: notes,
  });
  const prose = (tags: Headphone["character"][number]["tags"]) => ({
    tags,
    text: "a reviewer's words",
    ref: null,
    source: null,
  });
  const measured = (tags: MeasuredTag[]) => ({
    ...measuredNote({ tags, tiltDbPerOctave: 0.5, bassDb: 0, trebleDb: 1 }, "curve.csv"),
  });

  it("a measured tilt outweighs a review calling it neutral", () => {
    const r = apply("neutrality", withNotes(prose(["neutral"]), measured(["bright"])));
    expect(r).toMatchObject({ points: -4, watch: "bright" });
    expect(JSON.stringify(r)).not.toMatch(/described as neutral/);
  });

  it("a measured neutral reads as measured", () => {
    const r = apply("neutrality", withNotes(prose(["warm"]), measured(["neutral"])));
    expect(r).toEqual({ points: 6, text: "measured as neutral" });
  });

  it("without measured notes, the prose is read as before", () => {
    const r = apply("neutrality", withNotes(prose(["warm"])));
    expect(r).toMatchObject({ points: -2, watch: "slightly warm tilt" });
  });

  it("the measured note names its curve and is marked measured", () => {
    const n = measured(["bright"]);
    expect(n).toMatchObject({ source: "curve.csv", measured: true, tags: ["bright"] });
    expect(n.text).toMatch(/tilt \+0\.5 dB\/octave/);
  });
});
