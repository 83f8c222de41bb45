import type { AdvertisedTool, LogAdapter, LogEvent, LogReader } from "../log-events.js";
import { AdvertisedInterner } from "./shared/intern-advertised.js";
import { anthropicScore } from "./anthropic-shapes.js";
import { classifyChatPayload, scoreChatPayload } from "./openai-chat-shapes.js";
import { BoundedMap } from "./shared/bounded-id-set.js";

/**
 * Responses whose calls are remembered until the request continuing them: it comes right after
 * its response in a conversation, so a few per conversation running at once is all it takes.
 */
const MAX_AWAITING_RESPONSES = 1_000;
import { conversationParam, internedTools, previousResponseId, responseId, ResponseChains, type AwaitedCall, type ResponsesContext, type ResponsesReaderState } from "./openai-responses-context.js";
import { readResponsesInput } from "./openai-responses-input.js";
import { callParts, emitCall, emitOutputItem } from "./openai-responses-items.js";
import { readResponseOutput } from "./openai-responses-output.js";
import { classifyResponsesPayload, isStreamEvent, scoreResponsesPayload, OUTPUT_ITEM_TYPES, type ResponsesPayloadKind } from "./openai-responses-shapes.js";
import { ResponsesStreamJoiner } from "./openai-responses-stream.js";
import { detectFromHead, type TextMarker } from "./shared/detect-text.js";
import { EventDedupe } from "./shared/event-dedupe.js";
import { bestPayloadScore, findPayloads, type FlattenedKinds, type FoundPayload } from "./shared/find-payloads.js";
import { arrayAt, isRecord, numberAt, stringAt, type JsonObject } from "./shared/json-read.js";
import { createRecordFramer, type FramedItem } from "./shared/json-record-framer.js";
import { envelopeTime, epochToIso, isoFromText } from "./shared/log-time.js";
import { describeUnknownRecord, guardRecord } from "./shared/record-errors.js";
import { MAX_RECORD_CHARS } from "./shared/framed-item.js";

/** Text markers for a head that ends inside a pretty-printed Responses document. */
const RESPONSES_MARKERS: readonly TextMarker[] = [
  [/"object"\s*:\s*"response"/, 0.9],
  [/"type"\s*:\s*"response\.[a-z_.]+"/, 0.9],
  [/"type"\s*:\s*"function_call(?:_output)?"/, 0.6],
];

/**
 * OpenAI Responses API logs: response objects, requests with `input[]` items, streamed events
 * (one per line, SSE, or stored arrays), and lone call/output items, under any envelope.
 */
export const openaiResponsesAdapter: LogAdapter = {
  format: "openai-responses",
  detect: detectResponses,
  detectText: (head) => detectFromHead(head, detectResponses, RESPONSES_MARKERS),
  // A line over 4 MB is skipped unread: a record may be no longer (MAX_RECORD_CHARS; in bytes here).
  maxLineBytes: MAX_RECORD_CHARS,
  createReader: createResponsesReader,
};

/** A request's own keys: a record shaped as a request is read past them, for the response it may hold beside them (see openai-chat). */
const FLATTENED: FlattenedKinds<ResponsesPayloadKind> = { request: new Set(["input", "tools", "instructions"]) };

function detectResponses(record: unknown): number {
  return bestPayloadScore(record, scoreResponsesPayload);
}

function createResponsesReader(file: string): LogReader {
  const framer = createRecordFramer();
  const state: ResponsesReaderState = { file, dedupe: new EventDedupe(), chains: new ResponseChains(), awaiting: new BoundedMap<readonly AwaitedCall[]>(MAX_AWAITING_RESPONSES), tools: new AdvertisedInterner() };
  const joiner = new ResponsesStreamJoiner();
  /**
   * The tools of the latest request logged without its response (a bare request line), for the
   * response logged on its own after it when that one does not echo them: a response takes them;
   * stream events keep them until the next record holding a request or a response.
   */
  let bareRequestTools: AdvertisedTool[] | undefined;
  let lastLine = 1;

  const readRecord = (value: unknown, line: number, prefix: string | undefined, emit: (event: LogEvent) => void): boolean => {
    const found = findPayloads(value, classifyResponsesPayload, FLATTENED);
    if (found.length === 0) return false;
    const time = envelopeTime(value) ?? (prefix ? isoFromText(prefix) : undefined);
    const ctx = recordContext(found, state, line, time, emit);
    const hasRequest = found.some((payload) => payload.kind === "request");
    const hasResponse = found.some((payload) => payload.kind === "response");
    if (hasRequest) bareRequestTools = found.some((payload) => payload.kind !== "request") ? undefined : ctx.advertised;
    else if (bareRequestTools !== undefined) {
      ctx.bareRequestTools = bareRequestTools;
      if (hasResponse) bareRequestTools = undefined;
    }
    for (const { kind, value: payload } of found) {
      if (kind === "request" && isRecord(payload)) readRequest(payload, ctx);
    }
    for (const { kind, value: payload } of found) {
      if (kind === "response" && isRecord(payload)) readResponseOutput(payload, responseContext(payload, ctx));
      else if (kind === "event" && isRecord(payload)) joiner.push(payload, line, ctx, emit);
      else if (kind === "events" && Array.isArray(payload)) readEventArray(payload, ctx);
      else if (kind === "item" && isRecord(payload)) readLoneItem(payload, ctx);
    }
    return true;
  };

  const onItem = (item: FramedItem, emit: (event: LogEvent) => void): void => {
    if (item.kind === "error") emit(item);
    if (item.kind !== "record") return; // SSE [DONE] is chat's; Responses streams end with response.completed
    guardRecord(item.line, emit, () => {
      const { value } = item;
      const elements = Array.isArray(value) && !(value.length > 0 && isStreamEvent(value[0])) ? value : [value];
      let readAny = false;
      for (const element of elements) if (readRecord(element, item.line, item.prefix, emit)) readAny = true;
      if (!readAny) emit({ kind: "error", line: item.line, message: unknownMessage(value) });
    });
  };

  return {
    line(text, line, emit) {
      lastLine = line;
      guardRecord(line, emit, () => framer.push(text, line, (item) => onItem(item, emit)));
    },
    end(emit) {
      guardRecord(lastLine, emit, () => {
        framer.end((item) => onItem(item, emit));
        joiner.finishAll({ state, line: lastLine, emit }, emit);
      });
    },
    // Chains, the calls emitted and those owed outputs carry over to the next part of the log.
    nextFile(next) {
      state.file = next;
      lastLine = 1;
      bareRequestTools = undefined;
    },
  };
}

