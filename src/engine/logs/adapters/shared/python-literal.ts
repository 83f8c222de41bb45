import { readPyString } from "../autogen-python-repr.js";

/** Nesting read at most: deeper text is not a tool's inputs. */
const MAX_DEPTH = 64;
const NAMES: Readonly<Record<string, unknown>> = { True: true, False: false, None: null };
const NUMBER = /^[-+]?(?:\d[\d_]*\.?[\d_]*(?:[eE][-+]?\d+)?|\.\d[\d_]*(?:[eE][-+]?\d+)?)/;

/**
 * Reads the text of a Python literal as Python's `str()` writes it (a tool's inputs dict as
 * LangChain's tracer logs them: `{'city': 'Paris', 'days': 3, 'exact': True}`): dicts, lists,
 * tuples, strings, numbers, True, False and None, as their JSON values. Nothing is evaluated; any
 * other text (a call, a name, a set) gives undefined.
 */
export function readPythonLiteral(text: string): unknown {
  const read = readValue(text, skipSpace(text, 0), 0);
  return read !== undefined && skipSpace(text, read.end) === text.length ? read.value : undefined;
}

interface Read {
  value: unknown;
  end: number;
}

function readValue(text: string, at: number, depth: number): Read | undefined {
  if (depth > MAX_DEPTH || at >= text.length) return undefined;
  const c = text[at];
  if (c === "{") return readItems(text, at + 1, "}", depth, true);
  if (c === "[") return readItems(text, at + 1, "]", depth, false);
  if (c === "(") return readItems(text, at + 1, ")", depth, false);
  const literal = readPyString(text, at);
  if (literal !== undefined) return literal;
  const word = /^[A-Za-z_]\w*/.exec(text.slice(at, at + 8))?.[0];
  if (word !== undefined) return Object.hasOwn(NAMES, word) ? { value: NAMES[word], end: at + word.length } : undefined;
  const number = NUMBER.exec(text.slice(at, at + 400))?.[0];
  if (number === undefined) return undefined;
  const value = Number(number.replaceAll("_", ""));
  return Number.isFinite(value) ? { value, end: at + number.length } : undefined;
}

/** The items of a dict (key: value) or a list/tuple up to `close`; a trailing comma is allowed. */
function readItems(text: string, at: number, close: string, depth: number, dict: boolean): Read | undefined {
  const list: unknown[] = [];
  const object: Record<string, unknown> = {};
  let i = skipSpace(text, at);
  while (text[i] !== close) {
    const first = readValue(text, i, depth + 1);
    if (first === undefined) return undefined;
    i = skipSpace(text, first.end);
    if (dict) {
      if (text[i] !== ":" || (typeof first.value !== "string" && typeof first.value !== "number")) return undefined;
      const value = readValue(text, skipSpace(text, i + 1), depth + 1);
      if (value === undefined) return undefined;
      // Defined, not assigned: a key named __proto__ stays a key.
      Object.defineProperty(object, String(first.value), { value: value.value, enumerable: true, writable: true, configurable: true });
      i = skipSpace(text, value.end);
    } else list.push(first.value);
    if (text[i] === ",") i = skipSpace(text, i + 1);
    else if (text[i] !== close) return undefined;
  }
  return { value: dict ? object : list, end: i + 1 };
}

function skipSpace(text: string, i: number): number {
  while (i < text.length && (text[i] === " " || text[i] === "\n" || text[i] === "\t" || text[i] === "\r")) i++;
  return i;
}
