/**
 * The short forms `hpadvise add` (and `measure source --save`) show in a
 * terminal: one question per missing flag, each validated by the same parser
 * as its flag (figures.ts), with the unit traps explained where they bite.
 */

import {
  parseCurrentLimit,
  parseId,
  parseImpedance,
  parsePower,
  parsePrice,
  parseSensitivity,
  parseText,
  parseVout,
  parseZout,
} from "../figures.js";
import { BACKS, DRIVERS, SOURCE_TYPES } from "../options.js";
import type { Prompter } from "./types.js";

/** The parser as a validator; a refusal says its hint too (the unit traps). */
function withHint<T>(parse: (text: string) => T) {
  return (text: string): true | string => {
    try {
      parse(text);
      return true;
    } catch (e) {
      const hint = (e as { hint?: string }).hint;
      return e instanceof Error ? (hint ? `${e.message}: ${hint}` : e.message) : String(e);
    }
  };
}

/** An optional answer: empty means unknown (left out, never zero). */
function optional<T>(parse: (text: string) => T) {
  const check = withHint(parse);
  return (text: string) => (text.trim() === "" ? true : check(text));
}

const required = (what: string) => withHint((t: string) => parseText(t, what));

export interface AskText {
  name: string;
  message: string;
  validate: (text: string) => true | string;
  default?: string | undefined;
}

/** Each question of the forms, by the flag it stands for. */
export const GEAR_QUESTIONS = {
  brand: { name: "brand", message: "Brand:", validate: required("--brand") },
  model: { name: "model", message: "Model:", validate: required("--model") },
  id: {
    name: "id",
    message: "Short id to use in commands (lowercase letters, digits, dashes):",
    validate: withHint(parseId),
  },
  impedance: {
    name: "impedance",
    message: "Nominal impedance in ohms, e.g. 300 (empty if unknown):",
    validate: optional(parseImpedance),
  },
  sensitivity: {
    name: "sensitivity",
    message:
      'Sensitivity with its unit: "102 dB/V" (dB SPL at 1 Vrms) or "97 dB/mW" (at 1 mW).\n' +
      "  Check which one the spec sheet gives: they differ by 15 dB at 32 Ω. (empty if unknown):",
    validate: optional(parseSensitivity),
  },
  vout: {
    name: "vout",
    message:
      'Maximum headphone output voltage: "2V" with nothing connected, or into which load? "1.2V@32".\n' +
      '  A dBu figure ("+13dBu") is referred to 0.775 V, not 1 V. (empty if unknown):',
    validate: optional(parseVout),
  },
  power: {
    name: "power",
    message: 'Maximum output power, into which load? e.g. "100mW@32" (empty if unknown):',
    validate: optional(parsePower),
  },
  zout: {
    name: "zout",
    message: "Headphone output impedance in ohms, e.g. 10 (empty if unknown):",
    validate: optional(parseZout),
  },
  currentLimit: {
    name: "currentLimit",
    message: "Maximum output current in mA (empty if unknown):",
    validate: optional(parseCurrentLimit),
  },
  price: {
    name: "price",
    message: "Price in US dollars (empty to skip):",
    validate: optional(parsePrice),
  },
  ref: {
    name: "ref",
    message:
      "Where did you read these figures? A URL, or a document as Publisher: title,\n" +
      '  e.g. "Sennheiser: HD 600 product sheet". (empty to skip):',
    validate: () => true,
  },
} satisfies Record<string, AskText>;

export type GearQuestion = keyof typeof GEAR_QUESTIONS;

export async function askText(
  prompter: Prompter,
  key: GearQuestion,
  defaultValue?: string,
): Promise<string> {
  const q = GEAR_QUESTIONS[key];
  return (await prompter.input({ ...q, default: defaultValue })).trim();
}

export async function askBack(prompter: Prompter) {
  return prompter.select({
    name: "back",
    message: "Open or closed back?",
    choices: BACKS.map((b) => ({ name: b, value: b })),
  });
}

export async function askDriver(prompter: Prompter) {
  return prompter.select({
    name: "driver",
    message: "Driver type?",
    choices: DRIVERS.map((d) => ({ name: d, value: d })),
  });
}

export async function askType(prompter: Prompter) {
  return prompter.select({
    name: "type",
    message: "What kind of source?",
    choices: SOURCE_TYPES.map((t) => ({ name: t, value: t })),
  });
}
