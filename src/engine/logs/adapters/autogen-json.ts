import type { LogToolResult } from "../log-events.js";
import type { AutogenContext, RecordContext } from "./autogen-context.js";
import type { RequestedCall } from "./autogen-agent-turns.js";
import { readsAsError } from "./shared/error-text.js";
import { canonicalArguments } from "./shared/waiting-calls.js";
import { buildCall, buildResult, type ResultFields } from "./shared/log-event-builders.js";
import { syntheticCallId } from "./shared/stable-hash.js";
import { asArray, asRecord, asString, contentText, isRecord, isoTime, stringifyJson } from "./shared/loose-json.js";

/**
 * AutoGen JSON records: AgentChat events and messages (`model_dump()`), autogen-core message
 * histories, and autogen_core.events (`LLMCall`, `ToolCall`).
 */

/** Types that are AutoGen's own but carry no tool calls: recognised, nothing to emit. */
const QUIET_TYPES = new Set([
  "TextMessage", "MultiModalMessage", "StopMessage", "HandoffMessage", "StructuredMessage", "ThoughtEvent",
  "ModelClientStreamingChunkEvent", "MemoryQueryEvent", "UserInputRequestedEvent", "SelectSpeakerEvent",
  "SelectorEvent", "CodeGenerationEvent", "CodeExecutionEvent", "UserMessage", "SystemMessage", "Message",
  "MessageDropped", "MessageHandlerException", "AgentConstructionException", "LLMStreamStart", "TaskResult",
]);

const CALL_TYPES = new Set(["ToolCallRequestEvent", "AssistantMessage"]);
const RESULT_TYPES = new Set(["ToolCallExecutionEvent", "FunctionExecutionResultMessage"]);
/** AgentChat messages that end an agent's turn: its calls are over (see AgentTurns). */
const TURN_ENDING_TYPES = new Set(["TextMessage", "MultiModalMessage", "StopMessage", "HandoffMessage", "StructuredMessage", "ToolCallSummaryMessage"]);

/** AutoGen's `FunctionCall`: `{id, name, arguments}` with the model's raw arguments string. */
const isFunctionCall = (value: unknown): value is Record<string, unknown> =>
  isRecord(value) && typeof value.id === "string" && typeof value.name === "string" && typeof value.arguments === "string";

/** `FunctionExecutionResult`: `{call_id, content}`; `name` and `is_error` arrived in later versions. */
const isExecutionResult = (value: unknown): value is Record<string, unknown> =>
  isRecord(value) && typeof value.call_id === "string" && "content" in value;

export function autogenScore(value: Record<string, unknown>): number {
  const type = asString(value.type);
  if (type !== undefined && (CALL_TYPES.has(type) || RESULT_TYPES.has(type) || type === "ToolCallSummaryMessage")) return 0.95;
  if (type === "LLMCall" && Array.isArray(value.messages) && "response" in value) return 0.9;
  if (type === "ToolCall" && typeof value.tool_name === "string") return 0.9;
  if (type !== undefined && QUIET_TYPES.has(type) && ("source" in value || "payload" in value || "agent_id" in value)) return 0.8;
  const messages = asArray(value.messages);
  if (messages?.some((message) => isRecord(message) && autogenScore(message) >= 0.8) === true) return 0.9;
  const content = asArray(value.content);
  if (content !== undefined && content.length > 0 && (content.every(isFunctionCall) || content.every(isExecutionResult))) return 0.7;
  return 0;
}

/** Emits a FunctionCall unless it is a repeat; returns the id the call goes by either way. */
function emitCall(call: Record<string, unknown>, at: RecordContext, context: AutogenContext): RequestedCall {
  const id = call.id as string;
  const tool = call.name as string;
  context.toolNames.set(id, tool);
  const emitted = context.ledger.call(
    buildCall({
      callId: id,
      tool,
      arguments: call.arguments as string,
      argumentsRecorded: true,
      advertised: at.advertised,
      model: at.model,
      time: at.time,
      truncated: at.truncated,
      notes: at.note === undefined ? undefined : [at.note],
      file: context.file,
      line: at.line,
    }),
    context.emit,
  );
  if (emitted !== undefined) context.waiting.add(emitted, tool, undefined, call.arguments as string);
  return { id: emitted ?? context.ledger.lastCallId(), tool };
}

