/** Longest pause between two tries on a non-blocking file descriptor that would block. */
const MAX_PAUSE_MS = 20;
const cell = new Int32Array(new SharedArrayBuffer(4));

/** Whether a read or write failed only because a non-blocking descriptor was not ready (try again). */
export const wouldBlock = (error: unknown): boolean => (error as NodeJS.ErrnoException | undefined)?.code === "EAGAIN";

/**
 * The pauses between tries on a non-blocking pipe that is not ready (EAGAIN: a full stdout, an
 * empty stdin): 1 ms, doubling up to MAX_PAUSE_MS, back to 1 ms once a try succeeds.
 */
export class WouldBlockBackoff {
  private ms = 1;

  /** The pause before the next try. */
  next(): number {
    const ms = this.ms;
    this.ms = Math.min(ms * 2, MAX_PAUSE_MS);
    return ms;
  }

  /** Blocks this thread for the next pause (for a synchronous read or write). */
  waitSync(): void {
    Atomics.wait(cell, 0, 0, this.next());
  }

  reset(): void {
    this.ms = 1;
  }
}
