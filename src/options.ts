/**
 * Option values shared by flags and prompts: one parser per kind of value, so
 * `--budget 500` and the interactive budget question accept and reject the
 * same things with the same message. Each returns the value or throws a
 * UsageError naming the flag.
 *
 * Hand-written rather than zod: these run on every command, and zod's import
 * alone costs about as much as Node's start-up (see README, Performance).
 */
import { ROLES as ROLE_LIST, type Role } from "./core/roles.js";
import { UsageError } from "./errors.js";

export { ROLES, type Role } from "./core/roles.js";
export { BACKS, DRIVERS, SOURCE_TYPES } from "./core/vocabulary.js";

/** Plain decimal: `500`, `-3`, `1.5`, `.5`; never hex, binary, octal or an exponent (`0x1F4` is not 500 g). */
const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/;

/** A finite decimal number within [min, max]; `what` names the flag in the message. */
export function parseNumberIn(text: string, what: string, min: number, max: number): number {
  const trimmed = text.trim();
  if (!DECIMAL.test(trimmed)) {
    throw new UsageError(`${what} expects a number, got "${text}"`, {
      hint: "a plain decimal such as 500 or 1.5 (no hex, binary or exponent)",
    });
  }
  const value = Number(trimmed);
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

/**
 * US dollars as people write them: `500`, `$2,000`, `2k`, `1.5k`, `2000 USD`.
 * Commas count only as thousands separators, so `2,5` is refused, not 25.
 */
export function parseDollars(text: string, what: string, min: number, max: number): number {
  const m = /^\s*(?:US)?\$?\s*(\d{1,3}(?:,\d{3})+|\d*\.?\d+)\s*([kK])?\s*(?:USD)?\s*$/.exec(text);
  if (!m) {
    throw new UsageError(`${what} expects an amount such as 500, $2,000 or 2k, got "${text}"`);
  }
  const value = Number((m[1] as string).replace(/,/g, "")) * (m[2] ? 1000 : 1);
  return parseNumberIn(String(value), what, min, max);
}

/** The most a budget may be, from the flag or the config. */
export const MAX_BUDGET_USD = 100_000;

export const parseBudget = (text: string) =>
  parseDollars(text, "--budget (US dollars)", 1, MAX_BUDGET_USD);
export const parseMaxPrice = (text: string) =>
  parseDollars(text, "--max-price (US dollars)", 1, 100_000);
export const parseMaxWeight = (text: string) =>
  parseNumberIn(text, "--max-weight (grams)", 50, 2000);
export const parseTop = (text: string) => parseInteger(text, "--top", 1, 1000);
/** `recommend --top`: a count, or `all` (every model, as Infinity). */
export const parseTopOrAll = (text: string) =>
  text.trim().toLowerCase() === "all" ? Number.POSITIVE_INFINITY : parseTop(text);
/** Peaks past this are at the threshold of pain: a typo or a hazard, never a target. */
export const MAX_TARGET_SPL_DB = 130;

export function parseTargetSpl(text: string): number {
  const spl = parseNumberIn(text, "--target-spl (dB SPL)", 60, Number.POSITIVE_INFINITY);
  if (spl > MAX_TARGET_SPL_DB) {
    throw new UsageError(
      `--target-spl ${spl} dB SPL is past the threshold of pain (about ${MAX_TARGET_SPL_DB} dB SPL); hpadvise checks targets up to ${MAX_TARGET_SPL_DB}`,
      {
        hint: "NIOSH's recommended limit is 85 dBA for 8 hours, halving for every 3 dB more (100 dBA: 15 minutes); the roles' targets are 103 to 110 dB SPL peaks",
      },
    );
  }
  return spl;
}
export const parseEqHeadroom = (text: string) => parseNumberIn(text, "--eq-headroom (dB)", 0, 30);

/** `--roles tracking,mixing`: a comma-separated list of roles, each once. */
export function parseRoles(text: string): Role[] {
  const parts = text
    .split(",")
    .map((p) => p.trim())
    .filter((p) => p !== "");
  const bad = parts.filter((p) => !(ROLE_LIST as readonly string[]).includes(p));
  if (parts.length === 0 || bad.length > 0)
    throw new UsageError(
      `--roles expects roles separated by commas (${ROLE_LIST.join(", ")}), got "${text}"`,
    );
  return [...new Set(parts as Role[])];
}
