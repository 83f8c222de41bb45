import type { AdvertisedTool } from "../log-events.js";
import type { JsonSchema } from "../../../tools/json-schema.js";
import { isRecord, nonEmptyStringAt, recordAt, stringAt, type JsonObject } from "./shared/json-read.js";

/** OpenAI: "omitting parameters defines a function with an empty parameter list". */
const NO_PARAMETERS: JsonSchema = { type: "object", properties: {} };
/** Custom tools take free text, not JSON; any value is allowed by this schema. */
const FREE_TEXT: JsonSchema = {};

/**
 * The tools a request showed the model, from any OpenAI form: chat `tools`
 * (`{type:"function", function:{…}}`), Responses flat tools (`{type:"function", name, …}`),
 * namespaces of either, custom tools, and legacy chat `functions`. Built-in tools (web search,
 * file search, tool search, MCP…) have no schema of ours to check and are left out.
 */
export function readAdvertisedTools(request: JsonObject): AdvertisedTool[] | undefined {
  const tools: AdvertisedTool[] = [];
  addTools(request.tools, tools, 0);
  if (Array.isArray(request.functions)) {
    for (const fn of request.functions) if (isRecord(fn)) addFunction(fn, tools);
  }
  return tools.length > 0 ? tools : undefined;
}

function addTools(list: unknown, into: AdvertisedTool[], depth: number): void {
  if (!Array.isArray(list) || depth > 2) return;
  for (const tool of list) {
    if (!isRecord(tool)) continue;
    const type = stringAt(tool, "type");
    if (type === "function") {
      addFunction(recordAt(tool, "function") ?? tool, into);
    } else if (type === "custom") {
      const custom = recordAt(tool, "custom") ?? tool;
      const name = nonEmptyStringAt(custom, "name");
      if (name) into.push(withDescription({ name, parameters: FREE_TEXT }, custom));
    } else if (type === "namespace") {
      addTools(tool.tools, into, depth + 1);
    }
  }
}

function addFunction(fn: JsonObject, into: AdvertisedTool[]): void {
  const name = nonEmptyStringAt(fn, "name");
  if (!name) return;
  const parameters = recordAt(fn, "parameters") ?? NO_PARAMETERS;
  into.push(withDescription({ name, parameters }, fn));
}

function withDescription(tool: AdvertisedTool, source: JsonObject): AdvertisedTool {
  const description = nonEmptyStringAt(source, "description");
  if (description !== undefined) tool.description = description;
  return tool;
}
