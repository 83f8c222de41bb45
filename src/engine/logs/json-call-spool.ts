import { closeSync, mkdtempSync, openSync, readSync, rmSync, unlinkSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ScannedCall } from "./scanned-call.js";
import type { ScanResult } from "./run-scan.js";

/** Call texts are encoded into one buffer of this size, written out when full (a larger call on its own). */
const WRITE_BYTES = 256 * 1024;
/** Bytes read back at a time, into each of WINDOWS windows. */
const READ_BYTES = 512 * 1024;
const WINDOWS = 4;
/** Places (entries of the index) the index starts with; it doubles as calls come. */
const FIRST_PLACES = 4096;

/** How a spool failure's message starts: the scanning thread's errors reach the main thread as their message. */
export const SPOOL_UNAVAILABLE = "scan --json keeps the calls in a temporary file until the document is written, and could not";

/** The temporary file of --json's calls could not be made or written (a missing TMPDIR, a full disk): the user's to mend. */
export class SpoolUnavailableError extends Error {
  constructor(what: string) {
    super(what.startsWith(SPOOL_UNAVAILABLE) ? what : `${SPOOL_UNAVAILABLE} ${what}`);
    this.name = "SpoolUnavailableError";
  }
}

const reason = (error: unknown): string => (error instanceof Error ? ((error as NodeJS.ErrnoException).code ?? error.message) : String(error));

/** A part of the spool file read back: bytes `start` to `end`, last used for the call sorted `used`-th. */
interface Window {
  buf: Buffer;
  start: number;
  end: number;
  used: number;
}

/**
 * The calls of `scan --json`, kept on disk, not in memory: each call's text (as the document
 * indents it) is appended to an unlinked temporary file, and only its place is kept here (file
 * rank, line, offset, length: 24 bytes a call). The document lists the calls in log order, so
 * they are written out at the end sorted by place (a stable sort: a line's calls stay in turn),
 * each read back in turn. Holding every call and then the whole document as one string had
 * peaked at 316 MB on the 160 MB bench log.
 */
export class JsonCallSpool {
  private readonly dir: string;
  private readonly path: string;
  private fd: number;
  private unlinked = false;
  private readonly out = Buffer.allocUnsafe(WRITE_BYTES);
  private pendingBytes = 0;
  private written = 0;
  private count = 0;
  private ranks = new Uint32Array(FIRST_PLACES);
  private lines = new Float64Array(FIRST_PLACES);
  private offsets = new Float64Array(FIRST_PLACES);
  private lengths = new Uint32Array(FIRST_PLACES);

  constructor() {
    try {
      this.dir = mkdtempSync(join(tmpdir(), "tooldbg-scan-"));
      this.path = join(this.dir, "calls.json");
      this.fd = openSync(this.path, "w+", 0o600);
    } catch (error) {
      throw new SpoolUnavailableError(`create one in ${tmpdir()} (${reason(error)}): set TMPDIR to a writable directory, or use --jsonl`);
    }
    // Unlinked at once where the system allows it (POSIX): nothing is left behind, even by a killed scan.
    try {
      unlinkSync(this.path);
      rmSync(this.dir, { recursive: true, force: true });
      this.unlinked = true;
    } catch {
      // Windows keeps an open file: it is removed by close().
    }
  }

  get size(): number {
    return this.count;
  }

  /** A call, in the order the scan hands calls on; `rank` is its log's place among the logs scanned. */
  add(call: ScannedCall, rank: number): void {
    const text = indentedCall(call);
    const bytes = Buffer.byteLength(text);
    if (this.count === this.ranks.length) this.grow();
    const i = this.count++;
    this.ranks[i] = rank;
    this.lines[i] = Number.isFinite(call.source.line) ? call.source.line : Number.MAX_VALUE;
    this.lengths[i] = bytes;
    if (this.pendingBytes + bytes > WRITE_BYTES) this.flush();
    this.offsets[i] = this.written + this.pendingBytes;
    if (bytes > WRITE_BYTES) this.writeOut(Buffer.from(text, "utf8"));
    else this.pendingBytes += this.out.write(text, this.pendingBytes, "utf8");
  }

  /**
   * The calls' texts in log order (the order of the logs, then of their lines; a line's calls in
   * the order they were handed on), each as it appears in the document, for `write` one at a time.
   */
  async writeSorted(write: (text: string) => Promise<void> | void): Promise<void> {
    this.flush();
    const order = new Uint32Array(this.count);
    for (let i = 0; i < this.count; i++) order[i] = i;
    const { ranks, lines } = this;
    order.sort((a, b) => (ranks[a] as number) - (ranks[b] as number) || (lines[a] as number) - (lines[b] as number) || a - b);
    // Sorted, the calls are read back as a few runs through the file, each in order: those handed
    // on within a line or two of their own, and those that waited long (calls never answered go on
    // thousands of calls later). Each run gets a window of the file of its own.
    const windows: Window[] = Array.from({ length: WINDOWS }, () => ({ buf: Buffer.allocUnsafe(READ_BYTES), start: 0, end: 0, used: 0 }));
    for (let k = 0; k < order.length; k++) {
      const i = order[k] as number;
      const offset = this.offsets[i] as number;
      const length = this.lengths[i] as number;
      let w = windows.find((x) => offset >= x.start && offset + length <= x.end);
      if (!w) {
        w = windows.reduce((a, b) => (b.used < a.used ? b : a));
        this.fill(w, offset, length);
      }
      w.used = k + 1;
      const wait = write(w.buf.toString("utf8", offset - w.start, offset - w.start + length));
      if (wait) await wait;
    }
  }

