import { writeSync } from "node:fs";
import { wouldBlock, WouldBlockBackoff } from "./would-block.js";

/** Raised once the reader of the output went away (EPIPE): nothing more can be written. */
export class OutputClosedError extends Error {
  constructor() {
    super("the output was closed before the scan finished");
  }
}

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
        this.writeLong(text);
        return;
      }
    }
    this.used += this.buffer.write(text, this.used, "utf8");
    if (this.used * 4 >= this.buffer.length * 3) this.flush();
  }

  /**
   * A text longer than the buffer (a call with a file's content for arguments), written through
   * the buffer a piece at a time: encoded whole, each such line was a fresh buffer of its size,
   * external memory held until a collection. A piece never ends between the two halves of a
   * surrogate pair, which encoded apart would each become U+FFFD.
   */
  private writeLong(text: string): void {
    const step = Math.floor(this.buffer.length / 3);
    for (let start = 0; start < text.length && !this.closed; ) {
      let end = Math.min(start + step, text.length);
      const last = text.charCodeAt(end - 1);
      if (end < text.length && last >= 0xd800 && last <= 0xdbff) end--;
      this.used = this.buffer.write(text.slice(start, end), 0, "utf8");
      this.flush();
      start = end;
    }
  }

  flush(): void {
    if (this.closed || this.used === 0) return;
    const bytes = this.buffer.subarray(0, this.used);
    this.used = 0;
    this.send(bytes);
  }

  private send(bytes: Buffer): void {
    let offset = 0;
    const backoff = new WouldBlockBackoff();
    while (offset < bytes.length) {
      try {
        offset += writeSync(this.fd, bytes, offset, bytes.length - offset);
        backoff.reset();
      } catch (error) {
        if (wouldBlock(error)) {
          backoff.waitSync();
        } else if ((error as NodeJS.ErrnoException).code === "EPIPE") {
          this.closed = true;
          throw new OutputClosedError();
        } else {
          throw error;
        }
      }
    }
  }
}
