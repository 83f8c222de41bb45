import type { LogEvent } from "../log-events.js";
import { conversationParam, internedTools, previousResponseId, responseId, type ResponsesContext } from "./openai-responses-context.js";
import { callParts, emitCall } from "./openai-responses-items.js";
import { readResponseOutput } from "./openai-responses-output.js";
import { CALL_ITEM_TYPES } from "./openai-responses-shapes.js";
import { epochToIso } from "./shared/log-time.js";
import { nonEmptyStringAt, numberAt, recordAt, stringAt, type JsonObject } from "./shared/json-read.js";

/** Call items being streamed at once; past this the oldest is dropped (a log this tangled is broken anyway). */
const MAX_OPEN_ITEMS = 256;
const CUT_NOTE = "stream ended before this call was done";

type Emit = (event: LogEvent) => void;

interface ItemBuilder {
  item?: JsonObject;
  fragments: string;
  sawDelta: boolean;
  line: number;
}

/**
 * Re-joins a Responses stream's events into calls: `response.output_item.added` opens a call item,
 * `response.function_call_arguments.delta` (or `custom_tool_call_input.delta`) fragments are
 * concatenated byte for byte, `response.output_item.done` emits it, and `response.completed` /
 * `.incomplete` / `.failed` reads the final response (catching calls whose events were missing)
 * and closes whatever is still open as truncated. `response.created` starts a stream and gives
 * the model and the tools it echoes; several streams may follow one another in one file.
 */
export class ResponsesStreamJoiner {
  private stream: Omit<ResponsesContext, "emit" | "line"> | undefined;
  private streamId: string | undefined;
  private readonly items = new Map<string, ItemBuilder>();
  private readonly keyByIndex = new Map<number, string>();

  push(event: JsonObject, line: number, recordCtx: ResponsesContext, emit: Emit): void {
    const type = stringAt(event, "type") ?? "";
    switch (type) {
      case "response.created":
      case "response.in_progress":
      case "response.queued":
        this.start(recordAt(event, "response"), recordCtx, emit);
        return;
      case "response.output_item.added":
        this.open(event, line);
        return;
      case "response.function_call_arguments.delta":
      case "response.custom_tool_call_input.delta":
        this.append(event, line);
        return;
      case "response.output_item.done":
        this.done(event, line, recordCtx, emit);
        return;
      case "response.completed":
      case "response.incomplete":
      case "response.failed":
        this.complete(recordAt(event, "response"), line, recordCtx, emit);
        return;
      default:
    }
  }

  /** End of the log (or of a stored array of events): open calls were cut off. */
  finishAll(recordCtx: ResponsesContext, emit: Emit): void {
    this.flushOpen(recordCtx, emit);
    this.stream = undefined;
    this.streamId = undefined;
  }

  private start(response: JsonObject | undefined, recordCtx: ResponsesContext, emit: Emit): void {
    if (!response) return;
    const id = responseId(response);
    // A new response while calls of another are still open: that stream was cut off.
    if (id !== this.streamId && this.items.size > 0) this.flushOpen(recordCtx, emit);
    this.streamId = id;
    this.stream = streamContext(response, recordCtx);
  }

  private open(event: JsonObject, line: number): void {
    const item = recordAt(event, "item");
    if (!item || !CALL_ITEM_TYPES.has(stringAt(item, "type") ?? "")) return;
    const key = nonEmptyStringAt(item, "id") ?? `#${numberAt(event, "output_index") ?? this.items.size}`;
    if (this.items.size >= MAX_OPEN_ITEMS) {
      const oldest = this.items.keys().next();
      if (!oldest.done) this.items.delete(oldest.value);
    }
    this.items.set(key, { item, fragments: "", sawDelta: false, line });
    const index = numberAt(event, "output_index");
    if (index !== undefined) this.keyByIndex.set(index, key);
  }