  /**
   * Reads READ_BYTES of the file around `offset` into the window (or the one call, when it is
   * longer). A call handed on late sits a little after the calls it is sorted among: the window
   * starts a quarter before the call asked for, so going back to them reads nothing again.
   */
  private fill(w: Window, offset: number, length: number): void {
    if (length > w.buf.length) w.buf = Buffer.allocUnsafe(length);
    // Before the call by a quarter of the window, but never so far that the call does not fit.
    const start = Math.max(0, Math.min(offset, Math.max(offset - (w.buf.length >> 2), offset + length - w.buf.length)));
    const want = Math.min(w.buf.length, this.written - start);
    let read = 0;
    while (read < want) {
      const n = readSync(this.fd, w.buf, read, want - read, start + read);
      if (n === 0) break;
      read += n;
    }
    if (start + read < offset + length) throw new Error("the scan's temporary file of calls ended early");
    w.start = start;
    w.end = start + read;
  }

  /** Closes (and removes) the temporary file. */
  close(): void {
    if (this.fd === -1) return;
    closeSync(this.fd);
    this.fd = -1;
    if (!this.unlinked) rmSync(this.dir, { recursive: true, force: true });
  }

  private flush(): void {
    if (this.pendingBytes === 0) return;
    const used = this.pendingBytes;
    this.pendingBytes = 0;
    this.writeOut(this.out.subarray(0, used));
  }

  /** Appends these bytes to the file. */
  private writeOut(chunk: Buffer): void {
    let done = 0;
    try {
      while (done < chunk.length) done += writeSync(this.fd, chunk, done, chunk.length - done, this.written + done);
    } catch (error) {
      throw new SpoolUnavailableError(`write to it in ${tmpdir()} (${reason(error)}): free some space there, set TMPDIR to another directory, or use --jsonl`);
    }
    this.written += chunk.length;
  }

  private grow(): void {
    const n = this.ranks.length * 2;
    const grown = <A extends Uint32Array | Float64Array>(old: A, make: new (n: number) => A): A => {
      const next = new make(n);
      next.set(old);
      return next;
    };
    this.ranks = grown(this.ranks, Uint32Array);
    this.lines = grown(this.lines, Float64Array);
    this.offsets = grown(this.offsets, Float64Array);
    this.lengths = grown(this.lengths, Uint32Array);
  }
}

/** What JSON.stringify([[call]], null, 2) writes around the call: `[\n  [\n` and `\n  ]\n]`. */
const WRAPPING = 6;

/**
 * A call as `JSON.stringify(document, null, 2)` writes it among the document's calls (two levels
 * down): the same bytes, so the document reads as before. Stringified two arrays deep, it comes
 * indented as there (a third faster than indenting each line of it afterwards).
 */
export function indentedCall(call: ScannedCall): string {
  const text = JSON.stringify([[call]], null, 2);
  return text.slice(WRAPPING, text.length - WRAPPING);
}

const CALLS_KEY = '\n  "calls": []';

/**
 * The `scan --json` document (SPEC §7) exactly as `JSON.stringify(document, null, 2)` writes it,
 * its calls read back from the spool one by one in log order instead of held in memory. Closes
 * the spool.
 */
export async function writeScanDocument(result: Pick<ScanResult, "files" | "issues" | "summary" | "spool">, write: (text: string) => Promise<void> | void): Promise<void> {
  const { files, issues, summary, spool } = result;
  const frame = JSON.stringify({ tooldbg: "scan/1", files, calls: [], ...(issues.length ? { conversation: issues } : {}), summary }, null, 2);
  try {
    if (!spool || spool.size === 0) {
      await write(`${frame}\n`);
      return;
    }
    // Only the top level's keys are indented by two spaces (a string's newlines are escaped): this is the calls' place.
    const at = frame.indexOf(CALLS_KEY);
    await write(`${frame.slice(0, at)}\n  "calls": [\n`);
    let first = true;
    await spool.writeSorted((text) => {
      const wait = write(first ? text : `,\n${text}`);
      first = false;
      return wait;
    });
    await write(`\n  ]${frame.slice(at + CALLS_KEY.length)}\n`);
  } finally {
    spool?.close();
  }
}
