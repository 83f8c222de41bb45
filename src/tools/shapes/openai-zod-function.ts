import { isNonEmptyString } from "../describe-value.js";
import { isRecord } from "../json-schema.js";
import { readSchema } from "../schema-source.js";
import { issuesFromError, rejectArguments } from "../validation-issues.js";
import type { ToolReader } from "./tool-reader.js";
import { callOn, descriptionOf, invalid, schemaOnly } from "./tool-reader.js";

/**
 * `zodFunction()` / `zodResponsesFunction()` from openai/helpers/zod: an OpenAI function tool with
 * non-enumerable `$brand: "auto-parseable-tool"`, `$parseRaw(text)` (JSON.parse + zod parse) and
 * `$callback` (the `function` option, absent when none was given). The schema is read from the
 * tool itself: openai already converted it (strict mode), and that is exactly what the model sees.
 */
export const openaiZodFunctionReader: ToolReader = {
  shape: "openai-zod-function",
  detect: (value) => (value as { $brand?: unknown }).$brand === "auto-parseable-tool",
  read(value) {
    const tool = value as Record<string, unknown>;
    // Chat Completions nests the definition under `function`; the Responses variant is flat.
    const definition = isRecord(tool.function) ? tool.function : tool;
    const { name, description, parameters } = definition;
    if (!isNonEmptyString(name)) return invalid("zodFunction() tool has no name");
    const schema = readSchema(parameters);
    if (!schema.ok) return invalid(`zodFunction "${name}" has parameters tooldbg cannot use: ${schema.message}`);
    const { $parseRaw: parseRaw, $callback: callback } = tool;
    const executable = typeof callback === "function";
    return {
      ok: true,
      tool: {
        name,
        nameFrom: "object",
        ...descriptionOf(description),
        parameters: schema.parameters,
        executable,
        sideEffects: tool.sideEffects === true,
        invoke: executable
          ? async (args, argumentsText, mode) => {
              let input = args;
              if (mode === "validated" && typeof parseRaw === "function") {
                // runTools() parses the raw text with $parseRaw, exactly so.
                try {
                  input = await callOn(tool, parseRaw, argumentsText);
                } catch (error) {
                  rejectArguments(issuesFromError(error));
                }
              }
              return callOn(tool, callback, input);
            }
          : schemaOnly(name),
      },
    };
  },
};
