/**
 * Figures in sentences, written the same way wherever they appear (verdict,
 * flags, --explain's arithmetic, tables): a true minus sign, never "−0",
 * trailing zeros dropped, and small quantities to significant figures rather
 * than rounded to nothing; and ids and names sorted the same way everywhere.
 */
import type { Verdict } from "./amp.js";

const MINUS = "−";

/** `n` to at most `digits` decimals: "2.5", "−3.1", "0" (never "−0"). */
export function fixed(n: number, digits = 1): string {
  const r = Number(n.toFixed(digits));
  if (r === 0) return "0";
  return r < 0 ? `${MINUS}${String(-r)}` : String(r);
}

/**
 * `n` to `digits` significant figures, without an exponent: 0.00316 mW stays
 * "0.00316", not "0"; large figures keep their integer part (1234 → "1234").
 */
export function sig(n: number, digits = 3): string {
  if (n === 0 || !Number.isFinite(n)) return fixed(n, 0);
  const magnitude = Math.floor(Math.log10(Math.abs(n)));
  const decimals = Math.min(12, Math.max(0, digits - 1 - magnitude));
  return fixed(n, decimals);
}

/** A level difference with its sign: "+6.9 dB", "−3.1 dB", "0 dB". */
export function signedDb(n: number, digits = 1): string {
  const text = fixed(n, digits);
  return text === "0" || text.startsWith(MINUS) ? `${text} dB` : `+${text} dB`;
}

/**
 * A headroom as its verdict reads it. A marginal headroom is cut toward zero,
 * so 2.96 dB inside a ±3 dB band shows as "+2.9 dB", never "+3 dB" beside
 * MARGINAL.
 */
export function headroomText(headroomDb: number, verdict: Verdict): string {
  const shown = verdict === "marginal" ? Math.trunc(headroomDb * 10) / 10 : headroomDb;
  return signedDb(shown);
}

/**
 * Money, written one way everywhere (tables, sentences, JSON messages):
 * "$4,000"; an approximate price (low confidence or undated) "about $109".
 */
export function money(usd: number, approximate = false): string {
  const text = `$${groupThousands(usd)}`;
  return approximate ? `about ${text}` : text;
}

/**
 * Text in order: plain code-unit comparison, not localeCompare. Ids are
 * ASCII, and the first localeCompare or toLocaleString in a process
 * initialises ICU, a start-up cost every command would pay.
 */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** 1234567 -> "1,234,567" without Intl. */
function groupThousands(n: number): string {
  const digits = String(Math.round(Math.abs(n)));
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return n < 0 ? `-${grouped}` : grouped;
}
