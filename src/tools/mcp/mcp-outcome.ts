import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import type { CapturedConsole, ExecutionMode, ExecutionOutcome } from "../../engine/executor/outcome.js";

/** The same cap the worker applies to a result: past it only the size and a preview come back. */
const MAX_RESULT_CHARS = 8 * 1024 * 1024;
const MAX_PREVIEW_CHARS = 4_000;
const MAX_MESSAGE_CHARS = 2_000;

interface OutcomeContext {
  mode: ExecutionMode;
  durationMs: number;
  console: CapturedConsole;
}

/**
 * A `tools/call` answer as an outcome. The result is `structuredContent` when the server gives
 * one, else the text content (what an agent runtime hands the model), else the content blocks.
 * `isError: true` is the tool failing; a schema rejection (the SDK's server words it
 * "Input validation error") is the validation phase.
 */
export function outcomeFromResult(result: CallToolResult, ctx: OutcomeContext): ExecutionOutcome {
  if (result.isError === true) {
    const message = clip(contentText(result) || "the tool returned isError: true with no text");
    const validation = /^MCP error -32602\b|Input validation error/.test(message);
    return { status: "error", ...ctx, phase: validation ? "validation" : "execute", error: { name: validation ? "InvalidParams" : "ToolError", message } };
  }
  const value = resultValue(result);
  // The answer arrived as JSON, so its JSON is the honest "as returned" form (and costs a fraction of util.inspect).
  const preview = clip(JSON.stringify(result), MAX_PREVIEW_CHARS);
  const size = value === undefined ? 0 : (JSON.stringify(value)?.length ?? 0);
  if (size > MAX_RESULT_CHARS) return { status: "ok", ...ctx, result: undefined, preview, serialization: [], omittedResultChars: size };
  return { status: "ok", ...ctx, result: value, preview, serialization: [] };
}

/** A JSON-RPC error answer (or the SDK refusing the result): the call failed before it produced one. */
export function outcomeFromRpcError(error: { code: number; message: string }, ctx: OutcomeContext): ExecutionOutcome {
  const validation = error.code === -32602;
  return { status: "error", ...ctx, phase: validation ? "validation" : "execute", error: { name: `JSON-RPC error ${error.code}`, message: clip(error.message.replace(/^MCP error -?\d+: /, "")) } };
}

function resultValue(result: CallToolResult): unknown {
  if (result.structuredContent !== undefined) return result.structuredContent;
  const blocks = result.content ?? [];
  if (blocks.length === 0) return undefined;
  if (blocks.every((b) => b.type === "text")) return contentText(result);
  return blocks;
}

function contentText(result: CallToolResult): string {
  return (result.content ?? [])
    .map((b) => (b.type === "text" ? b.text : `[${b.type}]`))
    .join("\n");
}

const clip = (text: string, max = MAX_MESSAGE_CHARS): string => (text.length > max ? `${text.slice(0, max)}…` : text);
