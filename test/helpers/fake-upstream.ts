import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** A request exactly as the fake upstream received it. */
export interface ReceivedRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  rawHeaders: string[];
  body: Buffer;
}

export interface ScriptedCall {
  id: string;
  name: string;
  /** The raw arguments string; streamed, it is cut into `fragments` pieces. */
  arguments: string;
}

export type Responder = (req: ReceivedRequest, res: ServerResponse) => void | Promise<void>;

export interface FakeUpstream {
  url: string;
  port: number;
  received: ReceivedRequest[];
  /** What the next requests get; the default answers chat completions with `calls`, streamed when asked. */
  respond: Responder;
  close(): Promise<void>;
}

export const DEFAULT_CALLS: ScriptedCall[] = [{ id: "call_fake_1", name: "get_invoice_status", arguments: '{"id":"INV-123"}' }];

export function completionFor(calls: readonly ScriptedCall[], model = "gpt-fake"): Record<string, unknown> {
  return {
    id: "chatcmpl-fake",
    object: "chat.completion",
    created: 1_764_547_200,
    model,
    choices: [
      {
        index: 0,
        message: { role: "assistant", content: null, refusal: null, tool_calls: calls.map((c) => ({ id: c.id, type: "function", function: { name: c.name, arguments: c.arguments } })) },
        finish_reason: "tool_calls",
        logprobs: null,
      },
    ],
    usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 },
  };
}

/** The chunks a provider streams for `calls`: a role chunk, then each call's id and name, then its arguments in pieces. */
export function chunksFor(calls: readonly ScriptedCall[], model = "gpt-fake", fragments = 3): Record<string, unknown>[] {
  const chunk = (delta: Record<string, unknown>, finish: string | null = null) => ({
    id: "chatcmpl-fake-stream",
    object: "chat.completion.chunk",
    created: 1_764_547_200,
    model,
    choices: [{ index: 0, delta, finish_reason: finish, logprobs: null }],
  });
  const out = [chunk({ role: "assistant", content: null })];
  calls.forEach((call, index) => {
    out.push(chunk({ tool_calls: [{ index, id: call.id, type: "function", function: { name: call.name, arguments: "" } }] }));
    const size = Math.max(1, Math.ceil(call.arguments.length / fragments));
    for (let i = 0; i < call.arguments.length; i += size) out.push(chunk({ tool_calls: [{ index, function: { arguments: call.arguments.slice(i, i + size) } }] }));
  });
  out.push(chunk({}, "tool_calls"));
  return out;
}

export const sseOf = (chunks: readonly unknown[], done = true): string => chunks.map((c) => `data: ${JSON.stringify(c)}\n\n`).join("") + (done ? "data: [DONE]\n\n" : "");

/** Writes SSE events one by one, waiting for `between()` before each after the first. */
export async function streamEvents(res: ServerResponse, chunks: readonly unknown[], between: () => Promise<void> = () => Promise.resolve()): Promise<void> {
  res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
  for (let i = 0; i < chunks.length; i++) {
    if (i > 0) await between();
    res.write(`data: ${JSON.stringify(chunks[i])}\n\n`);
  }
  await between();
  res.end("data: [DONE]\n\n");
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { "content-type": "application/json", ...headers }).end(JSON.stringify(body));
}

/** The default: chat completions answered with DEFAULT_CALLS (streamed when the request says so), anything else a 404. */
export const chatResponder: Responder = async (req, res) => {
  if (req.method !== "POST" || !req.url.split("?")[0]?.endsWith("/chat/completions")) {
    sendJson(res, 404, { error: { message: `no route ${req.method} ${req.url}`, type: "invalid_request_error", param: null, code: null } });
    return;
  }
  const body = JSON.parse(req.body.toString("utf8")) as { stream?: boolean; model?: string };
  if (body.stream) await streamEvents(res, chunksFor(DEFAULT_CALLS, body.model));
  else sendJson(res, 200, completionFor(DEFAULT_CALLS, body.model));
};

/** A local OpenAI-compatible upstream on 127.0.0.1 (random port) that records what it receives. */
export async function startFakeUpstream(respond: Responder = chatResponder): Promise<FakeUpstream> {
  const received: ReceivedRequest[] = [];
  const upstream: FakeUpstream = { url: "", port: 0, received, respond, close: () => Promise.resolve() };
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const parts: Buffer[] = [];
    req.on("data", (chunk: Buffer) => parts.push(chunk));
    req.on("end", () => {
      const got: ReceivedRequest = { method: req.method ?? "", url: req.url ?? "", headers: req.headers, rawHeaders: req.rawHeaders, body: Buffer.concat(parts) };
      received.push(got);
      Promise.resolve(upstream.respond(got, res)).catch((error: unknown) => {
        if (!res.headersSent) sendJson(res, 500, { error: { message: String(error) } });
        else res.destroy();
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  upstream.port = port;
  upstream.url = `http://127.0.0.1:${port}`;
  upstream.close = () =>
    new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return upstream;
}

/** A port nothing listens on: bound, read, released. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}
