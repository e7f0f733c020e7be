import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/run-cli.js";

interface Result {
  id: string;
  name: string;
  back: string;
  driver: string;
  priceUsd: number | null;
  score: number;
  excluded: boolean;
  reasons: { rule: string; points: number; text: string }[];
  watchOut: string[];
  owned: boolean;
}

async function rank(...args: string[]) {
  const r = await runCli(["recommend", ...args, "--json"]);
  expect(r.stderr).toBe("");
  expect(r.code).toBe(0);
  const json = JSON.parse(r.stdout);
  const eligible: Result[] = json.results.filter((x: Result) => !x.excluded);
  return { json, eligible, top: (n: number) => eligible.slice(0, n).map((x) => x.id) };
}

describe("recommend follows the guide", () => {
  it("tracking: every ranked model is closed-back, the staples near the top", async () => {
    const { eligible, top, json } = await rank("--role", "tracking");
    expect(eligible.slice(0, 10).every((x) => x.back === "closed")).toBe(true);
    expect(top(3)).toContain("ath-m50x");
    expect(top(5).some((id) => id.startsWith("dt770pro-"))).toBe(true);
    expect(top(10)).toContain("mdr7506");
    const open = json.results.find((x: Result) => x.id === "hd600");
    expect(open).toMatchObject({
      excluded: true,
      reasons: [{ rule: "closed-back", text: expect.stringContaining("microphone") }],
    });
  });

  it("mastering: no closed-back in the top five, the guide's references lead", async () => {
    const { eligible, top } = await rank("--role", "mastering");
    expect(eligible.slice(0, 5).every((x) => x.back !== "closed")).toBe(true);
    const references = ["hd800s", "utopia", "utopia-2022", "clear-mg"];
    expect(references).toContain(top(1)[0]);
    expect(top(5).filter((id) => references.includes(id)).length).toBeGreaterThanOrEqual(3);
  });

  it("mixing: open-back references lead, and the DT 990 Pro carries its treble warning", async () => {
    const { eligible, top } = await rank("--role", "mixing");
    expect(eligible.slice(0, 5).every((x) => x.back === "open")).toBe(true);
    expect(
      top(5).filter((id) => ["hd600", "hd650", "k702", "lcd-x", "hd800s"].includes(id)).length,
    ).toBeGreaterThanOrEqual(2);
    const dt990 = eligible.find((x) => x.id === "dt990pro");
    expect(dt990?.watchOut.join(" ")).toContain("treble lift");
    expect(dt990?.reasons.find((x) => x.rule === "neutrality")?.text).toContain(
      "mixes come out dull",
    );
  });
});

describe("recommend options", () => {
  it("gives the documented JSON shape", async () => {
    const { json } = await rank("--role", "mixing");
    expect(json.role).toBe("mixing");
    expect(json.results[0]).toMatchObject({
      id: expect.any(String),
      name: expect.any(String),
      score: expect.any(Number),
      excluded: false,
      reasons: expect.arrayContaining([
        { rule: expect.any(String), points: expect.any(Number), text: expect.any(String) },
      ]),
    });
    const scores = json.results.filter((x: Result) => !x.excluded).map((x: Result) => x.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it("--budget excludes what costs more", async () => {
    const { json, eligible } = await rank("--role", "mixing", "--budget", "500");
    expect(eligible.every((x) => x.priceUsd === null || x.priceUsd <= 500)).toBe(true);
    expect(json.results.find((x: Result) => x.id === "utopia").reasons[0].text).toBe(
      "$3999, over your $500 budget",
    );
  });

  it("--source flags what it cannot drive and names the amp", async () => {
    const { eligible } = await rank("--role", "mastering", "--source", "phone");
    const sundara = eligible.find((x) => x.id === "sundara");
    // The cheapest amplifier that fixes it; unpriced candidates by id (adi-2-dac-fs has no sourced price).
    expect(sundara?.watchOut.join(" ")).toContain("phone can't drive it; needs e.g. adi-2-dac-fs");
  });

  it("--own marks owned models and says whether one serves the role", async () => {
    const { json } = await rank("--role", "tracking", "--own", "ath-m50x", "hd600");
    expect(json.results.find((x: Result) => x.id === "ath-m50x").owned).toBe(true);
    expect(json.ownedServes).toEqual({ id: "ath-m50x", rank: expect.any(Number) });
    const text = await runCli(["recommend", "--role", "tracking", "--own", "ath-m50x"]);
    expect(text.stdout).toContain("You already own ath-m50x, which serves tracking");
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
    expect(score(tuned, "hd800s")).toBe(score(plain, "hd800s"));
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
      score: expect.any(Number),
      rank: expect.any(Number),
    });
  });

  it("compare needs two ids", async () => {
    const r = await runCli(["compare", "hd600"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("compare needs at least two ids");
  });

  it("show lists the model's score and rank for each role", async () => {
    const r = await runCli(["show", "ath-m50x"]);
    expect(r.stdout).toMatch(/Role fit[\s\S]*tracking\s+\d+(\.\d)? \(#1 of \d+\)/);
  });
});
