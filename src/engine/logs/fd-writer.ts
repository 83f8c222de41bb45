import { writeSync } from "node:fs";

/** Raised once the reader of the output went away (EPIPE): nothing more can be written. */
export class OutputClosedError extends Error {
  constructor() {
    super("the output was closed before the scan finished");
  }
}

/** Longest pause between two tries on a full non-blocking pipe. */
const MAX_WAIT_MS = 20;
const sleepCell = new Int32Array(new SharedArrayBuffer(4));

/**
 * Writes text straight to a file descriptor from the thread that makes it (a worker may write
 * fd 1: files and pipes take whole writes in order), in chunks of about `chunkChars`. A full
 * non-blocking pipe (EAGAIN) is waited on and retried; a closed one (EPIPE) throws
 * OutputClosedError, once, and everything after it is dropped.
 */
export class FdWriter {
  private pending = "";
  private buffer: Buffer;
  private closed = false;

  constructor(
    private readonly fd: number,
    private readonly chunkChars: number,
  ) {
    // A UTF-16 unit is at most 3 UTF-8 bytes: one chunk (plus its last piece) usually fits.
    this.buffer = Buffer.allocUnsafe(chunkChars * 4);
  }

  write(text: string): void {
    if (this.closed) return;
    this.pending += text;
    if (this.pending.length >= this.chunkChars) this.flush();
  }

  flush(): void {
    if (this.closed || this.pending.length === 0) return;
    const text = this.pending;
    this.pending = "";
    const bytes = text.length * 3 <= this.buffer.length ? this.buffer.subarray(0, this.buffer.write(text, 0, "utf8")) : Buffer.from(text, "utf8");
    let offset = 0;
    let wait = 1;
    while (offset < bytes.length) {
      try {
        offset += writeSync(this.fd, bytes, offset, bytes.length - offset);
        wait = 1;
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === "EAGAIN") {
          Atomics.wait(sleepCell, 0, 0, wait);
          wait = Math.min(wait * 2, MAX_WAIT_MS);
        } else if (code === "EPIPE") {
          this.closed = true;
          throw new OutputClosedError();
        } else {
          throw error;
        }
      }
    }
  }
}
