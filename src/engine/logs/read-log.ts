import type { ContinuedReaders } from "./continued-logs.js";
import type { LogAdapter, LogEvent, LogFormat, LogLineError } from "./log-events.js";
import { readLines } from "./read-lines.js";
import { boundedResult } from "./bounded-result.js";

/** A log another thread is to read: its path, its format, and for stdin (`-`) the bytes detection took from it. */
export interface LogToRead {
  path: string;
  format: LogFormat;
  head?: Uint8Array | undefined;
}

export interface LogFileSummary {
  path: string;
  format: LogFormat;
  /** Non-blank lines read (scan/1 calls the field `records`: a pretty-printed document counts each of its lines). */
  records: number;
  errors: { line: number; message: string }[];
  /**
   * Set when the log had lines and every one of them was bad: nothing in it was read (a binary
   * file, a log of another format than the one it is read as, or one pretty-printed record that
   * could not be read: a bad multi-line record counts all its lines). scan then exits 2, as for a
   * file it cannot open, instead of passing with "0 tool calls".
   */
  allLinesBad?: true;
}

/** At most this many line errors are kept per file (all are counted); a binary file would otherwise fill memory. */
const MAX_KEPT_ERRORS = 1000;

/**
 * Stream one log file through its adapter, handing every event to `onEvent` as it is read. A bad
 * line becomes an error (kept in the summary with its line number) and reading goes on.
 */
export async function readLog(
  path: string,
  adapter: LogAdapter,
  onEvent: (event: Exclude<LogEvent, LogLineError>) => void,
  opts: { afterChunk?: () => Promise<void> | undefined; highWaterMark?: number; head?: Uint8Array | undefined; readers?: ContinuedReaders } = {},
): Promise<LogFileSummary> {
  const summary: LogFileSummary = { path, format: adapter.format, records: 0, errors: [] };
  let errorCount = 0;
  /** Lines the errors account for: a bad multi-line record is one error for all its lines. */
  let badLines = 0;
  const emit = (event: LogEvent) => {
    if (event.kind === "error") {
      errorCount++;
      badLines += event.lines ?? 1;
      if (summary.errors.length < MAX_KEPT_ERRORS) summary.errors.push({ line: event.line, message: event.message });
      return;
    }
    onEvent(event.kind === "result" ? boundedResult(event) : event);
  };
  // Named with the log before it, a log of the same format may be read on by that log's reader.
  const reader = opts.readers ? opts.readers.readerFor(path, adapter) : adapter.createReader(path);
  const guarded = (fn: () => void, line: number) => {
    try {
      fn();
    } catch (error) {
      // Adapters should never throw; if one does, the line is lost, not the file.
      emit({ kind: "error", line, message: `could not read this record (${error instanceof Error ? error.message : String(error)})` });
    }
  };
  let lastLine = 0;
  /** Where the file stopped being readable (a cut gzip stream): reported after the last record's own errors. */
  let unreadable: LogLineError | undefined;
  await readLines(path, {
    line(text, lineNo) {
      lastLine = lineNo;
      if (text.trim() !== "") summary.records++;
      guarded(() => reader.line(text, lineNo, emit), lineNo);
    },
    oversized(lineNo, bytes) {
      lastLine = lineNo;
      summary.records++; // a non-blank line, if one too long to read: a log of nothing else is all bad lines
      emit({ kind: "error", line: lineNo, message: `line is ${(bytes / 1048576).toFixed(1)} MB, too long to be a record; skipped` });
    },
    unreadable(lineNo, message) {
      unreadable = { kind: "error", line: lineNo, message };
    },
  }, { ...(adapter.maxLineBytes ? { maxLineBytes: adapter.maxLineBytes } : {}), ...(opts.afterChunk ? { afterChunk: opts.afterChunk } : {}), ...(opts.highWaterMark ? { highWaterMark: opts.highWaterMark } : {}), head: opts.head });
  guarded(() => reader.end(emit), lastLine);
  if (unreadable) emit(unreadable);
  if (summary.records > 0 && badLines >= summary.records) summary.allLinesBad = true;
  if (errorCount > summary.errors.length) summary.errors.push({ line: lastLine, message: `${errorCount - summary.errors.length} more bad lines not listed` });
  return summary;
}
