import type { LogEvent } from "../log-events.js";
import { chatCallEvent, chatSyntheticId, type ChatCallParts, type ChatRecordContext } from "./openai-chat-calls.js";
import { epochToIso } from "./shared/log-time.js";
import { arrayAt, isRecord, nonEmptyStringAt, numberAt, recordAt, safeStringify, stringAt, type JsonObject } from "./shared/json-read.js";

/** Streams open at once (interleaved in one log); past this the oldest is closed as cut off. */
const MAX_OPEN_STREAMS = 64;

/** One call being re-joined from deltas. */
interface CallBuilder {
  id?: string;
  name: string;
  arguments: string;
  recorded: boolean;
  legacy: boolean;
  line: number;
}

interface ChoiceBuilder {
  calls: CallBuilder[];
  byIndex: Map<number, CallBuilder>;
  last?: CallBuilder;
}

interface OpenStream {
  model?: string;
  time?: string;
  ctx: ChatRecordContext;
  choices: Map<number, ChoiceBuilder>;
}

type Emit = (event: LogEvent) => void;

/** How a stream ended: `finish_reason` given, `[DONE]`/end of a stored array, or the log just stopped. */
export type StreamEnd = { kind: "finish"; reason: string } | { kind: "done" } | { kind: "eof" };

/**
 * Re-joins streamed `chat.completion.chunk`s into calls. Fragments of `tool_calls[].function.arguments`
 * are concatenated byte for byte per call, keyed by `index` (which may start at 1). Quirks handled:
 * deltas with no `index` (Mistral: a new `id` starts a new call, otherwise the delta continues the
 * last one), a later delta repeating `"name":""` with no id (ignored, never overwrites), a new id
 * arriving on an index already in use (a provider numbering every call 0: a new call), empty
 * fragments, and reasoning/content deltas around the call. Only streams with tool deltas are kept,
 * and each is dropped as soon as its choices finish, so memory stays bounded.
 */
export class ChatStreamJoiner {
  private readonly streams = new Map<string, OpenStream>();

  /** Feeds one chunk; `ctx` describes the record it came in (used when its stream starts). */
  push(chunk: JsonObject, line: number, ctx: ChatRecordContext, emit: Emit): void {
    const key = stringAt(chunk, "id") ?? "";
    const choices = arrayAt(chunk, "choices");
    if (!choices) return;
    for (const choice of choices) {
      if (!isRecord(choice)) continue;
      const index = numberAt(choice, "index") ?? 0;
      const delta = recordAt(choice, "delta");
      const toolDeltas = delta && Array.isArray(delta.tool_calls) ? delta.tool_calls : undefined;
      const legacyDelta = delta ? recordAt(delta, "function_call") : undefined;
      if ((toolDeltas && toolDeltas.length > 0) || legacyDelta) {
        const builder = this.choiceBuilder(key, index, chunk, ctx, emit);
        if (toolDeltas) for (const toolDelta of toolDeltas) if (isRecord(toolDelta)) mergeToolDelta(builder, toolDelta, line);
        if (legacyDelta) mergeLegacyDelta(builder, legacyDelta, line);
      }
      const finish = stringAt(choice, "finish_reason");
      if (finish !== undefined) this.finishChoice(key, index, { kind: "finish", reason: finish }, emit);
    }
  }

  /** Closes every open stream: `done` after `[DONE]` or a stored array, `eof` when the log ends. */
  finishAll(end: StreamEnd, emit: Emit): void {
    for (const [key, stream] of this.streams) {
      for (const index of [...stream.choices.keys()]) this.finishChoice(key, index, end, emit);
    }
    this.streams.clear();
  }

  private choiceBuilder(key: string, index: number, chunk: JsonObject, ctx: ChatRecordContext, emit: Emit): ChoiceBuilder {
    let stream = this.streams.get(key);
    if (!stream) {
      if (this.streams.size >= MAX_OPEN_STREAMS) this.evictOldest(emit);
      const model = stringAt(chunk, "model");
      const time = epochToIso(numberAt(chunk, "created"));
      stream = { ctx, choices: new Map(), ...(model !== undefined && { model }), ...(time !== undefined && { time }) };
      this.streams.set(key, stream);
    }
    let builder = stream.choices.get(index);
    if (!builder) {
      builder = { calls: [], byIndex: new Map() };
      stream.choices.set(index, builder);
    }
    return builder;
  }

