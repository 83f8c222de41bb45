import { isTooldbgTool } from "../define.js";
import { isNonEmptyString } from "../describe-value.js";
import { checkedArguments, readSchema } from "../schema-source.js";
import type { ToolReader } from "./tool-reader.js";
import { callOn, descriptionOf, invalid, schemaOnly } from "./tool-reader.js";

/** tooldbg's own tool(): zod parameters (any zod 4 copy; a JSON Schema is accepted from JS users too). */
export const tooldbgToolReader: ToolReader = {
  shape: "tooldbg",
  detect: isTooldbgTool,
  read(value) {
    const { name, description, parameters, execute, sideEffects } = value as Record<string, unknown>;
    if (!isNonEmptyString(name)) return invalid("tool() object has no name");
    const schema = readSchema(parameters);
    if (!schema.ok) return invalid(`tool "${name}" has parameters tooldbg cannot use: ${schema.message}`);
    const executable = typeof execute === "function";
    return {
      ok: true,
      tool: {
        name,
        nameFrom: "object",
        ...descriptionOf(description),
        parameters: schema.parameters,
        executable,
        sideEffects: sideEffects === true,
        invoke: executable
          ? async (args, _argumentsText, mode) => {
              const input = mode === "validated" ? await checkedArguments(schema.check, args) : args;
              return callOn(value, execute, input);
            }
          : schemaOnly(name),
      },
    };
  },
};
