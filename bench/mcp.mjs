// MCP figures, each against a baseline measured in the same run (these machines are noisy):
//   warm `tools/call` latency p50/p99 through tooldbg's MCP source, over stdio and streamable
//   HTTP, vs the warm isolated-worker call of the ToolHost (the --tools path), and vs the bare
//   SDK client on the SDK's own transports (what tooldbg's transport and recording layer costs).
// Run: npm run build && node bench/mcp.mjs   Output: a table, and bench/out/mcp.json.
import { spawn } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { performance } from "node:perf_hooks";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";

const repo = fileURLToPath(new URL("..", import.meta.url));
const server = "test/fixtures/mcp/server.mjs";
const tools = fileURLToPath(new URL("../examples/billing/tools.ts", import.meta.url));
const { ToolHost } = await import(new URL("../dist/engine/executor/tool-host.js", import.meta.url).href);
const { McpSource } = await import(new URL("../dist/tools/mcp/mcp-source.js", import.meta.url).href);

const quantile = (xs, q) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))];
const ROUNDS = 10;
const PER_ROUND = 100;
const WARMUP = 50;

async function startMcp(spec) {
  let frames = 0;
  const started = await McpSource.start({ spec, cwd: repo, timeoutMs: 10_000, startupTimeoutMs: 20_000, onFrame: () => frames++ });
  if (!started.ok) throw new Error(started.message);
  return { source: started.source, frames: () => frames };
}

const http = spawn(process.execPath, [server, "--http"], { cwd: repo, stdio: ["ignore", "pipe", "inherit"] });
const url = await new Promise((resolve) => http.stdout.setEncoding("utf8").once("data", (d) => resolve(d.trim())));

const host = await ToolHost.start({ modules: [tools], cwd: repo });
const stdio = await startMcp(`node ${server}`);
const overHttp = await startMcp(url);
const bare = new Client({ name: "bench", version: "0" });
await bare.connect(new StdioClientTransport({ command: process.execPath, args: [server], cwd: repo, stderr: "ignore" }));
const bareHttp = new Client({ name: "bench", version: "0" });
await bareHttp.connect(new StreamableHTTPClientTransport(new URL(url)));

const subjects = {
  worker: async () => host.call({ tool: "get_invoice_status", args: { invoice_id: "INV-123" }, argumentsText: '{"invoice_id":"INV-123"}', mode: "validated" }),
  mcpStdio: async () => stdio.source.call({ tool: "get_invoice_status", args: { invoice_id: "INV-123" }, mode: "validated" }),
  mcpHttp: async () => overHttp.source.call({ tool: "get_invoice_status", args: { invoice_id: "INV-123" }, mode: "validated" }),
  sdkStdio: async () => ({ status: (await bare.callTool({ name: "get_invoice_status", arguments: { invoice_id: "INV-123" } })).isError ? "error" : "ok" }),
  sdkHttp: async () => ({ status: (await bareHttp.callTool({ name: "get_invoice_status", arguments: { invoice_id: "INV-123" } })).isError ? "error" : "ok" }),
};
const times = Object.fromEntries(Object.keys(subjects).map((k) => [k, []]));
for (const run of Object.values(subjects)) for (let i = 0; i < WARMUP; i++) await run();
// Interleaved rounds: drift on a noisy machine hits every subject alike.
for (let r = 0; r < ROUNDS; r++) {
  for (const [name, run] of Object.entries(subjects)) {
    for (let i = 0; i < PER_ROUND; i++) {
      const t = performance.now();
      const o = await run();
      times[name].push(performance.now() - t);
      if (o.status !== "ok") throw new Error(`${name} call failed: ${JSON.stringify(o)}`);
    }
  }
}
const framesPerCall = (stdio.frames() - 0) / (WARMUP + ROUNDS * PER_ROUND);
await Promise.all([host.close(), stdio.source.close(), overHttp.source.close(), bare.close(), bareHttp.close()]);
http.kill("SIGKILL");

const stats = Object.fromEntries(Object.entries(times).map(([k, xs]) => [k, { p50Ms: quantile(xs, 0.5), p99Ms: quantile(xs, 0.99), n: xs.length }]));
const results = {
  ...stats,
  ratios: {
    mcpStdioVsWorkerP50: stats.mcpStdio.p50Ms / stats.worker.p50Ms,
    mcpHttpVsWorkerP50: stats.mcpHttp.p50Ms / stats.worker.p50Ms,
    mcpStdioVsBareSdkP50: stats.mcpStdio.p50Ms / stats.sdkStdio.p50Ms,
    mcpHttpVsBareSdkP50: stats.mcpHttp.p50Ms / stats.sdkHttp.p50Ms,
  },
  framesPerStdioCall: framesPerCall,
};
const f = (n) => n.toFixed(n < 10 ? 3 : 1);
const row = (label, s) => `${label.padEnd(34)} p50 ${f(s.p50Ms)} ms  p99 ${f(s.p99Ms)} ms  (n=${s.n})`;
console.log(`tooldbg MCP figures (node ${process.version}, ${new Date().toISOString()})`);
console.log(row("isolated worker (ToolHost)", stats.worker));
console.log(row("MCP tools/call over stdio", stats.mcpStdio));
console.log(row("MCP tools/call over HTTP", stats.mcpHttp));
console.log(row("bare SDK client over stdio", stats.sdkStdio));
console.log(row("bare SDK client over HTTP", stats.sdkHttp));
console.log(`ratios (p50): stdio/worker ${f(results.ratios.mcpStdioVsWorkerP50)}x, http/worker ${f(results.ratios.mcpHttpVsWorkerP50)}x, stdio/bare SDK ${f(results.ratios.mcpStdioVsBareSdkP50)}x, http/bare SDK ${f(results.ratios.mcpHttpVsBareSdkP50)}x`);
mkdirSync(new URL("./out/", import.meta.url), { recursive: true });
writeFileSync(new URL("./out/mcp.json", import.meta.url), JSON.stringify(results, null, 2));
