/**
 * Ordering helpers. Plain code-unit comparison, not localeCompare: ids are
 * ASCII, and the first localeCompare or toLocaleString in a process
 * initialises ICU, a start-up cost every command would pay.
 */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** 1234567 -> "1,234,567" without Intl. */
export function groupThousands(n: number): string {
  const digits = String(Math.round(Math.abs(n)));
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return n < 0 ? `-${grouped}` : grouped;
}
