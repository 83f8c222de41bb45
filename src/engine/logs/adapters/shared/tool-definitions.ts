import type { AdvertisedTool } from "../../log-events.js";
import { asString, isRecord, parseIfJsonText } from "./loose-json.js";

/**
 * One advertised tool from whichever definition shape a log carries: OpenAI `{type, function:
 * {name, parameters}}`, Anthropic `{name, input_schema}`, OTel GenAI `{type, name, parameters}`,
 * Vercel AI SDK `{name, inputSchema}`, or any of them as a JSON string. A definition without a
 * schema (server tools, content capture off) still names the tool, with an empty schema.
 */
export function advertisedTool(definition: unknown): AdvertisedTool | undefined {
  const parsed = parseIfJsonText(definition);
  if (!isRecord(parsed)) return undefined;
  const fn = isRecord(parsed.function) ? parsed.function : parsed;
  const name = asString(fn.name);
  if (name === undefined || name === "") return undefined;
  const schema = parseIfJsonText(fn.parameters ?? fn.input_schema ?? fn.inputSchema ?? fn.json_schema);
  const tool: AdvertisedTool = { name, parameters: isRecord(schema) ? schema : {} };
  const description = asString(fn.description);
  if (description !== undefined) tool.description = description;
  return tool;
}

/** The advertised tools of a list (or JSON text of one); undefined when there are none. */
export function advertisedTools(list: unknown): AdvertisedTool[] | undefined {
  const parsed = parseIfJsonText(list);
  if (!Array.isArray(parsed)) return undefined;
  const tools: AdvertisedTool[] = [];
  for (const definition of parsed) {
    const tool = advertisedTool(definition);
    if (tool !== undefined) tools.push(tool);
  }
  return tools.length > 0 ? tools : undefined;
}
