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

const CHUNKS: ChatPayloadScore = Object.freeze({ kind: "chunks", confidence: 1 });
const COMPLETION: ChatPayloadScore = Object.freeze({ kind: "completion", confidence: 1 });
const CHUNK: ChatPayloadScore = Object.freeze({ kind: "chunk", confidence: 1 });
const COMPLETION_BY_CHOICE: ChatPayloadScore = Object.freeze({ kind: "completion", confidence: 0.8 });
const CHUNK_BY_CHOICE: ChatPayloadScore = Object.freeze({ kind: "chunk", confidence: 0.8 });

/**
 * What an object is, judged by its shape alone: a chat request (`messages` array + `model`), a chat
 * completion (`object: "chat.completion"` or `choices[].message`), a streamed chunk
 * (`object: "chat.completion.chunk"` or `choices[].delta`), or an array of chunks.
 */
export function scoreChatPayload(value: unknown): ChatPayloadScore | undefined {
  const shape = shapeOf(value);
  return shape === "request" ? { kind: "request", confidence: requestConfidence(value as JsonObject) } : shape;
}

/**
 * What scoreChatPayload says an object is, without its confidence: a reader needs only the kind,
 * so the look at every message of a request (for Anthropic look-alikes) is left to detection.
 */
export function classifyChatPayload(value: unknown): ChatPayloadKind | undefined {
  const shape = shapeOf(value);
  return shape === "request" ? "request" : shape?.kind;
}

/** The payload's score, or "request" for a request (whose confidence takes a look at its messages). */
function shapeOf(value: unknown): ChatPayloadScore | "request" | undefined {
  if (Array.isArray(value)) {
    if (value.length === 0) return undefined;
    return isChunk(value[0]) && isChunk(value[value.length - 1]) ? CHUNKS : undefined;
  }
  if (!isRecord(value)) return undefined;
  const object = stringAt(value, "object");
  if (object === "chat.completion") return COMPLETION;
  if (object === "chat.completion.chunk") return CHUNK;
  const choice = firstChoice(value);
  if (choice) {
    if (isRecord(choice.message)) return COMPLETION_BY_CHOICE;
    if (isRecord(choice.delta)) return CHUNK_BY_CHOICE;
  }
  const messages = arrayAt(value, "messages");
  if (!messages || "input" in value) return undefined;
  // A request names its model, or its first message has a role: below that, nothing is a request.
  const first = messages[0];
  return typeof value.model === "string" || (isRecord(first) && typeof first.role === "string") ? "request" : undefined;
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

/** How sure a request (see shapeOf) is OpenAI's: its tools' and messages' markers against Anthropic's. */
function requestConfidence(request: JsonObject): number {
  const messages = arrayAt(request, "messages") ?? [];
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
