import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { packageRoot, runCli } from "../helpers/run-cli.js";

async function planJson(...args: string[]) {
  const r = await runCli(["plan", ...args, "--json", "--no-config"]);
  expect(r.stderr).toBe("");
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout);
}

describe("hpadvise plan", () => {
  it("--json is the issue's contract: budget, total, assignments, steps, warnings", async () => {
    const json = await planJson(
      "--budget",
      "800",
      "--own",
      "ath-m50x",
      "--source",
      "scarlett-2i2-4g",
    );
    expect(Object.keys(json)).toEqual([
      "budgetUsd",
      "totalUsd",
      "assignments",
      "steps",
      "warnings",
      "explanation",
    ]);
    expect(json.budgetUsd).toBe(800);
    expect(Object.keys(json.assignments)).toEqual(["tracking", "mixing", "mastering"]);
    expect(json.assignments.tracking).toEqual({
      id: "ath-m50x",
      owned: true,
      fit: "excellent",
      drive: "ok",
    });
    for (const step of json.steps) {
      expect(Object.keys(step)).toEqual([
        "when",
        "buy",
        "costUsd",
        "unlocks",
        "withinBudget",
        "why",
      ]);
      for (const b of step.buy) {
        expect(Object.keys(b)).toEqual(["id", "kind", "priceUsd", "priceApproximate"]);
        expect(["headphone", "amplifier", "calibration"]).toContain(b.kind);
      }
    }
    expect(json.totalUsd).toBeLessThanOrEqual(800);
    for (const w of json.warnings) {
      expect(Object.keys(w)).toEqual(["code", "message"]);
      expect(w.code).toMatch(/^[a-z-]+$/);
    }
  });

  it("a $200 beginner with a laptop: one closed-back now for tracking and rough mixes, the rest to save for", async () => {
    const json = await planJson("--budget", "200", "--source", "laptop");
    const [now, ...rest] = json.steps;
    expect(now.withinBudget).toBe(true);
    expect(now.unlocks).toEqual(["tracking", "mixing"]);
    expect(json.assignments.tracking.id).toBe(json.assignments.mixing.id);
    expect(json.assignments.mixing.fit).toBe("workable");
    expect(json.assignments.mastering).toBeNull();
    expect(rest.length).toBeGreaterThan(0);
    expect(rest.every((s: { withinBudget: boolean }) => !s.withinBudget)).toBe(true);
    expect(rest.some((s: { unlocks: string[] }) => s.unlocks.includes("mastering"))).toBe(true);
    expect(json.totalUsd).toBe(now.costUsd);
  });

  it("--roles narrows the plan; the owned open-back keeps mixing", async () => {
    const json = await planJson(
      "--budget",
      "4000",
      "--own",
      "hd650",
      "--source",
      "interface",
      "--roles",
      "mixing,mastering",
    );
    expect(Object.keys(json.assignments)).toEqual(["mixing", "mastering"]);
    expect(json.assignments.mixing).toEqual(expect.objectContaining({ id: "hd650", owned: true }));
    expect(json.assignments.mastering?.id).not.toBe("hd650");
  });

  it("reads as a table and a few sentences, within the width", async () => {
    const r = await runCli(["plan", "--budget", "200", "--source", "laptop", "--no-config"], {
      columns: 60,
    });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/covers tracking and rough mixes/);
    expect(r.stdout).toMatch(/Without it:/);
    for (const line of r.stdout.split("\n")) expect(line.length).toBeLessThanOrEqual(60);
  });

  it.each([
    [["plan", "--no-config"], /needs a budget/],
    [["plan", "--budget", "500", "--roles", "mixing,cooking", "--no-config"], /--roles expects/],
    [["plan", "--budget", "500", "--own", "nonesuch", "--no-config"], /nonesuch/],
  ])("%j is a usage error (exit 2), not a stack", async (argv, message) => {
    const r = await runCli(argv);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/at .*\.ts/);
  });

  it("takes the budget, source and owned models from your config, and says so", async () => {
    const dir = mkdtempSync(join(tmpdir(), "hpadvise-plan-"));
    const config = join(dir, "hpadvise");
    const { mkdirSync } = await import("node:fs");
    mkdirSync(config, { recursive: true });
    writeFileSync(
      join(config, "config.yaml"),
      "budget: 800\nsource: scarlett-2i2-4g\nown: [ath-m50x]\n",
    );
    const r = await runCli(["plan", "--json"], { env: { XDG_CONFIG_HOME: dir } });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/budget: 800, from your config/);
    const json = JSON.parse(r.stdout);
    expect(json.budgetUsd).toBe(800);
    expect(json.assignments.tracking).toEqual(
      expect.objectContaining({ id: "ath-m50x", owned: true }),
    );
  });

  it("source figures stand for a source not in the catalog", async () => {
    const args = ["--budget", "100", "--roles", "mixing", "--own", "hd600"];
    const weak = await planJson(...args, "--vout", "0.3V", "--zout", "10");
    const strong = await planJson(...args, "--vout", "8V", "--zout", "1");
    // Short on the weak one: kept, but mixing waits for the amplifier that completes its chain.
    expect(weak.assignments.mixing).toBeNull();
    const says = (j: { warnings: { message: string }[] }) =>
      j.warnings.map((w) => w.message).join(" ");
    expect(says(weak)).toMatch(/HD 600 needs a headphone amplifier.*dB short of mixing peaks/);
    expect(strong.assignments.mixing).toEqual({
      id: "hd600",
      owned: true,
      fit: "good",
      drive: "ok",
    });
    expect(says(strong)).not.toMatch(/needs a headphone amplifier/);
  });

  it("the README's example prints what the README shows", async () => {
    const readme = readFileSync(join(packageRoot, "README.md"), "utf8");
    const start = readme.indexOf("\n## Plan a setup\n");
    const block = /```console\n\$ (hpadvise [^\n]+)\n([\s\S]*?)```/.exec(readme.slice(start));
    expect(block).not.toBeNull();
    const [, command, shown] = block as RegExpExecArray;
    const argv = (command as string).split(" ").slice(1);
    const r = await runCli([...argv, "--no-config"], { columns: 80 });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(shown);
  });

  describe("the issue's engineers, on the built-in catalog", () => {
    interface Buy {
      id: string;
      kind: string;
      priceUsd: number | null;
    }
    interface Step {
      buy: Buy[];
      unlocks: string[];
      withinBudget: boolean;
      why: string;
    }
    const amplifiers = (json: { steps: Step[] }) =>
      json.steps.flatMap((s) => s.buy.filter((b) => b.kind === "amplifier"));
    async function sourceTypes() {
      const r = await runCli(["list", "sources", "--json", "--no-config"]);
      const list: { id: string; type: string }[] = JSON.parse(r.stdout).sources;
      return new Map(list.map((s) => [s.id, s.type]));
    }

    it("$800, an ATH-M50x on a Scarlett: mastering's chain is a headphone amplifier, never a converter bought for headroom", async () => {
      const json = await planJson(
        ...["--budget", "800", "--own", "ath-m50x", "--source", "scarlett-2i2-4g"],
      );
      const types = await sourceTypes();
      const amps = amplifiers(json);
      expect(amps.length).toBeGreaterThan(0);
      for (const a of amps) expect(types.get(a.id)).toBe("amplifier");
      // Mastering is covered only on a chain that drives it; else a step completes it.
      const m = json.assignments.mastering;
      if (m) expect(m.drive).toBe("ok");
      else expect(json.steps.some((s: Step) => s.unlocks.includes("mastering"))).toBe(true);
    });

    it("$10,000, an HD 800 S and an MDR-7506 on a Grace m900 without figures: kept, judged unknown, nothing bought around it", async () => {
      const json = await planJson(
        ...["--budget", "10000", "--own", "hd800s", "--own", "mdr7506", "--source", "grace-m900"],
      );
      expect(amplifiers(json)).toEqual([]);
      for (const r of ["tracking", "mixing", "mastering"])
        expect(json.assignments[r]).toEqual(
          expect.objectContaining({ owned: true, drive: "unknown" }),
        );
      const w = json.warnings.find((x: { code: string }) => x.code === "source-figures-unknown");
      expect(w.message).toMatch(/Grace Design m900 is kept.*states no output that applies to/);
      expect(w.message).toMatch(/--vout and --zout.*measure source --save.*add source/);
      // Every role served: the money goes on, each step saying why.
      expect(json.steps.some((s: Step) => /performer.*engineer/.test(s.why))).toBe(true);
    });

    it("$4,000, an HD 650 on an interface, mixing and mastering: a dedicated amplifier is what completes mastering", async () => {
      const json = await planJson(
        ...["--budget", "4000", "--own", "hd650", "--source", "interface"],
        ...["--roles", "mixing,mastering"],
      );
      const types = await sourceTypes();
      const ampStep = json.steps.find((s: Step) =>
        s.buy.some((b) => b.kind === "amplifier" && types.get(b.id) === "amplifier"),
      );
      expect(ampStep?.unlocks).toContain("mastering");
      if (!ampStep.withinBudget) expect(json.assignments.mastering).toBeNull();
      expect(json.steps.some((s: Step) => s.buy.some((b) => b.kind === "calibration"))).toBe(true);
    });

    it("$300 for tracking: a second pair, one for the performer and one for the engineer", async () => {
      const json = await planJson("--budget", "300", "--roles", "tracking");
      const pairs = json.steps.filter(
        (s: Step) => s.withinBudget && s.buy.some((b) => b.kind === "headphone"),
      );
      expect(pairs.length).toBe(2);
      expect(pairs[1].why).toMatch(/one pair for the performer, one for the engineer/);
      expect(json.explanation.join(" ")).toMatch(/left unspent|kept for/);
    });

    it("$4,000, an HD 800 S on an ADI-2 DAC: no amplifier to buy, calibration and crossfeed said", async () => {
      const json = await planJson(
        ...[
          "--budget",
          "4000",
          "--own",
          "hd800s",
          "--roles",
          "mastering",
          "--source",
          "adi-2-dac-fs",
        ],
      );
      expect(amplifiers(json)).toEqual([]);
      const cal = json.steps.find((s: Step) => s.buy.some((b) => b.kind === "calibration"));
      expect(cal.why).toMatch(/crossfeed, the RME ADI-2 DAC FS in the chain has it/);
      expect(cal.buy[0].priceUsd).toBeNull();
      expect(cal.withinBudget).toBe(false);
      // The money left buys the best second reference it can, not the cheapest
      // that merely serves: an excellent one when one is within the budget.
      const second = json.steps.find((s: Step) => /second mastering reference/.test(s.why));
      expect(second.withinBudget).toBe(true);
      const id = second.buy[0].id;
      const r = await runCli(["compare", id, "hd800s", "--json", "--no-config"]);
      const fit = JSON.parse(r.stdout).roles.mastering.find((f: { id: string }) => f.id === id);
      expect(fit.fit).toBe("excellent");
    });
  });
});
