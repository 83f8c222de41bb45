import { createReadStream } from "node:fs";
import { open } from "node:fs/promises";
import { Readable } from "node:stream";
import { isGzip } from "./gzip-magic.js";
import { readStdinHead } from "./stdin-log.js";
import { decodeUtf16, utf16Of } from "./utf16.js";
import type { LogAdapter } from "./log-events.js";
import { ADAPTERS } from "./adapter-table.js";
import { forgetFramedHead } from "./adapters/shared/detect-text.js";
import { findNewline, gunzipHead, HEAD_BYTES, repairedStart, untilNewline, WHOLE_FIRST_LINE_BYTES, type GunzipHead } from "./detect-head.js";

const MAX_SAMPLE_LINES = 200;
/** Below this confidence no adapter claims the file. */
const MIN_CONFIDENCE = 0.3;

export interface Detection {
  adapter: LogAdapter | undefined;
  /** Each adapter's confidence, for the error message when none is sure. */
  scores: { format: string; score: number }[];
  /** The head is binary data, not text (NUL bytes, or much that is not UTF-8): no adapter could read it. */
  binary?: boolean;
  /** A gzip file of no format whose text, as far as it could be decompressed, holds no whole line: cut short or corrupt before its first line ends. */
  brokenGzip?: boolean;
}

/** What detectFromHead judges besides the head's own lines. */
export interface HeadContext {
  /** The head was cut by detection's limit, not by the file's end: a record it starts may go on past it. */
  cut?: boolean;
  /** Records judged first: the repaired start of a first line too long to be read whole. */
  records?: unknown[];
}

/** Not text: a NUL (text logs never hold one; UTF-16 ones are decoded first), or over 1 in 20 characters not UTF-8. */
function looksBinary(head: string): boolean {
  if (head.includes("\u0000")) return true;
  let invalid = 0;
  for (let at = head.indexOf("\ufffd"); at !== -1; at = head.indexOf("\ufffd", at + 1)) invalid++;
  return invalid > 8 && invalid * 20 > head.length;
}

/**
 * Judge a file's format from its first bytes: each JSON line's shape, and the text itself (SSE,
 * repr). A gzip file is judged by its decompressed text.
 */
export async function detectFormat(file: string, adapters: readonly LogAdapter[] = ADAPTERS): Promise<Detection> {
  const handle = await open(file, "r");
  let head: string | undefined;
  let context: HeadContext = {};
  /** A gzip file's last 4 bytes: its (last member's) text size, modulo 2^32. */
  let gzipSize: number | undefined;
  const readAt = async (bytes: number, at: number) => {
    const chunk = Buffer.alloc(bytes);
    return chunk.subarray(0, (await handle.read(chunk, 0, bytes, at)).bytesRead);
  };
  try {
    const buf = Buffer.alloc(HEAD_BYTES);
    const { bytesRead } = await handle.read(buf, 0, HEAD_BYTES, 0);
    const utf16 = utf16Of(buf.subarray(0, bytesRead));
    if (utf16) {
      head = decodeUtf16(buf.subarray(0, bytesRead), utf16);
      context = { cut: bytesRead === HEAD_BYTES };
    } else if (isGzip(buf.subarray(0, bytesRead))) {
      const size = (await handle.stat()).size;
      const trailer = Buffer.alloc(4);
      if (size >= 18 && (await handle.read(trailer, 0, 4, size - 4)).bytesRead === 4) gzipSize = trailer.readUInt32LE(0);
    } else if (bytesRead < HEAD_BYTES || buf.includes(0x0a)) {
      head = buf.toString("utf8", 0, bytesRead);
      context = { cut: bytesRead === HEAD_BYTES };
    } else {
      // A first record longer than the head (a history with a pasted document, say): judged whole
      // up to WHOLE_FIRST_LINE_BYTES, past that by its repaired start and the lines after it.
      const first = await untilNewline(buf, readAt, WHOLE_FIRST_LINE_BYTES);
      if (!first.cut) head = firstLine(first.bytes);
      else {
        const start = first.bytes.toString("utf8");
        const nl = await findNewline(first.bytes.length, async (buffer, at) => (await handle.read(buffer, 0, buffer.length, at)).bytesRead);
        head = nl === -1 ? start : (await readAt(HEAD_BYTES, nl + 1)).toString("utf8");
        context = longFirstLine(start);
      }
    }
  } finally {
    await handle.close();
  }
  if (head !== undefined) return detectFromHead(head, adapters, context);
  const unzipped = await gunzipHead(createReadStream(file));
  const { text, whole } = unzipped;
  // The text is cut by detection's limit only when it did not all come out.
  const detection = detectGunzipped(unzipped, adapters, whole === undefined && text.length >= HEAD_BYTES);
  if (unzipped.cut) return detection;
  // No format and no whole line, in text that does not come to the size the trailer records: the
  // compressed data stops (or breaks) before its first line ends. (A complete file of one line of
  // something else is just not a log.)
  const complete = whole !== undefined && whole % 2 ** 32 === gzipSize;
  return !detection.adapter && !text.includes("\n") && !complete ? { ...detection, brokenGzip: true } : detection;
}

