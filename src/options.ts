/**
 * Option values shared by flags and prompts: one parser per kind of value, so
 * `--budget 500` and the interactive budget question accept and reject the
 * same things with the same message. Each returns the value or throws a
 * UsageError naming the flag.
 *
 * Hand-written rather than zod: these run on every command, and zod's import
 * alone costs about as much as Node's start-up (see README, Performance).
 */
import { UsageError } from "./errors.js";

export { ROLES, type Role } from "./core/roles.js";
export const BACKS = ["open", "closed", "semi-open"] as const;
export const DRIVERS = ["dynamic", "planar", "electrostatic"] as const;

/** A finite number within [min, max]; `what` names the flag in the message. */
export function parseNumberIn(text: string, what: string, min: number, max: number): number {
  const trimmed = text.trim();
  const value = trimmed === "" ? Number.NaN : Number(trimmed);
  if (!Number.isFinite(value)) {
    throw new UsageError(`${what} expects a number, got "${text}"`);
  }
  if (value < min || value > max) {
    throw new UsageError(`${what} must be between ${min} and ${max}, got ${value}`);
  }
  return value;
}

export function parseInteger(text: string, what: string, min: number, max: number): number {
  const value = parseNumberIn(text, what, min, max);
  if (!Number.isInteger(value))
    throw new UsageError(`${what} expects a whole number, got "${text}"`);
  return value;
}

/** For prompts: the same check as a validator returning true or the message. */
export function validatorOf<T>(parse: (text: string) => T): (text: string) => true | string {
  return (text) => {
    try {
      parse(text);
      return true;
    } catch (e) {
      return e instanceof Error ? e.message : String(e);
    }
  };
}

export const parseBudget = (text: string) =>
  parseNumberIn(text, "--budget (US dollars)", 1, 100_000);
export const parseMaxPrice = (text: string) =>
  parseNumberIn(text, "--max-price (US dollars)", 1, 100_000);
export const parseMaxWeight = (text: string) =>
  parseNumberIn(text, "--max-weight (grams)", 50, 2000);
export const parseTop = (text: string) => parseInteger(text, "--top", 1, 1000);
export const parseTargetSpl = (text: string) =>
  parseNumberIn(text, "--target-spl (dB SPL)", 60, 140);
export const parseEqHeadroom = (text: string) => parseNumberIn(text, "--eq-headroom (dB)", 0, 30);
