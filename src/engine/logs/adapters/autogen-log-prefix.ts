import { isoFromText } from "./shared/log-time.js";

/**
 * Python `logging` prefixes before AutoGen's JSON events. `logging.basicConfig()` writes
 * `INFO:autogen_core.events:{…}` (`%(levelname)s:%(name)s:%(message)s`), and handlers are mostly
 * given a format like `%(asctime)s - %(name)s - %(levelname)s - %(message)s`.
 */

/** A prefix is at most this long; longer text before the JSON is not a logging header. */
const MAX_PREFIX_CHARS = 200;
/** Python's level names, upper case as `%(levelname)s` writes them (lower case is too common in prose). */
const LEVEL = /\b(?:DEBUG|INFO|WARNING|WARN|ERROR|CRITICAL|FATAL)\b/;
/** What may come before the level: a time, a logger name, separators. No quotes, `=` or braces: those are a message. */
const BEFORE_LEVEL = /^[\w\s:.,+\-/[\]()|]*$/;
/** A date-time at the start of a header: `2025-03-01 12:00:00,123` (asctime), `[2025-03-01T12:00:00.123+02:00]`. */
const DATE_TIME = /^\[?(\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2})(?:[,.](\d{1,9}))?(Z|[+-]\d{2}:?\d{2})?/;
const AUTOGEN_LOGGER = /\bautogen_(?:core|agentchat|ext)\b/;

export interface LogPrefix {
  /** The header, as written (`INFO:autogen_core.events:`). */
  prefix: string;
  /** The message after it: JSON text, or what the line holds instead. */
  payload: string;
  /** The header names one of AutoGen's loggers (`autogen_core.events`, `autogen_agentchat.events`, …). */
  autogenLogger: boolean;
}

/**
 * The logging header of a line whose message is JSON (an object, or an array of them), or
 * undefined. The header must read as one: a level, and around it only a time, names (a logger,
 * `module:function:line`) and separators. A message in words (`Sending message of type …: {…}`)
 * is not taken for a header, so a Python dict printed in prose is never read as a record.
 */
export function splitLogPrefix(text: string): LogPrefix | undefined {
  const first = text.charCodeAt(0);
  // JSON lines and indented continuation lines (tracebacks, pretty-printed records) have no header.
  if (first === 0x7b /* { */ || first === 0x20 || first === 0x09) return undefined;
  const window = text.slice(0, MAX_PREFIX_CHARS);
  const level = LEVEL.exec(window);
  if (level === null || !BEFORE_LEVEL.test(window.slice(0, level.index))) return undefined;
  const start = payloadStart(window, level.index + level[0].length);
  if (start === undefined) return undefined;
  const prefix = text.slice(0, start);
  return { prefix, payload: text.slice(start).trim(), autogenLogger: AUTOGEN_LOGGER.test(prefix) };
}

const isNameChar = (c: string): boolean => /[\w.]/.test(c);
const isSeparator = (c: string): boolean => ":|-[]()<>".includes(c);
const isBlank = (c: string): boolean => c === " " || c === "\t";

/**
 * Where the JSON starts after the level, or undefined when what follows is not header fields.
 * Fields are separated by punctuation; only the first may follow the level after a space
 * (`INFO autogen_core.events: {…}`), as two words separated by spaces alone are prose.
 */
function payloadStart(text: string, from: number): number | undefined {
  let fields = 0;
  let separated = true;
  for (let i = from; i < text.length; ) {
    const c = text[i] ?? "";
    if (isBlank(c)) {
      i++;
      continue;
    }
    if (c === "{" || (c === "[" && /^\[\s*[[{\]]/.test(text.slice(i, i + 40)))) return i;
    if (isSeparator(c)) {
      separated = true;
      i++;
      continue;
    }
    if (!isNameChar(c) || (!separated && fields > 0)) return undefined;
    while (i < text.length && isNameChar(text[i] ?? "")) i++;
    fields++;
    separated = false;
  }
  return undefined;
}

/**
 * The time a header starts with (`%(asctime)s`, ISO 8601 with or without a zone), as ISO.
 * Python writes asctime in local time with no zone; it is read as UTC, as every zone-less time in
 * a log is (the same log gives the same times on every machine).
 */
export function prefixTime(prefix: string): string | undefined {
  const match = DATE_TIME.exec(prefix);
  if (match === null) return undefined;
  // asctime writes the milliseconds after a comma.
  return isoFromText(`${match[1] ?? ""}${match[2] === undefined ? "" : `.${match[2]}`}${match[3] ?? ""}`);
}
