import { mkdir, open, type FileHandle } from "node:fs/promises";
import { join } from "node:path";

/** The log file of a day: `DIR/<YYYY-MM-DD>.jsonl`, UTC, so a long-running proxy rolls over at midnight. */
export const logFileFor = (dir: string, at: Date): string => join(dir, `${at.toISOString().slice(0, 10)}.jsonl`);

/**
 * Appends one JSON line per exchange. Each line is one write to a file opened for appending, and
 * writes are queued one after another, so concurrent exchanges never interleave or lose a line
 * (and other processes appending to the same file see whole lines). Lines reach the OS as they
 * are written: a killed proxy loses nothing already logged.
 */
export class ExchangeLog {
  private queue: Promise<void> = Promise.resolve();
  private handle: FileHandle | undefined;
  private path: string | undefined;
  private failure: string | undefined;
  lines = 0;

  constructor(
    readonly dir: string,
    private readonly onError: (message: string) => void = () => {},
  ) {}

  /** Creates the directory up front, so a bad --out is a usage error at start, not a lost line later. */
  async open(): Promise<void> {
    await mkdir(this.dir, { recursive: true });
  }

  append(record: { ts: string }): Promise<void> {
    const line = Buffer.from(`${JSON.stringify(record)}\n`, "utf8");
    const path = logFileFor(this.dir, new Date(record.ts));
    this.queue = this.queue.then(() => this.write(path, line));
    return this.queue;
  }

  /** Waits for every queued line, then closes the file. */
  async close(): Promise<void> {
    await this.queue;
    await this.handle?.close();
    this.handle = undefined;
  }

  private async write(path: string, line: Buffer): Promise<void> {
    try {
      if (this.path !== path || !this.handle) {
        await this.handle?.close();
        this.handle = undefined;
        await mkdir(this.dir, { recursive: true });
        this.handle = await open(path, "a");
        this.path = path;
      }
      let offset = 0;
      // One write in practice; the loop only matters if the OS accepts part of a very long line.
      while (offset < line.length) offset += (await this.handle.write(line, offset)).bytesWritten;
      this.lines++;
      this.failure = undefined;
    } catch (error) {
      // The exchange itself went through; say once per failure streak that the log is not being written.
      const message = `tooldbg proxy: cannot write ${path}: ${error instanceof Error ? error.message : String(error)}`;
      if (this.failure !== message) this.onError(message);
      this.failure = message;
    }
  }
}
