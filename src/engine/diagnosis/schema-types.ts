import { isRecord, type JsonSchema } from "../../tools/json-schema.js";
import { isJsonType, jsonTypeOf, matchesType, type JsonType } from "./json-type.js";
import { alternativesOf, applicableParts } from "./schema-ref.js";

const MAX_DEPTH = 12;

/**
 * The JSON types a schema accepts, or undefined when it does not constrain the type (or uses a
 * type name that is not JSON Schema, like BFCL's "dict": guessing would invent findings).
 */
export function declaredTypes(schema: JsonSchema, root: JsonSchema): readonly JsonType[] | undefined {
  let byRoot = typesCache.get(root);
  if (!byRoot) typesCache.set(root, (byRoot = new WeakMap()));
  const cached = byRoot.get(schema);
  if (cached !== undefined) return cached ?? undefined;
  const types = computeTypes(schema, root, 0);
  byRoot.set(schema, types ?? null);
  return types;
}

// Branch selection asks for the same schemas' types on every call: null caches "unconstrained".
const typesCache = new WeakMap<JsonSchema, WeakMap<JsonSchema, readonly JsonType[] | null>>();

function computeTypes(schema: JsonSchema, root: JsonSchema, depth: number): readonly JsonType[] | undefined {
  if (depth > MAX_DEPTH) return undefined;
  const parts = applicableParts(schema, root);
  for (const part of parts) {
    const type = part.type;
    if (typeof type === "string") return isJsonType(type) ? [type] : undefined;
    if (Array.isArray(type)) return type.every(isJsonType) ? type : undefined;
  }
  const alternatives = alternativesOf(parts)[0];
  if (alternatives && alternatives.length > 0) {
    const union: JsonType[] = [];
    for (const branch of alternatives) {
      const types = computeTypes(branch, root, depth + 1);
      if (!types) return undefined;
      for (const type of types) if (!union.includes(type)) union.push(type);
    }
    return union;
  }
  const allowed = allowedValues(parts);
  if (allowed) {
    const union: JsonType[] = [];
    for (const value of allowed) {
      const type: JsonType = typeof value === "number" && Number.isInteger(value) ? "integer" : jsonTypeOf(value);
      if (!union.includes(type)) union.push(type);
    }
    return union;
  }
  return undefined;
}

/** The values an `enum` or `const` allows, from the first part that declares one. */
export function allowedValues(parts: readonly JsonSchema[]): readonly unknown[] | undefined {
  for (const part of parts) {
    if (Array.isArray(part.enum)) return part.enum;
    if (Object.hasOwn(part, "const")) return [part.const];
  }
  return undefined;
}

/** Whether a value can satisfy a schema's type (undefined types accept everything). */
export const typeAccepts = (types: readonly JsonType[] | undefined, value: unknown): boolean =>
  types === undefined || types.some((type) => matchesType(value, type));

/** A short human label for a parameter's type: "string", "integer or null", "array of string", `"c" | "f"`. */
export function describeSchema(schema: JsonSchema, root: JsonSchema): string | undefined {
  const parts = applicableParts(schema, root);
  const allowed = allowedValues(parts);
  if (allowed && allowed.length > 0 && allowed.length <= 8) return allowed.map((value) => JSON.stringify(value)).join(" | ");
  const types = declaredTypes(schema, root);
  if (!types) return undefined;
  if (types.length === 1 && types[0] === "array") {
    const items = parts.map((part) => part.items).find(isRecord);
    const itemTypes = items ? declaredTypes(items, root) : undefined;
    if (itemTypes) return `array of ${itemTypes.join(" or ")}`;
  }
  return types.join(" or ");
}

/** The first `description` on any applicable part: `$ref` siblings (the usual place) win. */
export function descriptionOf(schema: JsonSchema, root: JsonSchema): string | undefined {
  for (const part of applicableParts(schema, root)) if (typeof part.description === "string" && part.description) return part.description;
  return undefined;
}
