import { MAX_RECORD_CHARS, tryParse } from "./framed-item.js";

/** Whether a string is SSE text (`data: …` / `event: …` lines), as proxies store a streamed body. */
export function isSseText(text: string): boolean {
  let i = 0;
  while (i < text.length && (text.charCodeAt(i) === 0x20 || text.charCodeAt(i) === 0x0a || text.charCodeAt(i) === 0x0d)) i++;
  return text.startsWith("data:", i) || text.startsWith("event:", i);
}

/**
 * The JSON payloads of SSE text, in order (`[DONE]` and unparseable payloads are left out: a body
 * stored inside a record is either whole or the record says nothing useful about the bad part).
 */
export function sseTextPayloads(text: string): unknown[] {
  const payloads: unknown[] = [];
  if (text.length > MAX_RECORD_CHARS) return payloads;
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf("\n", start);
    if (end === -1) end = text.length;
    if (text.startsWith("data:", start)) {
      const payload = text.slice(start + 5, end).trim();
      if (payload !== "" && payload !== "[DONE]") {
        const parsed = tryParse(payload);
        if (parsed.ok) payloads.push(parsed.value);
      }
    }
    start = end + 1;
  }
  return payloads;
}
