/**
 * Figures a user types about their own gear: one parser per kind, shared by
 * the check-amp / recommend flags, `add` and `measure` (flags and prompts), so
 * `--sensitivity 97` and the form's sensitivity question refuse the same thing
 * with the same hint. Each returns plain values or throws a UsageError.
 *
 * Units are required wherever two are common and easily confused (dB/mW and
 * dB/V differ by 10·log10(1000/Z): 15 dB at 32 Ω), and a power always names
 * its load: "100 mW" alone says nothing about the voltage behind it.
 */
import { UsageError } from "./errors.js";

/** A sensitivity as stated: dB SPL at 1 mW or at 1 Vrms. */
export interface StatedSensitivity {
  value: number;
  unit: "dB/mW" | "dB/V";
}

/** An output rating as stated, in the catalog's units. */
export interface StatedOutput {
  value: number;
  unit: "Vrms" | "dBu" | "dBV" | "mW";
  /** The load it was stated into; absent: unloaded (open circuit). */
  loadOhms?: number | undefined;
}

const NUMBER = "([+-]?(?:\\d+(?:\\.\\d*)?|\\.\\d+))";
const OHMS_SUFFIX = "\\s*(?:ohms?|Ω|r)?";

function fail(what: string, text: string, hint: string): never {
  throw new UsageError(`${what}: cannot read "${text}"`, { hint });
}

function checkRange(what: string, value: number, min: number, max: number, unit: string): number {
  if (!Number.isFinite(value) || value < min || value > max) {
    throw new UsageError(`${what} must be between ${min} and ${max} ${unit}, got ${value}`);
  }
  return value;
}

/** Ohms, with or without a unit: "300", "300 ohm", "32Ω". */
function parseOhms(text: string, what: string, min: number, max: number): number {
  const m = new RegExp(`^${NUMBER}${OHMS_SUFFIX}$`, "i").exec(text.trim());
  if (!m) fail(what, text, "give a number of ohms, e.g. 300 or 32");
  return checkRange(what, Number(m[1]), min, max, "Ω");
}

/** A headphone's nominal impedance in ohms. */
export const parseImpedance = (text: string) => parseOhms(text, "--impedance (ohms)", 1, 100_000);

/** A source's output impedance in ohms; 0 is a real answer (many amplifiers are near it). */
export const parseZout = (text: string) => parseOhms(text, "--zout (ohms)", 0, 1000);

/** The resistor used to load a source when measuring it. */
export const parseLoadOhms = (text: string) => parseOhms(text, "--load-ohms (ohms)", 1, 10_000);

export const parseCurrentLimit = (text: string) => {
  const m = new RegExp(`^${NUMBER}\\s*(?:mA)?$`, "i").exec(text.trim());
  if (!m) fail("--current-limit (mA)", text, "give the maximum current in milliamps, e.g. 150");
  return checkRange("--current-limit (mA)", Number(m[1]), 0.1, 100_000, "mA");
};

const SENSITIVITY_HINT =
  'say which unit: "102 dB/V" (dB SPL at 1 Vrms) or "97 dB/mW" (dB SPL at 1 mW). ' +
  "They differ by 10·log10(1000/impedance): 15 dB at 32 Ω, 5 dB at 300 Ω; the spec sheet says which";

/** "102 dB/V", "97 dB/mW", "97dB SPL/mW", "102 dB/Vrms". A bare number is refused. */
export function parseSensitivity(text: string): StatedSensitivity {
  const what = "--sensitivity";
  const t = text.trim();
  if (new RegExp(`^${NUMBER}\\s*(?:dB(?:\\s*SPL)?)?$`, "i").test(t)) {
    throw new UsageError(`${what} "${text}" has no unit: dB/mW or dB/V?`, {
      hint: SENSITIVITY_HINT,
    });
  }
  const m = new RegExp(
    `^${NUMBER}\\s*dB(?:\\s*SPL)?\\s*(?:/|per)\\s*(1\\s*)?(mW|Vrms|V)$`,
    "i",
  ).exec(t);
  if (!m) fail(what, text, SENSITIVITY_HINT);
  const unit = (m[3] as string).toLowerCase() === "mw" ? "dB/mW" : "dB/V";
  return { value: checkRange(what, Number(m[1]), 60, 150, unit), unit };
}

const LOAD = `(?:\\s*@\\s*${NUMBER}${OHMS_SUFFIX})?`;

const VOUT_HINT =
  'e.g. "2V" (unloaded), "2V@32" (2 Vrms into 32 Ω), "+13dBu@300" or "4dBV". ' +
  "dBu is referred to 0.775 V, dBV to 1 V; a figure with no load is taken as unloaded";

