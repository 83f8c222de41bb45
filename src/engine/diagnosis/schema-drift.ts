import type { JsonSchema } from "../../tools/json-schema.js";
import { isRecord } from "../../tools/json-schema.js";
import { joinPath } from "./argument-path.js";
import { closestName } from "./closest-name.js";
import type { Finding, Severity } from "./finding.js";
import { schemaDrift } from "./findings.js";
import type { JsonType } from "./json-type.js";
import { objectFacets } from "./object-facets.js";
import { applicableParts } from "./schema-ref.js";
import { allowedValues, declaredTypes, describeSchema } from "./schema-types.js";
import { listValues } from "./value-rules.js";

// Top-level parameters and nested objects a few levels down: drift deeper than that is rare,
// and the argument findings of a failing call point at it anyway.
const MAX_DEPTH = 3;

const cache = new WeakMap<JsonSchema, WeakMap<JsonSchema, readonly Finding[]>>();

/**
 * How the schema the model was shown (`advertised`, from a log's request `tools`) differs from
 * the executable tool's signature: parameters removed, added (an error when required: the model
 * can never send it), renamed (one removed + one added with a close name), retyped, or
 * required-ness changed. Identical schemas give [].
 */
export function diffSchemas(advertised: JsonSchema, executable: JsonSchema): Finding[] {
  let byExecutable = cache.get(advertised);
  const known = byExecutable?.get(executable);
  if (known) return known.map((finding) => ({ ...finding }));
  let findings: Finding[];
  try {
    findings = [];
    if (advertised !== executable && !sameText(advertised, executable)) diffObject(advertised, executable, advertised, executable, "", findings, 0);
  } catch {
    // Hostile schemas (getters that throw) must not stop a diagnosis: no drift is claimed.
    findings = [];
  }
  if (!byExecutable) cache.set(advertised, (byExecutable = new WeakMap()));
  byExecutable.set(executable, findings);
  return findings.map((finding) => ({ ...finding }));
}

function diffObject(
  shown: JsonSchema,
  actual: JsonSchema,
  shownRoot: JsonSchema,
  actualRoot: JsonSchema,
  prefix: string,
  into: Finding[],
  depth: number,
): void {
  const was = objectFacets(applicableParts(shown, shownRoot));
  const is = objectFacets(applicableParts(actual, actualRoot));
  const wasRequired = new Set(was.required);
  const isRequired = new Set(is.required);
  const removed = [...was.properties.keys()].filter((name) => !is.properties.has(name));
  const added = [...is.properties.keys()].filter((name) => !was.properties.has(name));
  const unpaired = [...added];
  for (const name of removed) {
    const path = joinPath(prefix, name);
    const renamed = closestName(name, unpaired);
    if (renamed !== undefined) {
      unpaired.splice(unpaired.indexOf(renamed), 1);
      into.push(schemaDrift(path, "renamed", `"${path}" was shown to the model, but the tool calls it "${joinPath(prefix, renamed)}".`, "error", renamed));
      continue;
    }
    const severity: Severity = wasRequired.has(name) && is.closed ? "error" : "warning";
    into.push(schemaDrift(path, "removed", `the model is shown "${path}", which the tool does not have.`, severity));
  }
  for (const name of unpaired) {
    const path = joinPath(prefix, name);
    if (isRequired.has(name)) {
      into.push(schemaDrift(path, "added", `the tool requires "${path}", which the model is never shown: it can never send it.`, "error"));
    } else {
      into.push(schemaDrift(path, "added", `the tool accepts an optional "${path}", which the model is never shown.`, "warning"));
    }
  }
  for (const [name, wasSchema] of was.properties) {
    const isSchema = is.properties.get(name);
    if (!isSchema) continue;
    const path = joinPath(prefix, name);
    compareParameter(path, wasSchema, isSchema, shownRoot, actualRoot, into);
    if (wasRequired.has(name) && !isRequired.has(name)) {
      into.push(schemaDrift(path, "requiredness", `"${path}" is required for the model but optional in the tool.`, "warning"));
    } else if (!wasRequired.has(name) && isRequired.has(name)) {
      into.push(schemaDrift(path, "requiredness", `"${path}" is optional for the model but required by the tool: calls that omit it fail.`, "error"));
    }
    if (depth < MAX_DEPTH) diffNested(path, wasSchema, isSchema, shownRoot, actualRoot, into, depth);
  }
}

