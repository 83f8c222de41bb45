import { emitAiMessageCalls, emitLcResult, type CallScope } from "./langchain-context.js";
import type { PairingContext } from "./shared/pairing-context.js";
import { lcMessage, toolMessageResult } from "./langchain-messages.js";

/** A call first met in a history: its model is the one its own message names, if any. */
const HISTORY_NOTE = "first seen in a message history";

interface Waiting {
  callId: string;
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
  let waiting: Waiting[] = [];
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
      emitLcResult(result, scope.line, context);
      continue;
    }
    for (const call of waiting) context.ledger.issue({ kind: "conversation", code: "missing_tool_result", callId: call.callId, tool: call.tool, source }, context.emit);
    waiting = [];
    if (message.role !== "ai") continue;
    const ids = emitAiMessageCalls(message.fields, { ...scope, where: `${scope.where}/${i}`, notes: [...(scope.notes ?? []), HISTORY_NOTE] }, context);
    for (const callId of ids) {
      known.add(callId);
      waiting.push({ callId, tool: context.toolNames.get(callId) ?? "" });
    }
  }
}
