import { Ajv } from "ajv";
import type { ErrorObject, ValidateFunction } from "ajv";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import { errorMessage } from "./describe-value.js";
import type { JsonSchema } from "./json-schema.js";
import type { ValidationIssue } from "./validation-issues.js";

// ajv-formats is CommonJS: under NodeNext its default import is module.exports, the plugin sits on `.default`.
const addFormats = addFormatsModule.default;

export type CheckResult = { ok: true; value: unknown } | { ok: false; issues: ValidationIssue[] };

function pointerToDotted(pointer: string): string[] {
  return pointer
    .split("/")
    .slice(1)
    .map((segment) => segment.replace(/~1/g, "/").replace(/~0/g, "~"));
}

function issueFrom(error: ErrorObject): ValidationIssue {
  const segments = pointerToDotted(error.instancePath);
  const params = error.params as { missingProperty?: unknown; additionalProperty?: unknown };
  // ajv reports a missing or extra key at its parent object; the finding belongs to the key itself.
  const key = params.missingProperty ?? params.additionalProperty;
  if (typeof key === "string") segments.push(key);
  return { path: segments.join("."), message: error.message ?? `fails "${error.keyword}"` };
}

function compile(schema: JsonSchema): ValidateFunction {
  const { $schema, ...body } = schema;
  const dialect = typeof $schema === "string" ? $schema : "";
  // strict: false because tool schemas in the wild carry unknown keywords ("optional", "x-…")
  // that the model provider ignores; rejecting them would make the tool unloadable for nothing.
  const options = { allErrors: true, strict: false };
  const ajv = /2019-09|2020-12/.test(dialect) ? new Ajv2020(options) : new Ajv(options);
  addFormats(ajv);
  return ajv.compile(body);
}

/**
 * Validates arguments against a raw JSON Schema with a real validator. Compiled on first use: most
 * tools are only ever diagnosed, and a schema ajv refuses (BFCL's `"type": "dict"`) must still load.
 */
export function jsonSchemaCheck(schema: JsonSchema): (args: unknown) => Promise<CheckResult> {
  let validate: ValidateFunction | undefined;
  let compileError: string | undefined;
  return async (args) => {
    if (!validate && compileError === undefined) {
      try {
        validate = compile(schema);
      } catch (error) {
        compileError = errorMessage(error);
      }
    }
    if (!validate) {
      return { ok: false, issues: [{ path: "", message: `the tool's own JSON Schema cannot be used to validate: ${compileError ?? "unknown error"}` }] };
    }
    if (validate(args)) return { ok: true, value: args };
    return { ok: false, issues: (validate.errors ?? []).map(issueFrom) };
  };
}
