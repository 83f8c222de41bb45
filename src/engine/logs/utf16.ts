/**
 * UTF-16 logs. Windows PowerShell's `>` and `Out-File` write UTF-16 with a byte-order mark, so a
 * log saved that way (`kubectl logs pod > prod.jsonl`) is not UTF-8; it is read through a
 * decoder, its lines as they would be in UTF-8. Only a byte-order mark says so: without one the
 * text is taken as UTF-8, as everywhere else.
 */
export type Utf16 = "utf-16le" | "utf-16be";

/** The UTF-16 flavour the first bytes' byte-order mark names, if they start with one. */
export function utf16Of(head: Uint8Array): Utf16 | undefined {
  if (head.length < 2) return undefined;
  if (head[0] === 0xff && head[1] === 0xfe) return "utf-16le";
  if (head[0] === 0xfe && head[1] === 0xff) return "utf-16be";
  return undefined;
}

/** The text of UTF-16 bytes (a code unit cut at the end becomes U+FFFD; the byte-order mark is dropped). */
export const decodeUtf16 = (bytes: Uint8Array, encoding: Utf16): string => new TextDecoder(encoding).decode(bytes);
