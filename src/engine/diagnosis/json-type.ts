/** JSON Schema's type names, as a value read from JSON can have them. */
export type JsonType = "null" | "boolean" | "integer" | "number" | "string" | "array" | "object";

const JSON_TYPES: ReadonlySet<string> = new Set(["null", "boolean", "integer", "number", "string", "array", "object"]);

export const isJsonType = (name: unknown): name is JsonType => typeof name === "string" && JSON_TYPES.has(name);

/** The JSON type a value reads as. Integral numbers say "number": "integer" is a refinement, not what the model sent. */
export function jsonTypeOf(value: unknown): Exclude<JsonType, "integer"> {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  const type = typeof value;
  if (type === "string" || type === "boolean") return type;
  if (type === "number" || type === "bigint") return "number";
  // undefined, functions and symbols never come out of JSON.parse; "object" is the least wrong name.
  return "object";
}

export function matchesType(value: unknown, type: JsonType): boolean {
  if (type === "integer") return typeof value === "number" && Number.isInteger(value);
  if (type === "number") return typeof value === "number";
  return jsonTypeOf(value) === type;
}


export const describeTypes = (types: readonly string[]): string => types.join(" or ");

/** A short, safe rendering of a value for messages: a 1 MB string must not end up in a finding. */
export function preview(value: unknown, max = 60): string {
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
