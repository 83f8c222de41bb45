import { attr, attrString, emitSpanCall, emitSpanResult, spanConversation, spanSyntheticId, type OtelContext, type TraceState } from "./otel-span-context.js";
import type { SpanRecord } from "./otel-spans.js";
import { lcMessage, toolMessageResult, type LcResultParts } from "./langchain-messages.js";
import { isRecord, parseIfJsonText } from "./shared/loose-json.js";
import { toolInputFromText } from "./langchain-tool-input.js";

/** The attribute that marks a Traceloop (OpenLLMetry) LangChain tool span. */
export const isTraceloopToolSpan = (span: SpanRecord): boolean => attr(span, "traceloop.span.kind") === "tool";

/**
 * OpenLLMetry's LangChain instrumentation records each tool run as a span `{tool}.tool`, with
 * `traceloop.entity.input` = JSON `{input_str, inputs, …}` and `traceloop.entity.output` = JSON
 * `{output, …}`, where a tool called with a tool call returns a LangChain ToolMessage (serialized
 * with its class: it names the call it answers, and its `status`); a tool that raised leaves the
 * span in error with an `exception` event. The calls themselves come from the model span
 * (`gen_ai.completion.N.tool_calls.M.*`, see otel-openllmetry). A span with no ToolMessage (the
 * tool raised) answers the call of its tool with the same inputs, else the latest of its tool in
 * the trace; a tool span whose call is not in the trace becomes a call of its own, from its inputs.
 */
export function readTraceloopToolSpan(span: SpanRecord, context: OtelContext, trace: TraceState): void {
  const tool = attrString(span, "traceloop.entity.name") ?? span.name.replace(/\.tool$/, "");
  const output = entity(span, "traceloop.entity.output")?.output;
  const answer = toolMessageOf(output);
  const inputs = toolInputs(span);
  // A tool that raised returned no ToolMessage: its span answers the model's call of that tool with the same inputs, else the latest in the trace.
  let callId = answer?.callId ?? context.waiting.take(tool, inputs, spanConversation(span), (id) => !context.ledger.hasResult(id)) ?? spanSyntheticId(span, "tool");
  // A call its ToolMessage names goes through the ledger: the log may give its id to several calls.
  if (answer?.callId !== undefined || !context.ledger.hasCall(callId)) {
    callId = emitSpanCall(context, span, {
      callId: answer?.callId,
      where: "tool",
      tool,
      args: inputs,
      // The tool's inputs as LangChain handed them over: parsed arguments, not the model's text.
      stringIsRaw: false,
      sighting: true,
      advertised: trace.advertised,
      model: trace.model,
      notes: ["read from the Traceloop tool span"],
    });
  }
  const isError = span.error || answer?.isError === true;
  if (output === undefined && !isError) return;
  const content = answer?.content ?? output ?? span.exceptionMessage ?? span.statusMessage ?? "";
  emitSpanResult(context, span, callId, content, { isError, tool });
}

/** A JSON entity attribute (`{output: …, kwargs: …}`), parsed; undefined when it is not one. */
function entity(span: SpanRecord, key: string): Record<string, unknown> | undefined {
  const value = parseIfJsonText(attr(span, key));
  return isRecord(value) ? value : undefined;
}

/** The ToolMessage a tool returned (as `to_json` or `model_dump_json` wrote it), if it did. */
function toolMessageOf(output: unknown): LcResultParts | undefined {
  const message = lcMessage(parseIfJsonText(output));
  return message?.role === "tool" ? toolMessageResult(message.fields) : undefined;
}

/** The tool's inputs: the dict LangChain passed, else read from its `str()` (see toolInputFromText). */
function toolInputs(span: SpanRecord): unknown {
  const input = entity(span, "traceloop.entity.input");
  if (isRecord(input?.inputs)) return input.inputs;
  const text = input?.input_str;
  return typeof text === "string" ? toolInputFromText(text) : undefined;
}
