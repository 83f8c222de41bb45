import { attr, attrJson, attrString, emitSpanCall, emitSpanResult, emitToolSpanOutcome, type OtelContext, type TraceState } from "./otel-span-context.js";
import type { SpanRecord } from "./otel-spans.js";
import { asArray, asRecord, asString, isRecord } from "./shared/loose-json.js";

/**
 * Vercel AI SDK telemetry (`ai.*` attributes): `ai.generateText.doGenerate` / `ai.streamText.doStream`
 * spans with `ai.prompt.tools`, `ai.prompt.messages` and `ai.response.toolCalls`, and `ai.toolCall` spans.
 */

/** A tool call entry: `input` (v5+) or `args` (v4); a string is the provider's raw text. */
const callArgs = (entry: Record<string, unknown>): unknown => entry.input ?? entry.args;

function readPromptMessages(span: SpanRecord, context: OtelContext, trace: TraceState): void {
  for (const message of asArray(attrJson(span, "ai.prompt.messages")) ?? []) {
    if (!isRecord(message)) continue;
    for (const part of asArray(message.content) ?? []) {
      if (!isRecord(part) || typeof part.toolCallId !== "string") continue;
      if (part.type === "tool-call") {
        emitSpanCall(context, span, {
          callId: part.toolCallId,
          where: "prompt",
          tool: asString(part.toolName) ?? "",
          args: callArgs(part),
          stringIsRaw: true,
          sighting: true,
          advertised: trace.advertised,
          model: trace.model,
          notes: ["seen in a later step's prompt messages"],
        });
      } else if (part.type === "tool-result") {
        // v5+: `output: {type: "text" | "json" | "error-text" | "error-json", value}`; v4: `result`, `isError`.
        const output = asRecord(part.output);
        const outputType = asString(output?.type);
        const isError = outputType !== undefined ? outputType.startsWith("error") : typeof part.isError === "boolean" ? part.isError : undefined;
        emitSpanResult(context, span, part.toolCallId, output !== undefined && "value" in output ? output.value : (part.output ?? part.result ?? ""), {
          isError,
          tool: asString(part.toolName),
        });
      }
    }
  }
}

function readResponseToolCalls(span: SpanRecord, context: OtelContext, trace: TraceState): void {
  const finish = attrString(span, "ai.response.finishReason") ?? attrString(span, "ai.finishReason");
  const calls = asArray(attrJson(span, "ai.response.toolCalls")) ?? asArray(attrJson(span, "ai.result.toolCalls")) ?? [];
  calls.forEach((entry, index) => {
    if (!isRecord(entry)) return;
    emitSpanCall(context, span, {
      callId: asString(entry.toolCallId),
      where: `response.${index}`,
      tool: asString(entry.toolName) ?? "",
      args: callArgs(entry),
      stringIsRaw: true,
      sighting: false,
      advertised: trace.advertised,
      model: trace.model,
      truncated: finish === "length",
    });
  });
}

function readToolCallSpan(span: SpanRecord, context: OtelContext, trace: TraceState): void {
  const tool = attrString(span, "ai.toolCall.name") ?? "";
  // A repeat of the step's call, unless there is none (or the log gave its id to another call first).
  const callId = emitSpanCall(context, span, {
    callId: attrString(span, "ai.toolCall.id"),
    where: "toolCall",
    tool,
    args: attr(span, "ai.toolCall.args") ?? attr(span, "ai.toolCall.input"),
    // The SDK writes JSON.stringify(parsed input) here, not the model's text.
    stringIsRaw: false,
    sighting: true,
    advertised: trace.advertised,
    model: trace.model,
    notes: ["read from the ai.toolCall span"],
  });
  emitToolSpanOutcome(context, span, callId, tool, attr(span, "ai.toolCall.result") ?? attr(span, "ai.toolCall.output"));
}

export function readVercelSpan(span: SpanRecord, context: OtelContext, trace: TraceState): void {
  // `ai.prompt.tools` is a string array of JSON definitions (or, from some exporters, one JSON text).
  const tools = context.tools.definitions(attr(span, "ai.prompt.tools"));
  if (tools !== undefined) trace.advertised = tools;
  if (span.attributes.has("ai.prompt.messages")) readPromptMessages(span, context, trace);
  if (span.attributes.has("ai.response.toolCalls") || span.attributes.has("ai.result.toolCalls")) readResponseToolCalls(span, context, trace);
  if (span.attributes.has("ai.toolCall.name")) readToolCallSpan(span, context, trace);
}
