import { arrayAt, isRecord, stringAt, type JsonObject } from "./shared/json-read.js";

export type ResponsesPayloadKind = "request" | "response" | "event" | "events" | "item";

export interface ResponsesPayloadScore {
  kind: ResponsesPayloadKind;
  confidence: number;
}

/** Item types that are a call or its output, as they appear in `input[]` and `output[]`. */
export const CALL_ITEM_TYPES = new Set(["function_call", "custom_tool_call", "tool_search_call"]);
export const OUTPUT_ITEM_TYPES = new Set(["function_call_output", "custom_tool_call_output", "tool_search_output"]);

/**
 * What an object is in the Responses API, by shape: a response (`object: "response"`), a stream
 * event (`type: "response.…"`), an array of events, a request (`input` + `model`, no `messages`),
 * or a lone call/output item (`type: "function_call"` with a `call_id`).
 */
export function scoreResponsesPayload(value: unknown): ResponsesPayloadScore | undefined {
  if (Array.isArray(value)) {
    if (value.length === 0) return undefined;
    return isStreamEvent(value[0]) && isStreamEvent(value[value.length - 1]) ? { kind: "events", confidence: 1 } : undefined;
  }
  if (!isRecord(value)) return undefined;
  if (value.object === "response") return { kind: "response", confidence: 1 };
  if (isStreamEvent(value)) return { kind: "event", confidence: 1 };
  const type = stringAt(value, "type");
  if (type !== undefined && (CALL_ITEM_TYPES.has(type) || OUTPUT_ITEM_TYPES.has(type)) && typeof value.call_id === "string") {
    return { kind: "item", confidence: 0.7 };
  }
  if (Array.isArray(value.output) && typeof value.id === "string" && value.id.startsWith("resp_")) return { kind: "response", confidence: 0.8 };
  if (("input" in value || "previous_response_id" in value) && !("messages" in value) && typeof value.model === "string") {
    return { kind: "request", confidence: requestConfidence(value) };
  }
  return undefined;
}

export const classifyResponsesPayload = (value: unknown): ResponsesPayloadKind | undefined => scoreResponsesPayload(value)?.kind;

/** `{type: "response.output_item.added", …}` and the rest of the stream's events. */
export function isStreamEvent(value: unknown): boolean {
  if (!isRecord(value)) return false;
  const type = value.type;
  return typeof type === "string" && type.startsWith("response.") && ("sequence_number" in value || "response" in value || "item" in value || "item_id" in value);
}

function requestConfidence(request: JsonObject): number {
  if ("previous_response_id" in request || "instructions" in request || "max_output_tokens" in request) return 0.9;
  const tools = arrayAt(request, "tools");
  if (tools?.some((tool) => isRecord(tool) && typeof tool.name === "string" && !("function" in tool) && !("input_schema" in tool))) return 0.9;
  const input = request.input;
  if (typeof input === "string") return 0.6;
  if (Array.isArray(input)) {
    const typed = input.some((item) => isRecord(item) && typeof item.type === "string");
    return typed ? 0.85 : 0.6;
  }
  return 0.3;
}
