import type { AdvertisedTool, LogAdapter, LogEvent, LogReader } from "../log-events.js";
import type { ChatRecordContext } from "./openai-chat-calls.js";
import { AdvertisedInterner } from "./shared/intern-advertised.js";
import { readChatHistory } from "./openai-chat-history.js";
import { readChatCompletion } from "./openai-chat-response.js";
import { scoreChatPayload, classifyChatPayload, isChunk, type ChatPayloadKind } from "./openai-chat-shapes.js";
import { ChatStreamJoiner } from "./openai-chat-stream.js";
import { ChatLineParser } from "./openai-chat-line-parser.js";
import type { HistorySplicer } from "./openai-chat-history-splice.js";
import { classifyResponsesPayload } from "./openai-responses-shapes.js";
import { readAdvertisedTools } from "./openai-tools.js";
import { detectFromHead, type TextMarker } from "./shared/detect-text.js";
import { EventDedupe } from "./shared/event-dedupe.js";
import { bestPayloadScore, findPayloads, type FlattenedKinds, type FoundPayload } from "./shared/find-payloads.js";
import { arrayAt, isRecord, stringAt, type JsonObject } from "./shared/json-read.js";
import { createRecordFramer, type FramedItem } from "./shared/json-record-framer.js";
import { envelopeTime, isoFromText } from "./shared/log-time.js";
import { describeUnknownRecord, guardRecord } from "./shared/record-errors.js";
import { MAX_RECORD_CHARS } from "./shared/framed-item.js";

