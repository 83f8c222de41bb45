import { describeBadJson } from "./bad-json.js";
import { errorSpan, MAX_RECORD_CHARS, megabytes, tryParse, type FramedItemSink, type ParseResult, type RecordParser } from "./framed-item.js";
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

export interface JsonLineLimits {
  /** Longer lines are reported and skipped unparsed. */
  maxLineChars?: number;
  /** Larger multi-line records are reported and skipped. */
  maxRecordChars?: number;
}

/**
 * `rich` (the default) reads as described above. `plain` reads JSON only, for adapters that read the
 * rest themselves: every line that is not valid JSON is offered to `other` first (SSE lines, Python
 * reprs, console text; true means the adapter read it), a line whose brackets stay open starts a
 * multi-line record that is parsed whole (an array too, as one record at its first line), and the
 * size limits can be set (tests lower them).
 */
export type RecordFramerOptions =
  | { style?: "rich"; /** Parses each single-line record (default JSON.parse); the adapter's own, e.g. ChatLineParser. */ parse?: RecordParser }
  | { style: "plain"; limits?: JsonLineLimits; other?: (text: string, line: number) => boolean };

export function createRecordFramer(options: RecordFramerOptions = {}): RecordFramer {
  return options.style === "plain" ? createPlainFramer(options.limits ?? {}, options.other) : createRichFramer(options.parse ?? tryParse);
}

function createRichFramer(parse: RecordParser): RecordFramer {
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
      parseInto(parse(text), text, line, out);
      return;
    }
    if (first === 0x3a /* : */ || /^(?:event|id|retry):/.test(text.slice(0, 6))) return; // SSE framing
    if (text.startsWith("data:")) {
      const payload = text.slice(text.charCodeAt(5) === 0x20 ? 6 : 5).trim();
      if (payload === "[DONE]") out({ kind: "done", line });
      else if (payload !== "") parseInto(parse(payload), payload, line, out);
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
    // Valid JSON that is no record at all (a bare string, number, true/false or null): said so, not "not JSON".
    const scalar = tryParse(text);
    if (scalar.ok) {
      out({ kind: "error", line, message: `unknown shape: a lone JSON ${scalar.value === null ? "null" : typeof scalar.value}, not a record` });
      return;
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

function parseInto(parsed: ParseResult, text: string, line: number, out: FramedItemSink): void {
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

export const DEFAULT_MAX_LINE_CHARS = 16 * 1024 * 1024;
/**
 * A multi-line record is gathered in parts and joined before it is parsed, so it costs about
 * three times its size at once: a 34 MB pretty-printed OTLP export (at 64 MB, the limit this had)
 * ran the reading thread out of its 96 MB heap.
 */
export const DEFAULT_MAX_RECORD_CHARS = 8 * 1024 * 1024;

interface ScanState {
  depth: number;
  inString: boolean;
  escaped: boolean;
}

/** Tracks bracket depth outside JSON strings; cheap enough to run only on lines that failed to parse. */
function scan(text: string, state: ScanState): void {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (state.inString) {
      if (state.escaped) state.escaped = false;
      else if (c === 0x5c) state.escaped = true;
      else if (c === 0x22) state.inString = false;
    } else if (c === 0x22) state.inString = true;
    else if (c === 0x7b || c === 0x5b) state.depth++;
    else if (c === 0x7d || c === 0x5d) state.depth--;
  }
}

/** NUL bytes, or many control / replacement characters: a binary file or a damaged region. */
function looksBinaryLine(text: string): boolean {
  if (text.includes("\u0000")) return true;
  const n = Math.min(text.length, 4096);
  let odd = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || c === 0xfffd) odd++;
  }
  return odd >= 4 && odd * 8 > n;
}

const preview = (text: string): string => {
  const head = text.trim().slice(0, 40);
  return text.trim().length > 40 ? `${head}…` : head;
};

