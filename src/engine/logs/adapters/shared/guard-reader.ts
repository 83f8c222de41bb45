import type { LogEvent, LogReader } from "../../log-events.js";

/**
 * Makes a reader's failures data: an exception while reading one line becomes that line's error
 * event and the reader goes on with the next line.
 */
export function guardReader(reader: LogReader): LogReader {
  let lastLine = 0;
  const report = (emit: (event: LogEvent) => void, line: number, error: unknown): void => {
    const message = error instanceof Error ? error.message : String(error);
    emit({ kind: "error", line, message: `could not read this record: ${message}` });
  };
  return {
    line(text, line, emit) {
      lastLine = line;
      try {
        reader.line(text, line, emit);
      } catch (error) {
        report(emit, line, error);
      }
    },
    end(emit) {
      try {
        reader.end(emit);
      } catch (error) {
        report(emit, lastLine, error);
      }
    },
  };
}
