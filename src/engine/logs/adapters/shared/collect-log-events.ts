import type { LogAdapter, LogEvent } from "../../log-events.js";

/**
 * Runs an adapter's reader over a whole text (split on \n, \r\n) and returns what it emitted.
 * For tests and small inputs; the loader streams files line by line instead.
 */
export function collectEvents(adapter: LogAdapter, file: string, text: string): LogEvent[] {
  const events: LogEvent[] = [];
  const emit = (event: LogEvent): void => {
    events.push(event);
  };
  const reader = adapter.createReader(file);
  const lines = text.split("\n");
  // A final newline ends the last line; it does not start an empty one.
  if (lines.length > 1 && lines[lines.length - 1] === "") lines.pop();
  lines.forEach((line, index) => reader.line(line.endsWith("\r") ? line.slice(0, -1) : line, index + 1, emit));
  reader.end(emit);
  return events;
}
