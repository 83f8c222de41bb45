import { createRecordFramer } from "./json-record-framer.js";

/** Lines of a file's head looked at; heads are small, this only bounds the work. */
const MAX_HEAD_LINES = 400;

/** A pattern that, found in a head whose records could not be parsed, suggests the format. */
export type TextMarker = readonly [pattern: RegExp, confidence: number];

/**
 * The records framed from the head last judged: the formats that judge a head this way (chat and
 * Responses) share one framing of it. Dropped by forgetFramedHead once the head is judged.
 */
let framed: { head: string; records: unknown[] } | undefined;

/**
 * Confidence for a file whose first line is not a JSON record (SSE `data:` lines, a text prefix,
 * pretty-printed JSON): frame the head's lines as the reader would and score the records found;
 * when the head ends inside a pretty-printed document, fall back to the format's text markers.
 * A score of 1 is as sure as detection gets: the records after it are not looked at.
 */
export function detectFromHead(head: string, detect: (record: unknown) => number, markers: readonly TextMarker[]): number {
  let best = 0;
  try {
    for (const record of framedRecords(head)) {
      best = Math.max(best, detect(record));
      if (best >= 1) break;
    }
  } catch {
    best = 0;
  }
  if (best > 0) return best;
  for (const [pattern, confidence] of markers) if (pattern.test(head)) best = Math.max(best, confidence);
  return best;
}

/** Forgets the head framed last (its records are a few hundred KB of heap). */
export function forgetFramedHead(): void {
  framed = undefined;
}

function framedRecords(head: string): unknown[] {
  if (framed?.head === head) return framed.records;
  const records: unknown[] = [];
  try {
    const framer = createRecordFramer();
    const lines = head.split("\n", MAX_HEAD_LINES);
    for (let i = 0; i < lines.length; i++) {
      framer.push(lines[i] ?? "", i + 1, (item) => {
        if (item.kind === "record") records.push(item.value);
      });
    }
  } catch {
    // A head the framer cannot take judges as no records at all, as it always has.
    records.length = 0;
  }
  framed = { head, records };
  return records;
}
