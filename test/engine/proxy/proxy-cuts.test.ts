import { request } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { chunksFor, DEFAULT_CALLS } from "../../helpers/fake-upstream.js";
import { chatRequest, logLines, readProxyLog, startRig, until, type Rig } from "./proxy-harness.js";

let rig: Rig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

/** Larger than loopback socket buffers hold, so the proxy really has to wait for the reader. */
const BLOB = 12 << 20;
const halfStream = chunksFor(DEFAULT_CALLS).slice(0, 3);

describe("proxy: exchanges cut short", () => {
  it("an upstream that drops the connection mid-stream: the client's stream breaks, the log keeps what came, the proxy goes on", async () => {
    let first = true;
    rig = await startRig((_req, res) => {
      if (!first) {
        res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ object: "chat.completion", choices: [] }));
        return;
      }
      first = false;
      res.writeHead(200, { "content-type": "text/event-stream" });
      res.write(halfStream.map((c) => `data: ${JSON.stringify(c)}\n\n`).join(""));
      setTimeout(() => res.socket?.destroy(), 20);
    });
    const stream = await rig.client.chat.completions.create({ ...chatRequest, stream: true });
    const got: unknown[] = [];
    const error = await (async () => {
      for await (const chunk of stream) got.push(chunk);
    })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(got).toEqual(halfStream);
    await until(() => rig?.proxy.log.lines === 1);
    expect(logLines(rig.dir)[0]).toMatchObject({ error: { kind: "upstream_closed" }, response: { status: 200, chunks: halfStream, done: false } });
    const read = readProxyLog(rig.dir);
    // The adapter reads the cut stream's call and says the stream did not finish.
    expect(read.calls[0]).toMatchObject({ callId: "call_fake_1", notes: [expect.stringMatching(/no finish_reason/)] });
    // The next exchange goes through as usual.
    await expect(rig.client.chat.completions.create(chatRequest)).resolves.toMatchObject({ object: "chat.completion" });
  });

  it("a client that hangs up mid-stream: the upstream request is dropped and the log says so", async () => {
    let upstreamClosed = false;
    rig = await startRig((_req, res) => {
      res.writeHead(200, { "content-type": "text/event-stream" });
      res.write(`data: ${JSON.stringify(halfStream[0])}\n\n`);
      res.on("close", () => (upstreamClosed = true));
    });
    const body = JSON.stringify({ ...chatRequest, stream: true });
    await new Promise<void>((resolve, reject) => {
      const req = request(`${rig?.proxy.url ?? ""}/chat/completions`, { method: "POST", headers: { "content-type": "application/json", authorization: "Bearer sk-test-secret" } }, (res) => {
        res.once("data", () => {
          req.destroy();
          resolve();
        });
      });
      req.on("error", () => {});
      req.on("timeout", reject);
      req.end(body);
    });
    await until(() => rig?.proxy.log.lines === 1 && upstreamClosed);
    expect(logLines(rig.dir)[0]).toMatchObject({ error: { kind: "client_closed" }, response: { status: 200, chunks: [halfStream[0]] } });
  });

  it("a slow reader is not an upstream timeout", async () => {
    const big = chunksFor([{ id: "call_big", name: "f", arguments: JSON.stringify({ blob: "y".repeat(BLOB) }) }], "m", 64);
    const sse = big.map((c) => `data: ${JSON.stringify(c)}\n\n`).join("") + "data: [DONE]\n\n";
    rig = await startRig(
      (_req, res) => {
        res.writeHead(200, { "content-type": "text/event-stream" }).flushHeaders();
        setImmediate(() => res.end(sse));
      },
      { timeoutMs: 300 },
    );
    const body = JSON.stringify({ ...chatRequest, stream: true });
    const received = await new Promise<number>((resolve, reject) => {
      const req = request(`${rig?.proxy.url ?? ""}/chat/completions`, { method: "POST", headers: { "content-type": "application/json" } }, (res) => {
        let bytes = 0;
        res.pause();
        // Read nothing for longer than the timeout, then everything.
        setTimeout(() => {
          res.on("data", (d: Buffer) => (bytes += d.length));
          res.on("end", () => resolve(bytes));
          res.on("error", reject);
          res.resume();
        }, 1_000);
      });
      req.on("error", reject);
      req.end(body);
    });
    expect(received).toBeGreaterThan(BLOB);
    await until(() => rig?.proxy.log.lines === 1);
    const [line] = logLines(rig.dir);
    expect(line?.error).toBeUndefined();
    // Past the per-body limit the raw chunks are dropped whole and the assembled completion kept.
    const response = line?.response as { chunks?: unknown; bodyNote: string; assembled: { choices: { message: { tool_calls: { function: { arguments: string } }[] } }[] } };
    expect(response.chunks).toBeUndefined();
    expect(response.bodyNote).toMatch(/keeps the assembled completion, not the raw chunks/);
    expect(response.assembled.choices[0]?.message.tool_calls[0]?.function.arguments).toBe(JSON.stringify({ blob: "y".repeat(BLOB) }));
  });
});
