/**
 * Text from answers, packs and stored records goes to a terminal that obeys escape sequences: one
 * `\x1b[2J` in an answer would clear the screen when its feedback quotes it. Everything that is not
 * our own styling passes through here on its way out; style.ts adds its colour codes afterwards.
 */

// Sequences are removed whole, so no leftover parameters ("[2J", "]0;title") are shown in their place.
const stringSequence = /(?:\x1b[P\]X^_]|[\x90\x98\x9d\x9e\x9f])[\s\S]*?(?:\x07|\x1b\\|\x9c)/g;
const controlSequence = /(?:\x1b\[|\x9b)[\x30-\x3f]*[\x20-\x2f]*[\x40-\x7e]/g;
const escapeSequence = /\x1b[\x20-\x2f]*[\x30-\x7e]/g;
// Newline and tab lay text out; every other C0 control, DEL and the C1 controls can steer a terminal.
const loneControl = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/g;

/** The text with every terminal control sequence and control character taken out; newlines and tabs stay. */
export function safeText(text: string): string {
  return text
    .replace(stringSequence, '')
    .replace(controlSequence, '')
    .replace(escapeSequence, '')
    .replace(loneControl, '');
}

/** A copy of a reply (or any plain data) with `safeText` applied to every string in it. */
export function safeData<T>(value: T): T {
  if (typeof value === 'string') return safeText(value) as T;
  if (Array.isArray(value)) return value.map((item) => safeData(item)) as T;
  // Only plain records: anything else (bytes, a class instance) is not text and keeps its prototype.
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, safeData(item)])) as T;
  }
  return value;
}

/**
 * JSON for a terminal: JSON.stringify escapes C0 controls but writes DEL and the C1 controls as they
 * are, and some terminals act on C1. Escaped, they parse back to the same strings.
 */
export function safeJson(value: unknown, indent?: number): string {
  return JSON.stringify(value, null, indent).replace(
    /[\x7f-\x9f]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
