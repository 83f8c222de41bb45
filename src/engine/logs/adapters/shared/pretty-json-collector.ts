import { describeBadJson } from "./bad-json.js";
import { MAX_RECORD_CHARS, megabytes, tryParse, type FramedItemSink } from "./framed-item.js";

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
 */
export function createPrettyRecordCollector(opener: string, openerLine: number): PrettyRecordCollector {
  const isArray = opener === "[";
  let depth = 1;
  let parts: string[] = isArray ? [] : ["{"];
  let size = parts.length;
  let recordOpen = !isArray;
  let recordLine = openerLine;
  let broken: string | undefined;

  const fail = (message: string): void => {
    broken = message;
    parts = [];
    size = 0;
  };

  const emitRecord = (text: string, out: FramedItemSink): void => {
    const parsed = tryParse(text);
    if (parsed.ok) out({ kind: "record", value: parsed.value, line: recordLine });
    else out({ kind: "error", line: recordLine, message: `pretty-printed ${describeBadJson(text, parsed.error)}` });
  };

  const reportCut = (line: number, out: FramedItemSink): void => {
    if (broken) out({ kind: "error", line: recordLine, message: broken });
    else if (recordOpen) out({ kind: "error", line: recordLine, message: `pretty-printed record starting here is cut off before line ${line}` });
    else out({ kind: "error", line: openerLine, message: `pretty-printed array starting here is cut off before line ${line}` });
  };

  return {
    push(raw, line, out) {
      const first = raw.charCodeAt(0);
      const atColumnZero = raw.length > 0 && !isSpace(first);
      const closes = first === 0x7d /* } */ || first === 0x5d; /* ] */
      const elementStart = isArray && depth === 1 && (first === 0x7b || first === 0x5b || first === 0x2c); /* { [ , */
      if (atColumnZero && !closes && !elementStart) {
        reportCut(line, out);
        return "rejected";
      }
      if (broken) {
        if (!atColumnZero || !closes) return "consumed";
        out({ kind: "error", line: recordLine, message: broken });
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
            if (!isArray) emitRecord(parts.join("\n") + "\n" + raw.slice(0, i + 1), out);
            return "closed";
          }
          if (isArray && depth === 1 && recordOpen) {
            const tail = raw.slice(segmentStart, i + 1);
            emitRecord(parts.length === 0 ? tail : parts.join("\n") + "\n" + tail, out);
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
      if (broken) out({ kind: "error", line: recordLine, message: broken });
      else if (recordOpen) out({ kind: "error", line: recordLine, message: "file ends inside the pretty-printed record starting here" });
      else out({ kind: "error", line: openerLine, message: "file ends inside the pretty-printed array starting here" });
    },
  };
}

const isSpace = (code: number): boolean => code === 0x20 || code === 0x09 || code === 0x0d;
