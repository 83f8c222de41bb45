import type { AdvertisedTool, LogAdapter, LogEvent, LogReader } from "../log-events.js";
import { readRequest, readResponse, type MessagesContext } from "./anthropic-messages.js";
import { anthropicScore, isAnthropicSse, payloadKind, type AnthropicPayloadKind } from "./anthropic-shapes.js";
import { AnthropicStream } from "./anthropic-stream.js";
import { CallLedger } from "./shared/call-ledger.js";
import { framedReader } from "./shared/guard-reader.js";
import { AdvertisedInterner } from "./shared/intern-advertised.js";
import { createRecordFramer, type FramedItem, type JsonLineLimits } from "./shared/json-record-framer.js";
import { isRecord, parseJsonOrUndefined } from "./shared/loose-json.js";
import { envelopeTime } from "./shared/log-time.js";
import { walkEnvelope } from "./shared/walk-envelope.js";

/**
 * Anthropic Messages API logs: requests, responses, request/response pairs in any envelope, and
 * streamed events (JSON lines or SSE `data:` lines).
 */

type Payload = { kind: AnthropicPayloadKind; body: Record<string, unknown> } | { kind: "sse"; text: string };

/**
 * A request's own keys: a record shaped as a request is looked into past them, for the response a
 * logging proxy may have put beside them (`{model, messages, …, response}`).
 */
const REQUEST_KEYS: ReadonlySet<string> = new Set(["messages", "tools", "system"]);

/** Payloads inside an envelope, requests first so their tools reach the response of the same record. */
function findPayloads(record: unknown): Payload[] {
  const found: Payload[] = [];
  walkEnvelope(record, (node) => {
    if (typeof node === "string") {
      if (!isAnthropicSse(node)) return false;
      found.push({ kind: "sse", text: node });
      return true;
    }
    const kind = payloadKind(node);
    if (kind === undefined) return false;
    found.push({ kind, body: node });
    return kind === "request" ? REQUEST_KEYS : true;
  });
  return [...found.filter((payload) => payload.kind === "request"), ...found.filter((payload) => payload.kind !== "request")];
}

function detect(record: unknown): number {
  const first = Array.isArray(record) ? record[0] : record;
  if (isRecord(first)) {
    const direct = anthropicScore(first);
    if (direct > 0) return direct;
  }
  let best = 0;
  walkEnvelope(record, (node) => {
    const score = typeof node === "string" ? (isAnthropicSse(node) ? 0.9 : 0) : anthropicScore(node);
    best = Math.max(best, score);
    return score > 0;
  });
  // Found inside an envelope: a shade less sure than a bare payload.
  return best * 0.95;
}

function detectText(head: string): number {
  if (/^event:\s*(message_start|content_block_start)\s*$/m.test(head)) return 0.9;
  return /^data:\s*\{"type":\s*"(message_start|content_block_start)"/m.test(head) ? 0.85 : 0;
}

export function createAnthropicReader(file: string, limits: JsonLineLimits = {}): LogReader {
  let emit: (event: LogEvent) => void = () => undefined;
  // Calls are told apart by their text too: some servers number tool_use ids per conversation.
  const ledger = new CallLedger({ distinctCalls: true, scoped: true });
  const context: MessagesContext = { file, ledger, emit: (event) => emit(event), tools: new AdvertisedInterner() };
  // The tools of the latest request, for a response logged on its own just after it.
  let pendingTools: AdvertisedTool[] | undefined;
  const takeTools = (): AdvertisedTool[] | undefined => {
    const tools = pendingTools;
    pendingTools = undefined;
    return tools;
  };
  const stream = new AnthropicStream(context, takeTools);

  const readSse = (text: string, line: number): void => {
    for (const sseLine of text.split("\n")) {
      const data = /^data:\s?(.*)$/.exec(sseLine.trimEnd());
      const event = data?.[1] === undefined ? undefined : parseJsonOrUndefined(data[1]);
      const kind = isRecord(event) ? payloadKind(event) : undefined;
      if (kind !== undefined && isRecord(event)) readPayload({ kind, body: event }, line);
    }
  };

  const readPayload = (payload: Payload, line: number): void => {
    switch (payload.kind) {
      case "request":
        pendingTools = readRequest(payload.body, line, context);
        return;
      case "response":
        readResponse(payload.body, line, context, takeTools());
        return;
      case "event":
        stream.event(payload.body, line);
        return;
      case "error": {
        const error = payload.body.error as Record<string, unknown>;
        stream.interrupt(`the API sent an error event (${String(error.type)})`);
        return;
      }
      case "sse":
        readSse(payload.text, line);
        return;
    }
  };

  const readRecord = (record: unknown, line: number): void => {
    const payloads = Array.isArray(record) && record.every(isRecord) ? record.flatMap(findPayloads) : findPayloads(record);
    context.time = envelopeTime(record);
    if (payloads.length === 0) {
      emit({ kind: "error", line, message: "unrecognized record: not an Anthropic Messages request, response or stream event" });
      return;
    }
    for (const payload of payloads) readPayload(payload, line);
  };

  const framer = createRecordFramer({
    style: "plain",
    limits,
    // Raw SSE files: `event:` lines name what the following `data:` line carries.
    other: (text, line) => {
      if (/^(event|id|retry):|^:/.test(text)) return true;
      if (!text.startsWith("data:")) return false;
      const data = text.slice(5).trim();
      if (data === "[DONE]") return true;
      const event = parseJsonOrUndefined(data);
      if (event === undefined) emit({ kind: "error", line, message: "invalid JSON in SSE data line" });
      else readRecord(event, line);
      return true;
    },
  });
  const onItem = (item: FramedItem): void => {
    if (item.kind === "record") readRecord(item.value, item.line);
    else if (item.kind === "error") emit(item);
  };

  return framedReader(
    framer,
    onItem,
    (sink) => (emit = sink),
    () => stream.interrupt("the file ended mid-stream"),
    // The calls emitted and conversations read carry over to the next part of the log.
    (next) => {
      context.file = next;
      pendingTools = undefined;
    },
  );
}

export const anthropicAdapter: LogAdapter = {
  format: "anthropic",
  detect,
  detectText,
  createReader: (file) => createAnthropicReader(file),
};
