import { arrayAt, isRecord, stringAt, type JsonObject } from "./shared/json-read.js";

export type ChatPayloadKind = "request" | "completion" | "chunk" | "chunks";

export interface ChatPayloadScore {
  kind: ChatPayloadKind;
  /** 0..1: how sure the shape is OpenAI chat completions (SPEC §6 detection). */
  confidence: number;
}

/** Messages looked at for telling OpenAI chat requests from look-alikes (Anthropic also has `messages` + `model`). */
const MARKER_SCAN = 200;
const OPENAI_ONLY_ROLES = new Set(["system", "developer", "tool", "function"]);

/**
 * What an object is, judged by its shape alone: a chat request (`messages` array + `model`), a chat
 * completion (`object: "chat.completion"` or `choices[].message`), a streamed chunk
 * (`object: "chat.completion.chunk"` or `choices[].delta`), or an array of chunks.
 */
export function scoreChatPayload(value: unknown): ChatPayloadScore | undefined {
  if (Array.isArray(value)) {
    if (value.length === 0) return undefined;
    return isChunk(value[0]) && isChunk(value[value.length - 1]) ? { kind: "chunks", confidence: 1 } : undefined;
  }
  if (!isRecord(value)) return undefined;
  const object = stringAt(value, "object");
  if (object === "chat.completion") return { kind: "completion", confidence: 1 };
  if (object === "chat.completion.chunk") return { kind: "chunk", confidence: 1 };
  const choice = firstChoice(value);
  if (choice) {
    if (isRecord(choice.message)) return { kind: "completion", confidence: 0.8 };
    if (isRecord(choice.delta)) return { kind: "chunk", confidence: 0.8 };
  }
  const messages = arrayAt(value, "messages");
  if (messages && !("input" in value)) {
    const confidence = requestConfidence(value, messages);
    if (confidence > 0) return { kind: "request", confidence };
  }
  return undefined;
}

/**
 * What scoreChatPayload says an object is, without its confidence: a reader needs only the kind.
 * A request's confidence is above 0 whenever it has a model or its first message a role, so the
 * look at every message (for Anthropic look-alikes) is left to detection.
 */
export function classifyChatPayload(value: unknown): ChatPayloadKind | undefined {
  if (Array.isArray(value) || !isRecord(value)) return scoreChatPayload(value)?.kind;
  const object = stringAt(value, "object");
  if (object === "chat.completion") return "completion";
  if (object === "chat.completion.chunk") return "chunk";
  const choice = firstChoice(value);
  if (choice) {
    if (isRecord(choice.message)) return "completion";
    if (isRecord(choice.delta)) return "chunk";
  }
  const messages = arrayAt(value, "messages");
  if (messages && !("input" in value) && mayBeRequest(value, messages)) return "request";
  return undefined;
}

export function isChunk(value: unknown): value is JsonObject {
  if (!isRecord(value)) return false;
  if (value.object === "chat.completion.chunk") return true;
  return isRecord(firstChoice(value)?.delta);
}

function firstChoice(value: JsonObject): JsonObject | undefined {
  const choices = arrayAt(value, "choices");
  const first = choices?.[0];
  return isRecord(first) ? first : undefined;
}

/** A request names its model, or its first message has a role: below that, nothing is a request. */
function mayBeRequest(request: JsonObject, messages: readonly unknown[]): boolean {
  const first = messages[0];
  return typeof request.model === "string" || (isRecord(first) && typeof first.role === "string");
}

function requestConfidence(request: JsonObject, messages: readonly unknown[]): number {
  if (!mayBeRequest(request, messages)) return 0;
  const hasModel = typeof request.model === "string";
  let openai = Array.isArray(request.functions) || isRecord(request.response_format) || isRecord(request.stream_options) || typeof request.tool_choice === "string";
  let anthropic = typeof request.system === "string" || Array.isArray(request.system);
  const tools = arrayAt(request, "tools");
  if (tools) {
    for (const tool of tools) {
      if (!isRecord(tool)) continue;
      if (isRecord(tool.function)) openai = true;
      if ("input_schema" in tool) anthropic = true;
    }
  }
  const n = Math.min(messages.length, MARKER_SCAN);
  for (let i = 0; i < n && !(openai && anthropic); i++) {
    const message = messages[i];
    if (!isRecord(message)) continue;
    const role = stringAt(message, "role");
    if ((role !== undefined && OPENAI_ONLY_ROLES.has(role)) || "tool_calls" in message || "function_call" in message) openai = true;
    if (Array.isArray(message.content) && message.content.some(isAnthropicBlock)) anthropic = true;
  }
  if (anthropic) return openai ? 0.5 : 0.15;
  if (openai) return hasModel ? 0.9 : 0.7;
  return hasModel ? 0.6 : 0.4;
}

function isAnthropicBlock(block: unknown): boolean {
  if (!isRecord(block)) return false;
  const type = block.type;
  return type === "tool_use" || type === "tool_result" || type === "thinking";
}
