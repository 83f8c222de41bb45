import type { LogToolCall, LogToolResult } from "../log-events.js";
import { CUSTOM_NOTE } from "./openai-notes.js";
import type { ResponsesContext } from "./openai-responses-context.js";
import { readsAsError } from "./shared/error-text.js";
import { contentText, nonEmptyStringAt, safeStringify, stringAt, type JsonObject } from "./shared/json-read.js";
import { syntheticCallId } from "./shared/stable-hash.js";

/** The parts of a call item before context is added; `undefined` for items that are not our calls. */
export interface ResponsesCallParts {
  callId: string;
  synthetic: boolean;
  tool: string;
  arguments: string;
  recorded: boolean;
  notes: string[];
  incomplete: boolean;
  freeText: boolean;
}

/**
 * A call item (`function_call`, `custom_tool_call`, client-executed `tool_search_call`) as parts.
 * Server-executed tool searches are the API's own work, not a call the runtime answers, so they
 * are not calls here. `argumentsOverride` carries a stream's re-joined fragments.
 */
export function callParts(item: JsonObject, argumentsOverride?: string): ResponsesCallParts | undefined {
  const type = stringAt(item, "type");
  const notes: string[] = [];
  let tool = stringAt(item, "name") ?? "";
  let raw: unknown;
  if (type === "function_call") raw = item.arguments;
  else if (type === "custom_tool_call") {
    raw = item.input;
    notes.push(CUSTOM_NOTE);
  } else if (type === "tool_search_call") {
    if (item.execution !== "client") return undefined;
    raw = item.arguments;
    if (tool === "") tool = "tool_search";
  } else return undefined;
  const namespace = nonEmptyStringAt(item, "namespace");
  if (namespace !== undefined && namespace !== tool) notes.push(`namespace "${namespace}"`);
  let args: string;
  let recorded = true;
  if (argumentsOverride !== undefined) args = argumentsOverride;
  else if (typeof raw === "string") args = raw;
  else if (raw === undefined || raw === null) args = "";
  else {
    // tool_search_call.arguments is an object in the wire format: only its parsed form exists.
    args = safeStringify(raw);
    recorded = false;
  }
  const ownId = nonEmptyStringAt(item, "call_id") ?? nonEmptyStringAt(item, "id");
  return {
    callId: ownId ?? syntheticCallId(["responses", tool, args]),
    synthetic: ownId === undefined,
    tool,
    arguments: args,
    recorded,
    notes,
    incomplete: item.status === "incomplete",
    freeText: type === "custom_tool_call",
  };
}

export function callEvent(parts: ResponsesCallParts, ctx: ResponsesContext, extra: { line?: number; truncated?: boolean; notes?: readonly string[] } = {}): LogToolCall {
  const notes = extra.notes ? [...parts.notes, ...extra.notes] : parts.notes;
  return {
    kind: "call",
    callId: parts.callId,
    syntheticId: parts.synthetic,
    tool: parts.tool,
    arguments: parts.arguments,
    argumentsRecorded: parts.recorded,
    ...(parts.freeText && { argumentsKind: "text" as const }),
    ...(ctx.advertised && { advertised: ctx.advertised }),
    ...(ctx.model !== undefined && { model: ctx.model }),
    ...(ctx.time !== undefined && { time: ctx.time }),
    ...(ctx.conversation !== undefined && { conversation: ctx.conversation }),
    ...((extra.truncated || parts.incomplete) && { truncated: true }),
    ...(notes.length > 0 && { notes }),
    source: { file: ctx.state.file, line: extra.line ?? ctx.line },
  };
}

/** Emits the call once per file; returns the id it goes by (the log's, unless an earlier call has it too: see EventDedupe). */
export function emitCall(parts: ResponsesCallParts, ctx: ResponsesContext, extra?: Parameters<typeof callEvent>[2]): string {
  return ctx.state.dedupe.sighted(parts.callId, parts.tool, parts.arguments) ?? ctx.state.dedupe.call(callEvent(parts, ctx, extra), ctx.emit);
}

/**
 * `function_call_output` / `custom_tool_call_output` / client `tool_search_output`, emitted once
 * per call: `answers` is the id of the call it answers when known, else the call last sighted
 * under its `call_id`.
 */
export function emitOutputItem(item: JsonObject, tool: string | undefined, ctx: ResponsesContext, answers?: string): void {
  const logged = nonEmptyStringAt(item, "call_id");
  const callId = answers ?? (logged === undefined ? undefined : ctx.state.dedupe.resultId(logged));
  if (callId === undefined || ctx.state.dedupe.seenResult(callId)) return;
  const content = item.type === "tool_search_output" ? safeStringify(item.tools ?? []) : contentText(item.output);
  const result: LogToolResult = {
    kind: "result",
    callId,
    content,
    ...(tool !== undefined && tool !== "" && { tool }),
    source: { file: ctx.state.file, line: ctx.line },
  };
  // Responses outputs carry no error flag either: only text that clearly reads as an error counts.
  if (readsAsError(content)) {
    result.isError = true;
    result.errorInferred = true;
  }
  ctx.state.dedupe.result(result, ctx.emit);
}
