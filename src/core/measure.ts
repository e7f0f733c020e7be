/**
 * Measuring a headphone output with a multimeter, the classic way: play a
 * sine at a known level below full scale, read the AC voltage with nothing
 * connected (the open-circuit voltage), then across a known resistor. The
 * output is a voltage source behind its output impedance, so
 *
 *   Zout = R · (Vunloaded / Vloaded − 1)
 *
 * and the open-circuit voltage at full scale is the unloaded reading scaled
 * up by the level the tone was played below it. Pure arithmetic.
 */

export interface Readings {
  /** The tone's level, dB below full scale (0 or negative). */
  levelDbfs: number;
  /** AC volts read with nothing connected. */
  unloadedVrms: number;
  /** AC volts read across the resistor. */
  loadedVrms: number;
  /** The resistor, in ohms. */
  loadOhms: number;
}

export interface MeasureCheck {
  code: "loaded-above-unloaded" | "large-drop" | "drop-below-resolution" | "reading-too-low";
  severity: "error" | "warn" | "info";
  message: string;
}

export interface Measurement {
  inputs: Readings;
  /** Open-circuit voltage the output would give at 0 dBFS. */
  openCircuitVrms: number;
  /** Null when the readings cannot give one (loaded above unloaded). */
  outputImpedanceOhms: number | null;
  /** Into the resistor at the tone's level: current and power. */
  loadedMa: number;
  loadedMw: number;
  checks: MeasureCheck[];
  /** The arithmetic, one line per step. */
  steps: string[];
}

/** Below this fraction of voltage lost into the load, a 3½-digit meter's last digit decides. */
export const RESOLUTION_DROP = 0.02;
/** Readings under this are at the bottom of most meters' AC ranges. */
export const LOW_READING_V = 0.05;

const fmt = (n: number, digits = 3) => Number(n.toFixed(digits)).toString();

export function computeMeasurement(r: Readings): Measurement {
  const scale = 10 ** (-r.levelDbfs / 20);
  const openCircuitVrms = r.unloadedVrms * scale;
  const loadedMa = (r.loadedVrms / r.loadOhms) * 1000;
  const loadedMw = ((r.loadedVrms * r.loadedVrms) / r.loadOhms) * 1000;
  const checks: MeasureCheck[] = [];
  const steps = [
    `open-circuit at 0 dBFS = ${fmt(r.unloadedVrms)} V × 10^(${fmt(-r.levelDbfs, 2)}/20) = ${fmt(openCircuitVrms)} Vrms`,
  ];
  let outputImpedanceOhms: number | null = null;
  if (r.loadedVrms > r.unloadedVrms) {
    checks.push({
      code: "loaded-above-unloaded",
      severity: "error",
      message: `the reading across ${fmt(r.loadOhms, 1)} Ω (${fmt(r.loadedVrms)} V) is higher than with nothing connected (${fmt(r.unloadedVrms)} V): a load can only lower the voltage. Were the readings swapped, or the volume changed between them? Measure both again`,
    });
  } else {
    outputImpedanceOhms = r.loadOhms * (r.unloadedVrms / r.loadedVrms - 1);
    steps.push(
      `output impedance = ${fmt(r.loadOhms, 1)} Ω × (${fmt(r.unloadedVrms)} / ${fmt(r.loadedVrms)} − 1) = ${fmt(outputImpedanceOhms, 2)} Ω`,
    );
    const drop = 1 - r.loadedVrms / r.unloadedVrms;
    if (drop > 0.5) {
      checks.push({
        code: "large-drop",
        severity: "warn",
        message: `the voltage fell by ${Math.round(drop * 100)}% into ${fmt(r.loadOhms, 1)} Ω (${fmt(loadedMa, 1)} mA): either the output impedance really is above the resistor's, or the output clipped or hit its current limit. Measure again at a lower level (e.g. --level-dbfs -12): a true output impedance comes out the same, a limit does not`,
      });
    } else if (drop < RESOLUTION_DROP) {
      checks.push({
        code: "drop-below-resolution",
        severity: "info",
        message: `the voltage fell by under ${RESOLUTION_DROP * 100}% into ${fmt(r.loadOhms, 1)} Ω, about a meter's last digit: the output impedance is small (under about ${fmt(r.loadOhms * RESOLUTION_DROP * 1.02, 1)} Ω), the exact figure is not resolved`,
      });
    }
  }
  if (r.loadedVrms < LOW_READING_V) {
    checks.push({
      code: "reading-too-low",
      severity: "warn",
      message: `a reading under ${LOW_READING_V * 1000} mV is near the bottom of most meters' AC ranges: turn the output up (volume at maximum) or use a larger resistor`,
    });
  }
  steps.push(
    `into ${fmt(r.loadOhms, 1)} Ω at ${fmt(r.levelDbfs, 1)} dBFS: ${fmt(loadedMa, 2)} mA, ${fmt(loadedMw, 2)} mW`,
  );
  return { inputs: r, openCircuitVrms, outputImpedanceOhms, loadedMa, loadedMw, checks, steps };
}
