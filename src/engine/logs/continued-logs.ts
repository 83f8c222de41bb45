import type { LogAdapter, LogFormat, LogReader } from "./log-events.js";

/**
 * Logs named one after the other in the same format are mostly one log in parts (rotated daily,
 * split by size): a conversation goes on past a file's end, and the next file's first requests
 * repeat calls the last one made. For these formats one reader goes on from file to file (see
 * LogReader.nextFile), so such a call is still one call and its result, in the next file,
 * still answers it. Other formats' readers start afresh with each file.
 */
const CONTINUED: ReadonlySet<LogFormat> = new Set<LogFormat>(["openai-chat", "openai-responses", "anthropic"]);

/** Whether `next` is read on from `previous` (the log named just before it), by their formats. */
export function continuesFrom(previous: LogFormat | undefined, next: LogFormat): boolean {
  return previous === next && CONTINUED.has(next);
}

/** The reader for each log of a scan, in turn: the last one, gone on to this file, when it continues. */
export class ContinuedReaders {
  private last: { format: LogFormat; reader: LogReader } | undefined;

  readerFor(path: string, adapter: LogAdapter): LogReader {
    const last = this.last;
    if (last && continuesFrom(last.format, adapter.format) && last.reader.nextFile) {
      last.reader.nextFile(path);
      return last.reader;
    }
    const reader = adapter.createReader(path);
    this.last = { format: adapter.format, reader };
    return reader;
  }
}
