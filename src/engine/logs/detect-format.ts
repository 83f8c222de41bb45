import { createReadStream } from "node:fs";
import { open, type FileHandle } from "node:fs/promises";
import { Readable } from "node:stream";
import { createGunzip } from "node:zlib";
import { isGzip } from "./gzip-magic.js";
import { MAX_LINE_BYTES } from "./read-lines.js";
import { readStdinHead } from "./stdin-log.js";
import type { LogAdapter } from "./log-events.js";
import { ADAPTERS } from "./adapter-table.js";

/** How much of a file detection looks at. */
const HEAD_BYTES = 256 * 1024;
const MAX_SAMPLE_LINES = 200;
/** Below this confidence no adapter claims the file. */
const MIN_CONFIDENCE = 0.3;

export interface Detection {
  adapter: LogAdapter | undefined;
  /** Each adapter's confidence, for the error message when none is sure. */
  scores: { format: string; score: number }[];
}

/**
 * Judge a file's format from its first bytes: each JSON line's shape, and the text itself (SSE,
 * repr). A gzip file is judged by its decompressed text.
 */
export async function detectFormat(file: string, adapters: readonly LogAdapter[] = ADAPTERS): Promise<Detection> {
  const handle = await open(file, "r");
  let head: string | undefined;
  try {
    const buf = Buffer.alloc(HEAD_BYTES);
    const { bytesRead } = await handle.read(buf, 0, HEAD_BYTES, 0);
    if (!isGzip(buf.subarray(0, bytesRead))) {
      head = buf.toString("utf8", 0, bytesRead);
      // A first record longer than the head (a history with a pasted document, say): judge it whole.
      if (bytesRead === HEAD_BYTES && !buf.includes(0x0a)) head = await readFirstLine(handle, buf);
    }
  } finally {
    await handle.close();
  }
  return detectFromHead(head ?? (await gunzipHead(createReadStream(file))), adapters);
}

/**
 * detectFormat for stdin: its first bytes are taken (and returned, for the reader to give back
 * first), up to the end of its first line when that is longer than the head.
 */
export async function detectStdinFormat(adapters: readonly LogAdapter[] = ADAPTERS): Promise<Detection & { head: Buffer }> {
  let head = readStdinHead(HEAD_BYTES);
  if (isGzip(head)) return { ...detectFromHead(await gunzipHead(Readable.from([head])), adapters), head };
  if (head.length === HEAD_BYTES && !head.includes(0x0a)) {
    const parts = [head];
    let total = head.length;
    while (total < MAX_LINE_BYTES) {
      const more = readStdinHead(Math.min(1 << 20, MAX_LINE_BYTES - total));
      if (more.length === 0) break;
      parts.push(more);
      total += more.length;
      if (more.includes(0x0a)) break;
    }
    head = Buffer.concat(parts, total);
  }
  const nl = head.length > HEAD_BYTES ? head.indexOf(0x0a) : -1;
  return { ...detectFromHead(head.toString("utf8", 0, nl === -1 ? head.length : nl), adapters), head };
}

/**
 * The first HEAD_BYTES of a gzip log's text, or its whole first line when that is longer (as for
 * a plain file). A stream cut short or corrupt gives what came out before the fault.
 */
async function gunzipHead(source: Readable): Promise<string> {
  const gunzip = createGunzip();
  source.on("error", (error) => gunzip.destroy(error));
  source.pipe(gunzip);
  const parts: Buffer[] = [];
  let total = 0;
  let newline = -1;
  try {
    for await (const chunk of gunzip as AsyncIterable<Buffer>) {
      const at = chunk.indexOf(0x0a);
      if (newline === -1 && at !== -1) newline = total + at;
      parts.push(chunk);
      total += chunk.length;
      if (total >= HEAD_BYTES && (newline !== -1 || total >= MAX_LINE_BYTES)) break;
    }
  } catch {
    // Judged on the text that came out.
  } finally {
    source.destroy();
    gunzip.destroy();
  }
  let end: number;
  if (newline !== -1) end = newline < HEAD_BYTES ? Math.min(total, HEAD_BYTES) : newline;
  else end = Math.min(total, MAX_LINE_BYTES);
  return Buffer.concat(parts, total).toString("utf8", 0, end);
}

/** The file's first line, up to the longest line a log may hold. */
async function readFirstLine(handle: FileHandle, start: Buffer): Promise<string> {
  const parts = [start];
  let total = start.length;
  while (total < MAX_LINE_BYTES) {
    const chunk = Buffer.alloc(Math.min(1 << 20, MAX_LINE_BYTES - total));
    const { bytesRead } = await handle.read(chunk, 0, chunk.length, total);
    if (bytesRead === 0) break;
    const nl = chunk.subarray(0, bytesRead).indexOf(0x0a);
    parts.push(chunk.subarray(0, nl === -1 ? bytesRead : nl));
    total += bytesRead;
    if (nl !== -1) break;
  }
  return Buffer.concat(parts).toString("utf8");
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
  let best: (typeof scores)[number] | undefined;
  for (const s of scores) if (s.score >= MIN_CONFIDENCE && (!best || s.score > best.score)) best = s;
  return { adapter: best?.adapter, scores: scores.map((s) => ({ format: s.adapter.format, score: s.score })) };
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
