import { groupIndexed, hasPrefix, internIndexedTools } from "./otel-indexed.js";
import { emitSpanCall, emitSpanResult, type OtelContext, type TraceState } from "./otel-span-context.js";
import type { SpanRecord } from "./otel-spans.js";
import type { AdvertisedTool } from "../log-events.js";
import { asString, isRecord, parseIfJsonText } from "./shared/loose-json.js";

/**
 * OpenLLMetry (Traceloop) spans, the pre-JSON GenAI style: `llm.request.functions.N.*`,
 * `gen_ai.prompt.N.*` and `gen_ai.completion.N.tool_calls.M.*` flattened attributes.
 */

function readFunctions(span: SpanRecord): AdvertisedTool[] | undefined {
  const tools: AdvertisedTool[] = [];
  for (const fields of groupIndexed(span.attributes, "llm.request.functions.").values()) {
    const name = asString(fields.get("name"));
    if (name === undefined) continue;
    const parameters = parseIfJsonText(fields.get("parameters"));
    const tool: AdvertisedTool = { name, parameters: isRecord(parameters) ? parameters : {} };
    const description = asString(fields.get("description"));
    if (description !== undefined) tool.description = description;
    tools.push(tool);
  }
  return tools.length > 0 ? tools : undefined;
}

function readMessages(span: SpanRecord, prefix: "gen_ai.prompt." | "gen_ai.completion.", context: OtelContext, trace: TraceState): void {
  const history = prefix === "gen_ai.prompt.";
  for (const [index, fields] of groupIndexed(span.attributes, prefix)) {
    const truncated = !history && fields.get("finish_reason") === "length";
    for (const [callIndex, call] of groupIndexed(fields, "tool_calls.")) {
      emitSpanCall(context, span, {
        callId: asString(call.get("id")),
        where: `${prefix}${index}.${callIndex}`,
        tool: asString(call.get("name")) ?? "",
        args: call.get("arguments"),
        stringIsRaw: true,
        sighting: history,
        advertised: trace.advertised,
        model: trace.model,
        truncated,
        notes: history ? ["seen in a later LLM span's prompt"] : [],
      });
    }
    const answered = asString(fields.get("tool_call_id"));
    // A tool message has no error flag: only text that clearly reads as an error counts.
    if (history && fields.get("role") === "tool" && answered !== undefined) emitSpanResult(context, span, answered, fields.get("content") ?? "", { inferError: true });
  }
}

export function readOpenLlmetrySpan(span: SpanRecord, context: OtelContext, trace: TraceState): void {
  const tools = internIndexedTools(span, "llm.request.functions.", context.tools, () => readFunctions(span));
  if (tools !== undefined) trace.advertised = tools;
  if (hasPrefix(span, "gen_ai.prompt.")) readMessages(span, "gen_ai.prompt.", context, trace);
  if (hasPrefix(span, "gen_ai.completion.")) readMessages(span, "gen_ai.completion.", context, trace);
}
