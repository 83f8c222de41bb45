import { open } from "node:fs/promises";
import { StringDecoder } from "node:string_decoder";
import { createGunzip } from "node:zlib";
import { isGzip } from "./gzip-magic.js";
import { TrailerHold } from "./gzip-trailer.js";
import { isStdin, readStdinInto } from "./stdin-log.js";
import { utf16Of, type Utf16 } from "./utf16.js";

/** Lines longer than this are reported and skipped instead of buffered: memory stays bounded. */
export const MAX_LINE_BYTES = 16 * 1024 * 1024;

/** Compressed bytes per read of a gzip log, and decompressed bytes per chunk (see readGzip). */
const GZIP_READ_BYTES = 256 * 1024;
const GZIP_CHUNK_BYTES = 256 * 1024;

export interface ReadLinesOptions {
  maxLineBytes?: number;
  highWaterMark?: number;
  /** Called after each chunk's lines; a promise it returns is awaited before reading on (back-pressure). */
  afterChunk?: () => Promise<void> | undefined;
  /** For stdin (`-`): the bytes already taken from it (to detect its format), read before the rest. */
  head?: Uint8Array | undefined;
}

/** Reads the next bytes of a log into the buffer: how many, 0 at its end. */
type ReadInto = (buffer: Buffer) => Promise<number>;

export interface LineSink {
  line(text: string, lineNo: number): void;
  /** A line that could not be kept (too long); its bytes were dropped. */
  oversized(lineNo: number, bytes: number): void;
  /**
   * The rest of the file could not be read from this line on (a gzip stream cut short or
   * corrupt): every line before it was given. Without it, that failure rejects.
   */
  unreadable?(lineNo: number, message: string): void;
}

/**
 * Stream a file as UTF-8 lines in constant memory: chunks are split on "\n" as bytes (so a
 * multi-byte character split across chunks is never corrupted) and a trailing "\r" is dropped.
 * A gzip file (rotated logs mostly are) is read through gunzip, its lines numbered as in the
 * decompressed text. `-` reads stdin (after `opts.head`, what detection took from it). Resolves
 * with the number of lines read. Two buffers are read into again and
 * again (lines are decoded into strings, a line cut by the chunk's end is copied): a stream's
 * fresh chunk per read lived on as external memory until a full collection, about 10 MB of it on
 * a long scan.
 */
export async function readLines(file: string, sink: LineSink, opts: ReadLinesOptions = {}): Promise<number> {
  const splitter = new LineSplitter(sink, opts.maxLineBytes ?? MAX_LINE_BYTES);
  if (isStdin(file)) {
    const head = Buffer.from(opts.head ?? new Uint8Array(0));
    const utf16 = utf16Of(head);
    if (utf16) await readUtf16(readStdinInto, splitter, opts, utf16, head);
    else await (isGzip(head) ? readGzip : readPlain)(readStdinInto, splitter, opts, head);
    return splitter.end();
  }
  const handle = await open(file, "r");
  try {
    const readInto: ReadInto = async (buffer) => (await handle.read(buffer, 0, buffer.length, null)).bytesRead;
    const magic = Buffer.alloc(2);
    // A positioned read: reading below still starts at the first byte.
    const first = magic.subarray(0, (await handle.read(magic, 0, 2, 0)).bytesRead);
    const utf16 = utf16Of(first);
    if (isGzip(first)) await readGzip(readInto, splitter, opts);
    else if (utf16) await readUtf16(readInto, splitter, opts, utf16);
    else await readPlain(readInto, splitter, opts);
  } finally {
    await handle.close();
  }
  return splitter.end();
}

/**
 * Text chunks into the splitter, `first` (bytes already read) before the rest. Two buffers: the
 * next chunk is read (off the thread) while this one is split, so the thread never sits waiting
 * for the disk or the page cache between chunks.
 */
async function readPlain(readInto: ReadInto, splitter: LineSplitter, opts: ReadLinesOptions, first?: Buffer): Promise<void> {
  const size = opts.highWaterMark ?? 1 << 20;
  let current = Buffer.allocUnsafe(size);
  let spare = Buffer.allocUnsafe(size);
  if (first && first.length > 0) {
    splitter.push(first);
    await opts.afterChunk?.();
  }
  let next: Promise<number> | undefined = readInto(current);
  try {
    while (next) {
      const bytesRead = await next;
      next = undefined;
      if (bytesRead === 0) break;
      const chunk = current.subarray(0, bytesRead);
      next = readInto(spare);
      [current, spare] = [spare, current];
      splitter.push(chunk);
      const wait = opts.afterChunk?.();
      if (wait) await wait;
    }
  } finally {
    // A read still in flight (the sink threw) must end before the file is closed.
    if (next) await next.catch(() => undefined);
  }
}

/**
 * A UTF-16 log (see utf16.ts) into the splitter as UTF-8, chunk by chunk, `first` (bytes already
 * read) before the rest: the decoder keeps a character cut by a chunk's end for the next one.
 */
