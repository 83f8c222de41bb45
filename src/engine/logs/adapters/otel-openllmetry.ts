import { groupIndexed, hasPrefix, internIndexedTools } from "./otel-indexed.js";
import { emitSpanCall, emitSpanResult, type OtelContext, type TraceState } from "./otel-span-context.js";
import type { SpanRecord } from "./otel-spans.js";
import type { AdvertisedTool } from "../log-events.js";
import { asArray, asString, contentText, isRecord, parseIfJsonText } from "./shared/loose-json.js";
import { HistoryCheck } from "./otel-history-check.js";

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

/** An answer a prompt message holds: the call it names (undefined when it names none), its content and error flag. */
interface Answer {
  id: string | undefined;
  content: unknown;
  /** The block's own `is_error` (Anthropic); a tool message has no flag. */
  isError?: boolean;
}

/**
 * The answers a prompt message holds; none when it answers nothing. A `tool` message answers the
 * one call its `tool_call_id` names. The Anthropic instrumentation keeps Anthropic's turns: the
 * answers are `tool_result` blocks of a user message, in its `content` as JSON text, naming the
 * call in `tool_use_id`, with their own content and `is_error`.
 */
function answersOf(fields: ReadonlyMap<string, unknown>): Answer[] {
  const role = fields.get("role");
  if (role === "tool") return [{ id: asString(fields.get("tool_call_id")) || undefined, content: fields.get("content") ?? "" }];
  if (role === "assistant") return [];
  const content = fields.get("content");
  // Cheap test first: most contents are plain text.
  if (typeof content !== "string" || !content.includes("tool_result")) return [];
  return (asArray(parseIfJsonText(content)) ?? []).flatMap((block): Answer[] => {
    if (!isRecord(block) || block.type !== "tool_result") return [];
    const answer: Answer = { id: asString(block.tool_use_id) || undefined, content: contentText(block.content ?? "") };
    if (typeof block.is_error === "boolean") answer.isError = block.is_error;
    return [answer];
  });
}

function readMessages(span: SpanRecord, prefix: "gen_ai.prompt." | "gen_ai.completion.", context: OtelContext, trace: TraceState): void {
  // The prompt is the request's history: checked as a conversation (see HistoryCheck).
  const history = prefix === "gen_ai.prompt." ? new HistoryCheck(context, span) : undefined;
  for (const [index, fields] of groupIndexed(span.attributes, prefix)) {
    const truncated = history === undefined && fields.get("finish_reason") === "length";
    const answers = history !== undefined ? answersOf(fields) : [];
    const calls = groupIndexed(fields, "tool_calls.");
    // A message making calls starts a turn, whatever else it holds.
    history?.message(answers.length > 0 && calls.size === 0);
    for (const [callIndex, call] of calls) {
      const logId = asString(call.get("id"));
      const tool = asString(call.get("name")) ?? "";
      const callId = emitSpanCall(context, span, {
        callId: logId,
        where: `${prefix}${index}.${callIndex}`,
        tool,
        args: call.get("arguments"),
        stringIsRaw: true,
        sighting: history !== undefined,
        advertised: trace.advertised,
        model: trace.model,
        truncated,
        notes: history ? ["seen in a later LLM span's prompt"] : [],
      });
      history?.call(logId || undefined, callId, tool);
    }
    if (!history) continue;
    const tool = fields.get("role") === "tool";
    answers.forEach((answer, block) => {
      const target = history.answer(answer.id, tool ? `${prefix}${index}` : `${prefix}${index}.${block}`);
      // A tool message has no error flag: only text that clearly reads as an error counts.
      if (answer.isError !== undefined) emitSpanResult(context, span, target.callId, answer.content, { isError: answer.isError, resolved: target.resolved });
      else emitSpanResult(context, span, target.callId, answer.content, { inferError: true, resolved: target.resolved });
    });
  }
  history?.end();
}

export function readOpenLlmetrySpan(span: SpanRecord, context: OtelContext, trace: TraceState): void {
  const tools = internIndexedTools(span, "llm.request.functions.", context.tools, () => readFunctions(span));
  if (tools !== undefined) trace.advertised = tools;
  if (hasPrefix(span, "gen_ai.prompt.")) readMessages(span, "gen_ai.prompt.", context, trace);
  if (hasPrefix(span, "gen_ai.completion.")) readMessages(span, "gen_ai.completion.", context, trace);
}