/**
 * A result event; where the record has no `is_error` (older versions, swarm handoffs, autogen_core
 * ToolCall events, LLMCall histories), an error is inferred from text that clearly reads as one.
 */
export function autogenResult(fields: ResultFields): LogToolResult {
  const result = buildResult(fields);
  if (fields.isError === undefined && readsAsError(fields.content)) {
    result.isError = true;
    result.errorInferred = true;
  }
  return result;
}

/** `checked`: an AgentChat execution result, judged an orphan when no call had its id. */
function emitResult(result: Record<string, unknown>, at: RecordContext, context: AutogenContext, checked = false): void {
  const callId = result.call_id as string;
  const name = asString(result.name);
  if (checked) context.turns.answered(callId, name, at.line);
  context.ledger.result(
    autogenResult({
      callId,
      content: contentText(result.content),
      isError: typeof result.is_error === "boolean" ? result.is_error : undefined,
      // Under an id several calls share, the ledger knows which call it answers, and so its tool.
      tool: name ?? (context.ledger.isReused(callId) ? undefined : context.toolNames.get(callId)),
      file: context.file,
      line: at.line,
    }),
    context.emit,
  );
}

/** OpenAI-shaped `tool_calls` entries (LLMCall messages and responses) as AutoGen FunctionCalls. */
function fromOpenAiToolCalls(list: unknown): Record<string, unknown>[] {
  const calls: Record<string, unknown>[] = [];
  for (const entry of asArray(list) ?? []) {
    const fn = isRecord(entry) ? asRecord(entry.function) : undefined;
    if (fn === undefined || !isRecord(entry) || typeof entry.id !== "string" || typeof fn.name !== "string") continue;
    calls.push({ id: entry.id, name: fn.name, arguments: typeof fn.arguments === "string" ? fn.arguments : stringifyJson(fn.arguments ?? {}) });
  }
  return calls;
}

/** `LLMCall` / `LLMStreamEnd`: the request's tools and history, and the model's response. */
function readLlmCall(event: Record<string, unknown>, at: RecordContext, context: AutogenContext): void {
  const advertised = context.tools.definitions(event.tools);
  const response = asRecord(event.response) ?? {};
  const model = asString(response.model);
  for (const message of asArray(event.messages) ?? []) {
    if (!isRecord(message)) continue;
    for (const call of fromOpenAiToolCalls(message.tool_calls)) emitCall(call, { ...at, advertised, model, note: "seen in a later LLM call's messages" }, context);
    if (message.role === "tool" && typeof message.tool_call_id === "string") emitResult({ call_id: message.tool_call_id, content: message.content }, at, context);
  }
  // OpenAI ChatCompletion dumps; autogen's own CreateResult puts FunctionCalls in `content`.
  for (const choice of asArray(response.choices) ?? []) {
    if (!isRecord(choice)) continue;
    const message = asRecord(choice.message) ?? {};
    const truncated = choice.finish_reason === "length";
    for (const call of fromOpenAiToolCalls(message.tool_calls)) emitResponseCall(call, { ...at, advertised, model, truncated }, context);
  }
  const content = asArray(response.content) ?? [];
  const truncated = response.finish_reason === "length" || response.stop_reason === "max_tokens";
  for (const item of content) {
    if (isFunctionCall(item)) emitResponseCall(item, { ...at, advertised, model, truncated }, context);
    else if (isRecord(item) && item.type === "tool_use" && typeof item.id === "string" && typeof item.name === "string") {
      // An Anthropic-shaped response keeps only the parsed input.
      context.ledger.call(
        buildCall({ callId: item.id, tool: item.name, arguments: stringifyJson(item.input ?? {}), argumentsRecorded: false, advertised, model, time: at.time, truncated, file: context.file, line: at.line }),
        context.emit,
      );
    }
  }
}

/** A response's call with no time of its own waits for the next record's (see HeldCalls). */
function emitResponseCall(call: Record<string, unknown>, at: RecordContext, context: AutogenContext): void {
  if (at.time !== undefined || !context.held.hold(call.id as string, at, (timed) => emitCall(call, timed, context))) emitCall(call, at, context);
}