async function readUtf16(readInto: ReadInto, splitter: LineSplitter, opts: ReadLinesOptions, encoding: Utf16, first?: Buffer): Promise<void> {
  const decoder = new TextDecoder(encoding);
  const buffer = Buffer.allocUnsafe(opts.highWaterMark ?? 1 << 20);
  const push = (bytes: Uint8Array, stream: boolean): void => {
    const text = decoder.decode(bytes, { stream });
    if (text !== "") splitter.push(Buffer.from(text, "utf8"));
  };
  if (first && first.length > 0) {
    push(first, true);
    await opts.afterChunk?.();
  }
  for (;;) {
    const bytesRead = await readInto(buffer);
    if (bytesRead === 0) break;
    push(buffer.subarray(0, bytesRead), true);
    const wait = opts.afterChunk?.();
    if (wait) await wait;
  }
  push(new Uint8Array(0), false);
}

/**
 * The decompressed chunks of a gzip log (every member of a concatenated one) into the splitter,
 * `first` (bytes already read) before the rest. The compressed bytes are read into two buffers
 * used in turn, each handed to gunzip once it has taken the one before: a fresh buffer per read
 * stays referenced while gunzip works through it, outlives young collections, and was held until
 * a full one (RSS 30 MB higher on a 1 GB log). Each decompressed chunk is split as it comes out
 * ('data'), not queued.
 */
async function readGzip(readInto: ReadInto, splitter: LineSplitter, opts: ReadLinesOptions, first?: Buffer): Promise<void> {
  const gunzip = createGunzip({ chunkSize: GZIP_CHUNK_BYTES });
  let failure: { error: unknown; fromSink: boolean } | undefined;
  /** Settle the waits for gunzip to take the buffers written (a destroyed gunzip may never say it did). */
  const resume = new Set<() => void>();
  const fail = (error: unknown, fromSink: boolean) => {
    failure ??= { error, fromSink };
    gunzip.destroy();
    for (const settle of resume) settle();
  };
  gunzip.on("data", (chunk: Buffer) => {
    let wait: Promise<void> | undefined;
    try {
      splitter.push(chunk);
      wait = opts.afterChunk?.();
    } catch (error) {
      fail(error, true);
      return;
    }
    if (wait) {
      gunzip.pause();
      wait.then(
        () => gunzip.resume(),
        (error: unknown) => fail(error, true),
      );
    }
  });
  const ended = new Promise<void>((resolve) => {
    gunzip.once("end", resolve);
    gunzip.once("close", resolve);
  });
  gunzip.on("error", (error) => fail(error, false));
  const write = (bytes: Buffer) =>
    new Promise<void>((resolve) => {
      const settle = () => {
        resume.delete(settle);
        resolve();
      };
      resume.add(settle);
      gunzip.write(bytes, settle);
    });
  // The trailer is written on its own once the input ends (TrailerHold): the body's text has all
  // come out before it is checked.
  const hold = new TrailerHold();
  const give = (bytes: Buffer): Promise<void> => Promise.all(hold.pass(bytes).map(write)).then(() => undefined);
  try {
    let taken = first && first.length > 0 ? give(first) : Promise.resolve();
    const buffers = [Buffer.allocUnsafe(GZIP_READ_BYTES), Buffer.allocUnsafe(GZIP_READ_BYTES)];
    for (let i = 0; !failure; i ^= 1) {
      const buffer = buffers[i] as Buffer;
      const bytesRead = await readInto(buffer);
      // The other buffer may be read into again only once gunzip has taken it.
      await taken;
      if (bytesRead === 0 || failure) break;
      taken = give(buffer.subarray(0, bytesRead));
    }
    await taken;
    if (!failure && hold.held.length > 0) await write(hold.held);
    if (!failure) gunzip.end();
    await ended;
  } finally {
    gunzip.destroy();
  }
  if (!failure) return;
  if (failure.fromSink) throw failure.error;
  const message = gzipFailure(failure.error);
  if (!splitter.unreadable(message)) throw new Error(message, { cause: failure.error });
}

/** What a failed gunzip means for the lines read. */
function gzipFailure(error: unknown): string {
  // A trailer check (see TrailerHold) fails after the whole member's text came out: nothing is
  // missing from it, but its bytes no longer match what was compressed, so the user is told.
  const check = error instanceof Error ? /incorrect (data|length) check/.exec(error.message) : null;
  if (check) return `the gzip file's ${check[1] === "data" ? "CRC32 checksum" : "length"} does not match its text (the file is damaged): every line decompressed was read, but some may be wrong`;
  return `the rest of the file could not be decompressed (${gzipProblem(error)}): the lines before were read`;
}

function gzipProblem(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === "Z_BUF_ERROR") return "the gzip stream ends early: the file is cut short or still being written";
  if (code === "Z_DATA_ERROR") return "the gzip data is corrupt";
  return error instanceof Error ? error.message : String(error);
}

/** A carry buffer that grew past this for one long line is let go after it, not kept for the rest of the log. */
const KEEP_CARRY_BYTES = 4 * 1024 * 1024;
/** A line cut by a chunk's end is gathered in the carry up to this; a longer one as text (LineSplitter.long). */
const LONG_LINE_BYTES = 1024 * 1024;
const NO_CARRY = Buffer.alloc(0);

