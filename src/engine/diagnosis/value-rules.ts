import type { ErrorObject } from "ajv";
import { closestName } from "./closest-name.js";

/** A rule a value broke, said for a person ("must be one of ..."), plus what was expected. */
export interface BrokenRule {
  rule: string;
  expected?: string;
}

const MAX_LISTED = 20;

/** `"low", "medium", "high"`: the allowed values of an enum, capped for huge enums. */
export function listValues(values: readonly unknown[], separator = ", "): string {
  const shown = values.slice(0, MAX_LISTED).map((value) => JSON.stringify(value) ?? String(value));
  return shown.join(separator) + (values.length > MAX_LISTED ? `${separator}… (${values.length} in all)` : "");
}

const plural = (count: unknown, word: string): string => `${String(count)} ${word}${count === 1 ? "" : "s"}`;

/** The rule behind one of ajv's value keywords (everything but type, required and the applicators). */
export function describeRule(error: ErrorObject): BrokenRule {
  const params = error.params as Record<string, unknown>;
  const limit = params.limit;
  switch (error.keyword) {
    case "enum": {
      const allowed = Array.isArray(params.allowedValues) ? params.allowedValues : [];
      return { rule: `must be one of ${listValues(allowed)}`, expected: listValues(allowed, " | ") };
    }
    case "const":
      return { rule: `must be ${JSON.stringify(params.allowedValue)}`, expected: JSON.stringify(params.allowedValue) };
    case "minimum":
    case "maximum":
    case "exclusiveMinimum":
    case "exclusiveMaximum":
    case "formatMinimum":
    case "formatMaximum":
    case "formatExclusiveMinimum":
    case "formatExclusiveMaximum":
      return { rule: `must be ${String(params.comparison)} ${JSON.stringify(limit)}`, expected: `${String(params.comparison)} ${JSON.stringify(limit)}` };
    case "multipleOf":
      return { rule: `must be a multiple of ${String(params.multipleOf)}`, expected: `multiple of ${String(params.multipleOf)}` };
    case "minLength":
      return { rule: `must be at least ${plural(limit, "character")} long`, expected: `length >= ${String(limit)}` };
    case "maxLength":
      return { rule: `must be at most ${plural(limit, "character")} long`, expected: `length <= ${String(limit)}` };
    case "pattern":
      return { rule: `must match the pattern /${String(params.pattern)}/`, expected: `/${String(params.pattern)}/` };
    case "format":
      return { rule: `must be a valid ${String(params.format)}`, expected: String(params.format) };
    case "minItems":
      return { rule: `must have at least ${plural(limit, "item")}`, expected: `at least ${plural(limit, "item")}` };
    case "maxItems":
    case "items":
    case "additionalItems":
      return { rule: `must have at most ${plural(limit, "item")}`, expected: `at most ${plural(limit, "item")}` };
    case "uniqueItems":
      return {
        rule: `must not contain duplicates (items ${String(params.j)} and ${String(params.i)} are identical)`,
        expected: "unique items",
      };
    case "minProperties":
      return { rule: `must have at least ${plural(limit, "property")}` };
    case "maxProperties":
      return { rule: `must have at most ${plural(limit, "property")}` };
    case "contains":
    case "minContains":
    case "maxContains":
      return { rule: `must contain ${params.maxContains !== undefined ? "at most" : "at least"} ${String(params.maxContains ?? params.minContains ?? 1)} matching item(s)` };
    case "not":
      return { rule: "must not match the schema it is excluded by" };
    case "propertyNames":
      return { rule: `has a property name that is not allowed (${JSON.stringify(params.propertyName)})` };
    case "false schema":
      return { rule: "no value is allowed here" };
    default:
      return { rule: error.message ?? `fails the "${error.keyword}" rule` };
  }
}

/**
 * For a string outside a string enum: the allowed value it most likely meant. A case-only
 * difference ("High") is a safe coercion; a near name ("medum") is only a hint.
 */
export function enumFix(value: unknown, allowed: readonly unknown[]): { hint?: string; coerced?: { value: unknown } } {
  if (typeof value !== "string") return {};
  const strings = allowed.filter((candidate): candidate is string => typeof candidate === "string");
  const folded = value.trim().toLowerCase();
  const sameButCase = strings.find((candidate) => candidate.toLowerCase() === folded);
  if (sameButCase !== undefined) return { coerced: { value: sameButCase }, hint: `Did the model mean ${JSON.stringify(sameButCase)}?` };
  const near = value.length <= 200 ? closestName(value, strings) : undefined;
  return near === undefined ? {} : { hint: `Did the model mean ${JSON.stringify(near)}?` };
}
