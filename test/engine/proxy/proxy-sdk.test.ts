import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import OpenAI from "openai";
import { afterEach, describe, expect, it } from "vitest";
import { chunksFor, closedPort, completionFor, DEFAULT_CALLS, sendJson, streamEvents, type Responder } from "../../helpers/fake-upstream.js";
import { startProxy } from "../../../src/engine/proxy/proxy-server.js";
import { openaiChatAdapter } from "../../../src/engine/logs/adapters/openai-chat.js";
import { readText } from "../logs/openai-read-log.js";
import { chatRequest, KEY, logLines, logText, readProxyLog, startRig, until, type Rig } from "./proxy-harness.js";

let rig: Rig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

describe("proxy between the openai SDK and an upstream", () => {
  it("forwards a non-streamed tool call intact and forwards method, path, query, headers and body unchanged", async () => {
    rig = await startRig();
    const client = rig.client.withOptions({ defaultQuery: { "api-version": "2024-10-21" }, defaultHeaders: { "X-Custom-Trace": "trace-42" } });
    const completion = await client.chat.completions.create(chatRequest);
    expect(completion).toEqual(completionFor(DEFAULT_CALLS));

    const got = rig.upstream.received[0];
    expect(got?.method).toBe("POST");
    expect(got?.url).toBe("/v1/chat/completions?api-version=2024-10-21");
    expect(got?.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(got?.headers["x-custom-trace"]).toBe("trace-42");
    expect(got?.headers.host).toBe(`127.0.0.1:${rig.upstream.port}`);
    expect(got?.body.toString("utf8")).toBe(rig.sentBodies[0]);

    await until(() => rig?.proxy.log.lines === 1);
    const [line] = logLines(rig.dir);
    expect(line).toMatchObject({ request: { method: "POST", path: "/chat/completions?api-version=2024-10-21", body: chatRequest }, response: { status: 200 } });
    expect(typeof line?.durationMs).toBe("number");
    const read = readProxyLog(rig.dir);
    expect(read.errors).toEqual([]);
    expect(read.calls).toEqual([expect.objectContaining({ callId: "call_fake_1", tool: "get_invoice_status", arguments: '{"id":"INV-123"}', model: "gpt-fake" })]);
    expect(read.calls[0]?.advertised?.map((t) => t.name)).toEqual(["get_invoice_status"]);
    expect(logText(rig.dir)).not.toContain("test-secret");
  });

  it("streams a tool call through: the SDK re-assembles it, the log keeps the chunks and the assembled completion", async () => {
    const calls = [
      { id: "call_s1", name: "get_invoice_status", arguments: '{"invoice_id":"INV-1"}' },
      { id: "call_s2", name: "get_invoice_status", arguments: '{"invoice_id": 7, "extra":true}' },
    ];
    rig = await startRig((_req, res) => streamEvents(res, chunksFor(calls, "gpt-fake", 4)));
    const stream = rig.client.chat.completions.stream({ ...chatRequest, stream: true });
    const final = await stream.finalChatCompletion();
    expect(final.choices[0]?.message.tool_calls?.map((c) => [c.id, c.function.arguments])).toEqual(calls.map((c) => [c.id, c.arguments]));

    await until(() => rig?.proxy.log.lines === 1);
    const [line] = logLines(rig.dir);
    const response = line?.response as { chunks: unknown[]; done: boolean; assembled: { choices: { message: { tool_calls: unknown[] } }[] } };
    expect(response.chunks).toEqual(chunksFor(calls, "gpt-fake", 4));
    expect(response.done).toBe(true);
    expect(response.assembled.choices[0]?.message.tool_calls).toEqual(calls.map((c) => ({ id: c.id, type: "function", function: { name: c.name, arguments: c.arguments } })));
    const read = readProxyLog(rig.dir);
    expect(read.errors).toEqual([]);
    expect(read.calls.map((c) => [c.callId, c.arguments, c.truncated ?? false])).toEqual(calls.map((c) => [c.id, c.arguments, false]));
    // The raw chunks alone give the same calls: the arguments are rebuilt from the deltas, not taken from the assembly.
    const chunksOnly = { ...line, response: { ...response, assembled: undefined } };
    expect(readText(openaiChatAdapter, `${JSON.stringify(chunksOnly)}\n`).calls.map((c) => [c.callId, c.arguments])).toEqual(calls.map((c) => [c.id, c.arguments]));
  });

  it("writes the first chunk to the client before the upstream has finished", async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    let upstreamDone = false;
    const chunks = chunksFor(DEFAULT_CALLS);
    rig = await startRig(async (_req, res) => {
      await streamEvents(res, chunks, () => gate);
      upstreamDone = true;
    });
    const stream = await rig.client.chat.completions.create({ ...chatRequest, stream: true });
    const iterator = stream[Symbol.asyncIterator]();
    const first = await iterator.next();
    expect(first.value).toEqual(chunks[0]);
    expect(upstreamDone).toBe(false);
    release();
    let rest = 0;
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) rest++;
    expect(rest).toBe(chunks.length - 1);
    expect(upstreamDone).toBe(true);
  });

  it("passes upstream errors through unchanged (status, headers, body) and logs them", async () => {
    const body = { error: { message: "Rate limit reached", type: "requests", param: null, code: "rate_limit_exceeded" } };
    rig = await startRig((_req, res) => sendJson(res, 429, body, { "x-ratelimit-remaining-requests": "0", "retry-after": "1" }));
    const error = await rig.client.chat.completions.create(chatRequest).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.APIError);
    expect((error as InstanceType<typeof OpenAI.APIError>).status).toBe(429);
    expect((error as InstanceType<typeof OpenAI.APIError>).error).toEqual(body.error);
    expect((error as InstanceType<typeof OpenAI.APIError>).headers?.get("x-ratelimit-remaining-requests")).toBe("0");
    await until(() => rig?.proxy.log.lines === 1);
    expect(logLines(rig.dir)[0]).toMatchObject({ response: { status: 429, body } });
  });

  it("answers 502 in the OpenAI error shape when the upstream is down, and logs it", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tooldbg-proxy-"));
    const port = await closedPort();
    const proxy = await startProxy({ upstream: new URL(`http://127.0.0.1:${port}/v1`), port: 0, outDir: dir, timeoutMs: 5_000 });
    try {
      const client = new OpenAI({ baseURL: proxy.url, apiKey: KEY, maxRetries: 0 });
      const error = (await client.chat.completions.create(chatRequest).catch((e: unknown) => e)) as InstanceType<typeof OpenAI.APIError>;
      expect(error.status).toBe(502);
      expect(error.message).toMatch(/cannot reach upstream http:\/\/127\.0\.0\.1:\d+\/v1: connection refused/);
      await until(() => proxy.log.lines === 1);
    } finally {
      await proxy.stop(1_000);
    }
    expect(logLines(dir)[0]).toMatchObject({ request: { body: chatRequest }, response: { status: 502 }, error: { kind: "upstream_unreachable" } });
  });

  it("answers 504 when the upstream sends nothing within the timeout", async () => {
    rig = await startRig(() => new Promise<void>(() => {}), { timeoutMs: 200 });
    const error = (await rig.client.chat.completions.create(chatRequest).catch((e: unknown) => e)) as InstanceType<typeof OpenAI.APIError>;
    expect(error.status).toBe(504);
    expect(error.message).toMatch(/sent no response for 200 ms/);
    await until(() => rig?.proxy.log.lines === 1);
    expect(logLines(rig.dir)[0]).toMatchObject({ response: { status: 504 }, error: { kind: "upstream_timeout" } });
  });

  it("passes a gzip body through compressed and logs it decoded", async () => {
    const completion = completionFor(DEFAULT_CALLS);
    const respond: Responder = (_req, res) => {
      res.writeHead(200, { "content-type": "application/json", "content-encoding": "gzip" }).end(gzipSync(JSON.stringify(completion)));
    };
    rig = await startRig(respond);
    const got = await rig.client.chat.completions.create(chatRequest);
    expect(got).toEqual(completion);
    await until(() => rig?.proxy.log.lines === 1);
    expect(logLines(rig.dir)[0]).toMatchObject({ response: { status: 200, headers: { "content-encoding": "gzip" }, body: completion } });
  });

  it("forwards other endpoints without logging them", async () => {
    const notices: string[] = [];
    rig = await startRig((_req, res) => sendJson(res, 200, { object: "list", data: [{ id: "gpt-fake", object: "model" }] }), { onNotice: (l) => notices.push(l) });
    const models = await rig.client.models.list();
    expect(models.data.map((m) => m.id)).toEqual(["gpt-fake"]);
    await rig.client.models.list();
    expect(rig.upstream.received.map((r) => r.url)).toEqual(["/v1/models", "/v1/models"]);
    expect(notices).toEqual(["tooldbg proxy: forwarding GET /models without logging it (only chat completions and Responses API calls are recorded)"]);
    expect(rig.proxy.log.lines).toBe(0);
  });

  it("on stop, lets an in-flight stream finish and logs it", async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    rig = await startRig((_req, res) => streamEvents(res, chunksFor(DEFAULT_CALLS), () => gate));
    const stream = await rig.client.chat.completions.create({ ...chatRequest, stream: true });
    const iterator = stream[Symbol.asyncIterator]();
    await iterator.next();
    const stopped = rig.proxy.stop(5_000);
    setTimeout(release, 50);
    let count = 1;
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) count++;
    expect(await stopped).toEqual({ aborted: 0 });
    expect(count).toBe(chunksFor(DEFAULT_CALLS).length);
    expect(logLines(rig.dir)).toHaveLength(1);
    expect(readProxyLog(rig.dir).calls.map((c) => c.arguments)).toEqual([DEFAULT_CALLS[0]?.arguments]);
  });

  it("on stop, cuts an exchange still running after the grace period and logs what it got", async () => {
    rig = await startRig((_req, res) => streamEvents(res, chunksFor(DEFAULT_CALLS), () => new Promise(() => {})));
    const stream = await rig.client.chat.completions.create({ ...chatRequest, stream: true });
    const iterator = stream[Symbol.asyncIterator]();
    await iterator.next();
    const reading = (async () => {
      for (let next = await iterator.next(); !next.done; next = await iterator.next());
    })().catch((e: unknown) => e);
    expect(await rig.proxy.stop(100)).toEqual({ aborted: 1 });
    expect(await reading).toBeInstanceOf(Error);
    expect(logLines(rig.dir)[0]).toMatchObject({ error: { kind: "proxy_stopped" }, response: { status: 200, done: false } });
  });
});

describe("proxy: requests it does not forward", () => {
  it("an absolute-form URL (the app set HTTP_PROXY) gets a 400 that says what to set instead", async () => {
    rig = await startRig();
    const { request } = await import("node:http");
    const url = new URL(rig.proxy.url);
    const answer = await new Promise<{ status?: number; body: string }>((resolve, reject) => {
      const req = request({ host: url.hostname, port: url.port, path: "http://api.openai.com/v1/models", method: "GET" }, (res) => {
        let body = "";
        res.setEncoding("utf8").on("data", (d: string) => (body += d));
        res.on("end", () => resolve({ status: res.statusCode, body }));
      });
      req.on("error", reject);
      req.end();
    });
    expect(answer.status).toBe(400);
    expect(answer.body).toMatch(/set OPENAI_BASE_URL to its address, not HTTP_PROXY/);
    expect(rig.upstream.received).toEqual([]);
  });
});
