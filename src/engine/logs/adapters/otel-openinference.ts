import { groupIndexed, hasPrefix, internIndexedTools } from "./otel-indexed.js";
import { attr, attrString, emitSpanCall, emitSpanResult, emitToolSpanOutcome, type OtelContext, type TraceState } from "./otel-span-context.js";
import type { SpanRecord } from "./otel-spans.js";
import type { AdvertisedTool } from "../log-events.js";
import { asString, isRecord, parseIfJsonText, parseJsonOrUndefined } from "./shared/loose-json.js";
import { advertisedTool } from "./shared/tool-definitions.js";
import { HistoryCheck } from "./otel-history-check.js";

/**
 * OpenInference (Arize Phoenix) spans: LLM spans with flattened `llm.tools.N.*` and
 * `llm.{input,output}_messages.N.message.*` attributes, and TOOL spans.
 */

/** `llm.tools.N.tool.json_schema` holds the provider's own definition, or only the parameters. */
function readTools(span: SpanRecord): AdvertisedTool[] | undefined {
  const tools: AdvertisedTool[] = [];
  for (const fields of groupIndexed(span.attributes, "llm.tools.").values()) {
    const schema = parseIfJsonText(fields.get("tool.json_schema"));
    const name = asString(fields.get("tool.name"));
    const tool = advertisedTool(schema) ?? (name !== undefined ? { name, parameters: isRecord(schema) ? schema : {} } : undefined);
    if (tool === undefined) continue;
    // The explicit attributes win over what was dug out of the schema.
    if (name !== undefined) tool.name = name;
    const description = asString(fields.get("tool.description"));
    if (description !== undefined) tool.description = description;
    tools.push(tool);
  }
  return tools.length > 0 ? tools : undefined;
}

/** OpenInference has no finish-reason attribute; the raw response in `output.value` often does. */
function cutOff(span: SpanRecord): boolean {
  const output = attrString(span, "output.value");
  if (output === undefined || output.length > 1024 * 1024 || !/"(length|max_tokens)"/.test(output)) return false;
  const parsed = parseJsonOrUndefined(output);
  if (!isRecord(parsed)) return false;
  if (parsed.stop_reason === "max_tokens") return true;
  return Array.isArray(parsed.choices) && parsed.choices.some((choice) => isRecord(choice) && choice.finish_reason === "length");
}

function readMessages(span: SpanRecord, prefix: "llm.input_messages." | "llm.output_messages.", context: OtelContext, trace: TraceState, truncated: boolean): void {
  const history = prefix === "llm.input_messages." ? new HistoryCheck(context, span) : undefined;
  for (const [index, fields] of groupIndexed(span.attributes, prefix)) {
    const answer = history !== undefined && fields.get("message.role") === "tool";
    history?.message(answer);
    for (const [callIndex, call] of groupIndexed(fields, "message.tool_calls.")) {
      const logId = asString(call.get("tool_call.id")) || undefined;
      const tool = asString(call.get("tool_call.function.name")) ?? "";
      const callId = emitSpanCall(context, span, {
        callId: logId,
        where: `${prefix}${index}.${callIndex}`,
        tool,
        args: call.get("tool_call.function.arguments"),
        stringIsRaw: true,
        sighting: history !== undefined,
        historyNamed: history?.named,
        advertised: trace.advertised,
        model: trace.model,
        truncated,
        notes: history ? ["seen in a later LLM span's input messages"] : [],
      });
      history?.call(logId, callId, tool);
    }
    if (!history || !answer) continue;
    const target = history.answer(asString(fields.get("message.tool_call_id")) || undefined, `${prefix}${index}`);
    // A tool message has no error flag (the TOOL span's status is one, read from that span).
    emitSpanResult(context, span, target.callId, fields.get("message.content") ?? "", { inferError: true, resolved: target.resolved });
  }
  history?.end();
}

export function readOpenInferenceSpan(span: SpanRecord, context: OtelContext, trace: TraceState): void {
  const kind = attrString(span, "openinference.span.kind");
  const tools = internIndexedTools(span, "llm.tools.", context.tools, () => readTools(span));
  if (tools !== undefined) trace.advertised = tools;
  if (hasPrefix(span, "llm.input_messages.")) readMessages(span, "llm.input_messages.", context, trace, false);
  if (hasPrefix(span, "llm.output_messages.")) readMessages(span, "llm.output_messages.", context, trace, cutOff(span));
  if (kind === "TOOL") readToolSpan(span, context, trace);
}

function readToolSpan(span: SpanRecord, context: OtelContext, trace: TraceState): void {
  const tool = attrString(span, "tool.name") ?? attrString(span, "tool_call.function.name") ?? span.name;
  const raw = attr(span, "tool_call.function.arguments");
  const parameters = parseIfJsonText(attr(span, "tool.parameters"));
  // A repeat of the LLM span's call, unless there is none (or the log gave its id to another call first).
  const callId = emitSpanCall(context, span, {
    callId: attrString(span, "tool_call.id") ?? attrString(span, "tool.id"),
    where: "tool",
    tool,
    args: raw ?? attr(span, "input.value"),
    // `input.value` is the framework's serialization of the arguments, not the model's text.
    stringIsRaw: raw !== undefined,
    sighting: true,
    advertised: trace.advertised ?? (isRecord(parameters) ? [{ name: tool, parameters }] : undefined),
    model: trace.model,
    notes: ["read from the TOOL span"],
  });
  emitToolSpanOutcome(context, span, callId, tool, attr(span, "output.value"));
}
