import { describeBadJson } from "./bad-json.js";
import { errorSpan, MAX_RECORD_CHARS, megabytes, tryParse, type FramedItem, type FramedItemSink } from "./framed-item.js";

/** What the framer should do with the line it offered: keep collecting, done, or read it afresh. */
export type PrettyVerdict = "consumed" | "closed" | "rejected";

export interface PrettyRecordCollector {
  push(raw: string, line: number, out: FramedItemSink): PrettyVerdict;
  end(out: FramedItemSink): void;
}

/**
 * Collects one pretty-printed JSON document opened by a lone `{` or `[` at column 0.
 * An object is one record; an array yields each element as its own record as soon as it closes,
 * so a huge array streams. Pretty printers indent everything inside the document, so a line that
 * starts at column 0 with anything but a closing bracket means the document was cut off: it is
 * reported and the line is handed back to be read on its own.
 *
 * Every error it reports carries the lines the bad record spans (`lines`), up to the last line it
 * read. An array's own lines (its brackets, anything between its elements) belong to no element:
 * they are counted with the array's error if it is cut off, and with its last bad element's if
 * nothing in the array could be read, so that an array of nothing but bad elements counts as all
 * bad lines. To give them to that element when the array closes, an element's error is held until
 * the next element is read or the array ends.
 */
export function createPrettyRecordCollector(opener: string, openerLine: number): PrettyRecordCollector {
  const isArray = opener === "[";
  let depth = 1;
  let parts: string[] = isArray ? [] : ["{"];
  let size = parts.length;
  let recordOpen = !isArray;
  let recordLine = openerLine;
  let broken: string | undefined;
  /** The last line read. */
  let lastLine = openerLine;
  /** For an array: how many of its lines its elements span, the last of them, whether one was read, and the error of the last bad one, held. */
  let elementLines = 0;
  let elementsEnd = openerLine - 1;
  let readOne = false;
  let held: Extract<FramedItem, { kind: "error" }> | undefined;

  const fail = (message: string): void => {
    broken = message;
    parts = [];
    size = 0;
  };

  /** An element (or the document, if an object) spanning recordLine..last was read or found bad. */
  const handOn = (item: FramedItem, last: number, out: FramedItemSink): void => {
    if (!isArray) {
      out(item);
      return;
    }
    elementLines += last - Math.max(recordLine, elementsEnd + 1) + 1;
    elementsEnd = last;
    if (held) out(held);
    held = undefined;
    if (item.kind === "error") held = item;
    else {
      readOne = true;
      out(item);
    }
  };

  const handOnRecord = (text: string, last: number, out: FramedItemSink): void => {
    const parsed = tryParse(text);
    if (parsed.ok) handOn({ kind: "record", value: parsed.value, line: recordLine }, last, out);
    else handOn({ kind: "error", line: recordLine, message: `pretty-printed ${describeBadJson(text, parsed.error)}`, ...errorSpan(recordLine, last) }, last, out);
  };

  /**
   * The document closed (`arrayError` undefined), or was cut off or the file ended after `last`.
   * An array's lines outside its elements go with the array's error, or else with its last bad
   * element's if none was read.
   */
  const finish = (last: number, arrayError: string | undefined, out: FramedItemSink): void => {
    if (!isArray) return;
    const own = last - openerLine + 1 - elementLines;
    if (arrayError !== undefined) {
      if (held) out(held);
      out({ kind: "error", line: openerLine, message: arrayError, ...(own > 1 ? { lines: own } : {}) });
    } else if (held) {
      out(readOne || own <= 0 ? held : { ...held, lines: (held.lines ?? 1) + own });
    }
    held = undefined;
  };

  /** The document ends after line `last` unclosed: cut off (`cutAt`, the line that cut it) or at the file's end. */
  const reportOpen = (last: number, cutAt: number | undefined, out: FramedItemSink): void => {
    if (broken || recordOpen) {
      const message = broken ?? (cutAt === undefined ? "file ends inside the pretty-printed record starting here" : `pretty-printed record starting here is cut off before line ${cutAt}`);
      handOn({ kind: "error", line: recordLine, message, ...errorSpan(recordLine, last) }, last, out);
      finish(last, undefined, out);
    } else {
      finish(last, cutAt === undefined ? "file ends inside the pretty-printed array starting here" : `pretty-printed array starting here is cut off before line ${cutAt}`, out);
    }
  };

  return {
    push(raw, line, out) {
      const first = raw.charCodeAt(0);
      const atColumnZero = raw.length > 0 && !isSpace(first);
      const closes = first === 0x7d /* } */ || first === 0x5d; /* ] */
      const elementStart = isArray && depth === 1 && (first === 0x7b || first === 0x5b || first === 0x2c); /* { [ , */
      if (atColumnZero && !closes && !elementStart) {
        reportOpen(line - 1, line, out);
        return "rejected";
      }
      lastLine = line;
      if (broken) {
        if (!atColumnZero || !closes) return "consumed";
        handOn({ kind: "error", line: recordLine, message: broken, ...errorSpan(recordLine, line) }, line, out);
        finish(line, undefined, out);
        return "closed";
      }
      let inString = false;
      let escaped = false;
      let segmentStart = 0;
      for (let i = 0; i < raw.length; i++) {
        const code = raw.charCodeAt(i);
        if (inString) {
          if (escaped) escaped = false;
          else if (code === 0x5c /* \ */) escaped = true;
          else if (code === 0x22 /* " */) inString = false;
          continue;
        }
        if (code === 0x22) inString = true;
        else if (code === 0x7b || code === 0x5b) {
          if (isArray && depth === 1) {
            recordOpen = true;
            recordLine = line;
            segmentStart = i;
            parts = [];
            size = 0;
          }
          depth++;
        } else if (code === 0x7d || code === 0x5d) {
          depth--;
          if (depth === 0) {
            if (!isArray) handOnRecord(parts.join("\n") + "\n" + raw.slice(0, i + 1), line, out);
            finish(line, undefined, out);
            return "closed";
          }
          if (isArray && depth === 1 && recordOpen) {
            const tail = raw.slice(segmentStart, i + 1);
            handOnRecord(parts.length === 0 ? tail : parts.join("\n") + "\n" + tail, line, out);
            recordOpen = false;
            parts = [];
            size = 0;
          }
        }
      }
      if (inString) {
        fail(`pretty-printed record starting here has a string running past the end of line ${line}`);
        return "consumed";
      }
      if (recordOpen) {
        const segment = segmentStart === 0 ? raw : raw.slice(segmentStart);
        parts.push(segment);
        size += segment.length + 1;
        if (size > MAX_RECORD_CHARS) fail(`pretty-printed record starting here is over the ${megabytes(MAX_RECORD_CHARS)} a record may be; skipped`);
      }
      return "consumed";
    },
    end(out) {
      reportOpen(lastLine, undefined, out);
    },
  };
}

const isSpace = (code: number): boolean => code === 0x20 || code === 0x09 || code === 0x0d;
