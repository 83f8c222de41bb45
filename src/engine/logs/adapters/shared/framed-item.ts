/** What a log's lines become once framed: a parsed JSON record, an SSE `[DONE]`, or a bad line. */
export type FramedItem =
  | { kind: "record"; value: unknown; line: number; prefix?: string }
  | { kind: "done"; line: number }
  | { kind: "error"; line: number; message: string; lines?: number };

/**
 * The `lines` of an error item for a bad record from line `first` to `last`: how many lines it
 * spans, set only when more than one (the LogLineError an adapter makes of the item keeps it).
 * readLog counts a log's bad lines with it, so a log that is one unreadable pretty-printed record
 * is all bad lines, not one.
 */
export const errorSpan = (first: number, last: number): { lines?: number } => (last > first ? { lines: last - first + 1 } : {});

export type FramedItemSink = (item: FramedItem) => void;

/** One record larger than this is skipped with an error instead of being parsed. */
export const MAX_RECORD_CHARS = 4 * 1024 * 1024;

export type ParseResult = { ok: true; value: unknown } | { ok: false; error: unknown };

/** How a framer turns one record's text into a value: JSON.parse, or a parser that knows the log (see ChatLineParser). */
export type RecordParser = (text: string) => ParseResult;

export function tryParse(text: string): ParseResult {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    return { ok: false, error };
  }
}

export const megabytes = (chars: number): string => `${(chars / (1024 * 1024)).toFixed(1)} MB`;
