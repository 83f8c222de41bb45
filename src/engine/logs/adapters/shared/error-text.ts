import { isRecord } from "./json-read.js";

/** How much of a result is looked at: errors announce themselves at the start. */
const HEAD_CHARS = 2_000;
/** Results up to this size that look like JSON objects are parsed to look for an `error` key. */
const MAX_JSON_CHARS = 64_000;

/** `Error:`, `error: …`, `Exception: …`, or the bare word. */
const ERROR_PREFIX = /^(?:error|exception|fatal error)\s*(?::|$)/i;
/** A language's exception line: `TypeError: …`, `requests.exceptions.ConnectionError: …`, `java.lang.NullPointerException`. */
const EXCEPTION_LINE = /^[A-Za-z_$][\w$.]{0,200}(?:Error|Exception)(?::|$)/;
const TRACEBACK = "Traceback (most recent call last)";

/**
 * Whether a tool result with no error flag clearly reads as an error. Conservative on purpose:
 * a result that merely mentions an error ("no errors found") must not count, so only the shape of
 * the start of the text decides.
 */
export function readsAsError(content: string): boolean {
  let start = 0;
  while (start < content.length && isSpace(content.charCodeAt(start))) start++;
  if (start === content.length) return false;
  const head = content.slice(start, start + HEAD_CHARS);
  if (head.startsWith(TRACEBACK)) return true;
  const lineEnd = head.indexOf("\n");
  const firstLine = (lineEnd === -1 ? head : head.slice(0, lineEnd)).trimEnd();
  if (ERROR_PREFIX.test(firstLine) || EXCEPTION_LINE.test(firstLine)) return true;
  if (head.charCodeAt(0) === 0x7b /* { */ && content.length - start <= MAX_JSON_CHARS) return hasErrorKey(content);
  return false;
}

function hasErrorKey(text: string): boolean {
  // The key can only be spelled with the letters themselves or \u escapes: without either, no parse.
  if (!text.includes("error") && !text.includes("\\u")) return false;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return false;
  }
  if (!isRecord(value)) return false;
  const error = value.error;
  return error !== undefined && error !== null && error !== false && error !== "";
}

const isSpace = (code: number): boolean => code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;
