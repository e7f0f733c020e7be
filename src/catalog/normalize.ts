/** What people type, folded: `HD 800 S`, `hd800s` and `HD-800-S` are one name. */
export function normalizeName(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, "");
}
