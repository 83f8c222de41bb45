import { isRecord, type JsonSchema } from "../../tools/json-schema.js";

/** What a set of applicable schema parts says about an object's keys, merged. */
export interface ObjectFacets {
  /** Declared parameters, first declaration wins. */
  properties: ReadonlyMap<string, JsonSchema>;
  required: readonly string[];
  /** Keys matched by a `patternProperties` regex are allowed, their values follow its schema. */
  patterns: readonly { regex: RegExp; schema: JsonSchema | undefined }[];
  /** Schema for any other key's value when extra keys are explicitly allowed with one. */
  extra?: JsonSchema;
  /**
   * Whether keys outside `properties` and `patternProperties` are reported: when
   * `additionalProperties` is false, and also when it is absent but parameters are declared
   * (Python raises on an unknown keyword; pydantic and JS destructuring drop it silently).
   * Not when extra keys are explicitly allowed, nor for a bare `{type: "object"}` (a free-form map).
   */
  closed: boolean;
}

const cache = new WeakMap<readonly JsonSchema[], ObjectFacets>();

/** Merges the object keywords of `parts` (a node, its `$ref` targets, its `allOf` members). */
export function objectFacets(parts: readonly JsonSchema[]): ObjectFacets {
  const cached = cache.get(parts);
  if (cached) return cached;
  const facets = merge(parts);
  cache.set(parts, facets);
  return facets;
}

function merge(parts: readonly JsonSchema[]): ObjectFacets {
  const properties = new Map<string, JsonSchema>();
  const required: string[] = [];
  const patterns: { regex: RegExp; schema: JsonSchema | undefined }[] = [];
  let declaresProperties = false;
  let forbidsExtra = false;
  let allowsExtra = false;
  let extra: JsonSchema | undefined;
  for (const part of parts) {
    if (isRecord(part.properties)) {
      declaresProperties = true;
      for (const [key, schema] of Object.entries(part.properties)) if (!properties.has(key)) properties.set(key, isRecord(schema) ? schema : {});
    }
    // Keys named only under if/then/else or dependentSchemas are legitimate somewhere: never report them.
    for (const conditional of [part.then, part.else, ...(isRecord(part.dependentSchemas) ? Object.values(part.dependentSchemas) : [])]) {
      if (isRecord(conditional) && isRecord(conditional.properties)) {
        for (const [key, schema] of Object.entries(conditional.properties)) if (!properties.has(key)) properties.set(key, isRecord(schema) ? schema : {});
      }
    }
    if (Array.isArray(part.required)) for (const key of part.required) if (typeof key === "string" && !required.includes(key)) required.push(key);
    if (isRecord(part.patternProperties)) {
      for (const [source, schema] of Object.entries(part.patternProperties)) {
        const regex = compilePattern(source);
        if (regex) patterns.push({ regex, schema: isRecord(schema) ? schema : undefined });
        // An uncompilable pattern might have matched anything: stay quiet about extra keys.
        else allowsExtra = true;
      }
    }
    for (const keyword of ["additionalProperties", "unevaluatedProperties"] as const) {
      const rule = part[keyword];
      if (rule === false) forbidsExtra = true;
      else if (rule === true) allowsExtra = true;
      else if (isRecord(rule)) {
        allowsExtra = true;
        extra ??= rule;
      }
    }
  }
  const closed = forbidsExtra || (!allowsExtra && declaresProperties);
  return { properties, required, patterns, closed, ...(extra ? { extra } : {}) };
}

function compilePattern(source: string): RegExp | undefined {
  try {
    return new RegExp(source, "u");
  } catch {
    try {
      return new RegExp(source);
    } catch {
      return undefined;
    }
  }
}