/** Text markers for a head that ends inside a pretty-printed chat document. */
const CHAT_MARKERS: readonly TextMarker[] = [
  [/"object"\s*:\s*"chat\.completion(?:\.chunk)?"/, 0.9],
  [/"choices"\s*:\s*\[/, 0.5],
];

/**
 * OpenAI chat completions logs (SPEC §6): `{request, response}` pairs under any envelope names,
 * bare requests and responses, and streamed chunks (a chunk per line, a stored array of chunks,
 * SSE text, or SSE stored inside a record).
 */
export const openaiChatAdapter: LogAdapter = {
  format: "openai-chat",
  detect: detectChat,
  detectText: (head) => detectFromHead(head, detectChat, CHAT_MARKERS),
  // A line over 4 MB is skipped unread: a record may be no longer (MAX_RECORD_CHARS; in bytes here).
  maxLineBytes: MAX_RECORD_CHARS,
  createReader: createChatReader,
};

/**
 * A request's own keys: a record shaped as a request (LiteLLM's logging payload has `model` and
 * `messages` at its top) is read past them, for the response it may hold beside them. Detection
 * does not look there: the request alone says what the record is, and the response beside it
 * would outscore formats that nest one likewise (autogen_core's LLMCall event).
 */
const FLATTENED: FlattenedKinds<ChatPayloadKind> = { request: new Set(["messages", "tools", "functions"]) };

/** The best confidence among the chat payloads found anywhere in the record's envelope. */
function detectChat(record: unknown): number {
  return bestPayloadScore(record, scoreChatPayload);
}

function createChatReader(firstFile: string): LogReader {
  // The file being read: a rotated log's next part goes on with this reader (nextFile).
  let file = firstFile;
  const parser = new ChatLineParser();
  const history = parser.history;
  const framer = createRecordFramer({ parse: (text) => parser.parse(text) });
  const dedupe = new EventDedupe();
  const joiner = new ChatStreamJoiner();
  const interner = new AdvertisedInterner();
  /**
   * The tools of the latest request logged without its response (a bare request line): the
   * response logged on its own after it was made with them. A completion takes them; chunks keep
   * them for the rest of their stream, until the next record holding a request or completion.
   */
  let bareRequestTools: AdvertisedTool[] | undefined;
  let lastLine = 1;

  /** Reads one record; "reparse" (before emitting anything) when its history placeholder is not in a request it reads. */
  const readRecord = (value: unknown, line: number, prefix: string | undefined, emit: (event: LogEvent) => void): boolean | "reparse" => {
    if (Array.isArray(value) && value.length > 0 && isChunk(value[0])) {
      readChunkArray(value, { file, line, dedupe, emit }, emit);
      return true;
    }
    const found = findPayloads(value, classifyChatPayload, FLATTENED);
    if (history.spliced && !found.some((payload) => payload.kind === "request" && isRecord(payload.value) && history.resumeOf(arrayAt(payload.value, "messages") ?? []))) return "reparse";
    if (found.length === 0) return false;
    const ctx = recordContext(found, value, prefix, { file, line, dedupe, emit }, interner, history);
    const hasRequest = found.some((payload) => payload.kind === "request");
    const hasCompletion = found.some((payload) => payload.kind === "completion");
    if (hasRequest) bareRequestTools = hasCompletion || found.some((payload) => payload.kind !== "request") ? undefined : ctx.advertised;
    else {
      ctx.advertised ??= bareRequestTools;
      if (hasCompletion) bareRequestTools = undefined;
    }
    let first = true;
    for (const payload of found) {
      if (payload.kind !== "request" || !isRecord(payload.value)) continue;
      const messages = arrayAt(payload.value, "messages") ?? [];
      // The record's context already describes its first request; a second one brings its own tools and model.
      const state = readChatHistory(messages, first ? ctx : requestContext(payload.value, ctx), history.resumeOf(messages));
      if (first) history.remember(messages, state);
      first = false;
    }
    for (const payload of found) {
      if (payload.kind === "completion" && isRecord(payload.value)) readChatCompletion(payload.value, ctx);
      else if (payload.kind === "chunk" && isRecord(payload.value)) joiner.push(payload.value, line, ctx, emit);
      else if (payload.kind === "chunks" && Array.isArray(payload.value)) readChunkArray(payload.value, ctx, emit);
    }
    return true;
  };

  const onItem = (item: FramedItem, emit: (event: LogEvent) => void): void => {
    if (item.kind === "error") {
      emit(item);
    } else if (item.kind === "done") {
      joiner.finishAll({ kind: "done" }, emit);
    } else {
      guardRecord(item.line, emit, () => {
        let { value } = item;
        if (history.spliced) {
          // A spliced line is one object, read here; only if its placeholder is not where a request is read, it is read whole below.
          if (readRecord(value, item.line, item.prefix, emit) !== "reparse") return;
          const whole = parser.parseWhole();
          if (whole.ok) value = whole.value;
        }
        // A top-level array of records (not of chunks) is read element by element, each its own record.
        const elements = Array.isArray(value) && !(value.length > 0 && isChunk(value[0])) ? value : [value];
        let readAny = false;
        for (const element of elements) if (readRecord(element, item.line, item.prefix, emit)) readAny = true;
        if (!readAny) emit({ kind: "error", line: item.line, message: unknownMessage(value) });
      });
    }
  };

  return {
    line(text, line, emit) {
      lastLine = line;
      // Records the framer parses without the line parser (multi-line ones, text-prefixed ones) splice nothing.
      history.forget();
      guardRecord(line, emit, () => framer.push(text, line, (item) => onItem(item, emit)));
    },
    end(emit) {
      history.forget();
      guardRecord(lastLine, emit, () => {
        framer.end((item) => onItem(item, emit));
        joiner.finishAll({ kind: "eof" }, emit);
      });
    },
    // The calls emitted, histories remembered and ids seen carry over: the next part's first
    // requests repeat this one's last calls, and answer them.
    nextFile(next) {
      file = next;
      lastLine = 1;
      bareRequestTools = undefined;
    },
  };
}

/** A stored array of chunks is a whole stream: it ends with the array. */
function readChunkArray(chunks: readonly unknown[], ctx: ChatRecordContext, emit: (event: LogEvent) => void): void {
  const joiner = new ChatStreamJoiner();
  for (const chunk of chunks) if (isRecord(chunk)) joiner.push(chunk, ctx.line, ctx, emit);
  joiner.finishAll({ kind: "done" }, emit);
}

/**
 * What every call of a record shares: the tools and model of its (first) request, the history
 * length its response follows, and the envelope's time.
 */
function recordContext(
  found: FoundPayload<ChatPayloadKind>[],
  record: unknown,
  prefix: string | undefined,
  base: ChatRecordContext,
  interner: AdvertisedInterner,
  history: HistorySplicer,
): ChatRecordContext {
  // One literal with every field (unknown ones undefined): adding properties one by one to a
  // spread copy cost more than the rest of the record's context.
  const request = found.find((payload) => payload.kind === "request")?.value;
  let advertised: AdvertisedTool[] | undefined;
  let model: string | undefined;
  let position: number | undefined;
  if (isRecord(request)) {
    const holder = toolsHolder(request);
    advertised = interner.intern([holder.tools, holder.functions], () => readAdvertisedTools(holder));
    model = stringAt(request, "model");
    const messages = arrayAt(request, "messages");
    position = messages ? history.lengthOf(messages) : 0;
  }
  const time = envelopeTime(record) ?? (prefix ? isoFromText(prefix) : undefined);
  return { file: base.file, line: base.line, model, time, advertised, position, dedupe: base.dedupe, emit: base.emit };
}

/**
 * The object holding a request's tools: the request, or when it has none, a child object that
 * has them (a request flattened into a logging payload may keep its parameters apart, as LiteLLM's
 * `model_parameters`; found by shape, not by that name).
 */
function toolsHolder(request: JsonObject): JsonObject {
  if (Array.isArray(request.tools) || Array.isArray(request.functions)) return request;
  for (const key in request) {
    const child = request[key];
    if (isRecord(child) && (Array.isArray(child.tools) || Array.isArray(child.functions))) return child;
  }
  return request;
}

function requestContext(request: JsonObject, ctx: ChatRecordContext): ChatRecordContext {
  const advertised = readAdvertisedTools(toolsHolder(request)) ?? ctx.advertised;
  const model = stringAt(request, "model") ?? ctx.model;
  return { ...ctx, ...(advertised && { advertised }), ...(model !== undefined && { model }) };
}

function unknownMessage(value: unknown): string {
  if (findPayloads(value, classifyResponsesPayload).length > 0) {
    return "an OpenAI Responses API record, not chat completions: read this file as openai-responses";
  }
  const failed = apiError(value, 0)?.replace(/\s+/g, " ");
  if (failed !== undefined) return `a request that failed, with no call in it: the API answered "${failed.length > 200 ? `${failed.slice(0, 200)}…` : failed}"`;
  return describeUnknownRecord(value, "an OpenAI chat request, response or chunk");
}

/** The message of an API error body (`{"error": {"message": …}}`, as a batch output line holds for a failed request), near the record's top. */
function apiError(value: unknown, depth: number): string | undefined {
  if (!isRecord(value) || depth > 3) return undefined;
  const error = value.error;
  if (isRecord(error) && typeof error.message === "string") return error.message;
  for (const key in value) {
    const found = apiError(value[key], depth + 1);
    if (found !== undefined) return found;
  }
  return undefined;
}
