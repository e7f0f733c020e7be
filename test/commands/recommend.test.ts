import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/run-cli.js";

interface Result {
  rank: number;
  id: string;
  name: string;
  back: string;
  driver: string;
  priceUsd: number | null;
  score: number;
  fit: "excellent" | "good" | "workable" | "avoid";
  fitRange: { low: string; high: string };
  fitExpected: "excellent" | "good" | "workable" | "avoid";
  unknown: string[];
  driveVerdict: string | null;
  fitReason: string;
  evidence: { known: number; of: number };
  family: string | null;
  variants: { id: string; variant: string | null }[];
  reasons: { rule: string; points: number; text: string; unknown?: true }[];
  watchOut: string[];
  owned: boolean;
}

async function rank(...args: string[]) {
  const r = await runCli(["recommend", ...args, "--json"]);
  expect(r.stderr).toBe("");
  expect(r.code).toBe(0);
  const json = JSON.parse(r.stdout);
  const eligible: Result[] = json.results;
  return { json, eligible, top: (n: number) => eligible.slice(0, n).map((x) => x.id) };
}

/** A result's id or one of its family's variants. */
const ids = (r: Result) => [r.id, ...r.variants.map((v) => v.id)];

describe("recommend follows the guide", () => {
  it("tracking: the top ten are closed-back, the staples good or better", async () => {
    const { eligible, json } = await rank("--role", "tracking");
    expect(eligible.slice(0, 10).every((x) => x.back === "closed")).toBe(true);
    const staples = ["mdr7506", "ath-m50x", "dt770pro-80"];
    for (const id of staples) {
      const row = eligible.find((x) => ids(x).includes(id));
      expect(row?.fit, id).toMatch(/^(excellent|good)$/);
    }
    expect(eligible.slice(0, 10).some((x) => ids(x).includes("mdr7506"))).toBe(true);
    expect(json.excluded.find((x: { id: string }) => x.id === "hd600")).toMatchObject({
      why: expect.stringContaining("microphone"),
    });
  });

  it("mastering: no closed-back in the top five; the HD 800 S and a Utopia in the top four", async () => {
    const { eligible, top } = await rank("--role", "mastering");
    expect(eligible.slice(0, 5).every((x) => x.back !== "closed")).toBe(true);
    const four = eligible.slice(0, 4).flatMap(ids);
    expect(four).toContain("hd800s");
    expect(four.some((id) => id === "utopia" || id === "utopia-2022")).toBe(true);
    expect(top(5)).not.toContain("mdr7506");
  });

  it("mixing: open or semi-open references lead, and the DT 990 PRO carries its treble warning", async () => {
    const { eligible } = await rank("--role", "mixing");
    expect(eligible.slice(0, 5).every((x) => x.back !== "closed")).toBe(true);
    const guide = ["hd600", "hd650", "k702", "lcd-x", "hd800s"];
    expect(
      eligible.slice(0, 5).filter((x) => ids(x).some((id) => guide.includes(id))).length,
    ).toBeGreaterThanOrEqual(2);
    const dt990 = eligible.find((x) => x.id === "dt990pro");
    expect(dt990?.fit).toBe("workable");
    expect(dt990?.watchOut.join(" ")).toContain("treble lift");
    expect(dt990?.reasons.find((x) => x.rule === "neutrality")?.text).toContain(
      "mixes come out dull",
    );
  });

  it.each([
    [
      "mixing",
      "hd650",
      "good",
      "open-back reference: known mild colouration: warm (several reviews)",
    ],
    ["mixing", "hd600", "good", "open-back reference: described as neutral"],
    [
      "tracking",
      "mdr7506",
      "good",
      "a presence lift performers hear themselves in (one review); could be excellent: isolation and weight not known",
    ],
    ["tracking", "ath-m50x", "excellent", "closed-back: isolates well"],
    // The family's notes, recorded on the 250 ohm, are the 80 ohm's too.
    [
      "tracking",
      "dt770pro-80",
      "excellent",
      "isolates well (several reviews, from dt770pro-250), comfortable for long takes",
    ],
    ["mixing", "ath-m50x", "workable", "rough mixes"],
    ["mastering", "ath-m50x", "avoid", "closed-back"],
  ])(
    "--own: %s with %s is %s for the role, with the guide's reason",
    async (role, id, fit, why) => {
      const { json } = await rank("--role", role, "--own", id);
      expect(json.owned).toEqual([{ id, role, fit, reason: expect.stringContaining(why) }]);
    },
  );
});

