import type { LogEvent } from "../../log-events.js";
import { isRecord } from "./json-read.js";

/** Keys named in an "unknown shape" message: enough to recognise the record, short enough to read. */
const KEYS_SHOWN = 6;

/**
 * Runs one record's work so that nothing it throws escapes the reader: a record that breaks the
 * adapter becomes an error event for its line and the rest of the file still loads.
 */
export function guardRecord(line: number, emit: (event: LogEvent) => void, work: () => void): void {
  try {
    work();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    try {
      emit({ kind: "error", line, message: `could not read this record: ${reason}` });
    } catch {
      // The consumer's own emit threw: nothing more can be reported.
    }
  }
}

/** "not <expected>: an object with keys a, b, c" — says what was found instead. */
export function describeUnknownRecord(value: unknown, expected: string): string {
  let found: string;
  if (Array.isArray(value)) found = `an array of ${value.length}`;
  else if (isRecord(value)) {
    const keys = Object.keys(value);
    found = keys.length === 0 ? "an empty object" : `an object with keys ${keys.slice(0, KEYS_SHOWN).join(", ")}${keys.length > KEYS_SHOWN ? ", …" : ""}`;
  } else found = value === null ? "null" : `a ${typeof value}`;
  return `unknown shape: not ${expected} (found ${found})`;
}
