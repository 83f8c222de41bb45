// A local OpenAI-compatible server for tests: /v1/chat/completions on 127.0.0.1, streamed (SSE) or
// not, with tool-call arguments sent in fragments split wherever the test says. Reused by the TUI tests.
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface FakeToolCall {
  id: string;
  name: string;
  /** The raw arguments string; the joined fragments must equal it. */
  arguments: string;
  /** How `arguments` is streamed; default pieces of 5 characters (splitting keys and values). */
  fragments?: string[];
}

export interface FakeTurn {
  content?: string | null;
  toolCalls?: FakeToolCall[];
}

export interface FakeOpenAIOptions {
  /** Answers in order; past the end, a plain text answer "done". */
  turns?: FakeTurn[];
  /** Requests must carry `Authorization: Bearer <apiKey>`, else 401. */
  apiKey?: string;
  /** Known models; another is a 404 model_not_found. Default: any model. */
  models?: string[];
  /** Fail every request with this status (429, 500…). */
  failWith?: number;
  /** Wait this long before each streamed chunk (slow models). */
  chunkDelayMs?: number;
  /** Stream the fragments of parallel calls interleaved (call 0, call 1, call 0, …), as servers may. */
  interleave?: boolean;
}

export interface RecordedRequest {
  path: string;
  headers: IncomingHttpHeaders;
  body: { model?: string; stream?: boolean; messages?: unknown[]; tools?: unknown[] } & Record<string, unknown>;
}

export interface FakeOpenAIServer {
  /** The base URL to give the SDK: http://127.0.0.1:PORT/v1 */
  baseURL: string;
  port: number;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

const errorBody = (message: string, type: string, code: string | null) => JSON.stringify({ error: { message, type, param: null, code } });

export function splitEvery(text: string, size: number): string[] {
  const parts: string[] = [];
  for (let i = 0; i < text.length; i += size) parts.push(text.slice(i, i + size));
  return parts.length > 0 ? parts : [""];
}

export async function startFakeOpenAI(options: FakeOpenAIOptions = {}): Promise<FakeOpenAIServer> {
  const requests: RecordedRequest[] = [];
  let answered = 0;
  const server: Server = createServer((req, res) => {
    let raw = "";
    req.setEncoding("utf8");
    req.on("data", (chunk: string) => (raw += chunk));
    req.on("end", () => {
      void (async () => {
        let body: RecordedRequest["body"] = {};
        try {
          body = JSON.parse(raw || "{}") as RecordedRequest["body"];
        } catch {
          // Recorded as empty; the status below says what went wrong.
        }
        requests.push({ path: req.url ?? "", headers: req.headers, body });
        const json = (status: number, text: string, headers: Record<string, string> = {}) => {
          res.writeHead(status, { "content-type": "application/json", ...headers });
          res.end(text);
        };
        if (req.method !== "POST" || req.url !== "/v1/chat/completions") return json(404, errorBody(`Unknown path ${req.url}`, "invalid_request_error", null));
        if (options.apiKey !== undefined && req.headers.authorization !== `Bearer ${options.apiKey}`) {
          return json(401, errorBody("Incorrect API key provided: sk-fa****. You can find your API key at https://platform.openai.com/account/api-keys.", "invalid_request_error", "invalid_api_key"));
        }
        if (options.models !== undefined && !options.models.includes(String(body.model))) {
          return json(404, errorBody(`The model \`${String(body.model)}\` does not exist or you do not have access to it.`, "invalid_request_error", "model_not_found"));
        }
        if (options.failWith === 429) return json(429, errorBody("Rate limit reached for requests", "requests", "rate_limit_exceeded"), { "retry-after": "20" });
        if (options.failWith !== undefined) return json(options.failWith, errorBody("The server had an error while processing your request.", "server_error", null));
        const turn = options.turns?.[answered] ?? { content: "done" };
        answered++;
        const model = String(body.model ?? "fake-model");
        if (body.stream === true) await streamTurn(res, turn, model, options.chunkDelayMs ?? 0, options.interleave === true);
        else json(200, JSON.stringify(completion(turn, model)));
      })();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    port,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function completion(turn: FakeTurn, model: string) {
  const calls = turn.toolCalls ?? [];
  return {
    id: "chatcmpl-fake",
    object: "chat.completion",
    created: 1_700_000_000,
    model,
    choices: [
      {
        index: 0,
        message: {
          role: "assistant",
          content: turn.content ?? null,
          ...(calls.length > 0 ? { tool_calls: calls.map((c) => ({ id: c.id, type: "function", function: { name: c.name, arguments: c.arguments } })) } : {}),
        },
        finish_reason: calls.length > 0 ? "tool_calls" : "stop",
      },
    ],
  };
}

async function streamTurn(res: ServerResponse, turn: FakeTurn, model: string, delayMs: number, interleave: boolean): Promise<void> {
  res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache", connection: "keep-alive" });
  const chunk = async (delta: Record<string, unknown>, finish: string | null = null) => {
    if (delayMs > 0) await new Promise((r) => setTimeout(r, delayMs));
    const data = { id: "chatcmpl-fake", object: "chat.completion.chunk", created: 1_700_000_000, model, choices: [{ index: 0, delta, finish_reason: finish }] };
    res.write(`data: ${JSON.stringify(data)}\n\n`);
  };
  await chunk({ role: "assistant", content: turn.content === undefined || turn.content === null ? null : "" });
  if (typeof turn.content === "string") for (const piece of splitEvery(turn.content, 7)) await chunk({ content: piece });
  const calls = turn.toolCalls ?? [];
  // The id and name come once, on the first delta of a call; later deltas carry only the index.
  const first = (index: number, call: FakeToolCall) => chunk({ tool_calls: [{ index, id: call.id, type: "function", function: { name: call.name, arguments: "" } }] });
  const pieces = calls.map((call) => call.fragments ?? splitEvery(call.arguments, 5));
  if (interleave) {
    for (const [index, call] of calls.entries()) await first(index, call);
    for (let round = 0; pieces.some((list) => round < list.length); round++) {
      for (const [index, list] of pieces.entries()) {
        const piece = list[round];
        if (piece !== undefined) await chunk({ tool_calls: [{ index, function: { arguments: piece } }] });
      }
    }
  } else {
    for (const [index, call] of calls.entries()) {
      await first(index, call);
      for (const piece of pieces[index] ?? []) await chunk({ tool_calls: [{ index, function: { arguments: piece } }] });
    }
  }
  await chunk({}, calls.length > 0 ? "tool_calls" : "stop");
  res.write("data: [DONE]\n\n");
  res.end();
}

/** A port with nothing listening on it (for connection refused). */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