/** An output voltage, unloaded or into a load: "2V", "2Vrms@32", "+13dBu@300", "4 dBV". */
export function parseVout(text: string): StatedOutput {
  const what = "--vout";
  const t = text.trim();
  if (new RegExp(`^${NUMBER}${LOAD}$`, "i").test(t)) {
    throw new UsageError(`${what} "${text}" has no unit: V, dBu or dBV?`, { hint: VOUT_HINT });
  }
  const m = new RegExp(`^${NUMBER}\\s*(Vrms|V|mV|dBu|dBV)${LOAD}$`, "i").exec(t);
  if (!m) fail(what, text, VOUT_HINT);
  const raw = (m[2] as string).toLowerCase();
  let value = Number(m[1]);
  let unit: StatedOutput["unit"];
  if (raw === "dbu") unit = "dBu";
  else if (raw === "dbv") unit = "dBV";
  else {
    unit = "Vrms";
    if (raw === "mv") value /= 1000;
  }
  if (unit === "Vrms") checkRange(what, value, 0.001, 1000, "Vrms");
  else checkRange(what, value, -60, 60, unit);
  return withLoad({ value, unit }, m[3], what);
}

const POWER_HINT =
  'e.g. "100mW@32" (100 mW into 32 Ω) or "1.5W@50": a power means nothing without the load it was stated into';

/** A power into a load: "100mW@32", "1.5 W @ 50 ohm". The load is required. */
export function parsePower(text: string): StatedOutput {
  const what = "--power";
  const m = new RegExp(`^${NUMBER}\\s*(mW|W)${LOAD}$`, "i").exec(text.trim());
  if (!m) fail(what, text, POWER_HINT);
  if (m[3] === undefined) {
    throw new UsageError(`${what} "${text}": into which load?`, { hint: POWER_HINT });
  }
  const mw = (m[2] as string).toLowerCase() === "w" ? Number(m[1]) * 1000 : Number(m[1]);
  checkRange(what, mw, 0.01, 100_000, "mW");
  return withLoad({ value: mw, unit: "mW" }, m[3], what);
}

function withLoad(o: StatedOutput, load: string | undefined, what: string): StatedOutput {
  if (load === undefined) return o;
  return { ...o, loadOhms: checkRange(`${what} load`, Number(load), 1, 100_000, "Ω") };
}

/** A test-tone level in dBFS: at or below full scale, and not so low a meter cannot read it. */
export const parseLevelDbfs = (text: string) => {
  const m = new RegExp(`^${NUMBER}\\s*(?:dBFS)?$`, "i").exec(text.trim());
  if (!m) fail("--level-dbfs", text, "e.g. -3 (dB below full scale)");
  return checkRange("--level-dbfs", Number(m[1]), -40, 0, "dBFS");
};

/** The test tone's frequency: 20 Hz to 1 kHz, where multimeters read AC volts at all. */
export const parseToneHz = (text: string) => {
  const m = new RegExp(`^${NUMBER}\\s*(?:Hz)?$`, "i").exec(text.trim());
  if (!m)
    fail("--tone-hz", text, "e.g. 60 (the default) or 400 (to check for a coupling capacitor)");
  return checkRange("--tone-hz", Number(m[1]), 20, 1000, "Hz");
};

/** A multimeter's AC voltage reading: "1.00", "1.00 V", "850 mV". */
export function parseReading(text: string, what: string): number {
  const m = new RegExp(`^${NUMBER}\\s*(V|Vrms|VAC|mV)?$`, "i").exec(text.trim());
  if (!m) fail(what, text, "give the meter's AC voltage reading in volts, e.g. 1.02 (or 850 mV)");
  const v = (m[2] ?? "").toLowerCase() === "mv" ? Number(m[1]) / 1000 : Number(m[1]);
  return checkRange(what, v, 0.001, 1000, "V");
}

/** Price in US dollars. */
export const parsePrice = (text: string) => {
  const m = new RegExp(`^\\$?\\s*${NUMBER}\\s*(?:USD|\\$)?$`, "i").exec(text.trim());
  if (!m) fail("--price (US dollars)", text, "e.g. 199");
  return checkRange("--price (US dollars)", Number(m[1]), 1, 100_000, "USD");
};

/** A catalog id: lowercase letters, digits and dashes. */
export function parseId(text: string): string {
  const t = text.trim();
  if (!/^[a-z0-9][a-z0-9-]*$/.test(t)) {
    throw new UsageError(`--id "${text}" is not an id`, {
      hint: "ids are lowercase letters, digits and dashes, e.g. my-interface or hd600-mine",
    });
  }
  return t;
}

/** A non-empty line of text (brand, model, where you read it). */
export function parseText(text: string, what: string): string {
  const t = text.trim();
  if (t === "") throw new UsageError(`${what} cannot be empty`);
  return t;
}
