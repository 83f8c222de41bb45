import { parse, printParseErrorCode, type ParseError } from "jsonc-parser";

type ErrorName = ReturnType<typeof printParseErrorCode>;

export interface TextPosition {
  offset: number;
  /** 1-based. */
  line: number;
  /** 1-based, in UTF-16 code units like every editor's column. */
  column: number;
}

export interface JsonSyntaxError {
  position?: TextPosition;
  detail: string;
}

// jsonc-parser's codes, said the way a person fixing the string would want to read them.
// jsonc-parser's ParseErrorCode is an ambient const enum (unusable under isolatedModules): go by name.
const DETAIL: Partial<Record<ErrorName, string>> = {
  InvalidSymbol: "unexpected character",
  InvalidNumberFormat: "invalid number",
  PropertyNameExpected: "expected a property name in double quotes",
  ValueExpected: "expected a value",
  ColonExpected: 'expected ":" after the property name',
  CommaExpected: 'expected "," or a closing bracket',
  CloseBraceExpected: 'expected "}"',
  CloseBracketExpected: 'expected "]"',
  EndOfFileExpected: "unexpected text after the JSON value",
  InvalidCommentToken: "comments are not allowed in JSON",
  UnexpectedEndOfComment: "unterminated comment",
  UnexpectedEndOfString: "unterminated string",
  UnexpectedEndOfNumber: "unterminated number",
  InvalidUnicode: "invalid \\u escape",
  InvalidEscapeCharacter: "invalid escape sequence",
  InvalidCharacter: "unescaped control character inside a string",
};

/**
 * Where and why `text` is not JSON. Node 20's JSON.parse messages often carry no position
 * (`Unexpected token '}', "{"a": }" is not valid JSON`), so the position comes from
 * jsonc-parser in strict mode, with JSON.parse's own message as the fallback.
 */
export function locateJsonError(text: string, parseMessage: string): JsonSyntaxError {
  const errors: ParseError[] = [];
  try {
    parse(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  } catch {
    // jsonc-parser is not expected to throw; if it does, JSON.parse's message is still true.
  }
  const first = errors[0];
  if (!first) {
    const offset = /position (\d+)/.exec(parseMessage)?.[1];
    return offset === undefined ? { detail: parseMessage } : { position: positionAt(text, Number(offset)), detail: parseMessage };
  }
  const offset = Math.min(first.offset, text.length);
  return { position: positionAt(text, offset), detail: describe(text, offset, printParseErrorCode(first.error)) };
}

function describe(text: string, offset: number, code: ErrorName): string {
  if (offset >= text.length || (code === "UnexpectedEndOfString" && !text.slice(offset + 1).includes('"'))) {
    return "the text ends before the JSON does (truncated?)";
  }
  const char = text[offset];
  const before = previousNonSpace(text, offset);
  if ((char === "}" || char === "]") && before === ",") return "trailing comma before the closing bracket";
  if (char === "'") return "single quotes: JSON strings and property names need double quotes";
  if (/^[\p{L}_$][\p{L}\p{N}_$-]*\s*:/u.test(text.slice(offset, offset + 200))) {
    return "unquoted property name: JSON property names need double quotes";
  }
  const base = DETAIL[code] ?? "invalid JSON";
  return char !== undefined && code !== "InvalidCharacter" ? `${base}, found ${JSON.stringify(char)}` : base;
}

function previousNonSpace(text: string, offset: number): string | undefined {
  for (let i = offset - 1; i >= 0; i--) {
    const char = text[i];
    if (char !== " " && char !== "\t" && char !== "\n" && char !== "\r") return char;
  }
  return undefined;
}

export function positionAt(text: string, offset: number): TextPosition {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(offset, text.length);
  for (let i = 0; i < end; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { offset, line, column: offset - lineStart + 1 };
}
