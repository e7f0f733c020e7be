/**
 * Colour and number formatting for renderers. Colour is decided once per run
 * (chalk's detection, NO_COLOR, a pipe) and passed in; renderers never look
 * at the environment.
 */
import { Chalk, type ChalkInstance } from "chalk";
import { money } from "../core/format.js";

export function makeChalk(color: boolean): ChalkInstance {
  return new Chalk({ level: color ? 1 : 0 });
}

export const DASH = "—";

/** A number with at most `digits` decimals, trailing zeros dropped; a dash for null. */
export function num(value: number | null | undefined, digits = 1): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return DASH;
  return String(Number(value.toFixed(digits)));
}

export function withUnit(value: number | null | undefined, unit: string, digits = 1): string {
  const n = num(value, digits);
  return n === DASH ? n : `${n} ${unit}`;
}

export function usd(value: number | null | undefined, approximate = false): string {
  if (value === null || value === undefined) return DASH;
  return money(value, approximate);
}
