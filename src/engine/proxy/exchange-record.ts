/**
 * One proxied exchange as it is appended to the log: an `openai-chat` line the log adapters read
 * by payload shape (the request body is a chat request; the response body a chat completion, or
 * the stream's chunks followed by the completion assembled from them).
 */
export type HeaderRecord = Record<string, string | string[]>;

export interface LoggedRequest {
  method: string;
  /** Path and query as the client sent them (secret query values redacted). */
  path: string;
  headers: HeaderRecord;
  /** Parsed JSON when the body is JSON, else its text; absent when there was none. */
  body?: unknown;
  /** Set when the body was not logged whole (too large, or binary). */
  bodyNote?: string;
}

export interface LoggedResponse {
  status: number;
  headers: HeaderRecord;
  /** A non-streamed body: parsed JSON, else text. */
  body?: unknown;
  bodyNote?: string;
  /** A streamed (SSE) body: each event's data, parsed when JSON, in arrival order. */
  chunks?: unknown[];
  /** Chat streams: whether the stream ended with `data: [DONE]`. */
  done?: boolean;
  /** The stream re-assembled into the `chat.completion` a non-streamed request would have returned. */
  assembled?: unknown;
}

/** Why an exchange did not complete normally. */
export type ExchangeErrorKind = "upstream_unreachable" | "upstream_timeout" | "upstream_closed" | "request_rejected" | "client_closed" | "proxy_stopped";

export interface ExchangeRecord {
  ts: string;
  request: LoggedRequest;
  /** What the client received (a 502/504 the proxy made up included). Absent if nothing was sent. */
  response?: LoggedResponse;
  error?: { kind: ExchangeErrorKind; message: string };
  /** From the request's arrival to the response's last byte (or the failure), to 0.1 ms. */
  durationMs: number;
}
