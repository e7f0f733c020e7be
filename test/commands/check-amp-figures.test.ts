import { describe, expect, it } from "vitest";
import { runCli, runJson } from "../helpers/run-cli.js";

describe("check-amp with figures typed on the command line", () => {
  it("checks five numbers against each other, with no catalog entry", async () => {
    const r = await runJson([
      "check-amp",
      "--impedance",
      "300",
      "--sensitivity",
      "97 dB/mW",
      "--vout",
      "2V",
      "--zout",
      "10",
      "--role",
      "mixing",
    ]);
    // Worked: 97 dB/mW at 300 Ω = 97 + 10·log10(1000/300) = 102.23 dB/V.
    // 2 V behind 10 Ω into 300 Ω: 2 × 300/310 = 1.9355 V; 102.23 + 20·log10(1.9355) = 107.96 dB SPL.
    // Mixing peaks want 103 dB SPL: +4.96 dB.
    expect(r.sensitivityDbPerV).toBeCloseTo(102.23, 2);
    expect(r.available.vrms).toBeCloseTo(1.9355, 4);
    expect(r.maxSplDb).toBeCloseTo(107.96, 2);
    expect(r.headroomDb).toBeCloseTo(4.96, 2);
    expect(r.sensitivityKind).toBe("user");
    expect(r.userFigures).toEqual({
      headphone: ["impedanceOhms", "sensitivity"],
      source: ["outputs", "outputImpedanceOhms"],
    });
  });

  it("overrides a catalog source's figures for this run and says so", async () => {
    const base = await runJson(["check-amp", "--headphone", "ath-m50x", "--source", "laptop"]);
    const r = await runJson([
      "check-amp",
      "--headphone",
      "ath-m50x",
      "--source",
      "laptop",
      "--vout",
      "2V",
      "--zout",
      "1",
    ]);
    expect(r.source.id).toBe("laptop");
    // 2 V behind 1 Ω into 38 Ω: 2 × 38/39 = 1.9487 V.
    expect(r.available.vrms).toBeCloseTo(1.9487, 4);
    expect(r.available.vrms).toBeGreaterThan(base.available.vrms);
    expect(r.outputImpedanceOhms).toBe(1);
    const text = await runCli([
      "check-amp",
      "--headphone",
      "ath-m50x",
      "--source",
      "laptop",
      "--zout",
      "1",
    ]);
    expect(text.stdout).toMatch(/Yours: output impedance 1 Ω \(your figures\)/);
  });

  it("overrides a headphone's impedance and re-derives its sensitivity in dB/V", async () => {
    const r = await runJson([
      "check-amp",
      "--headphone",
      "ath-m50x",
      "--source",
      "laptop",
      "--impedance",
      "100",
    ]);
    expect(r.loadOhms).toBe(100);
    // 99 dB/mW kept from the catalog, at 100 Ω: 99 + 10 = 109 dB/V.
    expect(r.sensitivityDbPerV).toBeCloseTo(109, 6);
    expect(r.userFigures.headphone).toEqual(["impedanceOhms"]);
  });

  it("takes repeated power ratings into loads", async () => {
    const r = await runJson([
      "check-amp",
      "--headphone",
      "ath-m50x",
      "--power",
      "100mW@32",
      "--power",
      "30mW@300",
    ]);
    expect(r.source.id).toBe("your-source");
    expect(r.available.mw).toBeGreaterThan(0);
  });

  it.each([
    [["--sensitivity", "97"], /no unit: dB\/mW or dB\/V/],
    [["--vout", "2"], /no unit: V, dBu or dBV/],
    [["--power", "100mW"], /into which load/],
    [["--impedance", "ohm"], /--impedance/],
  ])("refuses %j with exit 2 and a hint", async (flags, message) => {
    const r = await runCli(["check-amp", "--headphone", "hd600", ...flags]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(message);
    expect(r.stderr).toMatch(/^hint: /m);
  });

  it("a source as figures alone is checked against every headphone", async () => {
    const r = await runCli(["check-amp", "--vout", "2V", "--zout", "10"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Source \(your figures\) with every headphone/);
    expect(r.stdout).toMatch(/Drives well/);
  });

  it("recommend takes the same source figures for its drive rule", async () => {
    const r = await runCli([
      "recommend",
      "--role",
      "mastering",
      "--vout",
      "0.3V",
      "--zout",
      "30",
      "--json",
    ]);
    expect(r.code).toBe(0);
    const rec = JSON.parse(r.stdout);
    expect(rec.source.id).toBe("your-source");
    expect(rec.userFigures).toEqual({ source: ["outputs", "outputImpedanceOhms"] });
    const drive = rec.results
      .flatMap((x: { reasons: { rule: string }[] }) => x.reasons)
      .filter((x: { rule: string }) => x.rule === "drive");
    expect(drive.length).toBeGreaterThan(0);
  });
});
