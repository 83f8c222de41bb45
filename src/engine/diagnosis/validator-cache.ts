import { Ajv, type ValidateFunction } from "ajv";
import { Ajv2019 } from "ajv/dist/2019.js";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import { isRecord, type JsonSchema } from "../../tools/json-schema.js";

/** A tool schema compiled once: a validator, or why there is none (the schema does not compile). */
export type CompiledSchema = { validate: ValidateFunction; error?: undefined } | { validate?: undefined; error: string };

type Dialect = "2020-12" | "2019-09" | "draft-07";
type AjvInstance = Ajv | Ajv2019 | Ajv2020;

const OPTIONS = {
  // Every finding, not the first.
  allErrors: true,
  // Tool schemas are written by people and generators (BFCL's "optional": true, OpenAI's "strict"):
  // unknown keywords and formats are ignored instead of refusing the schema.
  strict: false,
  // Errors carry the failing value and schema: the mapper needs both (anyOf branches, enums).
  verbose: true,
  logger: false,
  // Meta-validation would reject draft-04/06 `$schema` URIs and cost time; what cannot compile still throws.
  validateSchema: false,
  // Tools from different modules may share an `$id`; compiling one must not poison the next.
  addUsedSchema: false,
  // JSON.parse output has keys like "constructor" or "toString": `required` must not see Object.prototype.
  ownProperties: true,
} as const;

// ajv-formats is CommonJS with `exports.default`; NodeNext types the default import as the module object.
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule) as unknown as (
  ajv: AjvInstance,
) => void;

const instances = new Map<Dialect, AjvInstance>();

function ajvFor(dialect: Dialect): AjvInstance {
  let ajv = instances.get(dialect);
  if (!ajv) {
    ajv = dialect === "2020-12" ? new Ajv2020(OPTIONS) : dialect === "2019-09" ? new Ajv2019(OPTIONS) : new Ajv(OPTIONS);
    addFormats(ajv);
    instances.set(dialect, ajv);
  }
  return ajv;
}

/**
 * Which draft to compile with. 2020-12 by default: zod 4's `z.toJSONSchema` and MCP emit it, and
 * OpenAI / pydantic schemas without `$schema` use `$defs`, which every draft resolves alike. An
 * explicit draft-04/06/07 `$schema`, or draft-07's tuple form `items: [...]` (an error under
 * 2020-12), selects draft-07 (zod-to-json-schema's output).
 */
function dialectOf(schema: JsonSchema): Dialect {
  const declared = schema.$schema;
  if (typeof declared === "string") {
    if (declared.includes("2020-12")) return "2020-12";
    if (declared.includes("2019-09")) return "2019-09";
    if (/draft-0\d/.test(declared)) return "draft-07";
  }
  return usesTupleItems(schema, 0, { nodes: 0 }) ? "draft-07" : "2020-12";
}

function usesTupleItems(node: unknown, depth: number, budget: { nodes: number }): boolean {
  if (depth > 32 || ++budget.nodes > 5_000) return false;
  if (Array.isArray(node)) return node.some((item) => usesTupleItems(item, depth + 1, budget));
  if (!isRecord(node)) return false;
  if (Array.isArray(node.items)) return true;
  for (const key in node) {
    const child = node[key];
    if (typeof child === "object" && child !== null && usesTupleItems(child, depth + 1, budget)) return true;
  }
  return false;
}

// The hot path: the same ToolSpec.parameters object validated call after call.
const byIdentity = new WeakMap<JsonSchema, CompiledSchema>();

// Logs re-create equal schemas for every request; the JSON text finds the compiled one. Bounded,
// least recently used first out, because ajv keeps its own strong reference to each schema.
const MAX_BY_TEXT = 500;
const byText = new Map<string, { compiled: CompiledSchema; schema: JsonSchema; ajv?: AjvInstance }>();

/** The compiled validator for a tool schema, compiled at most once per schema. Never throws. */
export function compileSchema(schema: JsonSchema): CompiledSchema {
  const known = byIdentity.get(schema);
  if (known) return known;
  const text = textKey(schema);
  const shared = text === undefined ? undefined : byText.get(text);
  if (shared && text !== undefined) {
    byText.delete(text);
    byText.set(text, shared);
    byIdentity.set(schema, shared.compiled);
    return shared.compiled;
  }
  const { compiled, ajv } = compile(schema);
  byIdentity.set(schema, compiled);
  if (text !== undefined) remember(text, { compiled, schema, ...(ajv ? { ajv } : {}) });
  return compiled;
}

function compile(schema: JsonSchema): { compiled: CompiledSchema; ajv?: AjvInstance } {
  let ajv: AjvInstance | undefined;
  try {
    ajv = ajvFor(dialectOf(schema));
    return { compiled: { validate: ajv.compile(schema) }, ajv };
  } catch (error) {
    return { compiled: { error: error instanceof Error ? error.message : String(error) } };
  }
}

function remember(text: string, entry: { compiled: CompiledSchema; schema: JsonSchema; ajv?: AjvInstance }): void {
  byText.set(text, entry);
  if (byText.size <= MAX_BY_TEXT) return;
  const oldest = byText.keys().next();
  if (oldest.done) return;
  const evicted = byText.get(oldest.value);
  byText.delete(oldest.value);
  try {
    evicted?.ajv?.removeSchema(evicted.schema);
  } catch {
    // Already gone from ajv's cache: nothing to free.
  }
}

function textKey(schema: JsonSchema): string | undefined {
  try {
    return JSON.stringify(schema);
  } catch {
    // Cyclic or BigInt-holding objects: cache by identity only.
    return undefined;
  }
}
