import type { ErrorObject } from "ajv";
// The same compiled validator as diagnosis, so validated mode and findings never disagree on a schema.
import { compileSchema } from "../engine/diagnosis/validator-cache.js";
import type { JsonSchema } from "./json-schema.js";
import type { ValidationIssue } from "./validation-issues.js";

export type CheckResult = { ok: true; value: unknown } | { ok: false; issues: ValidationIssue[] };

function pointerSegments(pointer: string): string[] {
  return pointer
    .split("/")
    .slice(1)
    .map((segment) => segment.replace(/~1/g, "/").replace(/~0/g, "~"));
}

function issueFrom(error: ErrorObject): ValidationIssue {
  const segments = pointerSegments(error.instancePath);
  const params = error.params as { missingProperty?: unknown; additionalProperty?: unknown };
  // ajv reports a missing or extra key at its parent object; the issue belongs to the key itself.
  const key = params.missingProperty ?? params.additionalProperty;
  if (typeof key === "string") segments.push(key);
  return { path: segments.join("."), message: error.message ?? `fails "${error.keyword}"` };
}

/**
 * Validates arguments against a raw JSON Schema with ajv, compiled by the same cache diagnosis
 * uses, so validated mode and the findings never disagree about one schema. Compiled on first
 * use: a schema ajv refuses (BFCL's `"type": "float"`) still loads, only validated mode refuses.
 */
export function jsonSchemaCheck(schema: JsonSchema): (args: unknown) => Promise<CheckResult> {
  return async (args) => {
    const compiled = compileSchema(schema);
    if (!compiled.validate) {
      return { ok: false, issues: [{ path: "", message: `the tool's own JSON Schema cannot be used to validate: ${compiled.error}` }] };
    }
    if (compiled.validate(args)) return { ok: true, value: args };
    return { ok: false, issues: (compiled.validate.errors ?? []).map(issueFrom) };
  };
}
