import { jsonrepair } from "jsonrepair";
import { isRecord } from "../../tools/json-schema.js";
import type { Finding } from "./finding.js";
import { argumentsNotObject, malformedArguments } from "./findings.js";
import { locateJsonError } from "./json-error-position.js";
import { jsonTypeOf } from "./json-type.js";

export type ParsedArguments =
  | { ok: true; value: Record<string, unknown> }
  | {
      ok: false;
      findings: Finding[];
      /** What JSON.parse made of the text, when it parsed at all (an array, a string, null...). */
      value?: unknown;
      /**
       * The arguments object read without guessing, despite the failure: the text after a BOM,
       * the decoded object of a double-encoded string, `{}` for an empty string. Worth
       * validating; a jsonrepair guess is not (it is only offered as a suggestion).
       */
      recovered?: Record<string, unknown>;
    };

export interface ParseOptions {
  /** Whether the target tool has a required parameter: an empty string is then an error, else a warning. */
  hasRequired: boolean;
}

const BOM = 0xfeff;
// Models double-encode once, sometimes twice; deeper is not a mistake worth unwrapping.
const MAX_DECODE_LEVELS = 3;

/** Reads a tool call's raw arguments string. Never throws: every failure is a finding. */
export function parseArguments(text: string, opts: ParseOptions): ParsedArguments {
  try {
    return parse(text, opts);
  } catch (error) {
    // Defensive only (an exotic input exhausting the stack): still an answer, not a crash.
    return { ok: false, findings: [malformedArguments({ detail: `could not be read (${describeError(error)})` })] };
  }
}

function parse(text: string, opts: ParseOptions): ParsedArguments {
  if (typeof text !== "string") return fromForeignValue(text, opts);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return fromInvalidJson(text, opts, describeError(error));
  }
  return isRecord(value) ? { ok: true, value } : fromNonObject(value);
}

function fromInvalidJson(text: string, opts: ParseOptions, parseMessage: string): ParsedArguments {
  if (text.charCodeAt(0) === BOM) return fromBom(text, opts);
  if (text.trim() === "") {
    return {
      ok: false,
      findings: [
        malformedArguments({
          empty: true,
          detail: text.length === 0 ? "" : "only whitespace",
          severity: opts.hasRequired ? "error" : "warning",
          repaired: "{}",
        }),
      ],
      // The SDKs that survive an empty string read it as {}: validate that, so missing parameters show.
      recovered: {},
    };
  }
  const { position, detail } = locateJsonError(text, parseMessage);
  const repaired = repair(text);
  return {
    ok: false,
    findings: [malformedArguments({ detail, ...(position ? { position } : {}), ...(repaired !== undefined ? { repaired } : {}) })],
  };
}

/** A UTF-8 byte-order mark survives decoding as U+FEFF, and JSON.parse rejects it. */
function fromBom(text: string, opts: ParseOptions): ParsedArguments {
  const rest = parse(text.slice(1), opts);
  const bom = (repaired?: string): Finding =>
    malformedArguments({
      detail: "the text starts with a byte-order mark (U+FEFF), which JSON.parse rejects",
      position: { offset: 0, line: 1, column: 1 },
      ...(repaired !== undefined ? { repaired } : {}),
    });
  if (rest.ok) return { ok: false, findings: [bom(text.slice(1))], value: rest.value, recovered: rest.value };
  return { ...rest, findings: [bom(), ...rest.findings] };
}

function fromNonObject(value: unknown): ParsedArguments {
  if (typeof value === "string") {
    const decoded = decodeNested(value);
    if (decoded) return { ok: false, findings: [argumentsNotObject("string", decoded.text)], value, recovered: decoded.value };
  }
  return { ok: false, findings: [argumentsNotObject(jsonTypeOf(value))], value };
}

/** Unwraps a JSON string that holds (a JSON string that holds) an object. */
function decodeNested(text: string): { text: string; value: Record<string, unknown> } | undefined {
  let current = text;
  for (let level = 0; level < MAX_DECODE_LEVELS; level++) {
    let inner: unknown;
    try {
      inner = JSON.parse(current);
    } catch {
      return undefined;
    }
    if (isRecord(inner)) return { text: current, value: inner };
    if (typeof inner !== "string") return undefined;
    current = inner;
  }
  return undefined;
}

/** jsonrepair's fix, offered only if it really is an arguments object (not `"text"` or `[1]`). */
function repair(text: string): string | undefined {
  try {
    const repaired = jsonrepair(text);
    return isRecord(JSON.parse(repaired)) ? repaired : undefined;
  } catch {
    return undefined;
  }
}

/** Callers typed as string can still hand over a parsed object from a loose log format. */
function fromForeignValue(value: unknown, opts: ParseOptions): ParsedArguments {
  if (isRecord(value)) return { ok: true, value };
  if (value === undefined) return fromInvalidJson("", opts, "");
  return { ok: false, findings: [argumentsNotObject(jsonTypeOf(value))], value };
}

const describeError = (error: unknown): string => (error instanceof Error ? error.message : String(error));
