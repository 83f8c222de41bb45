/**
 * Text made safe to show on a terminal. What tooldbg shows from logs, sessions, fixtures and tools
 * is untrusted, and a control character in it is read by the terminal as a command: ESC starts
 * sequences that move the cursor, rewrite lines already shown, set the window title or the
 * clipboard (OSC 52); a carriage return overwrites the line. Every C0 and C1 control except
 * newline and tab, DEL, and the bidirectional overrides that reorder what a line shows ("Trojan
 * Source") are written as visible escapes (`\u001b`), as JSON would spell them.
 */
const UNSAFE = "[\\u0000-\\u0008\\u000b-\\u001f\\u007f-\\u009f\\u202a-\\u202e\\u2066-\\u2069]";
const ANY_UNSAFE = new RegExp(UNSAFE);
const EVERY_UNSAFE = new RegExp(UNSAFE, "g");

const escaped = (char: string): string => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`;

/** The text with every unsafe character escaped (the same string when it has none). */
export function printable(text: string): string {
  return ANY_UNSAFE.test(text) ? text.replace(EVERY_UNSAFE, escaped) : text;
}

/**
 * A printable() that keeps the sequences `own` matches: the caller's own colour codes, written
 * around the untrusted parts. Each such sequence starts with an unsafe character (ESC).
 */
export function printableKeeping(own: RegExp): (text: string) => string {
  const pattern = new RegExp(`${own.source}|${UNSAFE}`, "g");
  return (text) => (ANY_UNSAFE.test(text) ? text.replace(pattern, (match) => (match.length > 1 ? match : escaped(match))) : text);
}