  private evictOldest(emit: Emit): void {
    const oldest = this.streams.keys().next();
    if (oldest.done) return;
    const stream = this.streams.get(oldest.value);
    if (stream) for (const index of [...stream.choices.keys()]) this.finishChoice(oldest.value, index, { kind: "eof" }, emit);
    this.streams.delete(oldest.value);
  }

  private finishChoice(key: string, index: number, end: StreamEnd, emit: Emit): void {
    const stream = this.streams.get(key);
    const builder = stream?.choices.get(index);
    if (!stream || !builder) return;
    stream.choices.delete(index);
    if (stream.choices.size === 0) this.streams.delete(key);
    const notes: string[] = [];
    if (end.kind === "eof") notes.push("stream ended without finish_reason");
    else if (end.kind === "done") notes.push("stream had no finish_reason");
    const truncated = end.kind === "eof" || (end.kind === "finish" && end.reason === "length");
    const ctx = { ...stream.ctx, emit };
    const position = ctx.position ?? -1;
    let slot = 0;
    // A cut-off stream stopped inside its last call: the calls before it were complete.
    const cut = truncated ? builder.calls.at(-1) : undefined;
    for (const call of builder.calls) {
      const parts: ChatCallParts = { name: call.name, arguments: call.arguments, recorded: call.recorded, custom: false, ...(call.id !== undefined && { id: call.id }) };
      // The slot is the call's place among the turn's calls, as in the completed message.
      const callId = call.id ?? chatSyntheticId(position, call.legacy ? "function_call" : slot, parts);
      if (!call.legacy) slot++;
      if (ctx.dedupe.sighted(callId, parts.name, parts.arguments) !== undefined) continue;
      const extra = {
        line: call.line,
        truncated: call === cut,
        ...(notes.length > 0 && { notes }),
        ...(stream.model !== undefined && { model: stream.model }),
        ...(stream.time !== undefined && { time: stream.time }),
      };
      ctx.dedupe.call(chatCallEvent(parts, callId, call.legacy, ctx, extra), ctx.emit);
    }
  }
}

function mergeToolDelta(builder: ChoiceBuilder, delta: JsonObject, line: number): void {
  const id = nonEmptyStringAt(delta, "id");
  const index = numberAt(delta, "index");
  let call: CallBuilder | undefined;
  if (index !== undefined) {
    call = builder.byIndex.get(index);
    if (call && id !== undefined && call.id !== undefined && call.id !== id) call = undefined;
  } else {
    call = builder.last;
    if (call && id !== undefined && call.id !== undefined && call.id !== id) call = undefined;
  }
  if (!call) {
    call = { name: "", arguments: "", recorded: true, legacy: false, line };
    builder.calls.push(call);
    if (index !== undefined) builder.byIndex.set(index, call);
  }
  builder.last = call;
  if (id !== undefined && call.id === undefined) call.id = id;
  const fn = recordAt(delta, "function");
  if (fn) appendFunctionDelta(call, fn);
}

function mergeLegacyDelta(builder: ChoiceBuilder, delta: JsonObject, line: number): void {
  let call = builder.calls.find((candidate) => candidate.legacy);
  if (!call) {
    call = { name: "", arguments: "", recorded: true, legacy: true, line };
    builder.calls.push(call);
  }
  appendFunctionDelta(call, delta);
}

function appendFunctionDelta(call: CallBuilder, fn: JsonObject): void {
  const name = nonEmptyStringAt(fn, "name");
  if (name !== undefined && call.name === "") call.name = name;
  const fragment = fn.arguments;
  if (typeof fragment === "string") call.arguments += fragment;
  else if (fragment !== undefined && fragment !== null) {
    // Some gateways send parsed arguments: keep them, but say the raw text is not recorded.
    call.arguments += safeStringify(fragment);
    call.recorded = false;
  }
}
