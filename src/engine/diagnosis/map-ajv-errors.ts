import type { ErrorObject } from "ajv";
import { isRecord, type JsonSchema } from "../../tools/json-schema.js";
import { joinPath, pointerToPath } from "./argument-path.js";
import { chooseBranch } from "./choose-branch.js";
import { coerceTo } from "./coerce.js";
import type { Finding } from "./finding.js";
import { invalidValue, missingArgument, typeMismatch } from "./findings.js";
import { describeTypes, isJsonType, jsonTypeOf, preview, type JsonType } from "./json-type.js";
import { applicableParts } from "./schema-ref.js";
import { allowedValues, declaredTypes, describeSchema, descriptionOf, typeAccepts } from "./schema-types.js";
import { structuralCheck } from "./structural-check.js";
import { describeRule, enumFix } from "./value-rules.js";

/** An ajv error not yet mapped, or a finding already made from a group of them (a collapsed anyOf). */
type Entry = { at: string; error: ErrorObject; finding?: undefined } | { at: string; finding: Finding; error?: undefined };

// Reported by the unexpected-keys walker instead: ajv only sees `additionalProperties: false`,
// while tooldbg also flags keys a silent schema would drop. `if` only says "then/else failed".
const IGNORED = new Set(["additionalProperties", "unevaluatedProperties", "if", "$ref", "$dynamicRef", "$recursiveRef"]);

/**
 * Turns ajv's errors (allErrors, verbose) into findings. anyOf/oneOf are the hard part: ajv
 * reports every branch's failures, then the anyOf error. The branch errors are exactly the
 * entries just before it at or under its path, so they are popped and collapsed: into one
 * type_mismatch when no branch takes the value's type, into the one branch's own findings when
 * exactly one does (the nullable case: `anyOf: [{enum}, {type: null}]` says "must be one of"),
 * and into one invalid_value otherwise.
 */
export function mapAjvErrors(errors: readonly ErrorObject[], root: JsonSchema): Finding[] {
  const pending: Entry[] = [];
  const formatted = formatPaths(errors);
  for (const error of errors) {
    if (IGNORED.has(error.keyword) || error.propertyName !== undefined) continue;
    // zod emits both `format` and the regex behind it: one "must be a valid date-time" says it all.
    if (error.keyword === "pattern" && formatted?.has(error.instancePath)) continue;
    if (error.keyword === "anyOf" || error.keyword === "oneOf") {
      const popped = popUnder(pending, error.instancePath);
      // Keywords beside the anyOf in the same schema (`type: "string", anyOf: [...]`) failed on their own: keep them.
      const beside = popped.filter((entry) => isSibling(entry, error));
      const branchEntries = beside.length ? popped.filter((entry) => !beside.includes(entry)) : popped;
      for (const entry of beside) pending.push(entry);
      for (const entry of collapseAlternatives(error, branchEntries, root)) pending.push(entry);
    } else {
      pending.push({ at: error.instancePath, error });
    }
  }
  const findings: Finding[] = [];
  for (const entry of pending) {
    const finding = entry.finding ?? mapError(entry.error, root);
    if (finding) findings.push(finding);
  }
  return tidy(findings);
}

function formatPaths(errors: readonly ErrorObject[]): Set<string> | undefined {
  let paths: Set<string> | undefined;
  for (const error of errors) if (error.keyword === "format") (paths ??= new Set()).add(error.instancePath);
  return paths;
}

function isSibling(entry: Entry, alternatives: ErrorObject): boolean {
  if (!entry.error || entry.at !== alternatives.instancePath) return false;
  const parent = alternatives.schemaPath.slice(0, alternatives.schemaPath.lastIndexOf("/"));
  return entry.error.schemaPath === `${parent}/${entry.error.keyword}`;
}

function popUnder(pending: Entry[], pointer: string): Entry[] {
  let start = pending.length;
  while (start > 0) {
    const at = pending[start - 1]?.at;
    if (at === undefined || !(pointer === "" || at === pointer || at.startsWith(`${pointer}/`))) break;
    start--;
  }
  return pending.splice(start);
}

