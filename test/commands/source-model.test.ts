/** check-amp vectors on the catalog's RME ADI-2 DAC FS (issue 25): the maker's own ratings, not a 120 Ω guess. */
import { describe, expect, it } from "vitest";
import { runJson } from "../helpers/run-cli.js";

const check = (headphone: string) =>
  runJson([
    "check-amp",
    "--headphone",
    headphone,
    "--source",
    "adi-2-dac-fs",
    "--role",
    "mastering",
  ]);

describe("check-amp on the ADI-2 DAC FS", () => {
  it.each([
    // RME: 1.5 W into 32 Ω = √(1.5 × 32) = 6.93 V (was 2.05 V: 9.75 V through 120 Ω).
    ["dt770pro-32", 32, Math.sqrt(1.5 * 32)],
    // About 260 mA into 20 Ω = 5.2 V (was 1.39 V).
    ["lcd-x", 20, 0.26 * 20],
    // +22 dBu = 9.751 V through at most 32·(9.751/6.928 − 1) = 13.04 Ω into 300 Ω = 9.35 V (was 6.93 V).
    ["hd650", 300, (9.7509 * 300) / (300 + 32 * (9.7509 / Math.sqrt(48) - 1))],
  ])("into the %s (%d Ω): %d V at worst", async (id, load, volts) => {
    const c = await check(id);
    expect(c.loadOhms).toBe(load);
    expect(c.available.vrms).toBeCloseTo(volts, 2);
  });
});
