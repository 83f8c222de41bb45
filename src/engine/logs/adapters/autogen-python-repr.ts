/**
 * Reads AutoGen objects out of Python repr text (notebook output, `print(result)`) with a small
 * tokenizer: string literals are decoded, everything else is skipped. Nothing is ever evaluated.
 */

export type PyValue = string | number | boolean | null | undefined;

export type ReprClass = "FunctionCall" | "FunctionExecutionResult";

const WANTED = new Set<string>(["FunctionCall", "FunctionExecutionResult"]);
const PREFIX = /^[rRbBuUfF]{1,2}$/;
const SIMPLE_ESCAPES: Readonly<Record<string, string>> = { n: "\n", t: "\t", r: "\r", a: "\x07", b: "\b", f: "\f", v: "\v", "\\": "\\", "'": "'", '"': '"', "\n": "" };

// Char-code tests: this runs once per character of long repr lines.
const isIdentStart = (c: string): boolean => {
  const code = c.charCodeAt(0);
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95;
};
const isIdentChar = (c: string): boolean => isIdentStart(c) || (c >= "0" && c <= "9");
const isSpace = (c: string): boolean => c === " " || c === "\t" || c === "\n" || c === "\r";
const isPrefixLetter = (c: string): boolean => "rRbBuUfF".includes(c) && c !== "";
const isQuote = (c: string | undefined): boolean => c === "'" || c === '"';

/** Decodes one escape at `text[i]` (just after the backslash); returns the text and the next index. */
function readEscape(text: string, i: number): [string, number] {
  const c = text[i] ?? "";
  const simple = SIMPLE_ESCAPES[c];
  if (simple !== undefined) return [simple, i + 1];
  const hexLength = c === "x" ? 2 : c === "u" ? 4 : c === "U" ? 8 : 0;
  if (hexLength > 0) {
    const hex = text.slice(i + 1, i + 1 + hexLength);
    const code = /^[0-9a-fA-F]+$/.test(hex) && hex.length === hexLength ? Number.parseInt(hex, 16) : NaN;
    if (!Number.isNaN(code) && code <= 0x10ffff) return [String.fromCodePoint(code), i + 1 + hexLength];
  }
  const octal = /^[0-7]{1,3}/.exec(text.slice(i, i + 3));
  if (octal !== null) return [String.fromCharCode(Number.parseInt(octal[0], 8)), i + octal[0].length];
  // Python keeps unknown escapes (and \N{…}) as written.
  return ["\\" + c, i + 1];
}

/** A Python string literal starting at `start` (prefix letters allowed); undefined when it never closes. */
export function readPyString(text: string, start: number): { value: string; end: number } | undefined {
  let i = start;
  let raw = false;
  while (i < text.length && i - start < 2 && isPrefixLetter(text[i] ?? "")) {
    if (text[i] === "r" || text[i] === "R") raw = true;
    i++;
  }
  const quote = text[i];
  if (quote === undefined || !isQuote(quote)) return undefined;
  const triple = text.startsWith(quote.repeat(3), i);
  const closing = triple ? quote.repeat(3) : quote;
  i += closing.length;
  const parts: string[] = [];
  let runStart = i;
  while (i < text.length) {
    const c = text[i];
    if (c === "\\") {
      parts.push(text.slice(runStart, i));
      if (raw) {
        parts.push(text.slice(i, i + 2));
        i += 2;
      } else {
        const [decoded, next] = readEscape(text, i + 1);
        parts.push(decoded);
        i = next;
      }
      runStart = i;
      continue;
    }
    if (text.startsWith(closing, i)) {
      parts.push(text.slice(runStart, i));
      return { value: parts.join(""), end: i + closing.length };
    }
    if (c === "\n" && !triple) return undefined;
    i++;
  }
  return undefined;
}

