import { createRecordFramer } from "./json-record-framer.js";

/** Lines of a file's head looked at; heads are small, this only bounds the work. */
const MAX_HEAD_LINES = 400;

/** A pattern that, found in a head whose records could not be parsed, suggests the format. */
export type TextMarker = readonly [pattern: RegExp, confidence: number];

/**
 * Confidence for a file whose first line is not a JSON record (SSE `data:` lines, a text prefix,
 * pretty-printed JSON): frame the head's lines as the reader would and score the records found;
 * when the head ends inside a pretty-printed document, fall back to the format's text markers.
 */
export function detectFromHead(head: string, detect: (record: unknown) => number, markers: readonly TextMarker[]): number {
  let best = 0;
  try {
    const framer = createRecordFramer();
    const lines = head.split("\n", MAX_HEAD_LINES);
    for (let i = 0; i < lines.length; i++) {
      framer.push(lines[i] ?? "", i + 1, (item) => {
        if (item.kind === "record") best = Math.max(best, detect(item.value));
      });
    }
  } catch {
    best = 0;
  }
  if (best > 0) return best;
  for (const [pattern, confidence] of markers) if (pattern.test(head)) best = Math.max(best, confidence);
  return best;
}
