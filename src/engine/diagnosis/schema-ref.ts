import { isRecord, type JsonSchema } from "../../tools/json-schema.js";

/**
 * Resolves a local `$ref` ("#", "#/$defs/X", "#/definitions/X", any JSON pointer into the
 * document). Remote refs, `$anchor` and `$id`-relative refs are not followed: callers treat an
 * unresolved ref as "anything goes" rather than guess.
 */
export function resolveLocalRef(ref: string, root: JsonSchema): JsonSchema | undefined {
  if (ref === "#" || ref === "") return root;
  if (!ref.startsWith("#/")) return undefined;
  let node: unknown = root;
  for (const raw of ref.slice(2).split("/")) {
    let key: string;
    try {
      key = decodeURIComponent(raw).replace(/~1/g, "/").replace(/~0/g, "~");
    } catch {
      return undefined;
    }
    if (Array.isArray(node)) node = node[Number(key)];
    else if (isRecord(node) && Object.hasOwn(node, key)) node = node[key];
    else return undefined;
  }
  return isRecord(node) ? node : undefined;
}

const MAX_PARTS_DEPTH = 16;

const partsCache = new WeakMap<JsonSchema, WeakMap<JsonSchema, readonly JsonSchema[]>>();

/**
 * Every schema node that applies, all at once, to the same value: the node itself, its `$ref`
 * targets and its `allOf` members, recursively. Walking these instead of the node alone is what
 * lets pydantic's `$ref`-everywhere and zod's intersections (`allOf`) be read like plain schemas.
 */
export function applicableParts(schema: JsonSchema, root: JsonSchema): readonly JsonSchema[] {
  let byRoot = partsCache.get(root);
  if (!byRoot) {
    byRoot = new WeakMap();
    partsCache.set(root, byRoot);
  }
  const cached = byRoot.get(schema);
  if (cached) return cached;
  const parts: JsonSchema[] = [];
  collect(schema, root, parts, new Set(), 0);
  byRoot.set(schema, parts);
  return parts;
}

function collect(schema: JsonSchema, root: JsonSchema, into: JsonSchema[], seen: Set<JsonSchema>, depth: number): void {
  if (seen.has(schema) || depth > MAX_PARTS_DEPTH) return;
  seen.add(schema);
  into.push(schema);
  const ref = schema.$ref;
  if (typeof ref === "string") {
    const target = resolveLocalRef(ref, root);
    if (target) collect(target, root, into, seen, depth + 1);
  }
  const allOf = schema.allOf;
  if (Array.isArray(allOf)) for (const member of allOf) if (isRecord(member)) collect(member, root, into, seen, depth + 1);
}

/** The alternatives (`anyOf`/`oneOf`) declared on any applicable part, each list as written. */
const NO_ALTERNATIVES: readonly (readonly JsonSchema[])[] = Object.freeze([]);
const alternativesCache = new WeakMap<readonly JsonSchema[], readonly (readonly JsonSchema[])[]>();

export function alternativesOf(parts: readonly JsonSchema[]): readonly (readonly JsonSchema[])[] {
  const cached = alternativesCache.get(parts);
  if (cached) return cached;
  const lists = collectAlternatives(parts);
  alternativesCache.set(parts, lists);
  return lists;
}

function collectAlternatives(parts: readonly JsonSchema[]): readonly (readonly JsonSchema[])[] {
  let lists: JsonSchema[][] | undefined;
  for (const part of parts) {
    for (const key of ["anyOf", "oneOf"] as const) {
      const list = part[key];
      if (Array.isArray(list)) (lists ??= []).push(list.filter(isRecord));
    }
  }
  return lists ?? NO_ALTERNATIVES;
}