/** autogen_core `ToolCall`: a tool run with parsed arguments and its result, usually without a call id. */
function readToolCallEvent(event: Record<string, unknown>, at: RecordContext, context: AutogenContext): void {
  const tool = event.tool_name as string;
  const args = event.arguments;
  const argsText = typeof args === "string" ? args : stringifyJson(args ?? {});
  // Any call of the tool with these arguments, answered or not: an AgentChat execution event may
  // have answered it already, and the result is then a repeat.
  let callId = asString(event.call_id) ?? context.waiting.takeSame(tool, args, () => true);
  if (callId === undefined) {
    callId = syntheticCallId(["autogen-ToolCall", at.line, tool, canonicalArguments(args)]);
    context.ledger.call(
      buildCall({
        callId,
        syntheticId: true,
        tool,
        arguments: argsText,
        argumentsRecorded: typeof args === "string",
        time: at.time,
        notes: ["autogen_core ToolCall event: the log has no call id and no matching model call"],
        file: context.file,
        line: at.line,
      }),
      context.emit,
    );
  }
  if (event.result !== undefined && event.result !== null) emitResult({ call_id: callId, content: event.result, name: tool }, at, context);
}

/** Reads one AutoGen record (or message inside one); false when it is not recognisably AutoGen. */
export function readAutogenRecord(value: unknown, line: number, context: AutogenContext, depth = 0): boolean {
  if (!isRecord(value) || depth > 4) return false;
  const type = asString(value.type);
  const at: RecordContext = { line, time: isoTime(value.created_at ?? value.timestamp) ?? context.lineTime };
  const content = asArray(value.content) ?? [];
  // AgentChat names the agent of each message; a record without one is judged as one agent's.
  const agent = asString(value.source) ?? "";
  if (type !== undefined && CALL_TYPES.has(type)) {
    const calls = content.filter(isFunctionCall).map((item) => emitCall(item, at, context));
    if (type === "ToolCallRequestEvent") context.turns.requested(agent, calls, line);
    return true;
  }
  if (type !== undefined && RESULT_TYPES.has(type)) {
    const checked = type === "ToolCallExecutionEvent";
    for (const item of content) if (isExecutionResult(item)) emitResult(item, at, context, checked);
    return true;
  }
  if (type === "ToolCallSummaryMessage") {
    const calls = (asArray(value.tool_calls) ?? []).filter(isFunctionCall).map((item) => emitCall(item, at, context));
    context.turns.requested(agent, calls, line);
    for (const item of asArray(value.results) ?? []) if (isExecutionResult(item)) emitResult(item, at, context, true);
    context.turns.movedOn(agent, line);
    return true;
  }
  if (type === "LLMCall" || type === "LLMStreamEnd") {
    readLlmCall(value, at, context);
    return true;
  }
  if (type === "ToolCall" && typeof value.tool_name === "string") {
    readToolCallEvent(value, at, context);
    return true;
  }
  // Containers: TaskResult dumps, serialized histories and model contexts, handoff context.
  let recognised = type !== undefined && QUIET_TYPES.has(type);
  const messages = asArray(value.messages);
  for (const nested of [messages, value.context]) {
    for (const message of asArray(nested) ?? []) recognised = readAutogenRecord(message, line, context, depth + 1) || recognised;
  }
  if (type !== undefined && TURN_ENDING_TYPES.has(type)) context.turns.movedOn(agent, line);
  // A TaskResult: the run is over for every agent in it.
  if (messages !== undefined && "stop_reason" in value) {
    for (const message of messages) if (isRecord(message) && typeof message.source === "string") context.turns.movedOn(message.source, line);
  }
  if (recognised) return true;
  // Format drift: an unknown wrapper type still holding FunctionCalls or their results.
  if (content.length > 0 && content.every(isFunctionCall)) {
    for (const item of content) emitCall(item, at, context);
    return true;
  }
  if (content.length > 0 && content.every(isExecutionResult)) {
    for (const item of content) emitResult(item, at, context);
    return true;
  }
  return false;
}
