import { isNonEmptyString } from "../describe-value.js";
import { readSchema } from "../schema-source.js";
import type { ToolReader } from "./tool-reader.js";
import { callOn, descriptionOf, invalid } from "./tool-reader.js";

/**
 * Just enough of the Agents SDK's RunContext for a tool's execute(input, runContext): an empty user
 * context and the approval methods. A tool that needs the real context of a running agent will not
 * find it here.
 */
function minimalRunContext(): Record<string, unknown> {
  return {
    context: {},
    usage: { requests: 0, inputTokens: 0, outputTokens: 0, totalTokens: 0 },
    isToolApproved: () => true,
    approveTool: () => undefined,
    rejectTool: () => undefined,
    toJSON: () => ({ context: {} }),
  };
}

/**
 * OpenAI Agents SDK tool(): `{ type: "function", name, description, parameters, strict, invoke,
 * needsApproval, isEnabled }` with parameters already converted to (strict) JSON Schema.
 *
 * Limitation: the SDK keeps the user's execute and parser in a closure, so both modes go through
 * invoke(runContext, argumentsText): the SDK parses and validates inside, and raw mode cannot bypass
 * it. Its default error function also turns a thrown error into a string result ("An error occurred
 * while running the tool…"), exactly as the agent would see it.
 *
 * tool() wraps `needsApproval: true` in a function that needs a run context and the arguments, so
 * only a literal `needsApproval: true` (or `sideEffects: true`) on the object marks side effects.
 */
export const openaiAgentsToolReader: ToolReader = {
  shape: "openai-agents",
  detect(value) {
    const { type, invoke } = value as Record<string, unknown>;
    return type === "function" && typeof invoke === "function";
  },
  read(value) {
    const tool = value as Record<string, unknown>;
    const { name, description, parameters, invoke, needsApproval, sideEffects } = tool;
    if (!isNonEmptyString(name)) return invalid("Agents SDK tool has no name");
    const schema = readSchema(parameters);
    if (!schema.ok) return invalid(`Agents SDK tool "${name}" has parameters tooldbg cannot use: ${schema.message}`);
    return {
      ok: true,
      tool: {
        name,
        nameFrom: "object",
        ...descriptionOf(description),
        parameters: schema.parameters,
        executable: true,
        sideEffects: needsApproval === true || sideEffects === true,
        invoke: async (_args, argumentsText) =>
          callOn(tool, invoke, minimalRunContext(), argumentsText, {
            toolCall: { type: "function_call", callId: "tooldbg_call", name, arguments: argumentsText, status: "completed" },
          }),
      },
    };
  },
};
