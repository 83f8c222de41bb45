import type { AdvertisedTool, LogToolResult } from "../log-events.js";
import type { PairingContext } from "./shared/pairing-context.js";
import { readsAsError } from "./shared/error-text.js";
import { buildCall } from "./shared/log-event-builders.js";
import { syntheticCallId } from "./shared/stable-hash.js";
import { aiMessageCalls, aiMessageModel, aiMessageTruncated, type LcCallParts, type LcResultParts } from "./langchain-messages.js";

/** What the calls of one model turn share. */
export interface CallScope {
  line: number;
  advertised?: AdvertisedTool[] | undefined;
  model?: string | undefined;
  time?: string | undefined;
  /** The trace (LangSmith `trace_id`) the turn belongs to. */
  conversation?: string | undefined;
  /** Where the turn sits, for the synthetic ids of calls with none when the message has no id (its place in the history). */
  where: string;
  notes?: readonly string[];
}

/** Emits the calls of one AI message; returns their ids (a history then waits for their answers). */
export function emitAiMessageCalls(fields: Record<string, unknown>, scope: CallScope, context: PairingContext, finishReason?: unknown): string[] {
  const ids: string[] = [];
  const calls = aiMessageCalls(fields);
  const model = aiMessageModel(fields) ?? scope.model;
  const truncated = aiMessageTruncated(fields, finishReason);
  calls.forEach((parts, slot) => {
    // A message's own id (LangChain's `run-…`) comes back with it in later histories; else its place.
    const callId = parts.id ?? syntheticCallId(["langchain", nonEmptyId(fields) ?? scope.where, slot, parts.name, parts.arguments]);
    ids.push(callId);
    context.toolNames.set(callId, parts.name);
    if (context.ledger.hasCall(callId)) return;
    context.waiting.add(callId, parts.name, scope.conversation, parts.arguments);
    context.ledger.call(
      buildCall({
        callId,
        syntheticId: parts.id === undefined,
        tool: parts.name,
        arguments: parts.arguments,
        argumentsRecorded: parts.recorded,
        advertised: scope.advertised,
        model,
        time: scope.time,
        conversation: scope.conversation,
        truncated,
        notes: [...(scope.notes ?? []), ...callNotes(parts)],
        file: context.file,
        line: scope.line,
      }),
      context.emit,
    );
  });
  return ids;
}

function callNotes(parts: LcCallParts): string[] {
  const notes: string[] = [];
  // LangChain's message mostly quotes the arguments back; the diagnosis says where they break.
  if (parts.invalid !== undefined) notes.push("LangChain could not parse these arguments (invalid_tool_calls)");
  if (parts.legacy) notes.push("legacy function_call (no call id: a synthetic one is given)");
  return notes;
}

/** Emits a result once; the tool comes from the call when the answer does not name it. */
export function emitLcResult(parts: LcResultParts, line: number, context: PairingContext): void {
  const tool = parts.tool ?? context.toolNames.get(parts.callId);
  const result: LogToolResult = { kind: "result", callId: parts.callId, content: parts.content, source: { file: context.file, line } };
  if (tool !== undefined && tool !== "") result.tool = tool;
  if (parts.isError !== undefined) result.isError = parts.isError;
  else if (readsAsError(parts.content)) {
    // An old dump without `status`: only text that clearly reads as an error counts.
    result.isError = true;
    result.errorInferred = true;
  }
  context.ledger.result(result, context.emit);
}

/**
 * The call a tool run with no call id answers: the newest unanswered one with the same tool and
 * arguments, else the newest unanswered call of that tool in the same trace.
 */
export function callForToolRun(tool: string, args: unknown, conversation: string | undefined, context: PairingContext): string | undefined {
  return context.waiting.take(tool, args, conversation, (callId) => !context.ledger.hasResult(callId));
}

function nonEmptyId(fields: Record<string, unknown>): string | undefined {
  return typeof fields.id === "string" && fields.id !== "" ? fields.id : undefined;
}