/**
 * detectFormat for stdin: its first bytes are taken (and returned, for the reader to give back
 * first), up to the end of its first line when that is longer than the head (at most
 * WHOLE_FIRST_LINE_BYTES: a longer one is judged by its repaired start).
 */
export async function detectStdinFormat(adapters: readonly LogAdapter[] = ADAPTERS): Promise<Detection & { head: Buffer }> {
  const head = readStdinHead(HEAD_BYTES);
  if (isGzip(head)) {
    // Only stdin's head was decompressed: its text is cut by the head's size whenever it fills it.
    const unzipped = await gunzipHead(Readable.from([head]));
    return { ...detectGunzipped(unzipped, adapters, unzipped.text.length >= HEAD_BYTES), head };
  }
  const utf16 = utf16Of(head);
  if (utf16) return { ...detectFromHead(decodeUtf16(head, utf16), adapters, { cut: head.length === HEAD_BYTES }), head };
  if (head.length < HEAD_BYTES || head.includes(0x0a)) return { ...detectFromHead(head.toString("utf8"), adapters, { cut: head.length === HEAD_BYTES }), head };
  const longer = await untilNewline(head, (bytes) => readStdinHead(bytes), WHOLE_FIRST_LINE_BYTES);
  if (!longer.cut) return { ...detectFromHead(firstLine(longer.bytes), adapters), head: longer.bytes };
  const start = longer.bytes.toString("utf8");
  return { ...detectFromHead(start, adapters, longFirstLine(start)), head: longer.bytes };
}

/** A first line too long to read whole: judged by its repaired start (and the head after it, where the caller has it). */
const longFirstLine = (start: string): HeadContext => ({ cut: true, records: [repairedStart(start)] });

/** detectFromHead on a gzip log's head (`cut`: whether detection's limit cut it), a long first line by its start and the text after it. */
function detectGunzipped(unzipped: GunzipHead, adapters: readonly LogAdapter[], cut: boolean): Detection {
  if (unzipped.cut) return detectFromHead(unzipped.cut.after ?? unzipped.text, adapters, longFirstLine(unzipped.text));
  return detectFromHead(unzipped.text, adapters, { cut });
}

/** The text's first line (all of it when it holds no newline). */
function firstLine(bytes: Buffer): string {
  const nl = bytes.indexOf(0x0a);
  return bytes.toString("utf8", 0, nl === -1 ? bytes.length : nl);
}

export function detectFromHead(head: string, adapters: readonly LogAdapter[] = ADAPTERS, context: HeadContext = {}): Detection {
  const records: unknown[] = context.records?.filter((record) => record !== undefined) ?? [];
  const given = records.length;
  // A pretty-printed document that fits in the head: judge the whole of it (and an array's items).
  const whole = head.trim();
  if (whole.startsWith("{") || whole.startsWith("[")) {
    try {
      const doc: unknown = JSON.parse(whole);
      records.push(doc);
      if (Array.isArray(doc)) records.push(...doc.slice(0, MAX_SAMPLE_LINES));
    } catch {
      // Larger than the head, or JSON lines: judged line by line below.
    }
  }
  for (const line of head.split("\n").slice(0, MAX_SAMPLE_LINES)) {
    const text = line.trim().replace(/^data:\s*/, "");
    if (!text.startsWith("{") && !text.startsWith("[")) continue;
    try {
      records.push(JSON.parse(text));
    } catch {
      // A line cut by the head limit, or not JSON: the text detectors judge it.
    }
  }
  // A pretty-printed document longer than the head (an OTLP export, say), or pretty-printed records
  // one after another (Python's ConsoleSpanExporter): judged by the repaired start, an array of
  // the records it begins.
  if (records.length === given && (whole.startsWith("{") || whole.startsWith("[")) && (context.cut || /^[{[]\s*\n/.test(whole))) {
    const start = repairedStart(whole);
    if (start !== undefined) records.push(start);
  }
  const scores = adapters.map((adapter) => {
    let score = safe(() => adapter.detectText?.(head) ?? 0);
    for (const record of records) {
      if (score >= 1) break;
      score = Math.max(score, safe(() => adapter.detect(record)));
    }
    return { adapter, score };
  });
  forgetFramedHead();
  let best: (typeof scores)[number] | undefined;
  for (const s of scores) if (s.score >= MIN_CONFIDENCE && (!best || s.score > best.score)) best = s;
  const detection: Detection = { adapter: best?.adapter, scores: scores.map((s) => ({ format: s.adapter.format, score: s.score })) };
  if (!best && looksBinary(head)) detection.binary = true;
  return detection;
}

// Logs are untrusted: a detector that throws on a strange record just does not claim it.
function safe(fn: () => number): number {
  try {
    const n = fn();
    return Number.isFinite(n) ? n : 0;
  } catch {
    return 0;
  }
}
