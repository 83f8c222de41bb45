import { once } from "node:events";
import type { Readable } from "node:stream";
import { constants as zlibConstants, createGunzip } from "node:zlib";
import { jsonrepair } from "jsonrepair";
import { TrailerHold } from "./gzip-trailer.js";

/** How much of a file detection looks at. */
export const HEAD_BYTES = 256 * 1024;
/**
 * A first line up to this long is judged whole; a longer one by its repaired start and by the
 * lines after it. Read whole, a 16 MB first line (a history with a file pasted into it) cost the
 * main thread about 50 MB of heap during detection, which it kept for the whole scan: a chat log
 * of such lines peaked at 178 MB.
 */
export const WHOLE_FIRST_LINE_BYTES = 2 * 1024 * 1024;
/**
 * How much of a record cut by a limit is repaired into JSON to be judged: its shape shows in its
 * first keys. jsonrepair on 2 MB took 235 ms and 100 MB of heap; on 64 KB it takes a few ms.
 */
const CUT_RECORD_CHARS = 64 * 1024;
/** How far a file is searched for the end of a long first line (the lines after it are judged too). */
export const MAX_NEWLINE_SEARCH_BYTES = 64 * 1024 * 1024;

/**
 * The start of a record cut by a limit, repaired into the JSON value it begins (open strings,
 * arrays and objects closed): undefined when it does not start like JSON or cannot be repaired.
 */
export function repairedStart(text: string): unknown {
  const start = text.slice(0, CUT_RECORD_CHARS).trimStart().replace(/^data:\s*/, "");
  if (!start.startsWith("{") && !start.startsWith("[")) return undefined;
  try {
    return JSON.parse(jsonrepair(start)) as unknown;
  } catch {
    return undefined;
  }
}

/** A head read: its bytes, and whether it stopped at the limit with no newline (`cut`) rather than at a newline or the input's end. */
export interface HeadBytes {
  bytes: Buffer;
  cut: boolean;
}

/**
 * A head without a newline and what `more` gives after it (`bytes` at most, from offset `at`),
 * until a newline comes, the input ends, or `limit` bytes were read.
 */
export async function untilNewline(start: Buffer, more: (bytes: number, at: number) => Promise<Buffer> | Buffer, limit: number): Promise<HeadBytes> {
  const parts = [start];
  let total = start.length;
  let newline = false;
  while (total < limit) {
    const chunk = await more(Math.min(1 << 20, limit - total), total);
    if (chunk.length === 0) break;
    parts.push(chunk);
    total += chunk.length;
    if (chunk.includes(0x0a)) {
      newline = true;
      break;
    }
  }
  return { bytes: Buffer.concat(parts, total), cut: !newline && total >= limit };
}

/**
 * Where the first newline at or after `from` is (searched no further than MAX_NEWLINE_SEARCH_BYTES
 * from the start), read a chunk at a time into one buffer (`readInto` fills it from an offset and
 * says how many bytes it read); -1 when none is found.
 */
export async function findNewline(from: number, readInto: (buffer: Buffer, at: number) => Promise<number>): Promise<number> {
  const buffer = Buffer.allocUnsafe(1 << 20);
  for (let at = from; at < MAX_NEWLINE_SEARCH_BYTES; ) {
    const read = await readInto(buffer, at);
    if (read === 0) return -1;
    const nl = buffer.subarray(0, read).indexOf(0x0a);
    if (nl !== -1) return at + nl;
    at += read;
  }
  return -1;
}

export interface GunzipHead {
  /** The head of the text: HEAD_BYTES, or the first line whole when it is longer (up to WHOLE_FIRST_LINE_BYTES). */
  text: string;
  /** The size of the whole text, when it all came out (the head is all there is, no fault on the way). */
  whole?: number;
  /** The first line is longer than WHOLE_FIRST_LINE_BYTES: `text` is its start, and `after` the head of the text after it (when its end was found). */
  cut?: { after?: string };
}

/**
 * The head of a gzip log's text (see GunzipHead). A stream cut short or corrupt gives what came out
 * before the fault.
 */
export async function gunzipHead(source: Readable): Promise<GunzipHead> {
  // Flushed as it goes: a stream cut short still gives the text before the cut (its format is told
  // from that; reading the file then says where it stops).
  const gunzip = createGunzip({ finishFlush: zlibConstants.Z_SYNC_FLUSH });
  void feedHoldingTrailer(source, gunzip);
  const parts: Buffer[] = [];
  let total = 0;
  let newline = -1;
  let whole: number | undefined;
  /** Past a long first line: where its end is searched for, and the text after it. */
  let cut: { seen: number; after: Buffer[]; afterBytes: number; found: boolean } | undefined;
  try {
    let stopped = false;
    for await (const chunk of gunzip as AsyncIterable<Buffer>) {
      if (cut) {
        if (!cut.found) {
          const at = chunk.indexOf(0x0a);
          cut.seen += chunk.length;
          if (at === -1) {
            if (cut.seen >= MAX_NEWLINE_SEARCH_BYTES) break;
            continue;
          }
          cut.found = true;
          cut.after.push(chunk.subarray(at + 1));
          cut.afterBytes += chunk.length - at - 1;
        } else {
          cut.after.push(chunk);
          cut.afterBytes += chunk.length;
        }
        if (cut.afterBytes >= HEAD_BYTES) break;
        continue;
      }
      const at = chunk.indexOf(0x0a);
      if (newline === -1 && at !== -1) newline = total + at;
      parts.push(chunk);
      total += chunk.length;
      if (total >= HEAD_BYTES && newline !== -1) {
        stopped = true;
        break;
      }
      if (newline === -1 && total >= WHOLE_FIRST_LINE_BYTES) cut = { seen: total, after: [], afterBytes: 0, found: false };
    }
    if (!stopped && !cut) whole = total;
  } catch {
    // Judged on the text that came out.
  } finally {
    source.destroy();
    gunzip.destroy();
  }
  if (cut) {
    const start = Buffer.concat(parts, total).toString("utf8", 0, Math.min(total, WHOLE_FIRST_LINE_BYTES));
    const after = cut.found ? Buffer.concat(cut.after, cut.afterBytes).toString("utf8", 0, Math.min(cut.afterBytes, HEAD_BYTES)) : undefined;
    return { text: start, cut: after === undefined ? {} : { after } };
  }
  // The first line whole when the head ends inside it (no newline: the text ended or broke off).
  const end = newline === -1 ? total : newline >= HEAD_BYTES ? newline : Math.min(total, HEAD_BYTES);
  return { text: Buffer.concat(parts, total).toString("utf8", 0, end), ...(whole !== undefined && { whole }) };
}

/** Writes `source` into `gunzip`, its trailer on its own once it ends (TrailerHold, as the reader does). */
async function feedHoldingTrailer(source: Readable, gunzip: ReturnType<typeof createGunzip>): Promise<void> {
  const hold = new TrailerHold();
  const write = async (bytes: Buffer) => {
    if (gunzip.destroyed) return;
    if (!gunzip.write(bytes)) await Promise.race([once(gunzip, "drain"), once(gunzip, "close")]);
  };
  try {
    for await (const chunk of source as AsyncIterable<Buffer>) for (const piece of hold.pass(chunk)) await write(piece);
    if (hold.held.length > 0) await write(hold.held);
    if (!gunzip.destroyed) gunzip.end();
  } catch (error) {
    // The file could not be read on, or the head was taken and the streams were let go.
    if (!gunzip.destroyed) gunzip.destroy(error instanceof Error ? error : new Error(String(error)));
  }
}
