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
  /** The tone's frequency, in Hz. */
  toneHz: number;
}

export interface MeasureCheck {
  code:
    | "loaded-above-unloaded"
    | "large-drop"
    | "drop-below-resolution"
    | "reading-too-low"
    | "coupling-capacitor";
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
/** The quietest level the tone can be played at (the --level-dbfs range). */
export const LOWEST_LEVEL_DBFS = -40;
/**
 * A higher tone to read again at: within most meters' AC range, and where a
 * typical output coupling capacitor's reactance is a seventh of 60 Hz's.
 */
export const CHECK_TONE_HZ = 400;
/** A common output coupling capacitor, for the example in the message. */
const EXAMPLE_CAPACITOR_F = 220e-6;
/** Below this tone frequency a coupling capacitor's reactance can count in the reading. */
const CAPACITOR_MATTERS_BELOW_HZ = 200;

const reactanceOhms = (hz: number, farads: number) => 1 / (2 * Math.PI * hz * farads);

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
      const lower = Math.max(LOWEST_LEVEL_DBFS, r.levelDbfs - 10);
      const again =
        lower < r.levelDbfs
          ? `Measure again at a lower level than the ${fmt(r.levelDbfs, 1)} dBFS this was read at (e.g. --level-dbfs ${fmt(lower, 1)}): a true output impedance comes out the same, a limit does not`
          : `This was read at ${fmt(r.levelDbfs, 1)} dBFS, already the lowest level: the output impedance is most likely above the resistor's; try a larger resistor`;
      checks.push({
        code: "large-drop",
        severity: "warn",
        message: `the voltage fell by ${Math.round(drop * 100)}% into ${fmt(r.loadOhms, 1)} Ω (${fmt(loadedMa, 1)} mA): either the output impedance really is above the resistor's, or the output clipped or hit its current limit. ${again}`,
      });
    } else if (drop < RESOLUTION_DROP) {
      checks.push({
        code: "drop-below-resolution",
        severity: "info",
        message: `the voltage fell by under ${RESOLUTION_DROP * 100}% into ${fmt(r.loadOhms, 1)} Ω, about a meter's last digit: the output impedance is small (under about ${fmt(r.loadOhms * RESOLUTION_DROP * 1.02, 1)} Ω), the exact figure is not resolved`,
      });
    }
  }
  if (
    outputImpedanceOhms !== null &&
    checks.length === 0 &&
    r.toneHz < CAPACITOR_MATTERS_BELOW_HZ &&
    r.loadedVrms / r.unloadedVrms < 1 - RESOLUTION_DROP
  ) {
    const at = (hz: number) => fmt(reactanceOhms(hz, EXAMPLE_CAPACITOR_F), 1);
    checks.push({
      code: "coupling-capacitor",
      severity: "info",
      message: `at ${fmt(r.toneHz, 0)} Hz an output coupling capacitor's reactance, 1/(2π·f·C), reads as output impedance (220 µF: ${at(r.toneHz)} Ω at ${fmt(r.toneHz, 0)} Hz, ${at(CHECK_TONE_HZ)} Ω at ${CHECK_TONE_HZ} Hz), so ${fmt(outputImpedanceOhms, 2)} Ω may be this output's bass-end figure. To check, read both voltages again with a ${CHECK_TONE_HZ} Hz tone (--tone-hz ${CHECK_TONE_HZ}) if your meter's AC range reaches it: a clearly lower result there is the impedance across most of the band`,
    });
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
