import { open } from "node:fs/promises";

/** Lines longer than this are reported and skipped instead of buffered: memory stays bounded. */
export const MAX_LINE_BYTES = 16 * 1024 * 1024;

export interface ReadLinesOptions {
  maxLineBytes?: number;
  highWaterMark?: number;
  /** Called after each chunk's lines; a promise it returns is awaited before reading on (back-pressure). */
  afterChunk?: () => Promise<void> | undefined;
}

export interface LineSink {
  line(text: string, lineNo: number): void;
  /** A line that could not be kept (too long); its bytes were dropped. */
  oversized(lineNo: number, bytes: number): void;
}

/**
 * Stream a file as UTF-8 lines in constant memory: chunks are split on "\n" as bytes (so a
 * multi-byte character split across chunks is never corrupted) and a trailing "\r" is dropped.
 * Resolves with the number of lines read. Two buffers are read into again and again (lines are
 * decoded into strings, a line cut by the chunk's end is copied): a stream's fresh chunk per read
 * lived on as external memory until a full collection, about 10 MB of it on a long scan.
 */
export async function readLines(file: string, sink: LineSink, opts: ReadLinesOptions = {}): Promise<number> {
  const max = opts.maxLineBytes ?? MAX_LINE_BYTES;
  const handle = await open(file, "r");
  let carry: Buffer[] = [];
  let carryBytes = 0;
  let skipping = false; // inside an oversized line: drop bytes until its newline
  let skippedBytes = 0;
  let lineNo = 0;

  const finishLine = (tail: Buffer) => {
    lineNo++;
    if (skipping) {
      sink.oversized(lineNo, skippedBytes + tail.length);
      skipping = false;
      skippedBytes = 0;
      return;
    }
    const buf = carryBytes === 0 ? tail : Buffer.concat([...carry, tail], carryBytes + tail.length);
    carry = [];
    carryBytes = 0;
    let end = buf.length;
    if (end > 0 && buf[end - 1] === 0x0d) end--;
    sink.line(buf.toString("utf8", 0, end), lineNo);
  };

  // Two buffers: the next chunk is read (off the thread) while this one is split, so the thread
  // never sits waiting for the disk or the page cache between chunks.
  const size = opts.highWaterMark ?? 1 << 20;
  let current = Buffer.allocUnsafe(size);
  let spare = Buffer.allocUnsafe(size);
  const readInto = (buffer: Buffer) => handle.read(buffer, 0, size, null);
  let next: ReturnType<typeof readInto> | undefined = readInto(current);
  try {
    for (;;) {
      const { bytesRead } = await (next as ReturnType<typeof readInto>);
      next = undefined;
      if (bytesRead === 0) break;
      const chunk = current.subarray(0, bytesRead);
      next = readInto(spare);
      [current, spare] = [spare, current];
      readChunk(chunk);
      const wait = opts.afterChunk?.();
      if (wait) await wait;
    }
  } finally {
    // A read still in flight (the sink threw) must end before the file is closed.
    if (next) await next.catch(() => undefined);
    await handle.close();
  }
  if (skipping || carryBytes > 0) finishLine(Buffer.alloc(0));
  return lineNo;

  function readChunk(chunk: Buffer): void {
    let start = 0;
    for (let nl = chunk.indexOf(0x0a, start); nl !== -1; nl = chunk.indexOf(0x0a, start)) {
      finishLine(chunk.subarray(start, nl));
      start = nl + 1;
    }
    if (start < chunk.length) {
      const rest = chunk.subarray(start);
      if (skipping) skippedBytes += rest.length;
      else if (carryBytes + rest.length > max) {
        skipping = true;
        skippedBytes = carryBytes + rest.length;
        carry = [];
        carryBytes = 0;
      } else {
        // Copy: the buffer is read into again.
        carry.push(Buffer.from(rest));
        carryBytes += rest.length;
      }
    }
  }
}
