import { toJSONSchema } from "zod";
import type * as zc from "zod/v4/core";
import { errorMessage } from "./describe-value.js";
import type { JsonSchema } from "./json-schema.js";
import { isRecord } from "./json-schema.js";

/** A zod 4 schema from any copy of zod (classic or mini): they all carry `_zod.def`. */
export function isZod4Schema(value: unknown): boolean {
  if (typeof value !== "object" || value === null || !("_zod" in value)) return false;
  const internals = (value as { _zod: unknown })._zod;
  return isRecord(internals) && isRecord(internals.def);
}

/** A zod 3 schema (or zod 3.25's `zod/v3` API): `_def` and `safeParse`, no `_zod`. */
export function isZod3Schema(value: unknown): boolean {
  return (
    typeof value === "object" &&
    value !== null &&
    !("_zod" in value) &&
    "_def" in value &&
    typeof (value as { safeParse?: unknown }).safeParse === "function"
  );
}

type Conversion = { ok: true; schema: JsonSchema } | { ok: false; message: string };

/**
 * The schema's metadata as its OWN zod copy holds it. zod 4.0.x keeps `.describe()`/`.meta()` in a
 * registry private to each copy, while our copy (4.6) shares one on globalThis; so our toJSONSchema
 * cannot see descriptions a user's older zod recorded. Asking the schema itself finds them.
 */
function ownMetadata(schema: unknown): Record<string, unknown> | undefined {
  const withMeta = schema as { meta?: unknown; description?: unknown };
  if (typeof withMeta.meta === "function") {
    const meta: unknown = (withMeta.meta as () => unknown).call(schema);
    if (isRecord(meta)) return meta;
  }
  return typeof withMeta.description === "string" ? { description: withMeta.description } : undefined;
}

function copyOwnMetadata(ctx: { zodSchema: unknown; jsonSchema: Record<string, unknown> }): void {
  const meta = ownMetadata(ctx.zodSchema);
  if (!meta) return;
  for (const [key, value] of Object.entries(meta)) {
    // `id` asks zod to hoist the schema into $defs; only the owning copy's generator can act on it.
    if (key === "id" || value === undefined) continue;
    ctx.jsonSchema[key] = value;
  }
}

/**
 * The JSON Schema the model is shown for a zod 4 schema from any zod copy: input semantics (a
 * parameter with a default is optional, transforms show what they accept), no `$schema`. Types with
 * no JSON equivalent (Date, bigint, custom) become `{}` rather than refusing the whole tool.
 */
export function zodToJsonSchema(schema: unknown): Conversion {
  if (isZod3Schema(schema)) {
    return { ok: false, message: "it is a zod 3 schema; tooldbg reads zod 4 schemas (upgrade zod, or import { z } from \"zod/v4\" with zod 3.25)" };
  }
  if (!isZod4Schema(schema)) return { ok: false, message: "it is not a zod schema" };
  let converted: unknown;
  try {
    converted = toJSONSchema(schema as zc.$ZodType, { io: "input", unrepresentable: "any", override: copyOwnMetadata });
  } catch (error) {
    return { ok: false, message: `zod could not convert it to JSON Schema: ${errorMessage(error)}` };
  }
  if (!isRecord(converted)) return { ok: false, message: "zod produced no JSON Schema object for it" };
  const { $schema: _dialect, ...rest } = converted;
  return { ok: true, schema: rest };
}