describe("recommend options", () => {
  it("gives the documented JSON shape", async () => {
    const { json } = await rank("--role", "mixing");
    expect(json.role).toBe("mixing");
    expect(json.scale).toEqual({ min: expect.any(Number), max: expect.any(Number) });
    expect(json.results[0]).toMatchObject({
      rank: 1,
      id: expect.any(String),
      name: expect.any(String),
      score: expect.any(Number),
      fit: expect.stringMatching(/^(excellent|good|workable|avoid)$/),
      evidence: { known: expect.any(Number), of: expect.any(Number) },
      variants: expect.any(Array),
      fitRange: { low: expect.any(String), high: expect.any(String) },
      fitExpected: expect.any(String),
      unknown: expect.any(Array),
      driveVerdict: null,
      reasons: expect.arrayContaining([
        {
          rule: expect.any(String),
          points: expect.any(Number),
          text: expect.any(String),
          grade: expect.toBeOneOf(["measurement", "maker", "reviews", "review", null]),
        },
      ]),
    });
    expect(json.assumption).toMatch(/^No source named/);
    for (const r of json.results as Result[]) {
      expect(Number.isInteger(r.rank)).toBe(true);
      expect(r.evidence.known).toBeLessThanOrEqual(r.evidence.of);
      // The label is the low end of the range; provisional labels name what is unknown.
      expect(r.fit).toBe(r.fitRange.low);
      if (r.fitRange.high !== r.fitRange.low) expect(r.unknown.length).toBeGreaterThan(0);
    }
    expect(json).toMatchObject({ owned: [], unverified: [], excluded: expect.any(Array) });
  });

  it.each([[["--role", "tracking"]], [["--role", "mastering", "--source", "laptop"]]])(
    "orders by drive, expected fit, then score; ties share a rank, the cheaper first (%j)",
    async (args) => {
      const { eligible } = await rank(...args);
      const order = ["excellent", "good", "workable", "avoid"];
      const tier = (v: string | null) =>
        v === null || v === "ok" ? 0 : v === "insufficient" ? 2 : 1;
      // Models to avoid for the role come last, however well the source drives them.
      const avoid = eligible.findIndex((r) => r.fitExpected === "avoid");
      if (avoid >= 0)
        expect(eligible.slice(avoid).every((r) => r.fitExpected === "avoid")).toBe(true);
      for (const [i, r] of eligible.entries()) {
        const prev = eligible[i - 1];
        if (!prev) {
          expect(r.rank).toBe(1);
          continue;
        }
        // What the source cannot drive never ranks above what it drives.
        const driveStep = tier(r.driveVerdict) - tier(prev.driveVerdict);
        const intoAvoid = r.fitExpected === "avoid" && prev.fitExpected !== "avoid";
        if (!intoAvoid) expect(driveStep).toBeGreaterThanOrEqual(0);
        if (driveStep !== 0 || intoAvoid) {
          expect(r.rank).toBe(i + 1);
          continue;
        }
        const fitStep = order.indexOf(r.fitExpected) - order.indexOf(prev.fitExpected);
        expect(fitStep).toBeGreaterThanOrEqual(0);
        if (fitStep === 0) expect(r.score).toBeLessThanOrEqual(prev.score);
        const tie = fitStep === 0 && r.score === prev.score;
        expect(r.rank).toBe(tie ? prev.rank : i + 1);
        if (tie && r.priceUsd !== null && prev.priceUsd !== null)
          expect(prev.priceUsd).toBeLessThanOrEqual(r.priceUsd);
      }
    },
  );

  it("a family forms one row naming its other variants", async () => {
    const { eligible } = await rank("--role", "tracking");
    const rows = eligible.filter((x) => x.family === "beyerdynamic-dt770pro");
    expect(rows).toHaveLength(1);
    expect(ids(rows[0] as Result).sort()).toEqual(["dt770pro-250", "dt770pro-32", "dt770pro-80"]);
  });

  it("--budget excludes what costs more and keeps an unknown price apart, not verified", async () => {
    const { json, eligible } = await rank("--role", "mixing", "--budget", "500");
    expect(eligible.every((x) => x.priceUsd !== null && x.priceUsd <= 500)).toBe(true);
    expect(json.excluded.find((x: { id: string }) => x.id === "utopia").why).toBe(
      "$3,999, over your $500 budget", // one money format (issue 25)
    );
    expect(json.unverified.length).toBeGreaterThan(0);
    for (const u of json.unverified) {
      expect(u.priceUsd).toBeNull();
      expect(u.why).toBe("price not verified against your $500 budget");
    }
    expect(json.unverifiedCount).toBe(json.unverified.length);
    const text = await runCli(["recommend", "--role", "mixing", "--budget", "500"]);
    expect(text.stdout).toContain("Not verified — price not verified against your $500 budget");
  });

  it("--max-weight keeps an unknown weight apart, not verified, and never drops it silently", async () => {
    const { json, eligible } = await rank("--role", "tracking", "--max-weight", "300");
    expect(eligible.every((x) => x.id !== undefined)).toBe(true);
    expect(json.unverified.length).toBeGreaterThan(0);
    expect(json.unverified[0].why).toBe("weight not verified: cannot be held to your 300 g");
  });

  it("--source flags what it cannot drive and names the amp", async () => {
    const { eligible } = await rank("--role", "mastering", "--source", "phone");
    const sundara = eligible.find((x) => x.id === "sundara");
    // The cheapest amplifier that fixes it: priced ones first (the Schiit Midgard, $219, is
    // the cheapest priced one that does), then unpriced ones by id.
    expect(sundara?.watchOut.join(" ")).toContain(
      "phone can't drive it; needs e.g. schiit-midgard",
    );
  });

  it("--own says what each owned model is for the role, and what to add next", async () => {
    const { json } = await rank("--role", "mixing", "--own", "ath-m50x");
    expect(json.results.find((x: Result) => x.id === "ath-m50x")?.owned).toBe(true);
    expect(json.addNext).toMatchObject({ fit: expect.stringMatching(/^(excellent|good)$/) });
    const text = await runCli(["recommend", "--role", "mixing", "--own", "ath-m50x"]);
    expect(text.stdout).toContain("workable for mixing — closed-back: a workable, if coloured");
    expect(text.stdout).toContain(`Nothing you own is good for mixing; add next: `);
    const served = await runCli(["recommend", "--role", "mixing", "--own", "hd650"]);
    expect(served.stdout).toMatch(/✓ Sennheiser HD 650: good for mixing — open-back reference/);
    expect(served.stdout).not.toContain("add next");
  });

  it("--back, --driver, --max-weight and --top narrow the list", async () => {
    const { eligible } = await rank("--role", "mastering", "--driver", "planar");
    expect(eligible.length).toBeGreaterThan(0);
    expect(eligible.every((x) => x.driver === "planar")).toBe(true);
    const text = await runCli(["recommend", "--role", "mixing", "--top", "3"]);
    expect(text.stdout.match(/^\s*\d+ {2}/gm)).toHaveLength(3);
  });

  it("--explain lists each rule's points and the excluded models", async () => {
    const r = await runCli(["recommend", "--role", "tracking", "--explain"]);
    expect(r.stdout).toMatch(/Why, rule by rule[\s\S]*\+10 {2}closed-back/);
    expect(r.stdout).toMatch(
      /Excluded\n[\s\S]*hd800s\s+open-back: the click and cue mix bleed into the microphone/,
    );
  });

  it("prints the role's advice once under the table", async () => {
    const r = await runCli(["recommend", "--role", "mixing"]);
    expect(r.stdout.match(/reference your mixes on speakers/g)).toHaveLength(1);
  });

  it("a user's headphone ranks as its specs imply", async () => {
    const before = await rank("--role", "tracking");
    expect(before.eligible.map((x) => x.id)).not.toContain("my-tracker");
    const after = await rank("--role", "tracking", "--catalog", "test/fixtures/user-tracking.yaml");
    expect(after.top(1)).toEqual(["my-tracker"]);
    const mastering = await rank(
      "--role",
      "mastering",
      "--catalog",
      "test/fixtures/user-tracking.yaml",
    );
    expect(mastering.eligible.findIndex((x) => x.id === "my-tracker")).toBeGreaterThan(5);
  });

  it("--rules adjusts a role's weights", async () => {
    const plain = await rank("--role", "mastering");
    const tuned = await rank(
      "--role",
      "mastering",
      "--rules",
      "test/fixtures/rules-calibration.yaml",
    );
    const score = (r: typeof plain, id: string) => r.eligible.find((x) => x.id === id)?.score ?? 0;
    // hd650 has a calibration profile: 5 points × weight 10 instead of × 1.5.
    expect(score(tuned, "hd650") - score(plain, "hd650")).toBeCloseTo(5 * (10 - 1.5), 6);
    // hd800s's calibration is not checked: the rule's expectation (2.5) × the weight,
    // give or take the rounding of each score to one decimal.
    const unknownDelta = score(tuned, "hd800s") - score(plain, "hd800s");
    expect(Math.abs(unknownDelta - 2.5 * (10 - 1.5))).toBeLessThanOrEqual(0.1);
  });

  it("an unknown rule in --rules is an error with a did-you-mean", async () => {
    const r = await runCli([
      "recommend",
      "--role",
      "mastering",
      "--rules",
      "test/fixtures/rules-typo.yaml",
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      'mastering.weights.calibraton: unknown rule "calibraton": did you mean calibration?',
    );
  });

  it("--role is required and its choices are in --help", async () => {
    const missing = await runCli(["recommend"]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("required option '--role <role>' not specified");
    const help = await runCli(["recommend", "--help"]);
    expect(help.stdout).toMatch(/choices:\s+"tracking",\s+"mixing",\s+"mastering"/);
  });
});

describe("compare and show", () => {
  it("compare gives specs and per-role scores side by side", async () => {
    const r = await runCli(["compare", "hd600", "hd650", "--json"]);
    const json = JSON.parse(r.stdout);
    expect(json.headphones.map((h: { id: string }) => h.id)).toEqual(["hd600", "hd650"]);
    expect(json.roles.tracking[0]).toMatchObject({
      id: "hd600",
      excluded: expect.stringContaining("open-back"),
    });
    expect(json.roles.mixing[1]).toMatchObject({
      id: "hd650",
      fit: "good",
      score: expect.any(Number),
      rank: expect.any(Number),
    });
  });

  it("compare ends with a conclusion for the role, and the few differences that decide it", async () => {
    const r = await runCli(["compare", "hd650", "ath-m50x", "--role", "mixing", "--json"]);
    const json = JSON.parse(r.stdout);
    expect(json.conclusion).toMatch(
      /^For mixing: 1\. hd650 \(good, could be excellent\), 2\. ath-m50x \(workable\)\. hd650 over ath-m50x: hd650 is good, could be excellent \(open-back reference: known mild colouration: warm \(several reviews\).*\) where ath-m50x is workable \(closed-back: a workable, if coloured, reference/,
    );
    expect(json.conclusion).toContain("warm against bass lift");
    expect(json.conclusion).toContain("weight unknown against 285 g");
    const drive = await runCli([
      "compare",
      "hd600",
      "lcd-x",
      "--role",
      "mixing",
      "--source",
      "laptop",
      "--json",
    ]);
    // The laptop drives the LCD-X (20 ohm, planar) but only just the HD 600: that decides.
    const conclusion = JSON.parse(drive.stdout).conclusion;
    expect(conclusion).toMatch(/^For mixing: 1\. lcd-x \([^)]*\), 2\. hd600/);
    expect(conclusion).toContain("lcd-x over hd600: laptop drives it where hd600 is marginal");
    expect(conclusion).toContain("612 g against 260 g; $1,199 against about $399");
    expect(conclusion).toContain("On laptop: lcd-x ok, hd600 marginal");
  });

  it.each(["tracking", "mixing", "mastering"])(
    "show and compare place a model for %s as recommend shows it: family rows, shared ranks",
    async (role) => {
      const { json, eligible } = await rank("--role", role);
      // Every kept model: a row's head, or a variant standing where its family's row is.
      const ids = eligible.flatMap((r) => [r.id, ...r.variants.map((v) => v.id)]);
      const compare = JSON.parse((await runCli(["compare", ...ids, "--json"])).stdout);
      const placed = new Map<string, { rank: number; of: number }>(
        compare.roles[role].map((f: { id: string; rank: number; of: number }) => [f.id, f]),
      );
      for (const row of eligible) {
        expect(placed.get(row.id), row.id).toMatchObject({ rank: row.rank, of: eligible.length });
        for (const v of row.variants) {
          // A variant is placed as if it stood for its family: never ahead of the row's own.
          const at = placed.get(v.id)?.rank;
          if (at !== undefined) expect(at, v.id).toBeGreaterThanOrEqual(row.rank);
        }
      }
      expect(json.results.length).toBe(eligible.length);
    },
  );

  it("compare needs two ids", async () => {
    const r = await runCli(["compare", "hd600"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("compare needs at least two ids");
  });

  it("show lists the model's fit, score and rank for each role", async () => {
    const r = await runCli(["show", "ath-m50x"]);
    expect(r.stdout).toMatch(/Role fit[\s\S]*tracking\s+excellent, \d+(\.\d)? \(#\d+ of \d+\)/);
    expect(r.stdout).toMatch(/mixing\s+workable, /);
    expect(r.stdout).toMatch(/mastering\s+avoid, /);
  });
});

describe("an engineer's judgement of the built-in catalog", () => {
  const row = (eligible: Result[], id: string) => eligible.find((x) => ids(x).includes(id));

  it("tracking: the staples are good or better, expected excellent; the MDR-7506 is not below a newer model for want of a weight", async () => {
    const { eligible } = await rank("--role", "tracking");
    for (const id of ["mdr7506", "dt770pro-80", "ath-m50x"]) {
      expect(row(eligible, id)?.fit, id).toMatch(/^(excellent|good)$/);
      expect(row(eligible, id)?.fitExpected, id).toBe("excellent");
    }
    const mdr = row(eligible, "mdr7506") as Result;
    expect(mdr.unknown).toContain("weight");
    expect(mdr.rank).toBeLessThanOrEqual((row(eligible, "k371") as Result).rank);
    // The DT 770 PRO's row is its studio default, the 80 ohm, not the variant with a price.
    expect(row(eligible, "dt770pro-250")?.id).toBe("dt770pro-80");
  });

  it("mixing: the HD 650 is a reference with a known mild colouration; the HD 560S's slight lift is not the DT 990 PRO's", async () => {
    const { eligible } = await rank("--role", "mixing");
    const hd650 = row(eligible, "hd650") as Result;
    expect(hd650.fit).toBe("good");
    expect(hd650.rank).toBeLessThanOrEqual(8);
    expect(hd650.fitReason).toContain("known mild colouration: warm");
    expect(row(eligible, "hd560s")?.fit).toBe("good");
    expect(row(eligible, "dt990pro")?.fit).toBe("workable");
    // An undocumented colouration ranks below a known mild one at the same expected fit.
    const k702 = row(eligible, "k702") as Result;
    expect(k702.fit).toBe("workable");
    expect(k702.unknown).toContain("colouration");
  });

  it("mastering: a Utopia excellent at the top, the HD 800 S good and could be excellent on its THD and calibration, closed-backs avoided", async () => {
    const { eligible } = await rank("--role", "mastering");
    expect(row(eligible, "utopia")).toMatchObject({ fit: "excellent" });
    expect((row(eligible, "utopia") as Result).rank).toBeLessThanOrEqual(2);
    expect(row(eligible, "hd800s")).toMatchObject({
      fit: "good",
      fitRange: { high: "excellent" },
      unknown: ["THD", "calibration"],
    });
    expect((row(eligible, "hd800s") as Result).rank).toBeLessThanOrEqual(4);
    // Low distortion and calibration without sourced resolution: workable until it is known.
    expect(row(eligible, "hd650")).toMatchObject({ fit: "workable", unknown: ["resolution"] });
    expect(eligible.filter((x) => x.back === "closed").every((x) => x.fit === "avoid")).toBe(true);
  });

  it("--source: what it cannot drive ranks below what it drives, and the row names the variant that works", async () => {
    const { eligible, json } = await rank(
      "--role",
      "tracking",
      "--budget",
      "200",
      "--source",
      "laptop",
    );
    expect(json.assumption).toBeNull();
    const at = (id: string) => eligible.findIndex((x) => x.id === id);
    expect(at("mdr7506")).toBeLessThan(at("dt770pro-250"));
    const dt770 = eligible[at("dt770pro-250")] as Result & {
      variants: { id: string; drive: string | null }[];
      driveFix: string | null;
    };
    expect(dt770.driveVerdict).toBe("insufficient");
    expect(dt770.driveFix).toEqual(expect.any(String));
    expect(dt770.variants).toContainEqual(
      expect.objectContaining({ id: "dt770pro-32", drive: "ok" }),
    );
    const text = await runCli(
      ["recommend", "--role", "tracking", "--budget", "200", "--source", "laptop"],
      {
        columns: 120,
      },
    );
    expect(text.stdout).toMatch(/32 ohm: ok on laptop/);
  });
});

describe("a recommend row reads at a glance", () => {
  /** The lines of each table row: from its rank to the next rank or the blank line. */
  function rowHeights(stdout: string): number[] {
    const lines = stdout.split("\n");
    const head = lines.findIndex((l) => /^ ?# {2}Model/.test(l));
    const heights: number[] = [];
    for (const l of lines.slice(head + 2)) {
      if (l.trim() === "") break;
      if (/^ ?\d+ {2}/.test(l)) heights.push(1);
      else heights[heights.length - 1] = (heights[heights.length - 1] as number) + 1;
    }
    return heights;
  }

  it.each([
    [100, ["--role", "mixing"], 4],
    [120, ["--role", "mastering"], 4],
    [100, ["--role", "tracking", "--source", "laptop"], 5],
    [120, ["--role", "tracking", "--budget", "200", "--source", "laptop"], 5],
  ] as const)("at %i columns, %j: at most %i lines a row", async (columns, args, most) => {
    const r = await runCli(["recommend", ...args], { columns });
    const heights = rowHeights(r.stdout);
    expect(heights.length).toBeGreaterThan(3);
    expect(Math.max(...heights)).toBeLessThanOrEqual(most);
  });

  it("a wider terminal gives its width to the reasons, not to the model column", async () => {
    const header = async (columns: number) =>
      (await runCli(["recommend", "--role", "mixing"], { columns })).stdout
        .split("\n")
        .find((l) => /# {2}Model/.test(l)) as string;
    const whyAt = async (columns: number) => (await header(columns)).indexOf("Why");
    expect(await whyAt(160)).toBe(await whyAt(120));
  });

  it("without a source, the assumption is said once above the table", async () => {
    const r = await runCli(["recommend", "--role", "tracking"], { columns: 100 });
    expect(
      r.stdout.match(/No source named: drive is judged on a typical audio interface/g),
    ).toHaveLength(1);
    expect(r.stdout.indexOf("No source named")).toBeLessThan(r.stdout.indexOf("#  Model"));
  });
});

describe("compare's JSON contract", () => {
  it("each comparison carries its fit range, unknown facts and the drive on --source; the conclusion ranks all", async () => {
    const r = await runCli([
      "compare",
      "hd650",
      "dt1990pro",
      "sundara",
      "--role",
      "mixing",
      "--source",
      "scarlett-2i2-4g",
      "--json",
    ]);
    const json = JSON.parse(r.stdout);
    for (const f of json.roles.mixing) {
      expect(f).toMatchObject({
        fitRange: { low: expect.any(String), high: expect.any(String) },
        unknown: expect.any(Array),
        drive: expect.stringMatching(/^(ok|marginal|insufficient|unknown)$/),
      });
      expect(f).not.toHaveProperty("ranked");
    }
    expect(json.conclusions[0].order.sort()).toEqual(["dt1990pro", "hd650", "sundara"]);
    expect(json.conclusions[0].text).toContain("On scarlett-2i2-4g:");
    const { eligible } = await rank("--role", "mixing", "--source", "scarlett-2i2-4g");
    for (const f of json.roles.mixing) {
      const shown = eligible.find((x) => x.id === f.id);
      if (shown) expect([f.rank, f.score]).toEqual([shown.rank, shown.score]);
    }
  });
});

describe("prices as the catalog knows them", () => {
  it("an undated or low-confidence price is approximate in the table, the JSON and compare", async () => {
    const { json } = await rank("--role", "mixing");
    const hd650 = json.results.find((r: Result) => r.id === "hd650");
    // The catalog records the HD 650's $500 as an undated street price, low confidence.
    expect(hd650).toMatchObject({ priceUsd: 500, priceApproximate: true });
    const ndh30 = json.results.find((r: Result) => r.id === "ndh30");
    expect(ndh30?.priceApproximate).toBe(false);
    const table = await runCli(["recommend", "--role", "mixing"], { columns: 160 });
    expect(table.stdout).toMatch(/about \$500/);
    const cmp = await runCli(["compare", "hd650", "ndh30"], { columns: 160 });
    expect(cmp.stdout).toMatch(/about \$500/);
  });
});
