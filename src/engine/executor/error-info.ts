import { inspect } from "node:util";
import type { ErrorInfo } from "./outcome.js";

const MAX_STACK_CHARS = 8_000;
const MAX_MESSAGE_CHARS = 2_000;

/** Anything a tool can throw (Error or not) as plain data. */
export function toErrorInfo(thrown: unknown): ErrorInfo {
  if (thrown instanceof Error || isErrorLike(thrown)) {
    const info: ErrorInfo = { name: safeString(thrown.name) || "Error", message: clip(safeString(thrown.message), MAX_MESSAGE_CHARS) };
    const stack = safeString((thrown as { stack?: unknown }).stack);
    if (stack) info.stack = clip(stack, MAX_STACK_CHARS);
    return info;
  }
  // `throw "nope"` or `throw { code: 42 }`: still worth showing, under an honest name.
  return { name: `thrown ${thrown === null ? "null" : typeof thrown}`, message: clip(oneLineInspect(thrown), MAX_MESSAGE_CHARS) };
}

/** One line for crash reasons: "TypeError: boom". */
export function describeThrown(thrown: unknown): string {
  const info = toErrorInfo(thrown);
  const firstLine = info.message.split("\n")[0] ?? "";
  return info.name.startsWith("thrown ") ? `${info.name} ${firstLine}` : `${info.name}: ${firstLine}`;
}

function isErrorLike(value: unknown): value is { name: unknown; message: unknown } {
  return typeof value === "object" && value !== null && "message" in value && "name" in value;
}

function safeString(value: unknown): string {
  try {
    return typeof value === "string" ? value : value === undefined ? "" : String(value);
  } catch {
    return "";
  }
}

function oneLineInspect(value: unknown): string {
  if (typeof value === "string") return value;
  try {
    return inspect(value, { depth: 2, breakLength: Infinity });
  } catch {
    return "<uninspectable value>";
  }
}

const clip = (text: string, max: number): string => (text.length > max ? `${text.slice(0, max)}…` : text);
