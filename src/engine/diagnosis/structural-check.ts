import { isRecord, type JsonSchema } from "../../tools/json-schema.js";
import { joinPath } from "./argument-path.js";
import { coerceTo } from "./coerce.js";
import type { Finding } from "./finding.js";
import { invalidValue, missingArgument, typeMismatch } from "./findings.js";
import { describeTypes, jsonTypeOf, preview } from "./json-type.js";
import { alternativesOf, applicableParts } from "./schema-ref.js";
import { allowedValues, declaredTypes, describeSchema, descriptionOf, typeAccepts } from "./schema-types.js";
import { enumFix, listValues } from "./value-rules.js";

const MAX_DEPTH = 64;

/**
 * The checks that still make sense when ajv cannot compile a schema (`"type": "dict"`, a
 * dangling `$ref`, a Python-only regex): required parameters, JSON types where the schema
 * names real JSON types, enums, recursing through properties and items. Less than ajv, never a crash.
 */
export function structuralCheck(value: unknown, schema: JsonSchema, root: JsonSchema = schema, path = ""): Finding[] {
  const findings: Finding[] = [];
  check(value, schema, root, path, findings, 0);
  return findings;
}

function check(value: unknown, schema: JsonSchema, root: JsonSchema, path: string, into: Finding[], depth: number): void {
  if (depth > MAX_DEPTH) return;
  const parts = applicableParts(schema, root);
  const types = declaredTypes(schema, root);
  const allowed = allowedValues(parts);
  if (!typeAccepts(types, value)) {
    const expected = types ?? [];
    into.push(typeMismatch(path, describeTypes(expected), jsonTypeOf(value), coerceTo(value, expected, allowed)));
    return;
  }
  if (allowed && !allowed.some((candidate) => candidate === value || (typeof value === "object" && preview(candidate, 1e4) === preview(value, 1e4)))) {
    const fix = enumFix(value, allowed);
    into.push(invalidValue(path, `must be one of ${listValues(allowed)}`, listValues(allowed, " | "), preview(value), fix.hint, fix.coerced));
    return;
  }
  for (const alternatives of alternativesOf(parts)) {
    // Follow the one alternative that takes the value's type; with several, the fallback cannot tell which was meant.
    const matching = alternatives.filter((branch) => typeAccepts(declaredTypes(branch, root), value));
    const only = matching[0];
    if (matching.length === 1 && only) check(value, only, root, path, into, depth + 1);
  }
  if (isRecord(value)) {
    for (const part of parts) {
      const properties = isRecord(part.properties) ? part.properties : {};
      if (Array.isArray(part.required)) {
        for (const key of part.required) {
          if (typeof key !== "string" || Object.hasOwn(value, key)) continue;
          const property = Object.hasOwn(properties, key) && isRecord(properties[key]) ? properties[key] : undefined;
          into.push(missingArgument(joinPath(path, key), property && describeSchema(property, root), property && descriptionOf(property, root)));
        }
      }
      for (const key of Object.keys(properties)) {
        const property = properties[key];
        if (Object.hasOwn(value, key) && isRecord(property)) check(value[key], property, root, joinPath(path, key), into, depth + 1);
      }
    }
  } else if (Array.isArray(value)) {
    for (const part of parts) {
      const prefix = Array.isArray(part.prefixItems) ? part.prefixItems : Array.isArray(part.items) ? part.items : [];
      const rest = isRecord(part.items) ? part.items : undefined;
      value.forEach((item, index) => {
        const itemSchema = index < prefix.length ? prefix[index] : rest;
        if (isRecord(itemSchema)) check(item, itemSchema, root, joinPath(path, index), into, depth + 1);
      });
    }
  }
}
