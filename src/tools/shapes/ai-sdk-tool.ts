import { isNonEmptyString } from "../describe-value.js";
import { checkedArguments, readSchema } from "../schema-source.js";
import type { FoundAt, ReadableTool, ToolReader } from "./tool-reader.js";
import { callOn, descriptionOf, invalid, schemaOnly } from "./tool-reader.js";

/** What the AI SDK sends when a tool declares no input schema. */
const AI_SDK_NO_INPUT = { properties: {}, additionalProperties: false };

/** Provider-executed tools (web search and the like) run at the provider: nothing local to debug. */
const PROVIDER_TYPES = new Set(["provider-defined", "provider"]);

/** Streaming tools (async generator execute) report their last yielded value as the result, as the SDK does. */
async function finalValue(result: unknown): Promise<unknown> {
  if (typeof result !== "object" || result === null || !(Symbol.asyncIterator in result)) return result;
  let last: unknown;
  for await (const chunk of result as AsyncIterable<unknown>) last = chunk;
  return last;
}

function nameFor(tool: Record<string, unknown>, at: FoundAt): Pick<ReadableTool, "name" | "nameFrom"> | undefined {
  // The AI SDK names a tool by its key in the tools record; the object itself has no name.
  if (at.inRecord && at.key) return { name: at.key, nameFrom: "record-key" };
  if (isNonEmptyString(tool.name)) return { name: tool.name, nameFrom: "object" };
  if (at.key) return { name: at.key, nameFrom: "export-name" };
  return undefined;
}

/**
 * Vercel AI SDK tools: entries of a record `{ toolName: { description?, inputSchema (v5+) |
 * parameters (v4), execute? } }`; the schema is zod, a jsonSchema()/zodSchema() wrapper, or JSON Schema.
 * execute(input, options) gets a minimal options object: no abort signal, no prior messages.
 */
export const aiSdkToolReader: ToolReader = {
  shape: "ai-sdk",
  detect(value) {
    const tool = value as Record<string, unknown>;
    if (PROVIDER_TYPES.has(tool.type as string)) return false;
    if ("inputSchema" in tool) return true;
    return "parameters" in tool && (typeof tool.execute === "function" || typeof tool.description === "string");
  },
  read(value, at) {
    const tool = value as Record<string, unknown>;
    const named = nameFor(tool, at);
    if (!named) return invalid("AI SDK tool has no name: the SDK names tools by their key, so put it in a record { toolName: tool(...) }");
    const schemaValue = "inputSchema" in tool ? tool.inputSchema : tool.parameters;
    const schema = readSchema(schemaValue === undefined ? AI_SDK_NO_INPUT : schemaValue);
    if (!schema.ok) return invalid(`AI SDK tool "${named.name}" has an input schema tooldbg cannot use: ${schema.message}`);
    const execute = tool.execute;
    const executable = typeof execute === "function";
    return {
      ok: true,
      tool: {
        ...named,
        ...descriptionOf(tool.description),
        parameters: schema.parameters,
        executable,
        sideEffects: tool.sideEffects === true || tool.needsApproval === true,
        invoke: executable
          ? async (args, _argumentsText, mode) => {
              const input = mode === "validated" ? await checkedArguments(schema.check, args) : args;
              return finalValue(await callOn(tool, execute, input, { toolCallId: "tooldbg_call", messages: [] }));
            }
          : schemaOnly(named.name),
      },
    };
  },
};