/** Skips one value we do not read (a call, list, dict…) up to the `,` or `)` that ends it. */
function skipValue(text: string, start: number): number {
  let depth = 0;
  let i = start;
  while (i < text.length) {
    const c = text[i] ?? "";
    if (isQuote(c)) {
      const literal = readPyString(text, i);
      i = literal === undefined ? i + 1 : literal.end;
      continue;
    }
    if (c === "(" || c === "[" || c === "{") depth++;
    else if (c === ")" || c === "]" || c === "}") {
      if (depth === 0) return i;
      depth--;
    } else if (c === "," && depth === 0) return i;
    i++;
  }
  return i;
}

const skipSpace = (text: string, i: number): number => {
  while (i < text.length && isSpace(text[i] ?? "")) i++;
  return i;
};

/** Reads `name=value, …)` after an opening parenthesis; simple values only, the rest skipped. */
export function readKeywordArguments(text: string, open: number): { args: Map<string, PyValue>; end: number } | undefined {
  const args = new Map<string, PyValue>();
  let i = open + 1;
  for (;;) {
    i = skipSpace(text, i);
    if (text[i] === ")") return { args, end: i + 1 };
    const nameMatch = /^[A-Za-z_][A-Za-z0-9_]*\s*=(?!=)/.exec(text.slice(i, i + 80));
    let name: string | undefined;
    if (nameMatch !== null) {
      name = nameMatch[0].replace(/\s*=$/, "");
      i = skipSpace(text, i + nameMatch[0].length);
    }
    const valueStart = i;
    let value: PyValue;
    const word = /^[A-Za-z_]\w*/.exec(text.slice(i, i + 40))?.[0];
    if (isQuote(text[i]) || (word !== undefined && PREFIX.test(word) && isQuote(text[i + word.length]))) {
      const literal = readPyString(text, i);
      if (literal === undefined) return undefined;
      value = literal.value;
      i = literal.end;
    } else {
      i = skipValue(text, i);
      const token = text.slice(valueStart, i).trim();
      value = token === "None" ? null : token === "True" ? true : token === "False" ? false : /^-?\d+(\.\d+)?$/.test(token) ? Number(token) : undefined;
    }
    if (name !== undefined) args.set(name, value);
    i = skipSpace(text, i);
    if (text[i] === ",") {
      i++;
      continue;
    }
    if (text[i] === ")") return { args, end: i + 1 };
    return undefined;
  }
}

/**
 * Finds every `FunctionCall(…)` and `FunctionExecutionResult(…)` in a line, outside string
 * literals, in order. An unreadable occurrence is skipped; the rest of the line is still read.
 */
export function findReprObjects(text: string, visit: (kind: ReprClass, args: Map<string, PyValue>) => void): void {
  let i = 0;
  while (i < text.length) {
    const c = text[i] ?? "";
    if (isIdentStart(c) && (i === 0 || !isIdentChar(text[i - 1] ?? ""))) {
      let end = i + 1;
      while (end < text.length && isIdentChar(text[end] ?? "")) end++;
      const word = text.slice(i, end);
      if (PREFIX.test(word) && isQuote(text[end])) {
        i = skipLiteral(text, i);
        continue;
      }
      if (WANTED.has(word) && text[end] === "(") {
        const parsed = readKeywordArguments(text, end);
        if (parsed !== undefined) {
          visit(word as ReprClass, parsed.args);
          i = parsed.end;
          continue;
        }
      }
      i = end;
      continue;
    }
    i = isQuote(c) ? skipLiteral(text, i) : i + 1;
  }
}

/** Past a string literal; a lone quote (an apostrophe in prose) is just a character. */
function skipLiteral(text: string, start: number): number {
  const literal = readPyString(text, start);
  return literal === undefined ? start + 1 : literal.end;
}

/** Lines worth tokenizing: they mention the repr classes we read. */
export const hasReprObjects = (text: string): boolean => text.includes("FunctionCall(") || text.includes("FunctionExecutionResult(");
