/** `value` as one JSON text with a final newline: what every --json prints. */
export function toJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
