import { describeBadJson } from "./bad-json.js";
import { MAX_RECORD_CHARS, megabytes, tryParse, type FramedItemSink } from "./framed-item.js";
import { createPrettyRecordCollector, type PrettyRecordCollector } from "./pretty-json-collector.js";

export type { FramedItem, FramedItemSink } from "./framed-item.js";

/** A text prefix before a line's JSON (a timestamp, a log level) is at most this long. */
const MAX_PREFIX_CHARS = 200;

/**
 * Turns a log's lines into JSON records, one line at a time:
 * - a JSON value per line (JSONL), optionally after a short text prefix (`2024-05-01T… {…}`);
 * - SSE text: `data: {…}` lines, `data: [DONE]`, and `event:`/`id:`/`retry:`/comment lines skipped;
 * - pretty-printed JSON (an object or array opened by a lone `{`/`[` at column 0), whose records
 *   are collected across lines; a top-level array yields one record per element, so a large
 *   array still streams.
 * A line that cannot be read becomes an error item and everything after it still loads.
 */
export interface RecordFramer {
  push(text: string, line: number, out: FramedItemSink): void;
  end(out: FramedItemSink): void;
}

export function createRecordFramer(): RecordFramer {
  let pretty: PrettyRecordCollector | undefined;

  const push = (raw: string, line: number, out: FramedItemSink): void => {
    if (pretty) {
      const verdict = pretty.push(raw, line, out);
      if (verdict === "consumed") return;
      pretty = undefined;
      if (verdict === "closed") return;
      // "rejected": the open record was cut off; this line starts something new.
    }
    if (raw.length > MAX_RECORD_CHARS) {
      out({ kind: "error", line, message: `line is ${megabytes(raw.length)}, over the ${megabytes(MAX_RECORD_CHARS)} a record may be; skipped` });
      return;
    }
    let start = 0;
    let end = raw.length;
    if (line === 1 && raw.charCodeAt(0) === 0xfeff) start = 1; // byte-order mark
    while (start < end && isSpace(raw.charCodeAt(start))) start++;
    while (end > start && isSpace(raw.charCodeAt(end - 1))) end--;
    if (start === end) return;
    const text = start === 0 && end === raw.length ? raw : raw.slice(start, end);
    const first = text.charCodeAt(0);

    if (first === 0x7b /* { */ || first === 0x5b /* [ */) {
      if (text.length === 1 && start === 0) {
        pretty = createPrettyRecordCollector(text, line);
        return;
      }
      parseInto(text, line, out);
      return;
    }
    if (first === 0x3a /* : */ || /^(?:event|id|retry):/.test(text.slice(0, 6))) return; // SSE framing
    if (text.startsWith("data:")) {
      const payload = text.slice(text.charCodeAt(5) === 0x20 ? 6 : 5).trim();
      if (payload === "[DONE]") out({ kind: "done", line });
      else if (payload !== "") parseInto(payload, line, out);
      return;
    }
    const brace = text.slice(0, MAX_PREFIX_CHARS).indexOf("{");
    const last = text.charCodeAt(text.length - 1);
    if (brace > 0 && last === 0x7d /* } */ && !looksBinary(text)) {
      const value = tryParse(text.slice(brace));
      if (value.ok) {
        out({ kind: "record", value: value.value, line, prefix: text.slice(0, brace).trim() });
        return;
      }
    }
    out({ kind: "error", line, message: describeBadJson(text, undefined) });
  };

  return {
    push,
    end(out) {
      pretty?.end(out);
      pretty = undefined;
    },
  };
}

function parseInto(text: string, line: number, out: FramedItemSink): void {
  const parsed = tryParse(text);
  if (parsed.ok) out({ kind: "record", value: parsed.value, line });
  else out({ kind: "error", line, message: describeBadJson(text, parsed.error) });
}

function looksBinary(text: string): boolean {
  const n = Math.min(text.length, 512);
  for (let i = 0; i < n; i++) {
    const code = text.charCodeAt(i);
    if (code === 0 || code === 0xfffd) return true;
  }
  return false;
}

const isSpace = (code: number): boolean => code === 0x20 || code === 0x09 || code === 0x0d || code === 0x0a;
