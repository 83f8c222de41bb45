import { attr, attrJson, attrString, emitSpanCall, emitSpanResult, emitToolSpanOutcome, type OtelContext, type TraceState } from "./otel-span-context.js";
import type { SpanRecord } from "./otel-spans.js";
import { asArray, asString, isRecord } from "./shared/loose-json.js";
import { HistoryCheck } from "./otel-history-check.js";

/**
 * OpenTelemetry GenAI semantic conventions: chat spans (`gen_ai.input.messages` /
 * `gen_ai.output.messages` as JSON parts, `gen_ai.tool.definitions`) and `execute_tool` spans.
 */

const SERVER_NOTE = "server tool: the provider ran it, not your code";
const RAW_FROM_TOOL_SPAN_NOTE = "arguments text from the execute_tool span (the chat span kept them parsed)";

/** `gen_ai.response.finish_reasons` is a string array; some SDKs store it as JSON text or one string. */
function finishReasons(span: SpanRecord): string[] {
  const value = attrJson(span, "gen_ai.response.finish_reasons");
  if (typeof value === "string") return [value];
  return (asArray(value) ?? []).filter((reason): reason is string => typeof reason === "string");
}

interface MessageScope {
  /** Reading the input messages: the history's own checks, and how its parts naming no call are matched. */
  history: HistoryCheck | undefined;
  truncated: boolean;
  where: string;
}

const CALL_TYPES = new Set(["tool_call", "server_tool_call"]);
const RESPONSE_TYPES = new Set(["tool_call_response", "server_tool_call_response"]);

/** A part's id; an empty one names nothing. */
const partId = (part: Record<string, unknown>): string | undefined => {
  const id = asString(part.id);
  return id === "" ? undefined : id;
};

function readParts(parts: readonly unknown[], scope: MessageScope, span: SpanRecord, context: OtelContext, trace: TraceState): void {
  parts.forEach((part, index) => {
    if (!isRecord(part) || typeof part.type !== "string") return;
    const where = `${scope.where}.${index}`;
    if (CALL_TYPES.has(part.type)) readCallPart(part, where, scope, span, context, trace);
    else if (RESPONSE_TYPES.has(part.type)) readResponsePart(part, where, scope, span, context);
  });
}

function readCallPart(part: Record<string, unknown>, where: string, scope: MessageScope, span: SpanRecord, context: OtelContext, trace: TraceState): void {
  const server = part.type === "server_tool_call";
  const notes = server ? [SERVER_NOTE] : [];
  if (scope.history) notes.push("seen in a later chat span's input messages");
  const logId = partId(part);
  const tool = asString(part.name) ?? "";
  let args = server ? (part.server_tool_call ?? {}) : part.arguments;
  if (!server && args !== undefined && args !== null && typeof args !== "string") {
    const raw = trace.rawArguments?.find(logId, tool, args);
    if (raw !== undefined) {
      args = raw;
      notes.push(RAW_FROM_TOOL_SPAN_NOTE);
    }
  }
  const callId = emitSpanCall(context, span, {
    callId: logId,
    where,
    tool,
    // Any JSON: an object was parsed by the instrumentation; a string is kept as it came.
    args,
    stringIsRaw: true,
    sighting: scope.history !== undefined,
    historyNamed: scope.history?.named,
    advertised: trace.advertised,
    model: trace.model,
    truncated: scope.truncated,
    notes,
  });
  scope.history?.call(logId, callId, tool);
}

function readResponsePart(part: Record<string, unknown>, where: string, scope: MessageScope, span: SpanRecord, context: OtelContext): void {
  const content = (part.type === "tool_call_response" ? part.response : part.server_tool_call_response) ?? "";
  const logId = partId(part);
  // In the model's output (a provider's built-in tool) only an id says which call it answers.
  const target = scope.history ? scope.history.answer(logId, where) : logId !== undefined ? { callId: logId, resolved: false } : undefined;
  // Response parts carry no error flag: only text that clearly reads as an error counts.
  if (target) emitSpanResult(context, span, target.callId, content, { inferError: true, resolved: target.resolved });
}

export function readGenAiSpan(span: SpanRecord, context: OtelContext, trace: TraceState): void {
  const tools = context.tools.definitions(attr(span, "gen_ai.tool.definitions"));
  if (tools !== undefined) trace.advertised = tools;

  const input = asArray(attrJson(span, "gen_ai.input.messages")) ?? [];
  if (input.length > 0) {
    const history = new HistoryCheck(context, span);
    input.forEach((message, index) => {
      const parts = (isRecord(message) ? asArray(message.parts) : undefined) ?? [];
      history.message(answersOnly(parts));
      readParts(parts, { history, truncated: false, where: `in.${index}` }, span, context, trace);
    });
    history.end();
  }
  const spanCutOff = finishReasons(span).includes("length");
  const output = asArray(attrJson(span, "gen_ai.output.messages")) ?? [];
  output.forEach((message, index) => {
    if (!isRecord(message)) return;
    const reason = asString(message.finish_reason);
    const truncated = reason === undefined ? spanCutOff : reason === "length";
    readParts(asArray(message.parts) ?? [], { history: undefined, truncated, where: `out.${index}` }, span, context, trace);
  });

  const operation = attrString(span, "gen_ai.operation.name") ?? span.name.split(" ")[0];
  if (operation === "execute_tool") readExecuteTool(span, context, trace);
}

function readExecuteTool(span: SpanRecord, context: OtelContext, trace: TraceState): void {
  const tool = attrString(span, "gen_ai.tool.name") ?? span.name.replace(/^execute_tool\s*/, "");
  // A repeat of the chat span's call, unless that span is missing (or kept no content), or the
  // log gave its id to another call first: the call is then read from here.
  const callId = emitSpanCall(context, span, {
    callId: attrString(span, "gen_ai.tool.call.id"),
    where: "execute_tool",
    tool,
    args: attr(span, "gen_ai.tool.call.arguments"),
    // The Vercel AI SDK fills this attribute with JSON.stringify of the parsed input.
    stringIsRaw: !span.attributes.has("ai.toolCall.args"),
    sighting: true,
    advertised: trace.advertised,
    model: trace.model,
    notes: ["read from the execute_tool span"],
  });
  emitToolSpanOutcome(context, span, callId, tool, attr(span, "gen_ai.tool.call.result"));
}

/**
 * Whether a history message holds answers to calls and makes none: tools answer in
 * `tool` messages, some providers in `user` ones (Anthropic's tool_result blocks, Gemini's
 * function responses). A message making calls starts a turn even where it answers some too (a
 * provider's built-in tool and its output in one assistant message).
 */
function answersOnly(parts: readonly unknown[]): boolean {
  let answers = false;
  for (const part of parts) {
    if (!isRecord(part) || typeof part.type !== "string") continue;
    if (CALL_TYPES.has(part.type)) return false;
    if (RESPONSE_TYPES.has(part.type)) answers = true;
  }
  return answers;
}
