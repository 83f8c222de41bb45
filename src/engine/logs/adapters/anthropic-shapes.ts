import { isRecord } from "./shared/loose-json.js";

/**
 * What an Anthropic Messages API payload looks like, judged from its own shape (never from the
 * key names of whatever envelope a proxy wrapped it in).
 */
export type AnthropicPayloadKind = "request" | "response" | "event" | "error";

const STREAM_EVENTS = new Set([
  "message_start",
  "content_block_start",
  "content_block_delta",
  "content_block_stop",
  "message_delta",
  "message_stop",
  "ping",
]);

/** Content blocks that are tool calls, with the note a reader should see (null: an ordinary call). */
export const CALL_BLOCK_NOTES: ReadonlyMap<string, string | null> = new Map([
  ["tool_use", null],
  ["server_tool_use", "server tool: Anthropic ran it, not your code"],
  ["mcp_tool_use", "MCP tool: Anthropic's MCP connector ran it, not your code"],
]);

const isNumber = (value: unknown): value is number => typeof value === "number";

function isStreamEvent(type: string, value: Record<string, unknown>): boolean {
  switch (type) {
    case "message_start":
      return isRecord(value.message);
    case "content_block_start":
      return isRecord(value.content_block) && isNumber(value.index);
    case "content_block_delta":
      return isRecord(value.delta) && isNumber(value.index);
    case "content_block_stop":
      return isNumber(value.index);
    case "message_delta":
      return isRecord(value.delta);
    default:
      return true;
  }
}

const isMessage = (value: unknown): boolean =>
  isRecord(value) &&
  (value.role === "user" || value.role === "assistant") &&
  (typeof value.content === "string" || Array.isArray(value.content));

export function payloadKind(value: Record<string, unknown>): AnthropicPayloadKind | undefined {
  const type = value.type;
  if (type === "message" && Array.isArray(value.content) && (value.role === "assistant" || "stop_reason" in value)) return "response";
  if (typeof type === "string" && STREAM_EVENTS.has(type)) return isStreamEvent(type, value) ? "event" : undefined;
  if (type === "error" && isRecord(value.error) && typeof value.error.type === "string") return "error";
  const messages = value.messages;
  // OpenAI-style histories fail here: they carry system/tool/developer roles.
  if (Array.isArray(messages) && messages.length > 0 && messages.every(isMessage)) return "request";
  return undefined;
}

const hasToolBlocks = (messages: readonly unknown[]): boolean =>
  messages.some(
    (message) =>
      isRecord(message) &&
      Array.isArray(message.content) &&
      message.content.some((block) => isRecord(block) && (CALL_BLOCK_NOTES.has(String(block.type)) || block.type === "tool_result")),
  );

/** 0..1: how surely this object is an Anthropic payload. */
export function anthropicScore(value: Record<string, unknown>): number {
  const kind = payloadKind(value);
  switch (kind) {
    case undefined:
      return 0;
    case "response":
      return 0.95;
    case "event":
      return value.type === "ping" || value.type === "message_stop" ? 0.5 : 0.95;
    case "error":
      return 0.4;
    case "request": {
      const messages = value.messages as unknown[];
      const tools = Array.isArray(value.tools) ? value.tools : [];
      if (hasToolBlocks(messages) || tools.some((tool) => isRecord(tool) && isRecord(tool.input_schema))) return 0.95;
      // OpenAI's tool shape (`{type, function}`) or legacy `functions`: the same messages, another API.
      if ("functions" in value || tools.some((tool) => isRecord(tool) && isRecord(tool.function))) return 0.1;
      // A top-level system prompt is Anthropic's; OpenAI puts it in the messages.
      if (typeof value.system === "string" || Array.isArray(value.system)) return 0.7;
      return 0.4;
    }
  }
}

/** A string holding Server-Sent Events of an Anthropic stream (how some proxies store bodies). */
export const isAnthropicSse = (text: string): boolean =>
  text.includes("data:") && /"type"\s*:\s*"(message_start|content_block_start)"/.test(text.slice(0, 4096));