/** The `plain` style (see RecordFramerOptions). */
function createPlainFramer(limits: JsonLineLimits, other: ((text: string, line: number) => boolean) | undefined): RecordFramer {
  const maxLineChars = limits.maxLineChars ?? DEFAULT_MAX_LINE_CHARS;
  const maxRecordChars = limits.maxRecordChars ?? DEFAULT_MAX_RECORD_CHARS;
  /**
   * The open multi-line record, if any, and the last line it has read. `parts` is undefined once it
   * grew too large (still scanned, to find its end: it is reported when its span is known).
   */
  let doc: { start: number; last: number; parts: string[] | undefined; chars: number; state: ScanState } | undefined;
  const overLimit = `multi-line JSON record is over the ${megabytes(maxRecordChars)} limit; skipped`;
  /** The open record is cut off or the file ends: said with its span so far (over the limit, if it was: that says more). */
  const reportOpen = (message: string, out: FramedItemSink): void => {
    const open = doc;
    if (open === undefined) return;
    doc = undefined;
    out({ kind: "error", line: open.start, message: open.parts === undefined ? overLimit : message, ...errorSpan(open.start, open.last) });
  };
  let sawFirstLine = false;

  const freshLine = (text: string, line: number, out: FramedItemSink): void => {
    if (text.length > maxLineChars) {
      out({ kind: "error", line, message: `line is ${megabytes(text.length)} long, over the ${megabytes(maxLineChars)} limit; skipped` });
      return;
    }
    const trimmed = text.trim();
    if (trimmed === "") return;
    let failure: string;
    try {
      // The adapter reads the record inside this try, as it always has: its own exception is
      // reported like a parse failure of the line.
      out({ kind: "record", value: JSON.parse(trimmed) as unknown, line });
      return;
    } catch (error) {
      failure = error instanceof Error ? error.message : String(error);
    }
    // Only a line that is not JSON can be binary data: a JSON text holds no raw NUL or control
    // character, and a record whose strings hold replacement characters is still a record. (Run
    // on every line first, the check took 3% of a long AutoGen log's scan.)
    if (looksBinaryLine(trimmed)) {
      out({ kind: "error", line, message: "binary data, not a text log line; skipped" });
      return;
    }
    const first = trimmed[0];
    const jsonStart = first === "{" || first === "[";
    if (other?.(text, line) === true) return;
    if (!jsonStart) {
      out({ kind: "error", line, message: `not JSON: "${preview(text)}"` });
      return;
    }
    const state: ScanState = { depth: 0, inString: false, escaped: false };
    scan(trimmed, state);
    if (state.inString || state.depth <= 0) {
      const truncated = state.inString || /end of (JSON )?(input|data)|unterminated/i.test(failure);
      out({ kind: "error", line, message: truncated ? "truncated JSON record: it ends mid-value" : `invalid JSON: ${failure}` });
      return;
    }
    // Unclosed brackets at a line end: the start of a pretty-printed record (or a cut-off line,
    // which the next line reveals).
    doc = { start: line, last: line, parts: [trimmed], chars: trimmed.length, state };
  };

  const appendToDocument = (text: string, line: number, out: FramedItemSink): void => {
    const open = doc;
    if (open === undefined) return;
    scan(text, open.state);
    open.last = line;
    open.chars += text.length + 1;
    if (open.parts !== undefined) {
      if (open.chars > maxRecordChars) open.parts = undefined;
      else open.parts.push(text);
    }
    if (open.state.depth > 0 || open.state.inString) return;
    doc = undefined;
    const span = errorSpan(open.start, line);
    if (open.parts === undefined) {
      out({ kind: "error", line: open.start, message: overLimit, ...span });
      return;
    }
    try {
      out({ kind: "record", value: JSON.parse(open.parts.join("\n")) as unknown, line: open.start });
    } catch (error) {
      out({ kind: "error", line: open.start, message: `invalid JSON in multi-line record: ${error instanceof Error ? error.message : String(error)}`, ...span });
    }
  };

  return {
    push(raw, line, out) {
      let text = raw;
      if (!sawFirstLine) {
        sawFirstLine = true;
        if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      }
      if (doc !== undefined) {
        // Inside a pretty-printed record only the closing bracket sits at column 0, so a line that
        // starts there means the open record was cut off and a new one begins.
        const c = text.charCodeAt(0);
        if (text.length === 0 || c === 0x20 || c === 0x09 || c === 0x7d || c === 0x5d || c === 0x0d) {
          appendToDocument(text, line, out);
          return;
        }
        reportOpen("truncated JSON record: it never closes", out);
      }
      freshLine(text, line, out);
    },
    end(out) {
      reportOpen("truncated JSON record: the file ends before it closes", out);
    },
  };
}
