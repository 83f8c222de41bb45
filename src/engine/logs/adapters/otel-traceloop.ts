import { attr, attrString, emitSpanCall, emitSpanResult, spanConversation, spanSyntheticId, type OtelContext, type TraceState } from "./otel-span-context.js";
import type { SpanRecord } from "./otel-spans.js";
import { lcMessage, toolMessageResult, type LcResultParts } from "./langchain-messages.js";
import { isRecord, parseIfJsonText, parseJsonOrUndefined } from "./shared/loose-json.js";
import { toolInputFromText } from "./langchain-tool-input.js";

/** The attribute that marks a Traceloop (OpenLLMetry) tool span. */
export const isTraceloopToolSpan = (span: SpanRecord): boolean => attr(span, "traceloop.span.kind") === "tool";

/**
 * A Traceloop tool span, from whichever writer: the `traceloop.entity.input` and `.output`
 * attributes hold
 * - from OpenLLMetry's LangChain instrumentation, JSON `{input_str, inputs, …}` and `{output, …}`,
 *   where a tool called with a tool call returns a LangChain ToolMessage (serialized with its
 *   class: it names the call it answers, and its `status`);
 * - from the Traceloop SDK's `@tool` decorator, JSON `{args, kwargs}` (the Python call's) and the
 *   JSON of what the function returned;
 * - from Spring AI's OpenLLMetry conventions, the tool call's arguments and result as text.
 * A tool that raised leaves the span in error with an `exception` event. The calls themselves come
 * from the model span (`gen_ai.completion.N.tool_calls.M.*`, see otel-openllmetry). A span with no
 * ToolMessage answers the call of its tool with the same inputs, else the latest of its tool in
 * the trace; a tool span whose call is not in the trace becomes a call of its own, from its inputs.
 */
export function readTraceloopToolSpan(span: SpanRecord, context: OtelContext, trace: TraceState): void {
  const tool = attrString(span, "traceloop.entity.name") ?? span.name.replace(/\.tool$/, "");
  const input = toolInput(span);
  const output = input.langchain ? entity(span, "traceloop.entity.output")?.output : plainOutput(span);
  const answer = input.langchain ? toolMessageOf(output) : undefined;
  // A tool that raised returned no ToolMessage: its span answers the model's call of that tool with the same inputs, else the latest in the trace.
  let callId = answer?.callId ?? context.waiting.take(tool, input.args, spanConversation(span), (id) => !context.ledger.hasResult(id)) ?? spanSyntheticId(span, "tool");
  // A call its ToolMessage names goes through the ledger: the log may give its id to several calls.
  if (answer?.callId !== undefined || !context.ledger.hasCall(callId)) {
    callId = emitSpanCall(context, span, {
      callId: answer?.callId,
      where: "tool",
      tool,
      args: input.args,
      stringIsRaw: input.raw,
      sighting: true,
      advertised: trace.advertised,
      model: trace.model,
      notes: ["read from the Traceloop tool span", ...(input.note !== undefined ? [input.note] : [])],
    });
  }
  const isError = span.error || answer?.isError === true;
  if (output === undefined && !isError) return;
  const content = answer?.content ?? output ?? span.exceptionMessage ?? span.statusMessage ?? "";
  emitSpanResult(context, span, callId, content, { isError, tool, resolved: true });
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

interface ToolInput {
  /** The arguments: a string is the text as logged (see `raw`), anything else was parsed. */
  args: unknown;
  /** Whether a string `args` is the model's own text. */
  raw: boolean;
  /** From LangChain's instrumentation: the output is LangChain's too. */
  langchain: boolean;
  note?: string;
}

/** The tool's arguments, read by the shape of `traceloop.entity.input` (see readTraceloopToolSpan). */
function toolInput(span: SpanRecord): ToolInput {
  const text = attr(span, "traceloop.entity.input");
  const input = entity(span, "traceloop.entity.input");
  if (input === undefined) return { args: typeof text === "string" ? text : undefined, raw: typeof text === "string", langchain: false };
  if (isRecord(input.inputs)) return { args: input.inputs, raw: false, langchain: true };
  if (typeof input.input_str === "string") return { args: toolInputFromText(input.input_str), raw: false, langchain: true };
  if ("inputs" in input || "input_str" in input || "tags" in input || "metadata" in input) return { args: undefined, raw: false, langchain: true };
  const keys = Object.keys(input);
  if (Array.isArray(input.args) && keys.every((key) => key === "args" || key === "kwargs")) {
    const kwargs = isRecord(input.kwargs) ? input.kwargs : {};
    if (input.args.length === 0) return { args: kwargs, raw: false, langchain: false };
    // One object passed positionally (a tool taking its arguments as one dict, the JS SDK's single argument).
    const [only] = input.args;
    if (input.args.length === 1 && isRecord(only) && Object.keys(kwargs).length === 0) return { args: only, raw: false, langchain: false };
    return { args: input, raw: false, langchain: false, note: "the tool was called with positional arguments: their names are not recorded" };
  }
  // The arguments themselves, as the model wrote them (Spring AI).
  return { args: text, raw: true, langchain: false };
}

/** What the tool returned: the JSON of a value (its text when it is a string), or text as it is. */
function plainOutput(span: SpanRecord): unknown {
  const text = attr(span, "traceloop.entity.output");
  if (typeof text !== "string" || text.charCodeAt(0) !== 0x22 /* " */) return text;
  const value = parseJsonOrUndefined(text);
  return typeof value === "string" ? value : text;
}
