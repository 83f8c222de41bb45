/** How much of a bad line is quoted back in its error message. */
const QUOTE_CHARS = 40;

/**
 * Says what is wrong with a line that did not parse, in words a person can act on: binary data,
 * a record cut off before its end, or JSON broken somewhere inside (with V8's reason).
 */
export function describeBadJson(text: string, error: unknown): string {
  if (isBinary(text)) return "binary data, not a JSON or SSE text line";
  const first = text.charCodeAt(0);
  if (first !== 0x7b /* { */ && first !== 0x5b /* [ */) {
    return `not JSON: starts with ${quote(text)}`;
  }
  const reason = error instanceof Error ? error.message : "";
  if (endsEarly(text, reason)) return `record is cut off: its JSON ends after ${text.length} characters, before the record closes`;
  return `invalid JSON: ${reason.length > 160 ? `${reason.slice(0, 160)}…` : reason || "unparseable"}`;
}

/** V8 reports a cut-off document as "Unexpected end…", "Unterminated string…" or an error at the last position. */
function endsEarly(text: string, reason: string): boolean {
  if (reason.includes("end of JSON input") || reason.includes("Unterminated string")) return true;
  const at = /at position (\d+)/.exec(reason);
  return at?.[1] !== undefined && Number(at[1]) >= text.length - 1;
}

function isBinary(text: string): boolean {
  const n = Math.min(text.length, 1024);
  let odd = 0;
  for (let i = 0; i < n; i++) {
    const code = text.charCodeAt(i);
    if (code === 0) return true;
    if (code === 0xfffd || (code < 0x20 && code !== 0x09)) odd++;
  }
  return odd >= 3 || (odd > 0 && odd * 20 >= n);
}

function quote(text: string): string {
  const head = text.slice(0, QUOTE_CHARS);
  return JSON.stringify(text.length > QUOTE_CHARS ? `${head}…` : head);
}
