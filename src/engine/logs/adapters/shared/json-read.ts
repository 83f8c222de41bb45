import { isRecord } from "../../../../tools/json-schema.js";

/** Defensive readers for untrusted parsed JSON: a wrong type reads as absent, never throws. */

export type JsonObject = Record<string, unknown>;

export { isRecord };

export const stringAt = (obj: JsonObject, key: string): string | undefined => {
  const value = obj[key];
  return typeof value === "string" ? value : undefined;
};

/** A string that carries information: present and not empty. */
export const nonEmptyStringAt = (obj: JsonObject, key: string): string | undefined => {
  const value = obj[key];
  return typeof value === "string" && value !== "" ? value : undefined;
};

export const numberAt = (obj: JsonObject, key: string): number | undefined => {
  const value = obj[key];
  return typeof value === "number" && Number.isFinite(value) ? value : undefined;
};

export const recordAt = (obj: JsonObject, key: string): JsonObject | undefined => {
  const value = obj[key];
  return isRecord(value) ? value : undefined;
};

export const arrayAt = (obj: JsonObject, key: string): readonly unknown[] | undefined => {
  const value = obj[key];
  return Array.isArray(value) ? value : undefined;
};

/** JSON.stringify that cannot throw (cycles cannot occur in parsed JSON, but BigInt-free is not guaranteed for callers). */
export function safeStringify(value: unknown): string {
  try {
    return JSON.stringify(value) ?? "null";
  } catch {
    return String(value);
  }
}

/** Text of a message content: a string as is, text parts joined, anything else as JSON. */
export function contentText(content: unknown): string {
  if (typeof content === "string") return content;
  if (content === null || content === undefined) return "";
  if (Array.isArray(content)) {
    let text = "";
    let allText = true;
    for (const part of content) {
      if (isRecord(part) && typeof part.text === "string") text += part.text;
      else if (typeof part === "string") text += part;
      else allText = false;
    }
    if (allText) return text;
  }
  return safeStringify(content);
}
