/* global setImmediate */
// Per-request overhead of `tooldbg proxy`: latency through the proxy against direct to the same
// local upstream, same run, requests alternated so drift hits both alike. Three processes: this
// client, the fake upstream (a child), the real CLI proxy (a child), all on loopback.
// Usage: npm run build && node bench/proxy.mjs [REQUESTS=1000]
import { spawn } from "node:child_process";
import { createServer, request, Agent } from "node:http";
import { mkdirSync, rmSync, readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const CHUNKS = 24;

if (process.argv[2] === "--upstream") {
  // The fake upstream: a chat completion with one tool call, or the same streamed in CHUNKS events.
  const completion = JSON.stringify({ id: "c", object: "chat.completion", created: 1, model: "m", choices: [{ index: 0, message: { role: "assistant", content: null, tool_calls: [{ id: "call_1", type: "function", function: { name: "get_invoice_status", arguments: '{"invoice_id":"INV-123"}' } }] }, finish_reason: "tool_calls" }] });
  const event = (delta, finish = null) => `data: ${JSON.stringify({ id: "c", object: "chat.completion.chunk", created: 1, model: "m", choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
  const server = createServer((req, res) => {
    const parts = [];
    req.on("data", (c) => parts.push(c));
    req.on("end", () => {
      const body = JSON.parse(Buffer.concat(parts).toString("utf8"));
      if (!body.stream) return res.writeHead(200, { "content-type": "application/json" }).end(completion);
      res.writeHead(200, { "content-type": "text/event-stream" });
      // With x-bench-gap-ms, the rest of the stream waits after the first event: first-chunk latency is then unmixed.
      const gap = Number(req.headers["x-bench-gap-ms"] ?? 0);
      let i = 0;
      const next = () => {
        if (i === 0) res.write(event({ role: "assistant", tool_calls: [{ index: 0, id: "call_1", type: "function", function: { name: "get_invoice_status", arguments: "" } }] }));
        else if (i < CHUNKS - 1) res.write(event({ tool_calls: [{ index: 0, function: { arguments: i === 1 ? '{"invoice_id":"INV-' : String(i % 10) } }] }));
        else return res.end(event({ tool_calls: [{ index: 0, function: { arguments: '"}' } }] }, "tool_calls") + "data: [DONE]\n\n");
        i++;
        if (i === 1 && gap > 0) setTimeout(next, gap);
        else setImmediate(next);
      };
      next();
    });
  });
  server.listen(0, "127.0.0.1", () => console.log(server.address().port));
} else {
  await main();
}

function startChild(args, pattern) {
  const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "inherit"] });
  return new Promise((resolve, reject) => {
    let out = "";
    child.stdout.setEncoding("utf8").on("data", (d) => {
      out += d;
      const m = pattern.exec(out);
      if (m) resolve({ child, port: Number(m[1]) });
    });
    child.on("exit", (code) => reject(new Error(`${args.join(" ")} exited ${code}: ${out}`)));
  });
}

async function main() {
  const requests = Number(process.argv[2] ?? 1000);
  const here = (p) => fileURLToPath(new URL(p, import.meta.url));
  const logDir = here("./out/proxy-logs");
  rmSync(logDir, { recursive: true, force: true });
  mkdirSync(logDir, { recursive: true });
  const upstream = await startChild([here("./proxy.mjs"), "--upstream"], /^(\d+)\n/);
  const proxy = await startChild([here("../bin/tooldbg.js"), "proxy", "--upstream", `http://127.0.0.1:${upstream.port}/v1`, "--port", "0", "--out", logDir], /listening on http:\/\/127\.0\.0\.1:(\d+)/);

  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const tools = [{ type: "function", function: { name: "get_invoice_status", description: "Look up an invoice", parameters: { type: "object", properties: { invoice_id: { type: "string", description: "Invoice ID like INV-123" } }, required: ["invoice_id"] } } }];
  const messages = [{ role: "system", content: "You are a billing assistant. ".repeat(20) }, { role: "user", content: "What is the status of INV-123?" }];
  const bodyFor = (stream) => JSON.stringify({ model: "m", messages, tools, stream });

  const once = (port, path, stream, extra = {}) =>
    new Promise((resolve, reject) => {
      const body = bodyFor(stream);
      const t0 = performance.now();
      let first;
      const req = request({ host: "127.0.0.1", port, path, method: "POST", agent, headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body), authorization: "Bearer sk-bench-not-a-real-key", ...extra } }, (res) => {
        res.on("data", () => (first ??= performance.now() - t0));
        res.on("end", () => resolve({ total: performance.now() - t0, first }));
      });
      req.on("error", reject);
      req.end(body);
    });

  const pct = (xs, p) => {
    const s = [...xs].sort((a, b) => a - b);
    return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
  };
  const results = {};
  for (const stream of [false, true]) {
    const direct = [];
    const proxied = [];
    for (let i = 0; i < 100; i++) {
      await once(upstream.port, "/v1/chat/completions", stream);
      await once(proxy.port, "/chat/completions", stream);
    }
    for (let i = 0; i < requests; i++) {
      const d = await once(upstream.port, "/v1/chat/completions", stream);
      const p = await once(proxy.port, "/chat/completions", stream);
      if (!d || !p) throw new Error("no response");
      direct.push(d.total);
      proxied.push(p.total);
    }
    const row = (xs) => ({ p50: pct(xs, 50), p99: pct(xs, 99) });
    results[stream ? "streamed" : "non-streamed"] = { direct: row(direct), proxy: row(proxied) };
  }

  // First chunk with the rest of the stream 5 ms behind it: how long the proxy holds a chunk before passing it on.
  const gapDirect = [];
  const gapProxy = [];
  const gapRuns = Math.min(200, requests);
  for (let i = 0; i < gapRuns; i++) {
    gapDirect.push((await once(upstream.port, "/v1/chat/completions", true, { "x-bench-gap-ms": "5" })).first);
    gapProxy.push((await once(proxy.port, "/chat/completions", true, { "x-bench-gap-ms": "5" })).first);
  }
  results.firstChunk = { direct: { p50: pct(gapDirect, 50), p99: pct(gapDirect, 99) }, proxy: { p50: pct(gapProxy, 50), p99: pct(gapProxy, 99) } };

  proxy.child.kill("SIGTERM");
  await new Promise((resolve) => proxy.child.on("exit", resolve));
  upstream.child.kill();
  agent.destroy();
  const lines = readdirSync(logDir).map((f) => readFileSync(`${logDir}/${f}`, "utf8").split("\n").filter(Boolean).length).reduce((a, b) => a + b, 0);

  console.log(`tooldbg proxy overhead: ${requests} requests each way per mode, sequential, keep-alive, loopback (${CHUNKS} chunks per stream)`);
  const label = { "non-streamed": "non-streamed", streamed: "streamed", firstChunk: "first chunk*" };
  for (const [mode, r] of Object.entries(results)) {
    const f = (x) => `${x.toFixed(2)} ms`;
    console.log(`${label[mode].padEnd(13)} direct p50 ${f(r.direct.p50)} p99 ${f(r.direct.p99)} | proxy p50 ${f(r.proxy.p50)} p99 ${f(r.proxy.p99)} | ratio p50 ${(r.proxy.p50 / r.direct.p50).toFixed(2)}x p99 ${(r.proxy.p99 / r.direct.p99).toFixed(2)}x | added p50 ${f(r.proxy.p50 - r.direct.p50)}`);
  }
  console.log(`* time to the first chunk of a stream whose next chunk comes 5 ms later (${gapRuns} requests each way)`);
  console.log(`log lines written: ${lines} (expected ${2 * (requests + 100) + gapRuns})`);
  console.log(JSON.stringify(results));
}
