import { isNonEmptyString } from "../describe-value.js";
import { isRecord } from "../json-schema.js";
import type { LoadedTool } from "../loaded-tool.js";
import type { ArgumentCheck } from "../schema-source.js";
import { NO_PARAMETERS, checkedArguments, readSchema } from "../schema-source.js";
import { issuesFromError, rejectArguments } from "../validation-issues.js";
import { isZod4Schema } from "../zod-to-json-schema.js";
import type { ToolReader } from "./tool-reader.js";
import { callOn, descriptionOf, invalid, schemaOnly } from "./tool-reader.js";

/** `execute` / `run` beside the definition: a plain function of the arguments object. */
function invokeDirect(owner: object, fn: unknown, check: ArgumentCheck): LoadedTool["invoke"] {
  return async (args, _argumentsText, mode) => callOn(owner, fn, mode === "validated" ? await checkedArguments(check, args) : args);
}

/**
 * openai-node's runTools() RunnableToolFunction: `function.function` receives what `function.parse`
 * returns from the raw text, or the raw text itself when there is no `parse`.
 */
function invokeRunnable(definition: Record<string, unknown>, fn: unknown, check: ArgumentCheck): LoadedTool["invoke"] {
  const parse = definition.parse;
  return async (args, argumentsText, mode) => {
    if (mode === "validated") await checkedArguments(check, args);
    if (typeof parse !== "function") return callOn(definition, fn, argumentsText);
    if (mode === "raw") return callOn(definition, fn, args);
    let parsed: unknown;
    try {
      parsed = await callOn(definition, parse, argumentsText);
    } catch (error) {
      // runTools() sends a parse error back to the model instead of calling the function.
      rejectArguments(issuesFromError(error));
    }
    return callOn(definition, fn, parsed);
  };
}

/**
 * OpenAI function tools: Chat Completions `{ type: "function", function: { name, description,
 * parameters } }`, the flat Responses API `{ type: "function", name, parameters }` or a legacy
 * `functions` entry, with JSON Schema parameters, validated with ajv. Without a callable beside
 * it the tool is schema-only.
 */
export const openaiFunctionReader: ToolReader = {
  shape: "openai-function",
  detect(value) {
    const { type, function: definition, name, parameters, execute } = value as Record<string, unknown>;
    // The legacy `functions` entry: { name, description, parameters } with nothing else to mark it.
    if (type === undefined) {
      return isNonEmptyString(name) && isRecord(parameters) && !isZod4Schema(parameters) && execute === undefined && !("inputSchema" in value);
    }
    if (type !== "function") return false;
    // A tool *call* (a scripted turn's tool_calls entry) also says type "function"; it has arguments.
    if (isRecord(definition)) return !("arguments" in definition);
    return "name" in value;
  },
  read(value) {
    const tool = value as Record<string, unknown>;
    const definition = isRecord(tool.function) ? tool.function : tool;
    const runnable = definition !== tool && typeof definition.function === "function" ? definition.function : undefined;
    // runTools() falls back to the JS function's own name when `name` is omitted.
    const name = isNonEmptyString(definition.name) ? definition.name : (runnable as { name?: unknown } | undefined)?.name;
    if (!isNonEmptyString(name)) return invalid(definition === tool ? "OpenAI function tool has no name" : "OpenAI function tool has no function.name");
    const schema = readSchema(definition.parameters === undefined ? NO_PARAMETERS : definition.parameters);
    if (!schema.ok) return invalid(`OpenAI function "${name}" has parameters tooldbg cannot use: ${schema.message}`);
    const direct = [tool.execute, tool.run].find((candidate) => typeof candidate === "function");
    const invoke = direct
      ? invokeDirect(tool, direct, schema.check)
      : runnable
        ? invokeRunnable(definition, runnable, schema.check)
        : schemaOnly(name);
    return {
      ok: true,
      tool: {
        name,
        nameFrom: "object",
        ...descriptionOf(definition.description),
        parameters: schema.parameters,
        executable: direct !== undefined || runnable !== undefined,
        sideEffects: tool.sideEffects === true || definition.sideEffects === true,
        invoke,
      },
    };
  },
};
