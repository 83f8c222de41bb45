import { attr, attrJson, attrString, emitSpanCall, emitSpanResult, emitToolSpanOutcome, type OtelContext, type TraceState } from "./otel-span-context.js";
import type { SpanRecord } from "./otel-spans.js";
import { asArray, asString, isRecord } from "./shared/loose-json.js";

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
  history: boolean;
  truncated: boolean;
  where: string;
}

function readParts(message: Record<string, unknown>, scope: MessageScope, span: SpanRecord, context: OtelContext, trace: TraceState): void {
  (asArray(message.parts) ?? []).forEach((part, index) => {
    if (!isRecord(part)) return;
    const where = `${scope.where}.${index}`;
    const server = part.type === "server_tool_call";
    if (part.type === "tool_call" || server) {
      const notes = server ? [SERVER_NOTE] : [];
      if (scope.history) notes.push("seen in a later chat span's input messages");
      const callId = asString(part.id);
      const tool = asString(part.name) ?? "";
      let args = server ? (part.server_tool_call ?? {}) : part.arguments;
      if (!server && args !== undefined && args !== null && typeof args !== "string") {
        const raw = trace.rawArguments?.find(callId, tool, args);
        if (raw !== undefined) {
          args = raw;
          notes.push(RAW_FROM_TOOL_SPAN_NOTE);
        }
      }
      emitSpanCall(context, span, {
        callId,
        where,
        tool,
        // Any JSON: an object was parsed by the instrumentation; a string is kept as it came.
        args,
        stringIsRaw: true,
        sighting: scope.history,
        advertised: trace.advertised,
        model: trace.model,
        truncated: scope.truncated,
        notes,
      });
      return;
    }
    const id = asString(part.id);
    if (id === undefined) return;
    // Response parts carry no error flag: only text that clearly reads as an error counts.
    if (part.type === "tool_call_response") emitSpanResult(context, span, id, part.response ?? "", { inferError: true });
    else if (part.type === "server_tool_call_response") emitSpanResult(context, span, id, part.server_tool_call_response ?? "", { inferError: true });
  });
}

export function readGenAiSpan(span: SpanRecord, context: OtelContext, trace: TraceState): void {
  const tools = context.tools.definitions(attr(span, "gen_ai.tool.definitions"));
  if (tools !== undefined) trace.advertised = tools;

  const input = asArray(attrJson(span, "gen_ai.input.messages")) ?? [];
  input.forEach((message, index) => {
    if (isRecord(message)) readParts(message, { history: true, truncated: false, where: `in.${index}` }, span, context, trace);
  });
  const spanCutOff = finishReasons(span).includes("length");
  const output = asArray(attrJson(span, "gen_ai.output.messages")) ?? [];
  output.forEach((message, index) => {
    if (!isRecord(message)) return;
    const reason = asString(message.finish_reason);
    const truncated = reason === undefined ? spanCutOff : reason === "length";
    readParts(message, { history: false, truncated, where: `out.${index}` }, span, context, trace);
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