function compareParameter(path: string, shown: JsonSchema, actual: JsonSchema, shownRoot: JsonSchema, actualRoot: JsonSchema, into: Finding[]): void {
  const was = declaredTypes(shown, shownRoot);
  const is = declaredTypes(actual, actualRoot);
  if (was && is && !sameTypes(was, is)) {
    // Widening (string -> string or null, integer -> number) cannot break a call the model makes.
    const severity: Severity = was.every((type) => accepts(is, type)) ? "warning" : "error";
    const detail = `"${path}" is ${describeSchema(shown, shownRoot) ?? was.join(" or ")} for the model but ${describeSchema(actual, actualRoot) ?? is.join(" or ")} in the tool.`;
    into.push(schemaDrift(path, "retyped", detail, severity));
    return;
  }
  const wasAllowed = allowedValues(applicableParts(shown, shownRoot));
  const isAllowed = allowedValues(applicableParts(actual, actualRoot));
  if (!wasAllowed && isAllowed) {
    const detail = `the tool only takes ${listValues(isAllowed)} for "${path}", and the model is not told so.`;
    into.push(schemaDrift(path, "retyped", detail, "error"));
  } else if (wasAllowed && !isAllowed) {
    const detail = `the model is shown ${listValues(wasAllowed)} for "${path}", the tool takes any ${describeSchema(actual, actualRoot) ?? "value"}.`;
    into.push(schemaDrift(path, "retyped", detail, "warning"));
  } else if (wasAllowed && isAllowed && !sameValues(wasAllowed, isAllowed)) {
    const severity: Severity = wasAllowed.every((value) => isAllowed.some((other) => same(other, value))) ? "warning" : "error";
    const detail = `the allowed values of "${path}" differ: the model is shown ${listValues(wasAllowed)}, the tool takes ${listValues(isAllowed)}.`;
    into.push(schemaDrift(path, "retyped", detail, severity));
  }
}

function diffNested(path: string, shown: JsonSchema, actual: JsonSchema, shownRoot: JsonSchema, actualRoot: JsonSchema, into: Finding[], depth: number): void {
  const shownParts = applicableParts(shown, shownRoot);
  const actualParts = applicableParts(actual, actualRoot);
  if (objectFacets(shownParts).properties.size > 0 && objectFacets(actualParts).properties.size > 0) {
    diffObject(shown, actual, shownRoot, actualRoot, path, into, depth + 1);
    return;
  }
  // Arrays of objects (line items): "*" stands for every item.
  const shownItems = shownParts.map((part) => part.items).find(isRecord);
  const actualItems = actualParts.map((part) => part.items).find(isRecord);
  if (shownItems && actualItems) diffObject(shownItems, actualItems, shownRoot, actualRoot, joinPath(path, "*"), into, depth + 1);
}

const accepts = (types: readonly JsonType[], type: JsonType): boolean => types.includes(type) || (type === "integer" && types.includes("number"));
const sameTypes = (a: readonly JsonType[], b: readonly JsonType[]): boolean => a.length === b.length && a.every((type) => b.includes(type));
const sameValues = (a: readonly unknown[], b: readonly unknown[]): boolean =>
  a.length === b.length && a.every((value) => b.some((other) => same(other, value)));
const same = (a: unknown, b: unknown): boolean => a === b || JSON.stringify(a) === JSON.stringify(b);

function sameText(a: JsonSchema, b: JsonSchema): boolean {
  try {
    return JSON.stringify(a) === JSON.stringify(b);
  } catch {
    return false;
  }
}
