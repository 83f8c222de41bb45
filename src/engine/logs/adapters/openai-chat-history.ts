import type { LogToolResult } from "../log-events.js";
import { chatCallEvent, chatSyntheticId, readLegacyCall, readToolCallEntry, toolCallIdAndName, type ChatCallParts, type ChatRecordContext } from "./openai-chat-calls.js";
import { readsAsError } from "./shared/error-text.js";
import type { HistoryResume, HistoryState, PendingCall } from "./openai-chat-history-splice.js";
import { KnownCalls } from "./openai-chat-known-calls.js";
import { contentText, isRecord, nonEmptyStringAt, stringAt, type JsonObject } from "./shared/json-read.js";

/**
 * A call first met in a history is emitted right away (the first sighting wins; events stream and
 * are never revised), with the request's model, which may not be the model that made it: the note
 * says so. Logs are usually in order, so the response that made a call comes before any history
 * repeating it, and the call then carries the response's own model.
 */
const HISTORY_NOTE = "first seen in a request's history";


/**
 * Reads one request's `messages`: the calls and results it carries (each emitted once per file)
 * and the problems visible inside this one history, statelessly:
 * - `missing_tool_result`: a call with no answer before a later non-tool message, or still without
 *   one where a history ends in the answers to its turn: the request was sent with only some of
 *   them (the API rejects it; the error names the call). The calls of a last assistant turn that
 *   nothing follows are not flagged: the request may be the one about to send their answers, and
 *   a logger may capture a history mid-turn.
 * - `orphan_tool_result`: a tool message whose `tool_call_id` answers no call before it.
 * With `resume`, the first message stands for that many messages already read (see
 * HistorySplicer) and reading goes on from the state they left. Returns the state at the end.
 */
export function readChatHistory(messages: readonly unknown[], ctx: ChatRecordContext, resume?: HistoryResume): HistoryState {
  const known = new KnownCalls(resume?.state.known);
  let pending: PendingCall[] = resume ? [...resume.state.pending] : [];
  let answering = resume?.state.answering ?? false;
  // Positions are the messages' places in the whole history (synthetic ids hash them).
  const offset = resume ? resume.count - 1 : 0;
  for (let i = resume ? 1 : 0; i < messages.length; i++) {
    const message = messages[i];
    if (!isRecord(message)) continue;
    const role = stringAt(message, "role");
    if (role === "tool") {
      answerToolMessage(message, known, pending, ctx);
      answering = true;
    } else if (role === "function") {
      answerFunctionMessage(message, i + offset, pending, ctx);
      answering = true;
    } else {
      flagMissing(pending, ctx);
      pending = [];
      answering = false;
      if (role === "assistant") pending = readAssistantCalls(message, i + offset, known, ctx);
    }
  }
  // Issues are emitted once per call: a later request repeating this history flags nothing twice.
  if (answering) flagMissing(pending, ctx);
  return { known, pending, answering };
}

function flagMissing(pending: readonly PendingCall[], ctx: ChatRecordContext): void {
  for (const call of pending) ctx.dedupe.issue({ kind: "conversation", code: "missing_tool_result", callId: call.emitted ?? call.callId, tool: call.tool, source: { file: ctx.file, line: ctx.line } }, ctx.emit);
}

function readAssistantCalls(message: JsonObject, position: number, known: KnownCalls, ctx: ChatRecordContext): PendingCall[] {
  const calls: PendingCall[] = [];
  const entries = message.tool_calls;
  if (Array.isArray(entries)) {
    for (let slot = 0; slot < entries.length; slot++) {
      // Histories repeat every earlier call: a call already emitted costs only its id, name and arguments string.
      const seen = toolCallIdAndName(entries[slot]);
      const emitted = seen && ctx.dedupe.sighted(seen.id, seen.name, seen.arguments);
      if (seen && emitted !== undefined) {
        known.set(seen.id, seen.name);
        calls.push(pendingCall(seen.id, emitted, seen.name, false));
        continue;
      }
      const parts = readToolCallEntry(entries[slot]);
      if (parts) calls.push(register(parts, parts.id ?? chatSyntheticId(position, slot, parts), false, known, ctx));
    }
  }
  const legacy = readLegacyCall(message);
  if (legacy) calls.push(register(legacy, chatSyntheticId(position, "function_call", legacy), true, known, ctx));
  return calls;
}

function register(parts: ChatCallParts, callId: string, legacy: boolean, known: KnownCalls, ctx: ChatRecordContext): PendingCall {
  known.set(callId, parts.name);
  const emitted = ctx.dedupe.sighted(callId, parts.name, parts.arguments) ?? ctx.dedupe.call(chatCallEvent(parts, callId, legacy, ctx, { notes: [HISTORY_NOTE] }), ctx.emit);
  return pendingCall(callId, emitted, parts.name, legacy);
}

/** A call waiting for its answer; `emitted` only when it goes by another id than the log's (see EventDedupe). */
function pendingCall(callId: string, emitted: string, tool: string, legacy: boolean): PendingCall {
  return emitted === callId ? { callId, tool, legacy } : { callId, emitted, tool, legacy };
}

function answerToolMessage(message: JsonObject, known: KnownCalls, pending: PendingCall[], ctx: ChatRecordContext): void {
  const callId = nonEmptyStringAt(message, "tool_call_id");
  if (callId === undefined) return;
  const at = pending.findIndex((call) => call.callId === callId);
  const answered = at === -1 ? undefined : pending.splice(at, 1)[0];
  const tool = known.get(callId) ?? ctx.dedupe.toolOf(callId) ?? nonEmptyStringAt(message, "name");
  if (!known.has(callId)) {
    ctx.dedupe.issue({ kind: "conversation", code: "orphan_tool_result", callId, ...(tool !== undefined && { tool }), source: { file: ctx.file, line: ctx.line } }, ctx.emit);
  }
  // The call it answers: the one still waiting under its id, or else the one last sighted (in this history, before it).
  emitResult(answered ? (answered.emitted ?? answered.callId) : ctx.dedupe.resultId(callId), tool, message, ctx);
}

/** Legacy `role: "function"` answers by name: it answers the latest unanswered function_call of that name. */
function answerFunctionMessage(message: JsonObject, position: number, pending: PendingCall[], ctx: ChatRecordContext): void {
  const tool = stringAt(message, "name") ?? "";
  let at = -1;
  for (let i = pending.length - 1; i >= 0; i--) {
    if (pending[i]?.legacy && pending[i]?.tool === tool) {
      at = i;
      break;
    }
  }
  const answered = at === -1 ? undefined : pending.splice(at, 1)[0];
  const callId = answered?.callId ?? chatSyntheticId(position, "function_result", { name: tool, arguments: "", recorded: true, custom: false });
  if (!answered) ctx.dedupe.issue({ kind: "conversation", code: "orphan_tool_result", callId, tool, source: { file: ctx.file, line: ctx.line } }, ctx.emit);
  emitResult(callId, tool, message, ctx);
}

function emitResult(callId: string, tool: string | undefined, message: JsonObject, ctx: ChatRecordContext): void {
  if (ctx.dedupe.seenResult(callId)) return;
  const content = contentText(message.content);
  const result: LogToolResult = {
    kind: "result",
    callId,
    content,
    ...(tool !== undefined && tool !== "" && { tool }),
    source: { file: ctx.file, line: ctx.line },
  };
  // Chat tool messages carry no error flag: only text that clearly reads as an error counts.
  if (readsAsError(content)) {
    result.isError = true;
    result.errorInferred = true;
  }
  ctx.dedupe.result(result, ctx.emit);
}
