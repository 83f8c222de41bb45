import type { AdvertisedTool, LogEvent } from "../log-events.js";
import { callBlock, callFromBlock, resultFromBlock, type BlockContext } from "./anthropic-blocks.js";
import type { CallLedger } from "./shared/call-ledger.js";
import type { AdvertisedInterner } from "./shared/intern-advertised.js";
import { asArray, asString, isRecord, stringifyJson } from "./shared/loose-json.js";
import { conversationScope } from "./shared/conversation-scope.js";

/** Non-streamed Messages API payloads: requests (history, advertised tools, conversation checks) and responses. */

export interface MessagesContext {
  file: string;
  ledger: CallLedger;
  emit: (event: LogEvent) => void;
  /** One tools list object per distinct list: every request repeats the agent's tools (identity caches downstream then hit). */
  tools: AdvertisedInterner;
  /**
   * The conversation of the latest request, told by its first message (Anthropic logs name none):
   * under a call id the log gives several calls, a history's call whose text matches none is the
   * latest call of its tool in the same conversation, and calls of other conversations are their own.
   */
  scope?: string | undefined;
  /** The time the record being read was logged at, from its envelope (`ts`, `timestamp`, …), if it says. */
  time?: string | undefined;
}

/** The conversation a history belongs to, as far as a log tells: its first message (its start), hashed. */
function scopeOf(messages: readonly unknown[]): string | undefined {
  const first = messages[0];
  if (first === undefined) return undefined;
  const content = isRecord(first) ? first.content : undefined;
  return conversationScope(typeof content === "string" ? content : stringifyJson(first));
}

const HISTORY_NOTE = "seen in a later request's history (arguments re-serialized from `input`)";

/**
 * Reads a request: calls and results in its history (each emitted once across the file) and the
 * pairing problems the API itself would reject. Returns the advertised tools for the response.
 */
export function readRequest(body: Record<string, unknown>, line: number, context: MessagesContext): AdvertisedTool[] | undefined {
  const advertised = context.tools.definitions(body.tools);
  const blockContext: BlockContext = { file: context.file, line, model: asString(body.model), time: context.time, advertised };
  const messages = asArray(body.messages) ?? [];
  const { ledger, emit } = context;
  const scope = scopeOf(messages);
  context.scope = scope;
  const where = scope === undefined ? undefined : { scope, sighting: true };
  // Call id → the id its latest call in this history goes by (`toolu_0#2` when the log gave the id to another call first).
  const goesBy = new Map<string, string>();
  const answering = (callId: string): string => goesBy.get(callId) ?? callId;

  // Every call anywhere in the history, so a result can be matched whatever the order.
  const toolNames = new Map<string, string>();
  for (const message of messages) {
    if (!isRecord(message) || message.role !== "assistant") continue;
    for (const block of asArray(message.content) ?? []) {
      const call = callBlock(block);
      if (call !== undefined) toolNames.set(call.id, call.name);
    }
  }

  messages.forEach((message, index) => {
    if (!isRecord(message)) return;
    const blocks = asArray(message.content);
    if (blocks === undefined) return;
    if (message.role === "assistant") {
      const awaiting: { id: string; shown: string; name: string }[] = [];
      for (const block of blocks) {
        if (!isRecord(block)) continue;
        const call = callFromBlock(block, blockContext, { note: HISTORY_NOTE });
        if (call !== undefined) {
          ledger.call(call, emit, where);
          goesBy.set(call.callId, ledger.lastCallId());
          // Server and MCP tools are answered inside the assistant turn, not by the next user turn.
          if (block.type === "tool_use") awaiting.push({ id: call.callId, shown: ledger.lastCallId(), name: call.tool });
          continue;
        }
        const result = resultFromBlock(block, blockContext);
        if (result !== undefined) ledger.result({ ...result, callId: answering(result.callId), tool: toolNames.get(result.callId) ?? result.tool }, emit, true);
      }
      checkAnswered(awaiting, messages[index + 1], line, context);
      return;
    }
    for (const block of blocks) {
      const result = resultFromBlock(block, blockContext);
      if (result === undefined) continue;
      const tool = toolNames.get(result.callId);
      if (tool !== undefined) {
        ledger.result({ ...result, tool, callId: answering(result.callId) }, emit, true);
        continue;
      }
      ledger.result(result, emit);
      ledger.issue({ kind: "conversation", code: "orphan_tool_result", callId: result.callId, source: { file: context.file, line } }, emit);
    }
  });
  return advertised;
}

/** The API requires every tool_use to be answered by a tool_result in the very next user turn. */
function checkAnswered(awaiting: readonly { id: string; shown: string; name: string }[], next: unknown, line: number, context: MessagesContext): void {
  if (awaiting.length === 0) return;
  const answered = new Set<string>();
  if (isRecord(next) && next.role === "user") {
    for (const block of asArray(next.content) ?? []) {
      if (isRecord(block) && block.type === "tool_result" && typeof block.tool_use_id === "string") answered.add(block.tool_use_id);
    }
  }
  for (const call of awaiting) {
    if (answered.has(call.id)) continue;
    const issue = { kind: "conversation" as const, code: "missing_tool_result" as const, callId: call.shown, source: { file: context.file, line } };
    context.ledger.issue(call.name === "" ? issue : { ...issue, tool: call.name }, context.emit);
  }
}

/** Reads a non-streamed response: `input` is all Anthropic keeps of the arguments. */
export function readResponse(body: Record<string, unknown>, line: number, context: MessagesContext, advertised: AdvertisedTool[] | undefined): void {
  const blockContext: BlockContext = { file: context.file, line, model: asString(body.model), time: context.time, advertised };
  const blocks = asArray(body.content) ?? [];
  // Output cut at max_tokens only damages the block being written: the last one.
  const cutOff = body.stop_reason === "max_tokens";
  const where = context.scope === undefined ? undefined : { scope: context.scope, sighting: false };
  const goesBy = new Map<string, string>();
  blocks.forEach((block, index) => {
    if (!isRecord(block)) return;
    const truncated = cutOff && index === blocks.length - 1;
    const call = callFromBlock(block, blockContext, truncated ? { truncated, note: "the response stopped at max_tokens" } : {});
    if (call !== undefined) {
      context.ledger.call(call, context.emit, where);
      goesBy.set(call.callId, context.ledger.lastCallId());
      return;
    }
    const result = resultFromBlock(block, blockContext);
    const answers = result === undefined ? undefined : goesBy.get(result.callId);
    if (result !== undefined) context.ledger.result(answers === undefined ? result : { ...result, callId: answers }, context.emit, answers !== undefined);
  });
}
