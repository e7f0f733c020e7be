import { describe, expect, it } from "vitest";
import { computeMeasurement } from "../../src/core/measure.js";
import { sineWav } from "../../src/core/wav.js";

const readings = (
  levelDbfs: number,
  unloadedVrms: number,
  loadedVrms: number,
  loadOhms: number,
  toneHz = 60,
) => computeMeasurement({ levelDbfs, unloadedVrms, loadedVrms, loadOhms, toneHz });

describe("the multimeter method", () => {
  it.each([
    // Worked by hand: 30 × (1 / 0.9 − 1) = 3.333 Ω (the classic forum example).
    [0, 1.0, 0.9, 30, 1.0, 3.3333],
    // 33 × (1 / 0.8 − 1) = 8.25 Ω; 1 V at −6 dBFS is 1 × 10^(6/20) = 1.9953 V at full scale.
    [-6, 1.0, 0.8, 33, 1.9953, 8.25],
    // 0.5 V at −20 dBFS: 5 V at full scale; 300 × (0.5 / 0.25 − 1) = 300 Ω.
    [-20, 0.5, 0.25, 300, 5.0, 300],
    // No drop: 0 Ω (below what the meter resolves).
    [-3, 2.0, 2.0, 33, 2.8251, 0],
  ])("level %d dBFS, %d V unloaded, %d V loaded into %d Ω", (level, u, l, r, vOpen, zout) => {
    const m = readings(level, u, l, r);
    expect(m.openCircuitVrms).toBeCloseTo(vOpen, 4);
    expect(m.outputImpedanceOhms).toBeCloseTo(zout, 4);
  });

  it("works out the current and power into the resistor at the tone's level", () => {
    // 0.8 V across 33 Ω: 24.24 mA, 0.64/33 W = 19.39 mW.
    const m = readings(-6, 1, 0.8, 33);
    expect(m.loadedMa).toBeCloseTo(24.242, 3);
    expect(m.loadedMw).toBeCloseTo(19.394, 3);
    // Changed on purpose (issue 25): a 60 Hz reading now says what a coupling capacitor does to it.
    expect(m.checks.map((c) => c.code)).toEqual(["coupling-capacitor"]);
  });

  it("at 60 Hz says a coupling capacitor's reactance reads as output impedance, and how to check", () => {
    const m = readings(-6, 1, 0.8, 33);
    // 1 / (2π · 60 Hz · 220 µF) = 12.06 Ω; at 400 Hz 1.81 Ω.
    expect(m.checks[0]?.message).toMatch(
      /220 µF: 12\.1 Ω at 60 Hz, 1\.8 Ω at 400 Hz.*8\.25 Ω may be this output's bass-end figure.*--tone-hz 400/,
    );
    expect(m.checks[0]?.severity).toBe("info");
    // Read again at 400 Hz: nothing more to say.
    expect(readings(-6, 1, 0.8, 33, 400).checks).toEqual([]);
  });

  it("refuses a loaded reading above the unloaded one", () => {
    const m = readings(-3, 0.8, 1.0, 33);
    expect(m.outputImpedanceOhms).toBeNull();
    expect(m.checks).toEqual([
      expect.objectContaining({ code: "loaded-above-unloaded", severity: "error" }),
    ]);
  });

  it("warns that a drop of more than half suggests clipping or a current limit", () => {
    const m = readings(-3, 1.0, 0.3, 16);
    expect(m.outputImpedanceOhms).toBeCloseTo(37.333, 3);
    expect(m.checks).toEqual([expect.objectContaining({ code: "large-drop", severity: "warn" })]);
    // Changed on purpose (issue 25): the level suggested is below the one the reading was taken at.
    expect(m.checks[0]?.message).toMatch(
      /clipped or hit its current limit.*lower level than the -3 dBFS this was read at \(e\.g\. --level-dbfs -13\)/,
    );
  });

  it("never suggests the level a large drop was already read at", () => {
    expect(readings(-12, 1.0, 0.3, 16).checks[0]?.message).toMatch(/--level-dbfs -22\b/);
    expect(readings(-40, 1.0, 0.3, 16).checks[0]?.message).toMatch(
      /read at -40 dBFS, already the lowest level.*larger resistor/,
    );
  });

  it("says when the drop is within a meter's last digit", () => {
    const m = readings(-3, 1.0, 0.995, 33);
    expect(m.checks.map((c) => c.code)).toEqual(["drop-below-resolution"]);
  });

  it("warns about readings at the bottom of a meter's range", () => {
    expect(readings(-3, 0.04, 0.03, 33).checks.map((c) => c.code)).toContain("reading-too-low");
  });
});

describe("the test tone", () => {
  const wav = sineWav({ frequencyHz: 60, levelDbfs: -6, seconds: 1, sampleRate: 48_000 });
  const view = new DataView(wav.buffer, wav.byteOffset, wav.byteLength);
  const text = (at: number, n: number) => String.fromCharCode(...wav.subarray(at, at + n));

  it("is a 16-bit stereo PCM WAV of a whole number of cycles", () => {
    expect(text(0, 4)).toBe("RIFF");
    expect(text(8, 8)).toBe("WAVEfmt ");
    expect(view.getUint16(20, true)).toBe(1);
    expect(view.getUint16(22, true)).toBe(2);
    expect(view.getUint32(24, true)).toBe(48_000);
    expect(view.getUint16(34, true)).toBe(16);
    expect(text(36, 4)).toBe("data");
    // 60 cycles of 800 samples, 2 channels of 2 bytes.
    expect(view.getUint32(40, true)).toBe(48_000 * 4);
    expect(wav.byteLength).toBe(44 + 48_000 * 4);
    expect(view.getUint32(4, true)).toBe(wav.byteLength - 8);
  });

  it("peaks at the level asked for, both channels alike, starting at zero", () => {
    let peak = 0;
    for (let f = 0; f < 48_000; f++) {
      const left = view.getInt16(44 + f * 4, true);
      expect(view.getInt16(46 + f * 4, true)).toBe(left);
      peak = Math.max(peak, Math.abs(left));
    }
    // −6 dBFS: 32767 × 10^(−6/20) = 16422.
    expect(peak).toBe(Math.round(32767 * 10 ** (-6 / 20)));
    expect(view.getInt16(44, true)).toBe(0);
    // A quarter cycle in (200 samples) is the positive peak.
    expect(view.getInt16(44 + 200 * 4, true)).toBe(peak);
  });
});
