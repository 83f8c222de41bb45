import { emitAiMessageCalls, emitLcResult, type CallScope } from "./langchain-context.js";
import type { PairingContext } from "./shared/pairing-context.js";
import { lcMessage, toolMessageResult } from "./langchain-messages.js";
import { conversationScope } from "./shared/conversation-scope.js";
import { stringifyJson } from "./shared/loose-json.js";

/** A call first met in a history: its model is the one its own message names, if any. */
const HISTORY_NOTE = "first seen in a message history";

interface Waiting {
  callId: string;
  /** The id it goes by (see EmittedCall). */
  shown: string;
  tool: string;
}

/**
 * Reads a list of messages (a run's input messages, a LangGraph state, a dump of a conversation):
 * each call and result once per file, and the problems visible inside this one history, as for
 * chat histories:
 * - `missing_tool_result`: a call with no answer before a later non-tool message (the last AI
 *   turn's calls are not flagged when nothing follows them: their answers may be on the way);
 * - `orphan_tool_result`: a tool message answering no call of this history nor any call read before.
 */
export function readLcHistory(messages: readonly unknown[], scope: CallScope, context: PairingContext): void {
  const known = new Set<string>();
  // Call id → the id its latest call in this history goes by: its answers below answer that call.
  const goesBy = new Map<string, string>();
  let waiting: Waiting[] = [];
  const history: CallScope = { ...scope, place: scope.conversation ?? historyScope(messages), sighting: true };
  const source = { file: context.file, line: scope.line };
  for (let i = 0; i < messages.length; i++) {
    const message = lcMessage(messages[i]);
    if (!message) continue;
    if (message.role === "tool") {
      const result = toolMessageResult(message.fields);
      if (!result) continue;
      waiting = waiting.filter((call) => call.callId !== result.callId);
      if (!known.has(result.callId) && !context.ledger.hasCall(result.callId)) {
        const tool = result.tool ?? context.toolNames.get(result.callId);
        context.ledger.issue({ kind: "conversation", code: "orphan_tool_result", callId: result.callId, ...(tool !== undefined && { tool }), source }, context.emit);
      }
      const shown = goesBy.get(result.callId);
      emitLcResult(shown === undefined ? result : { ...result, callId: shown }, scope.line, context, shown !== undefined);
      continue;
    }
    for (const call of waiting) context.ledger.issue({ kind: "conversation", code: "missing_tool_result", callId: call.shown, tool: call.tool, source }, context.emit);
    waiting = [];
    if (message.role !== "ai") continue;
    const calls = emitAiMessageCalls(message.fields, { ...history, where: `${scope.where}/${i}`, notes: [...(scope.notes ?? []), HISTORY_NOTE] }, context);
    for (const call of calls) {
      known.add(call.callId);
      goesBy.set(call.callId, call.shown);
      waiting.push(call);
    }
  }
}

/** A history the log names no conversation for is told by its first message. */
function historyScope(messages: readonly unknown[]): string {
  const first = lcMessage(messages[0]);
  const content = first?.fields.content;
  return conversationScope(typeof content === "string" ? content : stringifyJson(messages[0] ?? null));
}
