import { errorMessage, kindOf } from "./describe-value.js";
import type { JsonSchema } from "./json-schema.js";
import { isRecord } from "./json-schema.js";
import type { CheckResult } from "./json-schema-validator.js";
import { jsonSchemaCheck } from "./json-schema-validator.js";
import { issuesFromError, rejectArguments } from "./validation-issues.js";
import { isZod3Schema, isZod4Schema, zodToJsonSchema } from "./zod-to-json-schema.js";

/** Checks arguments the way the tool's own runtime would before calling it. */
export type ArgumentCheck = (args: unknown) => Promise<CheckResult>;

/** A tool's parameters, read: the JSON Schema the model sees and the check validated mode runs. */
export type SchemaSource = { ok: true; parameters: JsonSchema; check: ArgumentCheck } | { ok: false; message: string };

/** What OpenAI assumes when a function declares no parameters. */
export const NO_PARAMETERS: JsonSchema = { type: "object", properties: {} };

const AI_SDK_SCHEMA = Symbol.for("vercel.ai.schema");

/** The AI SDK's `jsonSchema()` / `zodSchema()` wrapper: `{ jsonSchema, validate? }`, branded by a registered symbol. */
function isAiSdkSchema(value: object): boolean {
  if ((value as Record<symbol, unknown>)[AI_SDK_SCHEMA] === true) return true;
  return "jsonSchema" in value && !("type" in value) && !("properties" in value);
}

/** Tool schemas cross to tooldbg's process as JSON: drop functions, refuse cycles and throwing getters. */
function toPlainJson(schema: unknown): { ok: true; schema: JsonSchema } | { ok: false; message: string } {
  let copy: unknown;
  try {
    copy = JSON.parse(JSON.stringify(schema)) as unknown;
  } catch (error) {
    return { ok: false, message: `it is not plain JSON (${errorMessage(error)})` };
  }
  return isRecord(copy) ? { ok: true, schema: copy } : { ok: false, message: `it is not a JSON Schema object (got ${kindOf(copy)})` };
}

function objectSchemaProblem(schema: JsonSchema): string | undefined {
  const type = schema.type;
  if (type === undefined || type === "object" || (Array.isArray(type) && type.includes("object"))) return undefined;
  return `it describes ${JSON.stringify(type)}, but tool arguments are an object of named parameters (use z.object / "type": "object")`;
}

function zodCheck(schema: unknown): ArgumentCheck {
  const parser = schema as {
    safeParseAsync?: (value: unknown) => Promise<{ success: boolean; data?: unknown; error?: unknown }>;
    safeParse: (value: unknown) => { success: boolean; data?: unknown; error?: unknown };
  };
  return async (args) => {
    // Async refinements make the synchronous safeParse throw; the SDKs parse asynchronously too.
    const result = typeof parser.safeParseAsync === "function" ? await parser.safeParseAsync(args) : parser.safeParse(args);
    return result.success ? { ok: true, value: result.data } : { ok: false, issues: issuesFromError(result.error) };
  };
}

function aiSdkCheck(wrapper: object): ArgumentCheck {
  const validate = (wrapper as { validate?: unknown }).validate;
  // The AI SDK skips validation for a jsonSchema() without `validate`; validated mode does the same.
  if (typeof validate !== "function") return async (args) => ({ ok: true, value: args });
  return async (args) => {
    const result = (await (validate as (value: unknown) => unknown).call(wrapper, args)) as { success?: unknown; value?: unknown; error?: unknown };
    return result.success === true ? { ok: true, value: result.value } : { ok: false, issues: issuesFromError(result.error) };
  };
}

function finish(schema: unknown, check: (parameters: JsonSchema) => ArgumentCheck): SchemaSource {
  const plain = toPlainJson(schema);
  if (!plain.ok) return plain;
  const problem = objectSchemaProblem(plain.schema);
  return problem ? { ok: false, message: problem } : { ok: true, parameters: plain.schema, check: check(plain.schema) };
}

/**
 * Reads a tool's parameters in any form tooldbg accepts: a zod 4 schema (any copy), an AI SDK
 * schema wrapper, or a plain JSON Schema object. Failures are messages, never exceptions.
 */
export function readSchema(value: unknown): SchemaSource {
  try {
    if (isZod4Schema(value) || isZod3Schema(value)) {
      const converted = zodToJsonSchema(value);
      return converted.ok ? finish(converted.schema, () => zodCheck(value)) : converted;
    }
    if (!isRecord(value)) return { ok: false, message: `expected a zod object schema or a JSON Schema object, got ${kindOf(value)}` };
    if ("~standard" in value) {
      return { ok: false, message: "it is a Standard Schema library other than zod (valibot, arktype, …); tooldbg reads zod 4 and JSON Schema" };
    }
    if (isAiSdkSchema(value)) {
      const inner = (value as { jsonSchema?: unknown }).jsonSchema;
      if (typeof (inner as { then?: unknown } | null | undefined)?.then === "function") {
        return { ok: false, message: "its jsonSchema is a promise; tooldbg needs the schema when the module loads" };
      }
      return finish(inner, () => aiSdkCheck(value));
    }
    return finish(value, jsonSchemaCheck);
  } catch (error) {
    return { ok: false, message: `it could not be read: ${errorMessage(error)}` };
  }
}

/** Validated mode: the checked (maybe transformed) arguments, or a ValidationFailure. */
export async function checkedArguments(check: ArgumentCheck, args: unknown): Promise<unknown> {
  const result = await check(args);
  if (!result.ok) rejectArguments(result.issues);
  return result.value;
}
