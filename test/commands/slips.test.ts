/** Slips a user meets (issue 25): each was accepted or silent before. */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/run-cli.js";

describe("check-amp", () => {
  it("--source given twice is an error, not silently the second", async () => {
    const r = await runCli([
      "check-amp",
      "--headphone",
      "hd650",
      "--source",
      "laptop",
      "--source",
      "phone",
    ]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain('--source given twice ("laptop" and "phone")');
  });

  it("--target-spl 140 is refused with the exposure guidance", async () => {
    const r = await runCli(["check-amp", "--headphone", "hd650", "--target-spl", "140"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/past the threshold of pain[\s\S]*hint: NIOSH/);
  });

  it.each([
    // An HD 800 S on a laptop for mastering: not ok (insufficient or unknown).
    [["--headphone", "hd800s", "--source", "laptop", "--role", "mastering"], "marginal", 3],
    // An ATH-M50x on a laptop for tracking is ok: nothing fails.
    [["--headphone", "ath-m50x", "--source", "laptop", "--role", "tracking"], "marginal", 0],
    [["--headphone", "ath-m50x", "--source", "laptop", "--role", "tracking"], "insufficient", 0],
  ])("--fail-on for scripts: %j --fail-on %s exits %d", async (args, level, code) => {
    const r = await runCli(["check-amp", ...(args as string[]), "--fail-on", level as string]);
    expect(r.code).toBe(code);
    expect(r.stdout).not.toBe("");
    if (code !== 0) expect(r.stderr).toMatch(new RegExp(`\\(--fail-on ${level}\\)`));
  });

  it("--fail-on insufficient over every source fails when any is insufficient, saying how many", async () => {
    const r = await runCli([
      "check-amp",
      "--headphone",
      "hd800s",
      "--role",
      "mastering",
      "--fail-on",
      "insufficient",
      "--json",
    ]);
    const verdicts: string[] = JSON.parse(r.stdout).checks.map(
      (c: { verdict: string }) => c.verdict,
    );
    const insufficient = verdicts.filter((v) => v === "insufficient").length;
    expect(r.code).toBe(insufficient > 0 ? 3 : 0);
    if (insufficient > 1)
      expect(r.stderr).toContain(`${insufficient} of ${verdicts.length} verdicts`);
  });
});

describe("recommend --top", () => {
  it("is honoured in JSON; without it, JSON has every model; --top all is every model", async () => {
    const two = JSON.parse(
      (await runCli(["recommend", "--role", "mixing", "--top", "2", "--json"])).stdout,
    );
    expect(two.results).toHaveLength(2);
    const every = JSON.parse((await runCli(["recommend", "--role", "mixing", "--json"])).stdout);
    expect(every.results.length).toBeGreaterThan(10);
    expect(two.results.map((r: { id: string }) => r.id)).toEqual(
      every.results.slice(0, 2).map((r: { id: string }) => r.id),
    );
    const all = JSON.parse(
      (await runCli(["recommend", "--role", "mixing", "--top", "all", "--json"])).stdout,
    );
    expect(all.results).toHaveLength(every.results.length);
  });
});

describe("a long personal id", () => {
  it("is cut in check-amp's table at 80 columns instead of collapsing it into a list", async () => {
    const dir = mkdtempSync(join(tmpdir(), "hpadvise-slips-"));
    const env = { XDG_CONFIG_HOME: dir };
    const add = await runCli(
      [
        "add",
        "source",
        "--brand",
        "Focusrite",
        "--model",
        "Scarlett Solo (4th Gen)",
        "--type",
        "interface",
        "--vout",
        "1.2V@32",
        "--zout",
        "10",
        "--id",
        "focusrite-scarlett-solo-4th-gen",
      ],
      { env },
    );
    expect(add.code).toBe(0);
    const r = await runCli(["check-amp", "--headphone", "hd650"], { env, columns: 80 });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Source\s+Verdict\s+Headroom\s+Flags$/m);
    expect(r.stdout).toMatch(/^focusrite-scarl…\s+\w+/m);
    for (const line of r.stdout.split("\n")) expect([...line].length).toBeLessThanOrEqual(80);
  });
});

describe("money in one format", () => {
  it.each([
    ["recommend", "--role", "mastering", "--budget", "500"],
    ["recommend", "--role", "mastering", "--budget", "5000", "--explain"],
    ["compare", "utopia", "hd600", "--role", "mastering"],
    ["plan", "--budget", "4000"],
  ])("%s %s %s %s: thousands grouped everywhere", async (...args) => {
    const r = await runCli(args as string[]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/\$\d/);
    expect(r.stdout).not.toMatch(/\$\d{4}/);
  });
});
