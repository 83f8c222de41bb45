import type { AwaitedCall, ResponsesContext } from "./openai-responses-context.js";
import { callParts, emitCall, emitOutputItem } from "./openai-responses-items.js";
import { CALL_ITEM_TYPES, OUTPUT_ITEM_TYPES } from "./openai-responses-shapes.js";
import { isRecord, nonEmptyStringAt, stringAt } from "./shared/json-read.js";

const HISTORY_NOTE = "first seen in a request's input";
/** Items that neither call, answer, nor end a turn. */
const NEUTRAL_TYPES = new Set(["reasoning", "item_reference", "compaction"]);

/**
 * Reads a Responses request's `input[]`: the calls and outputs it carries (each emitted once per
 * file) and, inside this one input, calls never answered before a later message
 * (`missing_tool_result`, same rule as chat: a trailing turn nothing follows is not judged) and
 * outputs that answer no call (`orphan_tool_result`). `owed` are the calls of the response the
 * request continues (`previous_response_id`): the API wants every one answered in this input
 * ("No tool output found for function call …"), so one it leaves unanswered is missing. An output's call may live server-side in an earlier
 * response (`previous_response_id`, a `conversation`, an `item_reference`): it is an orphan only
 * when the call is neither in this input nor seen earlier in the file, and the chain it continues
 * is itself in the file (otherwise the log cannot tell).
 */
export function readResponsesInput(input: readonly unknown[], canJudgeOrphans: boolean, ctx: ResponsesContext, owed?: readonly AwaitedCall[]): void {
  const known = new Map<string, string>();
  /** The calls of the last turn still unanswered: the id the log gives each, and the id it goes by. */
  let pending: AwaitedCall[] = [];
  /** The id each call of this input goes by, by the id the log gives it. */
  const emittedIds = new Map<string, string>();
  const judge = canJudgeOrphans && !input.some((item) => isRecord(item) && item.type === "item_reference");
  const source = { file: ctx.state.file, line: ctx.line };
  // Referenced items may be the outputs: the calls owed are judged only when the input is all there.
  const owing = judge && owed !== undefined ? owed.filter((call) => !input.some((item) => isRecord(item) && item.call_id === call.callId && OUTPUT_ITEM_TYPES.has(String(item.type)))) : [];
  for (const item of input) {
    if (!isRecord(item)) continue;
    const type = stringAt(item, "type") ?? (typeof item.role === "string" ? "message" : undefined);
    if (type === undefined || NEUTRAL_TYPES.has(type)) continue;
    if (CALL_ITEM_TYPES.has(type)) {
      const parts = callParts(item);
      if (!parts) continue;
      known.set(parts.callId, parts.tool);
      const emitted = emitCall(parts, ctx, { notes: [HISTORY_NOTE] });
      emittedIds.set(parts.callId, emitted);
      pending.push({ callId: parts.callId, emitted, tool: parts.tool });
    } else if (OUTPUT_ITEM_TYPES.has(type)) {
      if (type === "tool_search_output" && item.execution !== "client") continue;
      const callId = nonEmptyStringAt(item, "call_id");
      if (callId === undefined) continue;
      pending = pending.filter((call) => call.callId !== callId);
      const tool = known.get(callId) ?? ctx.state.dedupe.toolOf(callId);
      if (!known.has(callId) && judge && !ctx.state.dedupe.knowsCall(callId)) {
        ctx.state.dedupe.issue({ kind: "conversation", code: "orphan_tool_result", callId, source }, ctx.emit);
      }
      emitOutputItem(item, tool, ctx, emittedIds.get(callId));
    } else if (type === "message") {
      for (const call of pending) missing(call, source, ctx);
      pending = [];
    }
  }
  for (const call of owing) missing(call, source, ctx);
}

function missing(call: AwaitedCall, source: { file: string; line: number }, ctx: ResponsesContext): void {
  ctx.state.dedupe.issue({ kind: "conversation", code: "missing_tool_result", callId: call.emitted, tool: call.tool, source }, ctx.emit);
}
