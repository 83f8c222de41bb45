import { read, readSync } from "node:fs";

/** The log path that stands for standard input (`tooldbg scan -`). */
export const STDIN_PATH = "-";

const STDIN_FD = 0;
/** Longest pause between two tries on an empty non-blocking stdin. */
const MAX_WAIT_MS = 20;
const sleepCell = new Int32Array(new SharedArrayBuffer(4));

export const isStdin = (path: string): boolean => path === STDIN_PATH;

const wouldBlock = (error: unknown): boolean => (error as NodeJS.ErrnoException | undefined)?.code === "EAGAIN";

/**
 * The first bytes of stdin, read before the scan starts so its format can be detected: up to
 * `bytes`, fewer at its end, and fewer once a whole line has come and the writer pauses (a live
 * stream, `kubectl logs -f`, is judged on what it has written so far instead of being waited on).
 * They are consumed: the reader is given them back (readLines' `head`). A stdin left non-blocking
 * by whoever started tooldbg is waited on.
 */
export function readStdinHead(bytes: number): Buffer {
  const buffer = Buffer.allocUnsafe(bytes);
  let used = 0;
  let wait = 1;
  while (used < bytes) {
    let n: number;
    try {
      n = readSync(STDIN_FD, buffer, used, bytes - used, null);
    } catch (error) {
      if (!wouldBlock(error)) throw error;
      Atomics.wait(sleepCell, 0, 0, wait);
      wait = Math.min(wait * 2, MAX_WAIT_MS);
      continue;
    }
    if (n === 0) break;
    const short = n < bytes - used;
    used += n;
    wait = 1;
    if (short && buffer.subarray(0, used).includes(0x0a)) break;
  }
  return buffer.subarray(0, used);
}

/** Reads stdin into `buffer` (the next bytes, as many as come at once); 0 at its end. */
export function readStdinInto(buffer: Buffer): Promise<number> {
  return new Promise((resolve, reject) => {
    const attempt = (wait: number) =>
      read(STDIN_FD, buffer, 0, buffer.length, null, (error, n) => {
        if (!error) resolve(n);
        else if (wouldBlock(error)) setTimeout(() => attempt(Math.min(wait * 2, MAX_WAIT_MS)), wait);
        else reject(error);
      });
    attempt(1);
  });
}
