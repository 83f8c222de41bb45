import { isRecord, type JsonSchema } from "../../tools/json-schema.js";
import { joinPath } from "./argument-path.js";
import { closestName } from "./closest-name.js";
import type { Finding } from "./finding.js";
import { unexpectedArgument } from "./findings.js";
import { objectFacets, type ObjectFacets } from "./object-facets.js";
import { alternativesOf, applicableParts } from "./schema-ref.js";
import { declaredTypes, typeAccepts } from "./schema-types.js";
import { chooseBranch } from "./choose-branch.js";

const MAX_DEPTH = 64;
const MAX_BRANCH_DEPTH = 8;

/**
 * Keys the signature does not have, anywhere in the arguments: nested objects, array items
 * (`items`, `prefixItems`), `$ref`s and the anyOf/oneOf branch the value best matches. Each
 * comes with the parameter it most likely meant: a required one the call is missing first
 * (`id` -> `invoice_id`), then any other parameter the call did not send.
 */
export function findUnexpectedArguments(value: unknown, schema: JsonSchema, root: JsonSchema = schema): Finding[] {
  const findings: Finding[] = [];
  walk(value, schema, root, "", findings, 0);
  return findings;
}

function walk(value: unknown, schema: JsonSchema, root: JsonSchema, path: string, into: Finding[], depth: number): void {
  // Primitives hold no keys; depth is bounded because recursive schemas meet deep values.
  if (typeof value !== "object" || value === null || depth > MAX_DEPTH) return;
  const parts = withChosenBranches(applicableParts(schema, root), value, root, 0);
  if (Array.isArray(value)) walkItems(value, parts, root, path, into, depth);
  else walkObject(value as Record<string, unknown>, objectFacets(parts), root, path, into, depth);
}

function walkObject(value: Record<string, unknown>, facets: ObjectFacets, root: JsonSchema, path: string, into: Finding[], depth: number): void {
  let unexpected: string[] | undefined;
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue;
    const child = value[key];
    const schema = facets.properties.get(key) ?? patternSchema(facets, key) ?? facets.extra;
    if (schema) {
      if (typeof child === "object" && child !== null) walk(child, schema, root, joinPath(path, key), into, depth + 1);
    } else if (facets.closed && !matchesPattern(facets, key)) {
      (unexpected ??= []).push(key);
    }
  }
  if (unexpected) reportUnexpected(value, unexpected, facets, root, path, into);
}

function reportUnexpected(value: Record<string, unknown>, keys: readonly string[], facets: ObjectFacets, root: JsonSchema, path: string, into: Finding[]): void {
  const names = [...facets.properties.keys()];
  const absentRequired = facets.required.filter((name) => !Object.hasOwn(value, name));
  const absent = names.filter((name) => !Object.hasOwn(value, name));
  const taken = new Set<string>();
  for (const key of keys) {
    const free = (list: readonly string[]) => list.filter((name) => !taken.has(name));
    let rename = closestName(key, free(absentRequired)) ?? closestName(key, free(absent));
    // One stray key and one missing required parameter of a type that fits: the rename is the likely fix
    // even when the names share nothing (`{"q": ...}` for `search_text`).
    const only = absentRequired[0];
    if (rename === undefined && keys.length === 1 && absentRequired.length === 1 && only !== undefined) {
      const schema = facets.properties.get(only);
      if (schema && typeAccepts(declaredTypes(schema, root), value[key])) rename = only;
    }
    if (rename !== undefined) taken.add(rename);
    into.push(unexpectedArgument(joinPath(path, key), rename, names));
  }
}

function walkItems(value: readonly unknown[], parts: readonly JsonSchema[], root: JsonSchema, path: string, into: Finding[], depth: number): void {
  let prefix: readonly unknown[] = [];
  let rest: JsonSchema | undefined;
  for (const part of parts) {
    if (Array.isArray(part.prefixItems)) prefix = part.prefixItems;
    if (Array.isArray(part.items)) {
      // draft-07 tuples: `items` is the prefix, `additionalItems` the rest.
      prefix = part.items;
      if (isRecord(part.additionalItems)) rest = part.additionalItems;
    } else if (isRecord(part.items)) rest = part.items;
  }
  for (let index = 0; index < value.length; index++) {
    const item = value[index];
    if (typeof item !== "object" || item === null) continue;
    const schema = index < prefix.length ? prefix[index] : rest;
    if (isRecord(schema)) walk(item, schema, root, joinPath(path, index), into, depth + 1);
  }
}

function patternSchema(facets: ObjectFacets, key: string): JsonSchema | undefined {
  for (const { regex, schema } of facets.patterns) if (schema && regex.test(key)) return schema;
  return undefined;
}

const matchesPattern = (facets: ObjectFacets, key: string): boolean => facets.patterns.some(({ regex }) => regex.test(key));

// Parts plus the chosen branches' parts, memoised per choice so their facets are merged once.
const combined = new WeakMap<readonly JsonSchema[], Map<string | number, readonly JsonSchema[]>>();

/** Adds, for each anyOf/oneOf on these parts, the parts of the branch the value best matches. */
function withChosenBranches(parts: readonly JsonSchema[], value: object, root: JsonSchema, depth: number): readonly JsonSchema[] {
  const lists = alternativesOf(parts);
  if (lists.length === 0 || depth > MAX_BRANCH_DEPTH) return parts;
  // One anyOf is the common case: key the memo by the branch index, no array or string built.
  const first = lists[0];
  const key: string | number = lists.length === 1 && first ? chooseBranch(first, value, root) : lists.map((list) => chooseBranch(list, value, root)).join(",");
  let byChoice = combined.get(parts);
  const known = byChoice?.get(key);
  if (known) return known;
  const chosen = typeof key === "number" ? [key] : key.split(",").map(Number);
  const all: JsonSchema[] = [...parts];
  chosen.forEach((index, i) => {
    const branch = index === -1 ? undefined : lists[i]?.[index];
    if (branch) for (const part of withChosenBranches(applicableParts(branch, root), value, root, depth + 1)) if (!all.includes(part)) all.push(part);
  });
  if (!byChoice) combined.set(parts, (byChoice = new Map()));
  byChoice.set(key, all);
  return all;
}
