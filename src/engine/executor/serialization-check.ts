import { inspect, types } from "node:util";
import type { SerializationIssue } from "./outcome.js";

/**
 * What a tool result becomes on its way back to the model. Runtimes JSON.stringify results,
 * which silently turns a Date into a string, a Map into {}, NaN into null and drops undefined
 * and functions; BigInt and cycles make it throw. We list every such spot so the user sees why
 * the model got something other than what the tool returned.
 */
export interface CheckedResult {
  issues: SerializationIssue[];
  /** The JSON round trip of the result; undefined when the tool returned nothing. */
  result: unknown;
  /** util.inspect of the value as returned, before conversion. */
  preview: string;
  /** The JSON text's length when it was over MAX_RESULT_CHARS and the result was left out. */
  omittedChars?: number;
}

/** A result whose JSON is larger than this stays in the worker: only its size and preview cross over. */
export const MAX_RESULT_CHARS = 8 * 1024 * 1024;

/** A huge result must not stall the worker: the walk stops after this many values. */
const MAX_VISITED = 20_000;
const MAX_ISSUES = 200;
const MAX_DEPTH = 64;
const MAX_PREVIEW_CHARS = 16_384;

export function checkResult(value: unknown): CheckedResult {
  const issues = findSerializationIssues(value);
  const preview = previewValue(value);
  const text = jsonText(value);
  if (text !== undefined && text.length > MAX_RESULT_CHARS) return { issues, result: undefined, preview, omittedChars: text.length };
  return { issues, result: text === undefined ? undefined : (JSON.parse(text) as unknown), preview };
}

export function findSerializationIssues(value: unknown): SerializationIssue[] {
  const walk = new IssueWalk();
  // A top-level undefined means "no result", which every runtime handles; only nested ones are lost.
  if (value !== undefined) walk.visit(value, [], new Set());
  return walk.issues;
}

class IssueWalk {
  readonly issues: SerializationIssue[] = [];
  private visited = 0;

  visit(value: unknown, path: readonly string[], ancestors: Set<object>): void {
    if (this.issues.length >= MAX_ISSUES || ++this.visited > MAX_VISITED) return;
    const at = path.join(".");
    switch (typeof value) {
      case "string":
      case "boolean":
        return;
      case "number":
        if (Number.isNaN(value)) this.add(at, "NaN");
        else if (!Number.isFinite(value)) this.add(at, "Infinity");
        return;
      case "bigint":
        return this.add(at, "BigInt");
      case "function":
        return this.add(at, "function");
      case "symbol":
        return this.add(at, "symbol");
      case "undefined":
        return this.add(at, "undefined");
      case "object":
        if (value === null) return;
        try {
          this.visitObject(value, path, ancestors);
        } catch {
          // A hostile Proxy trap threw: JSON.stringify would throw too, nothing more to learn here.
        }
        return;
    }
  }

  private visitObject(value: object, path: readonly string[], ancestors: Set<object>): void {
    const at = path.join(".");
    if (ancestors.has(value)) return this.add(at, "circular");
    // util.types rather than instanceof: values from another realm (vm, a worker's copy) count too.
    if (types.isDate(value)) return this.add(at, "Date");
    if (types.isMap(value)) return this.add(at, "Map");
    if (types.isSet(value)) return this.add(at, "Set");
    if (!Array.isArray(value)) {
      const proto: unknown = Object.getPrototypeOf(value);
      if (proto !== Object.prototype && proto !== null) {
        // A class that defines toJSON has chosen its own wire form; trust it.
        if (typeof (value as { toJSON?: unknown }).toJSON === "function") return;
        this.add(at, "class instance", constructorName(value));
      }
    }
    if (path.length >= MAX_DEPTH) return;
    ancestors.add(value);
    try {
      for (const key of Object.keys(value)) {
        this.visit(readProperty(value, key), [...path, key], ancestors);
      }
    } finally {
      ancestors.delete(value);
    }
  }

  private add(path: string, kind: SerializationIssue["kind"], detail?: string): void {
    this.issues.push(detail === undefined ? { path, kind } : { path, kind, detail });
  }
}

/** Getters are tool code: one that throws must not abort the check. */
function readProperty(value: object, key: string): unknown {
  try {
    return (value as Record<string, unknown>)[key];
  } catch {
    return null;
  }
}

function constructorName(value: object): string {
  try {
    const ctor = (value as { constructor?: { name?: unknown } }).constructor;
    return typeof ctor?.name === "string" && ctor.name.length > 0 ? ctor.name : "anonymous class";
  } catch {
    return "anonymous class";
  }
}

/**
 * JSON.parse(JSON.stringify(value)) as a runtime would do it, except that BigInt becomes its
 * decimal string and a cycle becomes "[Circular]" instead of throwing: the issues list already
 * says so, and the user still gets to see the rest of the result.
 */
export function roundTripJson(value: unknown): unknown {
  const text = jsonText(value);
  return text === undefined ? undefined : (JSON.parse(text) as unknown);
}

/** The JSON text a runtime would send (BigInt and cycles made safe); undefined when there is none. */
function jsonText(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  try {
    return JSON.stringify(value, safeReplacer());
  } catch {
    // toJSON or a getter threw: nothing trustworthy would reach the model.
    return undefined;
  }
}

function safeReplacer(): (this: unknown, key: string, value: unknown) => unknown {
  const stack: unknown[] = [];
  return function (this: unknown, _key: string, value: unknown): unknown {
    if (typeof value === "bigint") return value.toString();
    if (typeof value !== "object" || value === null) return value;
    // JSON.stringify calls the replacer with `this` = the holder, so the chain of holders is the path.
    while (stack.length > 0 && stack[stack.length - 1] !== this) stack.pop();
    if (stack.includes(value)) return "[Circular]";
    stack.push(value);
    return value;
  };
}

export function previewValue(value: unknown): string {
  try {
    const text = inspect(value, { depth: 6, maxArrayLength: 100, maxStringLength: 4_000, breakLength: 100, colors: false });
    return text.length > MAX_PREVIEW_CHARS ? `${text.slice(0, MAX_PREVIEW_CHARS)}… (${text.length - MAX_PREVIEW_CHARS} more characters)` : text;
  } catch (error) {
    return `<preview failed: ${error instanceof Error ? error.message : String(error)}>`;
  }
}
