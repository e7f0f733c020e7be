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
    ]);
    expect(json.budgetUsd).toBe(800);
    expect(Object.keys(json.assignments)).toEqual(["tracking", "mixing", "mastering"]);
    expect(json.assignments.tracking).toEqual({ id: "ath-m50x", owned: true });
    for (const step of json.steps) {
      expect(Object.keys(step)).toEqual(["buy", "costUsd", "unlocks", "withinBudget"]);
      for (const b of step.buy) expect(Object.keys(b)).toEqual(["id", "kind", "priceUsd"]);
    }
    expect(json.totalUsd).toBeLessThanOrEqual(800);
    expect(json.warnings.every((w: unknown) => typeof w === "string")).toBe(true);
  });

  it("a $200 beginner with a laptop: one closed-back now for tracking and rough mixes, the rest to save for", async () => {
    const json = await planJson("--budget", "200", "--source", "laptop");
    const [now, ...rest] = json.steps;
    expect(now.withinBudget).toBe(true);
    expect(now.unlocks).toEqual(["tracking", "mixing"]);
    expect(json.assignments.tracking).toEqual(json.assignments.mixing);
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
    expect(json.assignments.mixing).toEqual({ id: "hd650", owned: true });
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
    expect(json.assignments.tracking).toEqual({ id: "ath-m50x", owned: true });
  });

  it("source figures stand for a source not in the catalog", async () => {
    const args = ["--budget", "100", "--roles", "mixing", "--own", "hd600"];
    const weak = await planJson(...args, "--vout", "0.3V", "--zout", "10");
    const strong = await planJson(...args, "--vout", "8V", "--zout", "1");
    expect(weak.assignments.mixing).toEqual({ id: "hd600", owned: true });
    expect(weak.warnings.join(" ")).toMatch(/HD 600 needs an amplifier.*dB short of mixing peaks/);
    expect(strong.warnings.join(" ")).not.toMatch(/needs an amplifier/);
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
});
