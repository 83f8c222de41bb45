import type { LogEvent, LogReader } from "../../log-events.js";
import type { FramedItemSink, RecordFramer } from "./json-record-framer.js";

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
  const guarded: LogReader = {
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
  const nextFile = reader.nextFile?.bind(reader);
  if (nextFile) {
    guarded.nextFile = (file) => {
      lastLine = 0;
      nextFile(file);
    };
  }
  return guarded;
}

/**
 * The usual adapter reader: each line goes through the framer to `onItem`, guarded. `takeSink`
 * is handed each call's sink first (an adapter's context emits through it); `atEnd` runs after
 * the framer's end, to close what is still open (streams, traces).
 */
export function framedReader(framer: RecordFramer, onItem: FramedItemSink, takeSink: (emit: (event: LogEvent) => void) => void, atEnd?: () => void, nextFile?: (file: string) => void): LogReader {
  return guardReader({
    line(text, line, emit) {
      takeSink(emit);
      framer.push(text, line, onItem);
    },
    end(emit) {
      takeSink(emit);
      framer.end(onItem);
      atEnd?.();
    },
    ...(nextFile && { nextFile }),
  });
}
