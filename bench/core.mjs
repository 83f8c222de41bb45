// Core figures, each against a baseline measured in the same run (these machines are noisy):
//   1. `tooldbg --version` wall time vs `node -e 0`
//   1b. `tooldbg scan` of a small log (6 lines: start-up, detection, the scanning thread) vs `node -e 0`
//   2. cold first call (worker spawn + tsx + module load + call) vs `node -e 0`
//   3. warm isolated call latency vs a bare fork+IPC echo round trip
//   4. diagnoses per second vs ajv validation alone on the same schema (the validator floor)
// Run: npm run bench   (builds first). Output: a table, and bench/out/core.json.
import { spawnSync, fork } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { performance } from "node:perf_hooks";
import { Ajv2020 } from "ajv/dist/2020.js";

const repo = fileURLToPath(new URL("..", import.meta.url));
const bin = fileURLToPath(new URL("../bin/tooldbg.js", import.meta.url));
const tools = fileURLToPath(new URL("../examples/billing/tools.ts", import.meta.url));
const { ToolHost } = await import(new URL("../dist/engine/executor/tool-host.js", import.meta.url).href);
const { diagnoseCall } = await import(new URL("../dist/engine/diagnosis/diagnose-call.js", import.meta.url).href);

const quantile = (xs, q) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))];
const median = (xs) => quantile(xs, 0.5);

function timeCommand(args, runs) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const r = spawnSync(process.execPath, args, { cwd: repo, stdio: "ignore" });
    times.push(performance.now() - t0);
    if (r.status !== 0 && r.status !== 1) throw new Error(`${args.join(" ")} exited ${r.status}`);
  }
  return median(times);
}

// Interleave baseline and subject so drift on a noisy machine hits both alike.
function paired(baselineArgs, subjectArgs, rounds, perRound) {
  const base = [];
  const subject = [];
  for (let i = 0; i < rounds; i++) {
    base.push(timeCommand(baselineArgs, perRound));
    subject.push(timeCommand(subjectArgs, perRound));
  }
  return { baseline: median(base), subject: median(subject) };
}

const results = {};

// 1. --version
const version = paired(["-e", "0"], [bin, "--version"], 5, 5);
results.version = { nodeMs: version.baseline, tooldbgMs: version.subject, ratio: version.subject / version.baseline };

// 1b. scan of a small log: what a user waits for on the commonest headless run
const smallLog = fileURLToPath(new URL("../examples/logs/prod-openai-chat.jsonl", import.meta.url));
const smallScan = paired(["-e", "0"], [bin, "scan", smallLog, "--jsonl"], 5, 5);
results.smallScan = { nodeMs: smallScan.baseline, tooldbgMs: smallScan.subject, ratio: smallScan.subject / smallScan.baseline };

// 2. cold first call: a full CLI run of one call vs bare node start
const cold = paired(["-e", "0"], [bin, "call", "get_invoice_status", '{"invoice_id":"INV-123"}', "--tools", tools], 3, 2);
results.coldCall = { nodeMs: cold.baseline, tooldbgMs: cold.subject, ratio: cold.subject / cold.baseline };

// 2b. cold first call inside a process: ToolHost.start + first call
{
  const t0 = performance.now();
  const host = await ToolHost.start({ modules: [tools], cwd: repo });
  const t1 = performance.now();
  await host.call({ tool: "get_invoice_status", args: { invoice_id: "INV-123" }, argumentsText: '{"invoice_id":"INV-123"}', mode: "validated" });
  const t2 = performance.now();
  results.coldHost = { startMs: t1 - t0, firstCallMs: t2 - t1 };

  // 3. warm latency vs a bare IPC echo child
  const echoPath = fileURLToPath(new URL("./ipc-echo.mjs", import.meta.url));
  const echo = fork(echoPath, [], { stdio: ["ignore", "ignore", "ignore", "ipc"] });
  await new Promise((r) => echo.once("message", r));
  const echoOnce = () => new Promise((r) => { echo.once("message", r); echo.send({ type: "call", args: { invoice_id: "INV-123" } }); });
  const N = 500;
  const warm = [];
  const floor = [];
  for (let i = 0; i < N; i++) {
    let t = performance.now();
    await echoOnce();
    floor.push(performance.now() - t);
    t = performance.now();
    const o = await host.call({ tool: "get_invoice_status", args: { invoice_id: "INV-123" }, argumentsText: '{"invoice_id":"INV-123"}', mode: "validated" });
    warm.push(performance.now() - t);
    if (o.status !== "ok") throw new Error(`warm call failed: ${JSON.stringify(o)}`);
  }
  echo.kill();
  await host.close();
  results.warmCall = {
    p50Ms: median(warm),
    p99Ms: quantile(warm, 0.99),
    ipcEchoP50Ms: median(floor),
    ipcEchoP99Ms: quantile(floor, 0.99),
    ratioP50: median(warm) / median(floor),
  };
}