function collapseAlternatives(error: ErrorObject, branchEntries: Entry[], root: JsonSchema): Entry[] {
  const at = error.instancePath;
  const path = pointerToPath(at);
  const value: unknown = error.data;
  const branches = Array.isArray(error.schema) ? error.schema.filter(isRecord) : [];
  const one = (finding: Finding): Entry[] => [{ at, finding }];
  if (error.keyword === "oneOf" && Array.isArray((error.params as { passingSchemas?: unknown }).passingSchemas)) {
    return one(invalidValue(path, "matches more than one of the alternatives, and oneOf allows exactly one", undefined, preview(value)));
  }
  const branchTypes = branches.map((branch) => declaredTypes(branch, root));
  const matching = branchTypes.filter((types) => typeAccepts(types, value)).length;
  if (matching === 0 && branches.length > 0) {
    const union: JsonType[] = [];
    for (const types of branchTypes) for (const type of types ?? []) if (!union.includes(type)) union.push(type);
    let coerced: { value: unknown } | undefined;
    for (let i = 0; i < branches.length && !coerced; i++) {
      const branch = branches[i];
      const types = branchTypes[i];
      if (branch && types) coerced = coerceTo(value, types, allowedValues(applicableParts(branch, root)));
    }
    return one(typeMismatch(path, describeTypes(union), jsonTypeOf(value), coerced));
  }
  const own = branchEntries.filter((entry) => !fromAnotherBranch(entry, at, value));
  if (matching === 1 && own.length > 0) return own;
  if (matching > 1 && typeof value === "object" && value !== null) {
    // Several object shapes (a discriminated union): ajv's errors cannot be told apart by branch,
    // so the branch the value fits best (its discriminator, its keys) is checked on its own.
    const branch = branches[chooseBranch(branches, value, root)];
    const findings = branch ? structuralCheck(value, branch, root, path) : [];
    if (findings.length > 0) return findings.map((finding) => ({ at, finding }));
  }
  const rules = own.flatMap((entry) => (entry.error && entry.at === at && entry.error.keyword !== "required" ? [describeRule(entry.error).rule] : []));
  const distinct = [...new Set(rules)].slice(0, 3);
  const shapes = branches.map((branch) => describeSchema(branch, root) ?? "schema").join(" | ");
  return one(
    invalidValue(
      path,
      `must match one of the ${branches.length} allowed alternatives` + (distinct.length ? ` (${distinct.join("; or ")})` : ""),
      shapes,
      preview(value),
    ),
  );
}

/** Whether a branch error belongs to an alternative that never took the value's type. */
function fromAnotherBranch(entry: Entry, at: string, value: unknown): boolean {
  if (entry.at !== at) return false;
  if (entry.finding) return entry.finding.code === "type_mismatch";
  const { keyword, schema, params } = entry.error;
  if (keyword === "type") return !typeAccepts(typesOf(schema), value);
  if (keyword === "enum" || keyword === "const") {
    const p = params as { allowedValues?: unknown; allowedValue?: unknown };
    const allowed = keyword === "enum" ? (Array.isArray(p.allowedValues) ? p.allowedValues : []) : [p.allowedValue];
    return !typeAccepts(valueTypes(allowed), value);
  }
  return false;
}

function mapError(error: ErrorObject, root: JsonSchema): Finding | undefined {
  const path = pointerToPath(error.instancePath);
  const value: unknown = error.data;
  const parent = isRecord(error.parentSchema) ? error.parentSchema : {};
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case "required":
    case "dependentRequired":
    case "dependencies": {
      const key = String(params.missingProperty);
      const properties = isRecord(parent.properties) ? parent.properties : undefined;
      const property = properties && Object.hasOwn(properties, key) && isRecord(properties[key]) ? properties[key] : undefined;
      const type = property ? describeSchema(property, root) : undefined;
      const about = error.keyword === "required" ? undefined : `required when "${String(params.property)}" is present`;
      const description = [about, property ? descriptionOf(property, root) : undefined].filter(Boolean).join("; ");
      return missingArgument(joinPath(path, key), type, description || undefined);
    }
    case "type": {
      const types = typesOf(error.schema) ?? [];
      const allowed = allowedValues(applicableParts(parent, root));
      return typeMismatch(path, describeTypes(types), jsonTypeOf(value), coerceTo(value, types, allowed));
    }
    case "enum":
    case "const": {
      const allowed = error.keyword === "enum" ? (Array.isArray(params.allowedValues) ? params.allowedValues : []) : [params.allowedValue];
      const types = valueTypes(allowed);
      // "2" against enum [1, 2, 3] is the wrong JSON type, not a wrong value.
      if (!typeAccepts(types, value)) return typeMismatch(path, describeTypes(types), jsonTypeOf(value), coerceTo(value, types, allowed));
      const { rule, expected } = describeRule(error);
      const fix = enumFix(value, allowed);
      return invalidValue(path, rule, expected, preview(value), fix.hint, fix.coerced);
    }
    default: {
      const { rule, expected } = describeRule(error);
      return invalidValue(path, rule, expected, preview(value));
    }
  }
}

const typesOf = (schema: unknown): JsonType[] | undefined =>
  typeof schema === "string" ? (isJsonType(schema) ? [schema] : undefined) : Array.isArray(schema) ? schema.filter(isJsonType) : undefined;

function valueTypes(values: readonly unknown[]): JsonType[] {
  const types: JsonType[] = [];
  for (const value of values) {
    const type: JsonType = typeof value === "number" && Number.isInteger(value) ? "integer" : jsonTypeOf(value);
    if (!types.includes(type)) types.push(type);
  }
  // An integer enum member still accepts 2.0, which JSON.parse reads as 2; "number" members accept integers.
  if (types.includes("number") && !types.includes("integer")) types.push("integer");
  return types;
}

/** One finding per problem: no duplicates, and no "not one of the enum" where the type is already wrong. */
function tidy(findings: Finding[]): Finding[] {
  if (findings.length < 2) return findings;
  const seen = new Set<string>();
  const mistyped = new Set(findings.filter((finding) => finding.code === "type_mismatch").map((finding) => finding.path ?? ""));
  return findings.filter((finding) => {
    if (finding.code === "invalid_value" && mistyped.has(finding.path ?? "")) return false;
    const key = `${finding.code}\u0000${finding.path ?? ""}\u0000${finding.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