  private append(event: JsonObject, line: number): void {
    const delta = event.delta;
    if (typeof delta !== "string") return;
    const key = this.keyOf(event);
    let builder = this.items.get(key);
    if (!builder) {
      builder = { fragments: "", sawDelta: false, line };
      this.items.set(key, builder);
    }
    builder.fragments += delta;
    builder.sawDelta = true;
  }

  private done(event: JsonObject, line: number, recordCtx: ResponsesContext, emit: Emit): void {
    const item = recordAt(event, "item");
    if (!item || !CALL_ITEM_TYPES.has(stringAt(item, "type") ?? "")) return;
    const key = nonEmptyStringAt(item, "id") ?? this.keyOf(event);
    const builder = this.items.get(key);
    this.items.delete(key);
    const parts = callParts(item, builder?.sawDelta ? builder.fragments : undefined);
    if (!parts) return;
    const final = item.type === "custom_tool_call" ? item.input : item.arguments;
    const notes = builder?.sawDelta && typeof final === "string" && final !== builder.fragments ? ["streamed fragments differ from the final item's arguments"] : undefined;
    emitCall(parts, this.context(builder?.line ?? line, recordCtx, emit), { ...(notes && { notes }) });
  }

  private complete(response: JsonObject | undefined, line: number, recordCtx: ResponsesContext, emit: Emit): void {
    if (response) {
      this.stream = streamContext(response, recordCtx, this.stream);
      // A call still open here started streaming earlier: point at where it started.
      const lineOf = (item: JsonObject): number | undefined => {
        const id = nonEmptyStringAt(item, "id");
        return id !== undefined ? this.items.get(id)?.line : undefined;
      };
      readResponseOutput(response, this.context(line, recordCtx, emit), lineOf);
    }
    this.flushOpen(recordCtx, emit);
    this.stream = undefined;
    this.streamId = undefined;
  }

  private flushOpen(recordCtx: ResponsesContext, emit: Emit): void {
    for (const builder of this.items.values()) {
      const parts = builder.item
        ? callParts(builder.item, builder.fragments)
        : { callId: "", synthetic: true, tool: "", arguments: builder.fragments, recorded: true, notes: [], incomplete: true, freeText: false };
      // emitCall emits it unless it was sighted already.
      if (!parts || parts.callId === "") continue;
      emitCall(parts, this.context(builder.line, recordCtx, emit), { truncated: true, notes: [CUT_NOTE] });
    }
    this.items.clear();
    this.keyByIndex.clear();
  }

  private keyOf(event: JsonObject): string {
    const id = nonEmptyStringAt(event, "item_id");
    if (id !== undefined) return id;
    const index = numberAt(event, "output_index");
    return (index !== undefined ? this.keyByIndex.get(index) : undefined) ?? `#${index ?? 0}`;
  }

  private context(line: number, recordCtx: ResponsesContext, emit: Emit): ResponsesContext {
    return { ...recordCtx, ...this.stream, line, emit };
  }
}

/** Model, time, echoed tools and chain key of the response a stream is about. */
function streamContext(response: JsonObject, recordCtx: ResponsesContext, previous?: Omit<ResponsesContext, "emit" | "line">): Omit<ResponsesContext, "emit" | "line"> {
  const model = stringAt(response, "model") ?? previous?.model ?? recordCtx.model;
  const time = epochToIso(numberAt(response, "created_at")) ?? previous?.time ?? recordCtx.time;
  const advertised = recordCtx.advertised ?? internedTools(response, recordCtx.state) ?? previous?.advertised ?? recordCtx.bareRequestTools;
  const conversation = conversationParam(response) ?? recordCtx.state.chains.record(responseId(response), previousResponseId(response)) ?? previous?.conversation;
  return {
    state: recordCtx.state,
    ...(model !== undefined && { model }),
    ...(time !== undefined && { time }),
    ...(advertised && { advertised }),
    ...(conversation !== undefined && { conversation }),
  };
}
