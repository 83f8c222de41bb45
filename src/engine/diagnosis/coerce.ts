import { isRecord } from "../../tools/json-schema.js";
import { matchesType, type JsonType } from "./json-type.js";

// A JSON number written as a string, nothing else: "5", "-3.25", "1e3"; not "5px", "0x10", "" or " ".
const NUMERIC = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;
const BOOLEAN = /^(?:true|false)$/i;
// Nested JSON sent as a string ("items": "[{...}]") is worth decoding; cap it so a hostile value stays cheap.
const MAX_DECODE = 1_000_000;

/**
 * The value an argument would have after the one obvious coercion to one of `types`, or
 * undefined when there is none ("high" for an integer). `allowed` (an enum) must contain the
 * result: suggesting "5" -> 5 where only 1..3 are allowed would be a second wrong answer.
 */
export function coerceTo(value: unknown, types: readonly JsonType[], allowed?: readonly unknown[]): { value: unknown } | undefined {
  for (const type of types) {
    const coerced = coerceOne(value, type);
    if (coerced === undefined || !matchesType(coerced.value, type)) continue;
    if (allowed && !allowed.some((candidate) => sameJson(candidate, coerced.value))) continue;
    return coerced;
  }
  return undefined;
}

function coerceOne(value: unknown, type: JsonType): { value: unknown } | undefined {
  switch (type) {
    case "number":
    case "integer": {
      if (typeof value !== "string") return undefined;
      const text = value.trim();
      if (!NUMERIC.test(text)) return undefined;
      const number = Number(text);
      if (!Number.isFinite(number)) return undefined;
      if (type === "integer" && !Number.isSafeInteger(number)) return undefined;
      return { value: number };
    }
    case "boolean":
      return typeof value === "string" && BOOLEAN.test(value.trim()) ? { value: value.trim().toLowerCase() === "true" } : undefined;
    case "string":
      // A number past 2^53 (an id, 12345678901234567890) or out of range (1e999) was already changed
      // when the arguments were parsed: its text is not the model's, so no clean coercion is offered.
      if (typeof value === "number" && (!Number.isFinite(value) || (Number.isInteger(value) && !Number.isSafeInteger(value)))) return undefined;
      return typeof value === "number" || typeof value === "boolean" ? { value: String(value) } : undefined;
    case "null":
      return typeof value === "string" && value.trim().toLowerCase() === "null" ? { value: null } : undefined;
    case "array":
    case "object": {
      if (typeof value !== "string" || value.length > MAX_DECODE) return undefined;
      const text = value.trim();
      if (!text.startsWith(type === "array" ? "[" : "{")) return undefined;
      try {
        const decoded: unknown = JSON.parse(text);
        return (type === "array" ? Array.isArray(decoded) : isRecord(decoded)) ? { value: decoded } : undefined;
      } catch {
        return undefined;
      }
    }
  }
}

function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  try {
    return JSON.stringify(a) === JSON.stringify(b);
  } catch {
    return false;
  }
}
