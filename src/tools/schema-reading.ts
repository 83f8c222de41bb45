// Deliberately the diagnosis engine's own ref resolver (not its barrel, which would load the whole engine into the worker).
import { resolveLocalRef } from "../engine/diagnosis/schema-ref.js";
import type { JsonSchema } from "./json-schema.js";
import { isRecord } from "./json-schema.js";

/**
 * Reading a JSON Schema the way a person reads it: follow local `$ref`s into `$defs` /
 * `definitions`, collapse wrappers, and name types the way a signature shows them. The schemas are
 * untrusted data (hand-written, BFCL dialects, pydantic, zod), so nothing here throws on odd input.
 */

/** The refs being expanded along the current branch: seeing one again means a recursive type. */
export interface RefTrail {
  root: JsonSchema;
  expanding: readonly string[];
}

export interface Resolved {
  schema: JsonSchema;
  trail: RefTrail;
  /** Set when the schema is a ref that cannot be followed (recursive, or not local): its display name. */
  refName?: string;
}

const MAX_LABEL_DEPTH = 12;

function displayName(ref: string, target: unknown): string {
  const last = ref.split("/").pop() ?? "";
  // zod names the defs it hoists "__schema0"; that means nothing to a reader, the type does.
  if (ref !== "#" && last && !/^__schema\d+$/.test(last)) return last.replace(/~1/g, "/").replace(/~0/g, "~");
  if (!isRecord(target)) return "object";
  return typeof target.title === "string" ? target.title : (declaredTypes(target)[0] ?? "object");
}

/** Follows local refs (siblings such as a description beside `$ref` win over the target's) and one-element allOf wrappers. */
export function resolve(node: unknown, trail: RefTrail): Resolved {
  let schema: JsonSchema = isRecord(node) ? node : node === false ? { not: {} } : {};
  let expanding = trail.expanding;
  for (let hops = 0; hops < 32; hops++) {
    const ref = schema.$ref;
    const allOf = schema.allOf;
    if (typeof ref === "string") {
      const { $ref: _ref, ...siblings } = schema;
      const target = resolveLocalRef(ref, trail.root);
      if (expanding.includes(ref) || !isRecord(target)) return { schema: siblings, trail: { root: trail.root, expanding }, refName: displayName(ref, target) };
      expanding = [...expanding, ref];
      schema = { ...target, ...siblings };
    } else if (Array.isArray(allOf) && allOf.length === 1 && schema.properties === undefined) {
      // pydantic v1 wraps a $ref in allOf to attach a description beside it.
      const { allOf: _allOf, ...siblings } = schema;
      schema = { ...(isRecord(allOf[0]) ? allOf[0] : {}), ...siblings };
    } else {
      break;
    }
  }
  return { schema, trail: { root: trail.root, expanding } };
}

export const unionVariants = (schema: JsonSchema): unknown[] | undefined => {
  const variants = Array.isArray(schema.anyOf) ? schema.anyOf : Array.isArray(schema.oneOf) ? schema.oneOf : undefined;
  return variants && variants.length > 0 ? variants : undefined;
};

function jsonTypeOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value;
}

const joinUnique = (labels: readonly string[]): string => [...new Set(labels)].join(" | ");
const wrap = (label: string): string => (label.includes(" | ") || label.includes(" & ") ? `(${label})` : label);

function declaredTypes(schema: JsonSchema): string[] {
  if (typeof schema.type === "string") return [schema.type];
  if (Array.isArray(schema.type)) return schema.type.filter((t): t is string => typeof t === "string");
  if (Array.isArray(schema.enum)) return [...new Set(schema.enum.map(jsonTypeOf))];
  if ("const" in schema) return [jsonTypeOf(schema.const)];
  if (isRecord(schema.properties)) return ["object"];
  if (schema.items !== undefined || schema.prefixItems !== undefined) return ["array"];
  return [];
}

function arrayLabel(schema: JsonSchema, trail: RefTrail, depth: number): string {
  const tuple = Array.isArray(schema.prefixItems) ? schema.prefixItems : Array.isArray(schema.items) ? schema.items : undefined;
  if (tuple) return `[${tuple.map((item) => typeLabel(item, trail, depth + 1)).join(", ")}]`;
  if (isRecord(schema.items)) return `${wrap(typeLabel(schema.items, trail, depth + 1))}[]`;
  return "array";
}

/** "string", "integer[]", "string | null", "Condition" (a recursive ref), "any" for an empty schema. */
export function typeLabel(node: unknown, trail: RefTrail, depth = 0): string {
  if (depth > MAX_LABEL_DEPTH) return "…";
  const resolved = resolve(node, trail);
  if (resolved.refName !== undefined) return resolved.refName;
  const { schema } = resolved;
  const variants = unionVariants(schema);
  if (variants) return joinUnique(variants.map((variant) => typeLabel(variant, resolved.trail, depth + 1)));
  if (Array.isArray(schema.allOf) && schema.allOf.length > 1) {
    const parts = schema.allOf.map((part) => typeLabel(part, resolved.trail, depth + 1));
    return parts.every((part) => part === "object") ? "object" : [...new Set(parts)].join(" & ");
  }
  const types = declaredTypes(schema);
  if (types.length === 0) return "any";
  const labels = types.map((type) => (type === "array" ? arrayLabel(schema, resolved.trail, depth) : type));
  // OpenAPI 3.0 spelling of a nullable type.
  if (schema.nullable === true && !labels.includes("null")) labels.push("null");
  return joinUnique(labels);
}

/** allOf parts merged into one object: their properties and required lists together. */
function mergedAllOf(schema: JsonSchema, trail: RefTrail): Resolved | undefined {
  if (!Array.isArray(schema.allOf) || schema.allOf.length < 2) return undefined;
  const properties: Record<string, unknown> = {};
  const required: unknown[] = [];
  let expanding = trail.expanding;
  for (const part of schema.allOf) {
    const resolved = resolve(part, trail);
    if (isRecord(resolved.schema.properties)) Object.assign(properties, resolved.schema.properties);
    if (Array.isArray(resolved.schema.required)) required.push(...(resolved.schema.required as unknown[]));
    expanding = [...new Set([...expanding, ...resolved.trail.expanding])];
  }
  if (Object.keys(properties).length === 0) return undefined;
  return { schema: { ...schema, properties, required }, trail: { root: trail.root, expanding } };
}

/**
 * The one part of a schema that matches: the schema itself, its merged allOf, or the single union
 * variant that matches (an object-or-null parameter is still an object to look inside).
 */
export function pick(resolved: Resolved, matches: (schema: JsonSchema) => boolean): Resolved | undefined {
  if (resolved.refName !== undefined) return undefined;
  if (matches(resolved.schema)) return resolved;
  const merged = mergedAllOf(resolved.schema, resolved.trail);
  if (merged && matches(merged.schema)) return merged;
  const variants = unionVariants(resolved.schema);
  if (!variants) return undefined;
  const hits = variants.map((variant) => resolve(variant, resolved.trail)).filter((v) => v.refName === undefined && matches(v.schema));
  return hits.length === 1 ? hits[0] : undefined;
}

export const hasProperties = (schema: JsonSchema): boolean => isRecord(schema.properties);
export const hasItemSchema = (schema: JsonSchema): boolean => isRecord(schema.items);
