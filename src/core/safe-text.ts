/**
 * Text from a catalog (or typed by a user) made safe to show on a terminal,
 * in one place. A shared catalog must not be able to clear the screen, set
 * the clipboard (OSC 52), disguise a link (OSC 8) or reverse the text around
 * it (U+202E): control characters (C0 but newline and tab, DEL, C1) are shown
 * as `\xNN`, and invisible formatting characters (bidi controls, zero-width
 * characters, line and paragraph separators) as `\u{NNNN}`.
 */

/** C0 but tab and newline, DEL, C1, and the invisible formatting characters. */
const UNSAFE_CLASS =
  "[\\u0000-\\u0008\\u000b-\\u001f\\u007f-\\u009f\\u00ad\\u061c\\u180e\\u200b-\\u200f\\u2028-\\u202e\\u2060-\\u206f\\ufeff\\ufff9-\\ufffb]";
const UNSAFE = new RegExp(UNSAFE_CLASS, "g");
const HAS_UNSAFE = new RegExp(UNSAFE_CLASS);

function shownEscaped(c: string): string {
  const code = c.charCodeAt(0);
  return code < 0x100
    ? `\\x${code.toString(16).padStart(2, "0")}`
    : `\\u{${code.toString(16).padStart(4, "0")}}`;
}

/** `text` with every unsafe character shown escaped; the same string when there is none. */
export function safeText(text: string): string {
  return HAS_UNSAFE.test(text) ? text.replace(UNSAFE, shownEscaped) : text;
}

/**
 * Every string in a plain value (objects, arrays) made safe; the same value
 * when nothing needed it, so the common clean catalog costs one test per string.
 */
export function safeStrings<T>(value: T): T {
  if (typeof value === "string") return safeText(value) as T;
  if (Array.isArray(value)) {
    let out: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const v = safeStrings(value[i]);
      if (v !== value[i]) {
        out ??= value.slice();
        out[i] = v;
      }
    }
    return (out ?? value) as T;
  }
  if (value !== null && typeof value === "object") {
    let out: Record<string, unknown> | undefined;
    for (const [k, v] of Object.entries(value)) {
      const safeKey = safeText(k);
      const safe = safeStrings(v);
      if (safe !== v || safeKey !== k) {
        out ??= { ...(value as Record<string, unknown>) };
        if (safeKey !== k) delete out[k];
        out[safeKey] = safe;
      }
    }
    return (out ?? value) as T;
  }
  return value;
}

/** A name for a message: made safe, at most 60 characters, in quotes. */
export function quoteName(name: string): string {
  // On one line: a message is one line.
  const safe = safeText(name).replace(/\n/g, "\\n").replace(/\t/g, "\\t");
  return `"${safe.length > 60 ? `${safe.slice(0, 57)}...` : safe}"`;
}
