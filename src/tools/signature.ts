import type { JsonSchema } from "./json-schema.js";
import { isRecord } from "./json-schema.js";
import type { Resolved, RefTrail } from "./schema-reading.js";
import { hasItemSchema, hasProperties, pick, resolve, typeLabel, unionVariants } from "./schema-reading.js";
import type { ToolSpec } from "./tool-spec.js";

/** One parameter as people read it, for `tooldbg schema` and the TUI's signature pane. */
export interface ParameterRow {
  /** Dotted for nested objects, `[]` for array elements: "invoice_id", "address.city", "items[].sku". */
  path: string;
  /** "string", "integer[]", "string | null", "object". */
  type: string;
  /** Required within its parent object. */
  required: boolean;
  description?: string;
  /** Enum values, bounds, pattern, format, default: `one of "c", "f" · default "c"`. */
  constraints?: string;
}

const MAX_NESTING = 6;
const MAX_ENUM_SHOWN = 12;

const show = (value: unknown): string => JSON.stringify(value) ?? String(value);

function ownConstraints(schema: JsonSchema): string[] {
  const parts: string[] = [];
  if (Array.isArray(schema.enum)) {
    const shown = schema.enum.slice(0, MAX_ENUM_SHOWN).map(show).join(", ");
    parts.push(`one of ${shown}${schema.enum.length > MAX_ENUM_SHOWN ? `, … (${schema.enum.length} values)` : ""}`);
  }
  if ("const" in schema) parts.push(`= ${show(schema.const)}`);
  // Draft 4 spells exclusive bounds as booleans beside minimum/maximum. zod's .int() adds the
  // safe-integer range as bounds: true, but noise to a person reading the signature.
  if (typeof schema.minimum === "number" && schema.minimum !== Number.MIN_SAFE_INTEGER) {
    parts.push(`${schema.exclusiveMinimum === true ? ">" : ">="} ${schema.minimum}`);
  }
  if (typeof schema.exclusiveMinimum === "number") parts.push(`> ${schema.exclusiveMinimum}`);
  if (typeof schema.maximum === "number" && schema.maximum !== Number.MAX_SAFE_INTEGER) {
    parts.push(`${schema.exclusiveMaximum === true ? "<" : "<="} ${schema.maximum}`);
  }
  if (typeof schema.exclusiveMaximum === "number") parts.push(`< ${schema.exclusiveMaximum}`);
  if (typeof schema.multipleOf === "number") parts.push(`multiple of ${schema.multipleOf}`);
  if (typeof schema.minLength === "number") parts.push(`min length ${schema.minLength}`);
  if (typeof schema.maxLength === "number") parts.push(`max length ${schema.maxLength}`);
  if (typeof schema.pattern === "string") parts.push(`pattern ${schema.pattern}`);
  if (typeof schema.format === "string") parts.push(`format ${schema.format}`);
  if (typeof schema.minItems === "number") parts.push(`at least ${schema.minItems} item${schema.minItems === 1 ? "" : "s"}`);
  if (typeof schema.maxItems === "number") parts.push(`at most ${schema.maxItems} item${schema.maxItems === 1 ? "" : "s"}`);
  if (schema.uniqueItems === true) parts.push("unique items");
  if ("default" in schema) parts.push(`default ${show(schema.default)}`);
  return parts;
}

/** The schema's constraints, its union variants' (an enum-or-null keeps its enum), and its scalar items'. */
function constraintsOf(resolved: Resolved): string | undefined {
  const parts = ownConstraints(resolved.schema);
  for (const variant of unionVariants(resolved.schema) ?? []) {
    const variantResolved = resolve(variant, resolved.trail);
    if (variantResolved.refName === undefined) parts.push(...ownConstraints(variantResolved.schema));
  }
  if (isRecord(resolved.schema.items)) {
    const items = resolve(resolved.schema.items, resolved.trail);
    if (items.refName === undefined && !hasProperties(items.schema)) parts.push(...ownConstraints(items.schema).map((part) => `each ${part}`));
  }
  const unique = [...new Set(parts)];
  return unique.length > 0 ? unique.join(" · ") : undefined;
}

function requiredSet(schema: JsonSchema): Set<string> {
  return new Set(Array.isArray(schema.required) ? schema.required.filter((key): key is string => typeof key === "string") : []);
}

function objectRows(object: Resolved, prefix: string, depth: number, rows: ParameterRow[]): void {
  const properties = object.schema.properties;
  if (!isRecord(properties)) return;
  const required = requiredSet(object.schema);
  for (const [key, property] of Object.entries(properties)) {
    const path = `${prefix}${key}`;
    const resolved = resolve(property, object.trail);
    const description = resolved.schema.description;
    const constraints = constraintsOf(resolved);
    rows.push({
      path,
      type: typeLabel(property, object.trail),
      required: required.has(key),
      ...(typeof description === "string" && description.length > 0 ? { description } : {}),
      ...(constraints ? { constraints } : {}),
    });
    if (depth >= MAX_NESTING) continue;
    const nested = pick(resolved, hasProperties);
    if (nested) {
      objectRows(nested, `${path}.`, depth + 1, rows);
      continue;
    }
    const array = pick(resolved, hasItemSchema);
    const items = array && pick(resolve(array.schema.items, array.trail), hasProperties);
    if (items) objectRows(items, `${path}[].`, depth + 1, rows);
  }
}

function rootObject(schema: JsonSchema): Resolved | undefined {
  // The root is already being expanded: a `$ref: "#"` inside it is recursion, not another level.
  const trail: RefTrail = { root: schema, expanding: ["#"] };
  return pick(resolve(schema, trail), hasProperties);
}

/** Every parameter of a tool's JSON Schema as a row: nested objects dotted, array elements as `[]`, local refs followed. */
export function describeParameters(schema: JsonSchema): ParameterRow[] {
  const rows: ParameterRow[] = [];
  const root = isRecord(schema) ? rootObject(schema) : undefined;
  if (root) objectRows(root, "", 0, rows);
  return rows;
}

/** One line for a tool: `get_invoice_status(invoice_id: string, priority?: integer)`. */
export function formatSignature(spec: Pick<ToolSpec, "name" | "parameters">): string {
  const root = isRecord(spec.parameters) ? rootObject(spec.parameters) : undefined;
  const properties = root && isRecord(root.schema.properties) ? root.schema.properties : {};
  const required = root ? requiredSet(root.schema) : new Set<string>();
  const parameters = Object.entries(properties).map(
    ([key, property]) => `${key}${required.has(key) ? "" : "?"}: ${typeLabel(property, root?.trail ?? { root: {}, expanding: [] })}`,
  );
  return `${spec.name}(${parameters.join(", ")})`;
}