/**
 * What the record's calls share. A record pairing a request with its response takes the
 * response's chain key for both, so the input's calls and the new calls land in one conversation.
 */
function recordContext(found: FoundPayload<ResponsesPayloadKind>[], state: ResponsesReaderState, line: number, time: string | undefined, emit: (event: LogEvent) => void): ResponsesContext {
  const ctx: ResponsesContext = { state, line, emit, ...(time !== undefined && { time }) };
  const request = found.find((payload) => payload.kind === "request")?.value;
  const response = found.find((payload) => payload.kind === "response")?.value;
  if (isRecord(request)) {
    const advertised = internedTools(request, state);
    if (advertised) ctx.advertised = advertised;
    const model = stringAt(request, "model");
    if (model !== undefined) ctx.model = model;
    const previous = previousResponseId(request);
    const conversation = conversationParam(request) ?? (previous !== undefined ? state.chains.keyFor(previous) : undefined);
    if (conversation !== undefined) ctx.conversation = conversation;
    if (isRecord(response) && ctx.conversation === undefined) {
      const key = state.chains.record(responseId(response), previousResponseId(response) ?? previous);
      if (key !== undefined) ctx.conversation = key;
    }
  }
  return ctx;
}

function readRequest(request: JsonObject, ctx: ResponsesContext): void {
  const previous = previousResponseId(request);
  // The calls of the response this request continues, when the log holds it: its input must answer them.
  const owed = previous !== undefined ? ctx.state.awaiting.get(previous) : undefined;
  // A text input is one user message.
  const input = arrayAt(request, "input") ?? (typeof request.input === "string" ? [{ role: "user", content: request.input }] : undefined);
  if (!input) return;
  // Outputs may answer calls stored server-side; judge orphans only when the whole chain is in the file.
  const canJudge = conversationParam(request) === undefined && (previous === undefined || ctx.state.chains.has(previous));
  readResponsesInput(input, canJudge, ctx, owed);
}

function responseContext(response: JsonObject, ctx: ResponsesContext): ResponsesContext {
  const model = stringAt(response, "model") ?? ctx.model;
  const time = epochToIso(numberAt(response, "created_at")) ?? ctx.time;
  const advertised = ctx.advertised ?? internedTools(response, ctx.state) ?? ctx.bareRequestTools;
  const conversation = conversationParam(response) ?? ctx.state.chains.record(responseId(response), previousResponseId(response), ctx.conversation);
  return {
    ...ctx,
    ...(model !== undefined && { model }),
    ...(time !== undefined && { time }),
    ...(advertised && { advertised }),
    ...(conversation !== undefined && { conversation }),
  };
}

/** A stored array of events is a whole stream: it ends with the array. */
function readEventArray(events: readonly unknown[], ctx: ResponsesContext): void {
  const joiner = new ResponsesStreamJoiner();
  for (const event of events) if (isRecord(event)) joiner.push(event, ctx.line, ctx, ctx.emit);
  joiner.finishAll(ctx, ctx.emit);
}

/** A call or output item logged on its own: no history around it, so no conversation checks. */
function readLoneItem(item: JsonObject, ctx: ResponsesContext): void {
  if (OUTPUT_ITEM_TYPES.has(stringAt(item, "type") ?? "")) {
    const callId = stringAt(item, "call_id");
    emitOutputItem(item, callId !== undefined ? ctx.state.dedupe.toolOf(callId) : undefined, ctx);
    return;
  }
  const parts = callParts(item);
  if (parts) emitCall(parts, ctx);
}

function unknownMessage(value: unknown): string {
  // Anthropic requests are chat-shaped too (`model`, `messages`): the surer of the two is named.
  const anthropic = bestPayloadScore(value, (node) => (isRecord(node) && anthropicScore(node) > 0 ? { kind: "anthropic", confidence: anthropicScore(node) } : undefined));
  if (anthropic > 0.5 && anthropic >= bestPayloadScore(value, scoreChatPayload)) {
    return "an Anthropic Messages record, not the Responses API: read this file as anthropic";
  }
  if (findPayloads(value, classifyChatPayload).length > 0) {
    return "an OpenAI chat completions record, not the Responses API: read this file as openai-chat";
  }
  return describeUnknownRecord(value, "an OpenAI Responses request, response or stream event");
}
