import { read, readSync } from "node:fs";
import { wouldBlock, WouldBlockBackoff } from "./would-block.js";

/** The log path that stands for standard input (`tooldbg scan -`). */
export const STDIN_PATH = "-";

const STDIN_FD = 0;

export const isStdin = (path: string): boolean => path === STDIN_PATH;

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
  const backoff = new WouldBlockBackoff();
  while (used < bytes) {
    let n: number;
    try {
      n = readSync(STDIN_FD, buffer, used, bytes - used, null);
    } catch (error) {
      if (!wouldBlock(error)) throw error;
      backoff.waitSync();
      continue;
    }
    if (n === 0) break;
    const short = n < bytes - used;
    used += n;
    backoff.reset();
    if (short && buffer.subarray(0, used).includes(0x0a)) break;
  }
  return buffer.subarray(0, used);
}

/** Reads stdin into `buffer` (the next bytes, as many as come at once); 0 at its end. */
export function readStdinInto(buffer: Buffer): Promise<number> {
  const backoff = new WouldBlockBackoff();
  return new Promise((resolve, reject) => {
    const attempt = () =>
      read(STDIN_FD, buffer, 0, buffer.length, null, (error, n) => {
        if (!error) resolve(n);
        else if (wouldBlock(error)) setTimeout(attempt, backoff.next());
        else reject(error);
      });
    attempt();
  });
}
