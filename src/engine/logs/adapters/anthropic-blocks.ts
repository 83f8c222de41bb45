import type { AdvertisedTool, LogToolCall, LogToolResult } from "../log-events.js";
import { CALL_BLOCK_NOTES } from "./anthropic-shapes.js";
import { buildCall, buildResult } from "./shared/log-event-builders.js";
import { asString, contentText, isRecord, stringifyJson } from "./shared/loose-json.js";

/** Reading single content blocks: tool calls (`tool_use` and its server/MCP kin) and tool results. */

export interface BlockContext {
  file: string;
  line: number;
  model?: string | undefined;
  /** When the record was logged (its envelope's time): the Messages API gives a response none of its own. */
  time?: string | undefined;
  advertised?: AdvertisedTool[] | undefined;
}

/** The block's call id and tool name when it is a call block. */
export function callBlock(block: unknown): { id: string; name: string; note: string | null } | undefined {
  if (!isRecord(block)) return undefined;
  const note = CALL_BLOCK_NOTES.get(String(block.type));
  const id = asString(block.id);
  if (note === undefined || id === undefined || id === "") return undefined;
  return { id, name: asString(block.name) ?? "", note };
}

/** A non-streamed call: Anthropic keeps only the parsed `input`, so the raw string is not known. */
export function callFromBlock(block: Record<string, unknown>, context: BlockContext, extra: { truncated?: boolean; note?: string } = {}): LogToolCall | undefined {
  const call = callBlock(block);
  if (call === undefined) return undefined;
  const notes: string[] = [];
  if (call.note !== null) notes.push(call.note);
  if (extra.note !== undefined) notes.push(extra.note);
  return buildCall({
    callId: call.id,
    tool: call.name,
    arguments: stringifyJson(block.input ?? {}),
    argumentsRecorded: false,
    advertised: context.advertised,
    model: context.model,
    time: context.time,
    truncated: extra.truncated,
    notes,
    file: context.file,
    line: context.line,
  });
}

/** `tool_result` (user turn) or a server tool's `*_tool_result` (assistant turn). */
export function resultFromBlock(block: unknown, context: BlockContext, toolName?: string): LogToolResult | undefined {
  if (!isRecord(block)) return undefined;
  const type = asString(block.type);
  const callId = asString(block.tool_use_id);
  if (type === undefined || callId === undefined || !type.endsWith("tool_result")) return undefined;
  let isError: boolean | undefined = typeof block.is_error === "boolean" ? block.is_error : undefined;
  // Server tools signal failure inside the content: `{type: "web_search_tool_result_error", …}`.
  if (isError === undefined && isRecord(block.content) && String(block.content.type).endsWith("_error")) isError = true;
  return buildResult({
    callId,
    content: contentText(block.content ?? ""),
    isError,
    tool: toolName,
    file: context.file,
    line: context.line,
  });
}
