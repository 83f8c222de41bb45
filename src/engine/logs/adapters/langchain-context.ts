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
  /**
   * The conversation calls under a reused id are told apart in, when the log names none (a
   * dump's history, told by its first message): else `conversation`, else the whole file.
   */
  place?: string | undefined;
  /** The turn is a history's (a later request repeating it), not the model's output itself. */
  sighting?: boolean;
  notes?: readonly string[];
}

/** A call an AI message made: the id the log gives it, and the one it goes by (`0#2` when the log gave that id to another call first). */
export interface EmittedCall {
  callId: string;
  shown: string;
  tool: string;
}

/**
 * Emits the calls of one AI message, each once: a call is a repeat only with the same tool and
 * arguments, or, seen in a history, as the latest call of its tool under its id in the same
 * conversation (see CallLedger's `call`): models served by TGI number every turn's calls from 0.
 */
export function emitAiMessageCalls(fields: Record<string, unknown>, scope: CallScope, context: PairingContext, finishReason?: unknown): EmittedCall[] {
  const emitted: EmittedCall[] = [];
  const calls = aiMessageCalls(fields);
  const model = aiMessageModel(fields) ?? scope.model;
  const truncated = aiMessageTruncated(fields, finishReason);
  const where = { scope: scope.place ?? scope.conversation ?? "", sighting: scope.sighting === true };
  calls.forEach((parts, slot) => {
    // A message's own id (LangChain's `run-…`) comes back with it in later histories; else its place.
    const callId = parts.id ?? syntheticCallId(["langchain", nonEmptyId(fields) ?? scope.where, slot, parts.name, parts.arguments]);
    const event = buildCall({
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
    });
    const emittedAs = context.ledger.call(event, context.emit, where);
    const shown = context.ledger.lastCallId();
    context.toolNames.set(callId, parts.name);
    if (shown !== callId) context.toolNames.set(shown, parts.name);
    if (emittedAs !== undefined) context.waiting.add(emittedAs, parts.name, scope.conversation, parts.arguments);
    emitted.push({ callId, shown, tool: parts.name });
  });
  return emitted;
}

function callNotes(parts: LcCallParts): string[] {
  const notes: string[] = [];
  // LangChain's message mostly quotes the arguments back; the diagnosis says where they break.
  if (parts.invalid !== undefined) notes.push("LangChain could not parse these arguments (invalid_tool_calls)");
  if (parts.legacy) notes.push("legacy function_call (no call id: a synthetic one is given)");
  return notes;
}

/**
 * Emits a result once; the tool comes from the call when the answer does not name it. `resolved`
 * says `parts.callId` is the id of the very call it answers (as the call goes by: see EmittedCall).
 */
export function emitLcResult(parts: LcResultParts, line: number, context: PairingContext, resolved = false): void {
  const tool = parts.tool ?? context.toolNames.get(parts.callId);
  const result: LogToolResult = { kind: "result", callId: parts.callId, content: parts.content, source: { file: context.file, line } };
  if (tool !== undefined && tool !== "") result.tool = tool;
  if (parts.isError !== undefined) result.isError = parts.isError;
  else if (readsAsError(parts.content)) {
    // An old dump without `status`: only text that clearly reads as an error counts.
    result.isError = true;
    result.errorInferred = true;
  }
  context.ledger.result(result, context.emit, resolved);
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
