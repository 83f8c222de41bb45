import { mkdir, open, type FileHandle } from "node:fs/promises";
import { join } from "node:path";

/** Which API an exchange spoke: each goes to its own file, since a log's format is detected per file. */
export type RecordedApi = "chat" | "responses";

/**
 * The log file of a day and API: `DIR/<YYYY-MM-DD>.jsonl` (openai-chat) or
 * `DIR/<YYYY-MM-DD>.responses.jsonl` (openai-responses), UTC, so a long-running proxy rolls over
 * at midnight.
 */
export const logFileFor = (dir: string, at: Date, api: RecordedApi = "chat"): string =>
  join(dir, `${at.toISOString().slice(0, 10)}${api === "chat" ? "" : `.${api}`}.jsonl`);

/** Files kept open at once: today's per API; yesterday's are closed when today's first line comes. */
const MAX_OPEN_FILES = 2;

/**
 * Appends one JSON line per exchange. Each line is one write to a file opened for appending, and
 * writes are queued one after another, so concurrent exchanges never interleave or lose a line
 * (and other processes appending to the same file see whole lines). Lines reach the OS as they
 * are written: a killed proxy loses nothing already logged.
 */
export class ExchangeLog {
  private queue: Promise<void> = Promise.resolve();
  private readonly handles = new Map<string, FileHandle>();
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

  append(record: { ts: string }, api: RecordedApi = "chat"): Promise<void> {
    const line = Buffer.from(`${JSON.stringify(record)}\n`, "utf8");
    const path = logFileFor(this.dir, new Date(record.ts), api);
    this.queue = this.queue.then(() => this.write(path, line));
    return this.queue;
  }

  /** Waits for every queued line, then closes the files. */
  async close(): Promise<void> {
    await this.queue;
    await this.closeAll();
  }

  private async closeAll(): Promise<void> {
    const open = [...this.handles.values()];
    this.handles.clear();
    await Promise.all(open.map((handle) => handle.close()));
  }

  private async handleFor(path: string): Promise<FileHandle> {
    const known = this.handles.get(path);
    if (known) return known;
    if (this.handles.size >= MAX_OPEN_FILES) await this.closeAll();
    await mkdir(this.dir, { recursive: true });
    const handle = await open(path, "a");
    this.handles.set(path, handle);
    return handle;
  }

  private async write(path: string, line: Buffer): Promise<void> {
    try {
      const handle = await this.handleFor(path);
      let offset = 0;
      // One write in practice; the loop only matters if the OS accepts part of a very long line.
      while (offset < line.length) offset += (await handle.write(line, offset)).bytesWritten;
      this.lines++;
      this.failure = undefined;
    } catch (error) {
      // The exchange itself went through; say once per failure streak that the log is not being written.
      const message = `tooldbg proxy: cannot write ${path}: ${error instanceof Error ? error.message : String(error)}`;
      if (this.failure !== message) this.onError(message);
      this.failure = message;
      await this.closeAll().catch(() => {});
    }
  }
}
