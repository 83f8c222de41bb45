import type { JsonSchema } from "../../tools/json-schema.js";
import type { Finding } from "./finding.js";
import { mapAjvErrors } from "./map-ajv-errors.js";
import { structuralCheck } from "./structural-check.js";
import { compileSchema } from "./validator-cache.js";

export interface ArgumentValidation {
  /** missing_argument, type_mismatch and invalid_value findings, in ajv's order. */
  findings: Finding[];
  /** Set when the schema does not compile: the findings then come from the structural fallback. */
  schemaError?: string;
}

/**
 * Validates a parsed arguments object against a tool's JSON Schema with ajv (compiled once per
 * schema). Unexpected keys are not reported here: see findUnexpectedArguments, which also
 * flags keys that a schema silent on `additionalProperties` would let through. Never throws.
 */
export function validateArguments(value: Record<string, unknown>, schema: JsonSchema): ArgumentValidation {
  const compiled = compileSchema(schema);
  if (compiled.validate) {
    try {
      if (compiled.validate(value)) return { findings: [] };
      return { findings: mapAjvErrors(compiled.validate.errors ?? [], schema) };
    } catch (error) {
      // A recursive schema meeting a very deep value can exhaust the stack inside ajv.
      return { findings: safeStructuralCheck(value, schema), schemaError: `validation failed: ${describe(error)}` };
    }
  }
  return { findings: safeStructuralCheck(value, schema), schemaError: compiled.error };
}

function safeStructuralCheck(value: Record<string, unknown>, schema: JsonSchema): Finding[] {
  try {
    return structuralCheck(value, schema);
  } catch {
    return [];
  }
}

const describe = (error: unknown): string => (error instanceof Error ? error.message : String(error));
