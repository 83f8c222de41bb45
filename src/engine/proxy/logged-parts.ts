import type { IncomingMessage } from "node:http";
import type { TappedBody } from "./body-tap.js";
import type { HeaderRecord, LoggedRequest, LoggedResponse } from "./exchange-record.js";
import { headerRecord } from "./forward-headers.js";
import { redactBody, redactChunks, redactHeaders, redactPath } from "./redact-exchange.js";
import type { SecretScrub } from "./secret-scrub.js";
import type { StreamCapture } from "./stream-capture.js";

/** A body as the log keeps it: parsed when it is JSON (so the adapters see the payload), else its text. */
function bodyValue(text: string): unknown {
  const first = text.trimStart()[0];
  if (first === "{" || first === "[") {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      // Cut off by the size limit, or not JSON after all: kept as text.
    }
  }
  return text;
}

function bodyFields(tapped: TappedBody | undefined, scrub: SecretScrub): { body?: unknown; bodyNote?: string } {
  if (!tapped || tapped.bytes === 0) return {};
  return {
    ...(tapped.text !== "" && { body: redactBody(bodyValue(tapped.text), scrub) }),
    ...(tapped.note !== undefined && { bodyNote: tapped.note }),
  };
}

export function loggedRequest(req: IncomingMessage, tapped: TappedBody | undefined, scrub: SecretScrub): LoggedRequest {
  const path = redactPath(req.url ?? "/", scrub);
  return { method: req.method ?? "GET", path, headers: redactHeaders(headerRecord(req.headers), scrub), ...bodyFields(tapped, scrub) };
}

type ResponseBody = { stream: ReturnType<StreamCapture["end"]> } | { tap: TappedBody } | { made: unknown };

export function loggedResponse(status: number, headers: HeaderRecord, body: ResponseBody, scrub: SecretScrub): LoggedResponse {
  const logged: LoggedResponse = { status, headers: redactHeaders(headers, scrub) };
  if ("stream" in body) {
    const { chunks, done, assembled, note } = body.stream;
    // Chunks before the assembled completion: readers meet the raw deltas first.
    if (chunks) logged.chunks = redactChunks(chunks, scrub);
    // `[DONE]` ends chat streams; Responses API streams end with their own `response.completed` event.
    if (done || assembled !== undefined) logged.done = done;
    if (assembled !== undefined) logged.assembled = redactBody(assembled, scrub);
    if (note !== undefined) logged.bodyNote = note;
  } else if ("tap" in body) {
    Object.assign(logged, bodyFields(body.tap, scrub));
  } else if (body.made !== undefined) {
    logged.body = body.made;
  }
  return logged;
}
