import { isRecord } from "../../../../tools/json-schema.js";

/** Small readers for untrusted log JSON: they never throw and never guess beyond the types. */
export { isRecord };

export const asString = (value: unknown): string | undefined => (typeof value === "string" ? value : undefined);

export const asArray = (value: unknown): readonly unknown[] | undefined => (Array.isArray(value) ? value : undefined);

export const asRecord = (value: unknown): Record<string, unknown> | undefined => (isRecord(value) ? value : undefined);

/** Parses JSON text; `undefined` when it is not JSON (logs store JSON inside strings all the time). */
export function parseJsonOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** Parses a string that looks like a JSON object or array; anything else is returned unchanged. */
export function parseIfJsonText(value: unknown): unknown {
  if (typeof value !== "string") return value;
  const first = value.trimStart()[0];
  if (first !== "{" && first !== "[") return value;
  const parsed = parseJsonOrUndefined(value);
  return parsed === undefined ? value : parsed;
}

/** JSON.stringify that always returns a string (undefined, BigInt and cycles included). */
export function stringifyJson(value: unknown): string {
  if (value === undefined) return "null";
  try {
    const text = JSON.stringify(value, (_key, inner: unknown) => (typeof inner === "bigint" ? inner.toString() : inner));
    return text ?? "null";
  } catch {
    return String(value);
  }
}

/** A tool result's content as text: strings as they are, text blocks joined, anything else as JSON. */
export function contentText(value: unknown): string {
  if (typeof value === "string") return value;
  if (Array.isArray(value) && value.length > 0 && value.every((block) => isRecord(block) && typeof block.text === "string")) {
    return value.map((block) => (block as { text: string }).text).join("\n");
  }
  return stringifyJson(value);
}

/** An ISO time from an ISO-ish string or epoch milliseconds; undefined when it does not read as a date. */
export function isoTime(value: unknown): string | undefined {
  if (typeof value !== "string" && typeof value !== "number") return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}