/**
 * Splits chunks of bytes into lines (see readLines). A line cut by a chunk's end is gathered in
 * one buffer used again line after line: a copy of each piece and then their concatenation, made
 * afresh per line, were external memory that lived until a collection (on a log of 1 MB lines,
 * the reading thread's external memory peaked at 19 MB, 11 MB with the one buffer).
 */
class LineSplitter {
  private carry: Buffer = NO_CARRY;
  private carryBytes = 0;
  /** Inside an oversized line: bytes are dropped until its newline. */
  private skipping = false;
  private skippedBytes = 0;
  private lineNo = 0;
  /**
   * A line longer than LONG_LINE_BYTES is decoded as it comes, its pieces kept as text and joined
   * at its end, instead of gathered in a carry grown by doubling: each larger carry left the last
   * as garbage outside the heap, which V8 frees only at a full collection (a log of 15 MB lines
   * held 89 MB of such buffers on the reading thread).
   */
  private long: { parts: string[]; decoder: StringDecoder } | undefined;
  private longBytes = 0;

  constructor(
    private readonly sink: LineSink,
    private readonly max: number,
  ) {}

  push(chunk: Buffer): void {
    let start = 0;
    for (let nl = chunk.indexOf(0x0a, start); nl !== -1; nl = chunk.indexOf(0x0a, start)) {
      this.finishLine(chunk.subarray(start, nl));
      start = nl + 1;
    }
    if (start < chunk.length) {
      const rest = chunk.subarray(start);
      if (this.skipping) this.skippedBytes += rest.length;
      else if (this.carryBytes + this.longBytes + rest.length > this.max) {
        this.skipping = true;
        this.skippedBytes = this.carryBytes + this.longBytes + rest.length;
        this.dropCarry();
        this.dropLong();
      } else if (this.long !== undefined || this.carryBytes + rest.length > LONG_LINE_BYTES) this.appendLong(rest);
      else this.append(rest); // copied: the chunk's buffer is read into again
    }
  }

  /** The last line (one not ended by a newline); returns the number of lines. */
  end(): number {
    if (this.skipping || this.carryBytes > 0 || this.long !== undefined) this.finishLine(NO_CARRY);
    return this.lineNo;
  }

  /** The text stops here: the line cut short is given as it is, then the failure. False when the sink takes no such report. */
  unreadable(message: string): boolean {
    if (!this.sink.unreadable) return false;
    this.end();
    this.sink.unreadable(this.lineNo + 1, message);
    return true;
  }

  private append(bytes: Buffer): void {
    const needed = this.carryBytes + bytes.length;
    if (needed > this.carry.length) {
      const grown = Buffer.allocUnsafe(Math.max(needed, 2 * this.carry.length, 64 * 1024));
      this.carry.copy(grown, 0, 0, this.carryBytes);
      this.carry = grown;
    }
    bytes.copy(this.carry, this.carryBytes);
    this.carryBytes = needed;
  }

  /** Goes on with a long line: decoded piece by piece (a character cut by a piece's end is kept for the next). */
  private appendLong(bytes: Buffer): void {
    if (this.long === undefined) {
      this.long = { parts: [], decoder: new StringDecoder("utf8") };
      if (this.carryBytes > 0) this.long.parts.push(this.long.decoder.write(this.carry.subarray(0, this.carryBytes)));
      this.longBytes = this.carryBytes;
      this.dropCarry();
    }
    this.long.parts.push(this.long.decoder.write(bytes));
    this.longBytes += bytes.length;
  }

  private dropLong(): void {
    this.long = undefined;
    this.longBytes = 0;
  }

  private dropCarry(): void {
    this.carryBytes = 0;
    if (this.carry.length > KEEP_CARRY_BYTES) this.carry = NO_CARRY;
  }

  private finishLine(tail: Buffer): void {
    this.lineNo++;
    if (!this.skipping && this.carryBytes + this.longBytes + tail.length > this.max) {
      // Over the limit only with its last piece (the pieces before it were within it).
      this.skipping = true;
      this.skippedBytes = this.carryBytes + this.longBytes;
      this.dropCarry();
      this.dropLong();
    }
    if (this.skipping) {
      this.sink.oversized(this.lineNo, this.skippedBytes + tail.length);
      this.skipping = false;
      this.skippedBytes = 0;
      return;
    }
    if (this.long !== undefined) {
      const { parts, decoder } = this.long;
      parts.push(decoder.write(tail), decoder.end());
      this.dropLong();
      let text = parts.join("");
      if (text.endsWith("\r")) text = text.slice(0, -1);
      this.sink.line(text, this.lineNo);
      return;
    }
    let buf = tail;
    let end = tail.length;
    if (this.carryBytes > 0) {
      this.append(tail);
      buf = this.carry;
      end = this.carryBytes;
      this.dropCarry();
    }
    if (end > 0 && buf[end - 1] === 0x0d) end--;
    this.sink.line(buf.toString("utf8", 0, end), this.lineNo);
  }
}
