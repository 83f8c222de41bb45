/**
 * Turns a log's lines into JSON records for an adapter, and every line that cannot be one into a
 * reported error (with its line number) instead of a thrown exception. Besides JSON Lines it reads
 * pretty-printed documents (a record spread over lines, reported at its first line), which is how
 * people save single responses and histories.
 */
export interface JsonLineSink {
  record(value: unknown, line: number): void;
  error(line: number, message: string): void;
  /**
   * Offered every line that is not valid JSON before it is reported: return true when the adapter
   * read it another way (SSE `data:` lines, Python reprs, console text).
   */
  other?(text: string, line: number): boolean;
}

export interface JsonLineLimits {
  /** Longer lines are reported and skipped unparsed. */
  maxLineChars?: number;
  /** Larger multi-line records are reported and skipped. */
  maxRecordChars?: number;
}

export const DEFAULT_MAX_LINE_CHARS = 16 * 1024 * 1024;
export const DEFAULT_MAX_RECORD_CHARS = 64 * 1024 * 1024;

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
export function looksBinary(text: string): boolean {
  if (text.includes("\u0000")) return true;
  const n = Math.min(text.length, 4096);
  let odd = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || c === 0xfffd) odd++;
  }
  return odd >= 4 && odd * 8 > n;
}

const megabytes = (chars: number): string => `${(chars / (1024 * 1024)).toFixed(1)} MB`;

const preview = (text: string): string => {
  const head = text.trim().slice(0, 40);
  return text.trim().length > 40 ? `${head}…` : head;
};

export class JsonLineSplitter {
  private readonly maxLineChars: number;
  private readonly maxRecordChars: number;
  /** The open multi-line record, if any. `parts` is undefined once it grew too large (still scanned). */
  private doc: { start: number; parts: string[] | undefined; chars: number; state: ScanState } | undefined;
  private sawFirstLine = false;

  constructor(
    private readonly sink: JsonLineSink,
    limits: JsonLineLimits = {},
  ) {
    this.maxLineChars = limits.maxLineChars ?? DEFAULT_MAX_LINE_CHARS;
    this.maxRecordChars = limits.maxRecordChars ?? DEFAULT_MAX_RECORD_CHARS;
  }

  line(raw: string, lineNo: number): void {
    let text = raw;
    if (!this.sawFirstLine) {
      this.sawFirstLine = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    if (this.doc !== undefined) {
      if (this.continuesDocument(text)) {
        this.appendToDocument(text);
        return;
      }
      // Inside a pretty-printed record only the closing bracket sits at column 0, so a line that
      // starts there means the open record was cut off and a new one begins.
      this.sink.error(this.doc.start, "truncated JSON record: it never closes");
      this.doc = undefined;
    }
    this.freshLine(text, lineNo);
  }

  end(): void {
    if (this.doc !== undefined) {
      this.sink.error(this.doc.start, "truncated JSON record: the file ends before it closes");
      this.doc = undefined;
    }
  }

  private freshLine(text: string, lineNo: number): void {
    if (text.length > this.maxLineChars) {
      this.sink.error(lineNo, `line is ${megabytes(text.length)} long, over the ${megabytes(this.maxLineChars)} limit; skipped`);
      return;
    }
    const trimmed = text.trim();
    if (trimmed === "") return;
    if (looksBinary(trimmed)) {
      this.sink.error(lineNo, "binary data, not a text log line; skipped");
      return;
    }
    const first = trimmed[0];
    const jsonStart = first === "{" || first === "[";
    let failure: string;
    try {
      const value: unknown = JSON.parse(trimmed);
      this.sink.record(value, lineNo);
      return;
    } catch (error) {
      failure = error instanceof Error ? error.message : String(error);
    }
    if (this.sink.other?.(text, lineNo) === true) return;
    if (!jsonStart) {
      this.sink.error(lineNo, `not JSON: "${preview(text)}"`);
      return;
    }
    const state: ScanState = { depth: 0, inString: false, escaped: false };
    scan(trimmed, state);
    if (state.inString || state.depth <= 0) {
      const truncated = state.inString || /end of (JSON )?(input|data)|unterminated/i.test(failure);
      this.sink.error(lineNo, truncated ? "truncated JSON record: it ends mid-value" : `invalid JSON: ${failure}`);
      return;
    }
    // Unclosed brackets at a line end: the start of a pretty-printed record (or a cut-off line,
    // which the next line reveals).
    this.doc = { start: lineNo, parts: [trimmed], chars: trimmed.length, state };
  }

  private continuesDocument(text: string): boolean {
    if (text.length === 0) return true;
    const c = text.charCodeAt(0);
    return c === 0x20 || c === 0x09 || c === 0x7d || c === 0x5d || c === 0x0d;
  }

  private appendToDocument(text: string): void {
    const doc = this.doc;
    if (doc === undefined) return;
    scan(text, doc.state);
    doc.chars += text.length + 1;
    if (doc.parts !== undefined) {
      if (doc.chars > this.maxRecordChars) {
        this.sink.error(doc.start, `multi-line JSON record is over the ${megabytes(this.maxRecordChars)} limit; skipped`);
        doc.parts = undefined;
      } else doc.parts.push(text);
    }
    if (doc.state.depth > 0 || doc.state.inString) return;
    this.doc = undefined;
    if (doc.parts === undefined) return;
    try {
      this.sink.record(JSON.parse(doc.parts.join("\n")) as unknown, doc.start);
    } catch (error) {
      this.sink.error(doc.start, `invalid JSON in multi-line record: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
