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
 * fd 1: files and pipes take whole writes in order), in chunks of about `chunkChars` bytes. Each
 * piece is encoded into the chunk's buffer as it comes (no joined string to build and copy). A
 * full non-blocking pipe (EAGAIN) is waited on and retried; a closed one (EPIPE) throws
 * OutputClosedError, once, and everything after it is dropped.
 */
export class FdWriter {
  private readonly buffer: Buffer;
  private used = 0;
  private closed = false;

  constructor(
    private readonly fd: number,
    chunkChars: number,
  ) {
    // A UTF-16 unit is at most 3 UTF-8 bytes: a chunk and its last piece usually fit.
    this.buffer = Buffer.allocUnsafe(chunkChars * 4);
  }

  write(text: string): void {
    if (this.closed) return;
    const most = text.length * 3;
    if (this.used + most > this.buffer.length) {
      this.flush();
      if (most > this.buffer.length) {
        this.send(Buffer.from(text, "utf8"));
        return;
      }
    }
    this.used += this.buffer.write(text, this.used, "utf8");
    if (this.used * 4 >= this.buffer.length * 3) this.flush();
  }

  flush(): void {
    if (this.closed || this.used === 0) return;
    const bytes = this.buffer.subarray(0, this.used);
    this.used = 0;
    this.send(bytes);
  }

  private send(bytes: Buffer): void {
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
