import { describe, expect, it } from "vitest";
import { runCli, runJson } from "../helpers/run-cli.js";

describe("check-amp", () => {
  it("gives the documented JSON fields", async () => {
    const r = await runJson([
      "check-amp",
      "--headphone",
      "ath-m50x",
      "--source",
      "laptop",
      "--role",
      "tracking",
    ]);
    expect(r).toMatchObject({
      headphone: { id: "ath-m50x" },
      source: { id: "laptop" },
      role: "tracking",
      targetSplDb: 105,
      maxSplDb: expect.any(Number),
      headroomDb: expect.any(Number),
      verdict: "ok",
      flags: expect.any(Array),
      required: { vrms: expect.any(Number), ma: expect.any(Number), mw: expect.any(Number) },
      available: { vrms: expect.any(Number), ma: expect.any(Number), mw: expect.any(Number) },
    });
    // Worked: 99 dB/mW at 38 Ω = 113.20 dB/V; laptop 1.0 V behind 10 Ω gives 1.0 × 38/48 = 0.7917 V;
    // 113.20 + 20·log10(0.7917) = 111.17 dB SPL; 111.17 − 105 = +6.17 dB.
    expect(r.available.vrms).toBeCloseTo(0.7917, 4);
    expect(r.maxSplDb).toBeCloseTo(111.17, 2);
    expect(r.headroomDb).toBeCloseTo(6.17, 2);
  });

  it("takes the target from the role, or from --target-spl", async () => {
    const mastering = await runJson([
      "check-amp",
      "--headphone",
      "utopia",
      "--source",
      "phone",
      "--role",
      "mastering",
    ]);
    const custom = await runJson([
      "check-amp",
      "--headphone",
      "utopia",
      "--source",
      "phone",
      "--target-spl",
      "95",
    ]);
    expect(mastering.targetSplDb).toBe(110);
    expect(custom.targetSplDb).toBe(95);
    expect(custom.headroomDb - mastering.headroomDb).toBeCloseTo(15, 6);
  });

  it("suggests catalog amplifiers that fix a shortfall", async () => {
    const r = await runJson([
      "check-amp",
      "--headphone",
      "sundara",
      "--source",
      "phone",
      "--role",
      "mastering",
    ]);
    expect(r.verdict).toBe("insufficient");
    expect(r.fixes.map((f: { source: { id: string } }) => f.source.id)).toContain("grace-m902");
    expect(r.missing).toBeNull();
  });

  it("orders the fixes by fitness for the job, then price: amplifiers first, priced before unpriced", async () => {
    const r = await runJson([
      ...["check-amp", "--headphone", "hd800s", "--source", "laptop", "--role", "mastering"],
    ]);
    interface F {
      source: { id: string; priceUsd: number | null };
      kind: string;
      priceApproximate: boolean;
    }
    const fixes: F[] = r.fixes;
    const kinds = fixes.map((f) => f.kind);
    // Every headphone amplifier before any interface or converter.
    expect(kinds.lastIndexOf("amplifier")).toBeLessThan(
      kinds.includes("interface") ? kinds.indexOf("interface") : kinds.length,
    );
    for (const kind of ["amplifier", "interface"]) {
      const prices = fixes.filter((f) => f.kind === kind).map((f) => f.source.priceUsd);
      const firstUnpriced = prices.indexOf(null);
      if (firstUnpriced >= 0)
        expect(prices.slice(firstUnpriced).every((p) => p === null)).toBe(true);
      const priced = prices.filter((p): p is number => p !== null);
      expect(priced).toEqual([...priced].sort((a, b) => a - b));
    }
    expect(fixes.every((f) => typeof f.priceApproximate === "boolean")).toBe(true);
  });

  it("an unknown verdict lists nothing to buy: the missing figure and how to supply it", async () => {
    const json = await runJson(["check-amp", "--headphone", "hd800s", "--source", "grace-m900"]);
    expect(json.verdict).toBe("unknown");
    expect(json.fixes).toEqual([]);
    expect(json.missing).toEqual({ headphone: false, source: true });
    const r = await runCli(
      ["check-amp", "--headphone", "hd800s", "--source", "grace-m900", "--no-config"],
      { columns: 100 },
    );
    expect(r.stdout).not.toMatch(/What would fix it/);
    expect(r.stdout).toMatch(/What is missing/);
    expect(r.stdout).toMatch(/--vout and --zout/);
    expect(r.stdout).toMatch(/measure source --save/);
    expect(r.stdout).toMatch(/add source/);
  });

  it("without --source ranks every source, best first", async () => {
    const r = await runJson(["check-amp", "--headphone", "clear-mg"]);
    const verdicts = r.checks.map((c: { verdict: string }) => c.verdict);
    const rank = { ok: 0, marginal: 1, insufficient: 2, unknown: 3 } as Record<string, number>;
    expect(verdicts.map((v: string) => rank[v])).toEqual(
      [...verdicts.map((v: string) => rank[v])].sort(),
    );
    // Among the sources that drive it, the most headroom first.
    const ok = r.checks.filter((c: { verdict: string }) => c.verdict === "ok");
    const headroom = ok.map((c: { headroomDb: number }) => c.headroomDb);
    expect(headroom).toEqual([...headroom].sort((a: number, b: number) => b - a));
    // The Lyr 2's 4 W into 50 ohm (Schiit's table) beats the HPA4 into the Clear MG's 55 ohm.
    expect(r.checks[0].source.id).toBe("schiit-lyr-2");
  });

  it("without --headphone judges every headphone on the source", async () => {
    const r = await runCli(["check-amp", "--source", "phone", "--role", "mastering"]);
    expect(r.stdout).toContain("Drives well");
    expect(r.stdout).toContain("Cannot judge (figures not sourced)");
  });

  it("--explain prints the arithmetic", async () => {
    const r = await runCli([
      "check-amp",
      "--headphone",
      "ath-m50x",
      "--source",
      "laptop",
      "--explain",
    ]);
    expect(r.stdout).toContain("99 dB/mW + 10·log10(1000 / 38 Ω) = 113.2 dB/V");
  });

  it("applies --eq-headroom", async () => {
    const plain = await runJson(["check-amp", "--headphone", "ath-m50x", "--source", "laptop"]);
    const eq = await runJson([
      "check-amp",
      "--headphone",
      "ath-m50x",
      "--source",
      "laptop",
      "--eq-headroom",
      "6",
    ]);
    expect(plain.maxSplDb - eq.maxSplDb).toBeCloseTo(6, 6);
  });

  it("needs a headphone or a source", async () => {
    const r = await runCli(["check-amp"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("check-amp needs --headphone ID, --source ID, or both");
  });

  it("rejects a bad number and a bad role", async () => {
    const spl = await runCli(["check-amp", "--headphone", "utopia", "--target-spl", "loud"]);
    expect(spl.code).toBe(2);
    expect(spl.stderr).toContain('--target-spl (dB SPL) expects a number, got "loud"');
    const role = await runCli(["check-amp", "--headphone", "utopia", "--role", "mixdown"]);
    expect(role.code).toBe(2);
    expect(role.stderr).toContain("Allowed choices are tracking, mixing, mastering");
  });
});

describe("show gains a drivability summary", () => {
  it("lists each preset's verdict per role", async () => {
    const r = await runCli(["show", "ath-m50x"]);
    expect(r.stdout).toMatch(/Drivability[\s\S]*laptop\s+ok \+6\.2 dB/);
  });
});