// 4. validations per second
{
  const parameters = {
    type: "object",
    properties: {
      invoice_id: { type: "string", description: "Invoice ID like INV-123" },
      summary: { type: "string", minLength: 3 },
      priority: { type: "integer", minimum: 1, maximum: 5, default: 3 },
      tags: { type: "array", items: { type: "string" } },
    },
    required: ["invoice_id", "summary"],
    additionalProperties: false,
  };
  const spec = { name: "create_ticket", parameters, executable: true, sideEffects: false, shape: "tooldbg", source: { module: "bench", exportName: "x" } };
  const calls = [
    '{"invoice_id":"INV-123","summary":"Amount looks wrong","priority":2,"tags":["a","b"]}',
    '{"id":"INV-123","summary":"Amount looks wrong","priority":"high"}',
  ];
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  const validate = ajv.compile(parameters);
  const seconds = 1.5;
  const rate = (fn) => {
    let n = 0;
    const end = performance.now() + seconds * 1000;
    while (performance.now() < end) for (let i = 0; i < 100; i++) fn(calls[(n++) & 1]);
    return n / seconds;
  };
  rate((text) => diagnoseCall({ name: "create_ticket", arguments: text }, { tools: [spec] })); // warm up
  const floorRate = rate((text) => validate(JSON.parse(text)));
  const diagRate = rate((text) => diagnoseCall({ name: "create_ticket", arguments: text }, { tools: [spec] }));
  results.validation = { diagnosesPerSec: Math.round(diagRate), ajvPerSec: Math.round(floorRate), ratio: diagRate / floorRate };
}

const f = (n) => n.toFixed(n < 10 ? 2 : 1);
console.log(`tooldbg core figures (node ${process.version}, ${new Date().toISOString()})`);
console.log(`--version            ${f(results.version.tooldbgMs)} ms  vs node -e 0 ${f(results.version.nodeMs)} ms   ratio ${f(results.version.ratio)}x`);
console.log(`scan, small log      ${f(results.smallScan.tooldbgMs)} ms  vs node -e 0 ${f(results.smallScan.nodeMs)} ms   ratio ${f(results.smallScan.ratio)}x`);
console.log(`cold call (CLI)      ${f(results.coldCall.tooldbgMs)} ms  vs node -e 0 ${f(results.coldCall.nodeMs)} ms   ratio ${f(results.coldCall.ratio)}x`);
console.log(`cold host            start ${f(results.coldHost.startMs)} ms, first call ${f(results.coldHost.firstCallMs)} ms`);
console.log(`warm call            p50 ${f(results.warmCall.p50Ms)} ms p99 ${f(results.warmCall.p99Ms)} ms  vs IPC echo p50 ${f(results.warmCall.ipcEchoP50Ms)} ms   ratio ${f(results.warmCall.ratioP50)}x`);
console.log(`diagnoses/s          ${results.validation.diagnosesPerSec}  vs ajv alone ${results.validation.ajvPerSec}/s   ratio ${f(results.validation.ratio)}x`);
mkdirSync(new URL("./out/", import.meta.url), { recursive: true });
writeFileSync(new URL("./out/core.json", import.meta.url), JSON.stringify(results, null, 2));
