import { createReadStream } from "node:fs";
import { open } from "node:fs/promises";
import { Readable } from "node:stream";
import { constants as zlibConstants, createGunzip } from "node:zlib";
import { isGzip } from "./gzip-magic.js";
import { MAX_LINE_BYTES } from "./read-lines.js";
import { readStdinHead } from "./stdin-log.js";
import { decodeUtf16, utf16Of } from "./utf16.js";
import type { LogAdapter } from "./log-events.js";
import { ADAPTERS } from "./adapter-table.js";
import { forgetFramedHead } from "./adapters/shared/detect-text.js";

/** How much of a file detection looks at. */
const HEAD_BYTES = 256 * 1024;
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
  /** A gzip file's last 4 bytes: its (last member's) text size, modulo 2^32. */
  let gzipSize: number | undefined;
  try {
    const buf = Buffer.alloc(HEAD_BYTES);
    const { bytesRead } = await handle.read(buf, 0, HEAD_BYTES, 0);
    const utf16 = utf16Of(buf.subarray(0, bytesRead));
    if (utf16) head = decodeUtf16(buf.subarray(0, bytesRead), utf16);
    else if (isGzip(buf.subarray(0, bytesRead))) {
      const size = (await handle.stat()).size;
      const trailer = Buffer.alloc(4);
      if (size >= 18 && (await handle.read(trailer, 0, 4, size - 4)).bytesRead === 4) gzipSize = trailer.readUInt32LE(0);
    } else {
      head = buf.toString("utf8", 0, bytesRead);
      // A first record longer than the head (a history with a pasted document, say): judge it whole.
      if (bytesRead === HEAD_BYTES && !buf.includes(0x0a)) {
        head = firstLine(
          await untilNewline(buf, async (bytes, at) => {
            const chunk = Buffer.alloc(bytes);
            return chunk.subarray(0, (await handle.read(chunk, 0, bytes, at)).bytesRead);
          }),
        );
      }
    }
  } finally {
    await handle.close();
  }
  if (head !== undefined) return detectFromHead(head, adapters);
  const { text, whole } = await gunzipHead(createReadStream(file));
  const detection = detectFromHead(text, adapters);
  // No format and no whole line, in text that does not come to the size the trailer records: the
  // compressed data stops (or breaks) before its first line ends. (A complete file of one line of
  // something else is just not a log.)
  const complete = whole !== undefined && whole % 2 ** 32 === gzipSize;
  return !detection.adapter && !text.includes("\n") && !complete ? { ...detection, brokenGzip: true } : detection;
}

/**
 * detectFormat for stdin: its first bytes are taken (and returned, for the reader to give back
 * first), up to the end of its first line when that is longer than the head.
 */
export async function detectStdinFormat(adapters: readonly LogAdapter[] = ADAPTERS): Promise<Detection & { head: Buffer }> {
  const head = readStdinHead(HEAD_BYTES);
  if (isGzip(head)) return { ...detectFromHead((await gunzipHead(Readable.from([head]))).text, adapters), head };
  const utf16 = utf16Of(head);
  if (utf16) return { ...detectFromHead(decodeUtf16(head, utf16), adapters), head };
  if (head.length < HEAD_BYTES || head.includes(0x0a)) return { ...detectFromHead(head.toString("utf8"), adapters), head };
  const longer = await untilNewline(head, (bytes) => readStdinHead(bytes));
  return { ...detectFromHead(firstLine(longer), adapters), head: longer };
}

/**
 * The first HEAD_BYTES of a gzip log's text, or its whole first line when that is longer (as for
 * a plain file). A stream cut short or corrupt gives what came out before the fault.
 */
async function gunzipHead(source: Readable): Promise<{ text: string; whole?: number }> {
  // Flushed as it goes: a stream cut short still gives the text before the cut (its format is told
  // from that; reading the file then says where it stops).
  const gunzip = createGunzip({ finishFlush: zlibConstants.Z_SYNC_FLUSH });
  source.on("error", (error) => gunzip.destroy(error));
  source.pipe(gunzip);
  const parts: Buffer[] = [];
  let total = 0;
  let newline = -1;
  /** The size of the whole text, when it all came out (the head is all there is, no fault on the way). */
  let whole: number | undefined;
  try {
    let stopped = false;
    for await (const chunk of gunzip as AsyncIterable<Buffer>) {
      const at = chunk.indexOf(0x0a);
      if (newline === -1 && at !== -1) newline = total + at;
      parts.push(chunk);
      total += chunk.length;
      if (total >= HEAD_BYTES && (newline !== -1 || total >= MAX_LINE_BYTES)) {
        stopped = true;
        break;
      }
    }
    if (!stopped) whole = total;
  } catch {
    // Judged on the text that came out.
  } finally {
    source.destroy();
    gunzip.destroy();
  }
  let end: number;
  if (newline !== -1) end = newline < HEAD_BYTES ? Math.min(total, HEAD_BYTES) : newline;
  else end = Math.min(total, MAX_LINE_BYTES);
  return { text: Buffer.concat(parts, total).toString("utf8", 0, end), ...(whole !== undefined && { whole }) };
}

/**
 * A head without a newline and what `more` gives after it (`bytes` at most, from offset `at`),
 * until a newline comes or the longest line a log may hold: every byte read.
 */
async function untilNewline(start: Buffer, more: (bytes: number, at: number) => Promise<Buffer> | Buffer): Promise<Buffer> {
  const parts = [start];
  let total = start.length;
  while (total < MAX_LINE_BYTES) {
    const chunk = await more(Math.min(1 << 20, MAX_LINE_BYTES - total), total);
    if (chunk.length === 0) break;
    parts.push(chunk);
    total += chunk.length;
    if (chunk.includes(0x0a)) break;
  }
  return Buffer.concat(parts, total);
}

/** The text's first line (all of it when it holds no newline). */
function firstLine(bytes: Buffer): string {
  const nl = bytes.indexOf(0x0a);
  return bytes.toString("utf8", 0, nl === -1 ? bytes.length : nl);
}

export function detectFromHead(head: string, adapters: readonly LogAdapter[] = ADAPTERS): Detection {
  const records: unknown[] = [];
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
