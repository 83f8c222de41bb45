// TUI key→frame latency: dispatch a cursor move, time until Ink has written the next frame to a
// fake terminal stream. 100k calls in the real workbench against a baseline of 10 calls measured
// in the same run (same machine, same moment), and the 50 ms goal. A third row is Ink's own floor:
// a screen of plain text lines with no panes, so what the panes cost shows apart from Ink's cost.
// Usage: npm run build && node bench/tui-render.mjs [CALLS=100000] [SAMPLES=300]   (BENCH_NO_COLOR=1: NO_COLOR frames)
// Output: a table, and bench/out/tui-render.json.
import { EventEmitter } from "node:events";
import { setImmediate, setTimeout } from "node:timers";
import { mkdirSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

delete process.env.CI; // Ink draws nothing frame by frame when it believes it is in CI
// As runApp does: React's production build (it loads the drawing half with NODE_ENV=production).
process.env.NODE_ENV ??= "production";
const dist = (p) => new URL(`../dist/${p}`, import.meta.url).href;
const { mountApp } = await import(dist("ui/mount-app.js"));
const React = (await import("react")).default;
const ink = await import("ink");
const { createWorkbench } = await import(dist("engine/workbench/create-workbench.js"));
const { initialModel } = await import(dist("engine/workbench/workbench-model.js"));

const CALLS = Number(process.argv[2] ?? 100_000);
const SAMPLES = Number(process.argv[3] ?? 300);
const GOAL_MS = 50;
const COLUMNS = 120;
const ROWS = 40;

const spec = {
  name: "get_invoice_status",
  description: "Look up an invoice's status and amount",
  parameters: { type: "object", properties: { invoice_id: { type: "string", description: "Invoice ID like INV-123" } }, required: ["invoice_id"], additionalProperties: false },
  executable: true,
  sideEffects: false,
  shape: "tooldbg",
  source: { module: "examples/billing/tools.ts", exportName: "getInvoiceStatus" },
};
const bad = [
  { code: "unexpected_argument", severity: "error", message: "Unexpected argument \"id\"", path: "id", suggestion: { rename: "invoice_id" } },
  { code: "missing_argument", severity: "error", message: "Missing required argument \"invoice_id\"", path: "invoice_id" },
];

function calls(count) {
  const out = new Array(count);
  for (let i = 0; i < count; i++) {
    const wrong = i % 7 === 3;
    out[i] = {
      id: `call_${i}`,
      tool: "get_invoice_status",
      arguments: wrong ? `{"id":"INV-${i}"}` : `{"invoice_id":"INV-${i}"}`,
      argumentsRecorded: true,
      spec,
      findings: wrong ? bad : [],
      status: wrong ? "failed" : "ok",
      source: { file: "big.jsonl", line: i + 1 },
      executions: [],
    };
  }
  return out;
}

/** A terminal-like output stream: records when each frame is written. */
class FakeTerminal extends EventEmitter {
  isTTY = true;
  columns = COLUMNS;
  rows = ROWS;
  writes = 0;
  lastWriteAt = 0;
  write() {
    this.writes++;
    this.lastWriteAt = performance.now();
    return true;
  }
}
class FakeKeyboard extends EventEmitter {
  isTTY = true;
  setRawMode() {}
  setEncoding() {}
  resume() {}
  pause() {}
  ref() {}
  unref() {}
  read() {
    return null;
  }
}

const quantile = (xs, q) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))];
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Ink's own floor: a full screen of plain text whose selected line follows the cursor, no panes. */
function PlainScreen({ workbench }) {
  const state = React.useSyncExternalStore((listener) => workbench.subscribe(listener), () => workbench.getState());
  const lines = [];
  for (let row = 0; row < ROWS - 1; row++) lines.push(React.createElement(ink.Text, { key: row }, `${row === state.cursor % (ROWS - 1) ? ">" : " "} ${"x".repeat(COLUMNS - 3)}`));
  return React.createElement(ink.Box, { flexDirection: "column" }, lines);
}

async function measure(count, plain = false) {
  const workbench = createWorkbench({
    initial: initialModel({ mode: "open", title: "open big.jsonl", sourceLabel: "openai-chat", tools: [spec], calls: calls(count) }),
    ports: {},
    exportDir: fileURLToPath(new URL("./out/fixtures", import.meta.url)),
    timeoutMs: 1000,
  });
  workbench.post({ type: "load_finished" });
  const stdout = new FakeTerminal();
  const stdin = new FakeKeyboard();
  // runApp's frame cap (60 fps); moves are spaced wider than a frame so each one draws at once.
  const instance = plain
    ? ink.render(React.createElement(PlainScreen, { workbench }), { stdout, stdin, stderr: stdout, exitOnCtrlC: false, patchConsole: false, maxFps: 60 })
    : mountApp(workbench, { stdout, stdin, stderr: stdout, noColor: process.env.BENCH_NO_COLOR === "1", maxFps: 60 });
  await sleep(100);
  const latencies = [];
  const cpu = [];
  let delta = 1;
  for (let i = 0; i < SAMPLES + 20; i++) {
    const state = workbench.getState();
    if (state.cursor >= state.visible.length - 1) delta = -1;
    if (state.cursor <= 0) delta = 1;
    const before = stdout.writes;
    const cpuStart = process.cpuUsage();
    const start = performance.now();
    workbench.dispatch({ type: "move", delta });
    while (stdout.writes === before) await new Promise((resolve) => setImmediate(resolve));
    const used = process.cpuUsage(cpuStart);
    if (i >= 20) {
      // the first 20 warm the JIT
      latencies.push(stdout.lastWriteAt - start);
      cpu.push((used.user + used.system) / 1000);
    }
    await sleep(20);
  }
  // And one jump to the far end of the list (the window moves 100k rows at once).
  const before = stdout.writes;
  const start = performance.now();
  workbench.dispatch({ type: "move_to", position: "last" });
  while (stdout.writes === before) await new Promise((resolve) => setImmediate(resolve));
  const jumpMs = stdout.lastWriteAt - start;
  instance.unmount();
  return {
    calls: count,
    samples: latencies.length,
    p50Ms: quantile(latencies, 0.5),
    p99Ms: quantile(latencies, 0.99),
    maxMs: Math.max(...latencies),
    // CPU time of this process per key: what the work costs, without the other processes' load.
    cpuP50Ms: quantile(cpu, 0.5),
    cpuP99Ms: quantile(cpu, 0.99),
    jumpToLastMs: jumpMs,
  };
}

const floor = await measure(10, true);
const baseline = await measure(10);
const subject = await measure(CALLS);
const fmt = (ms) => `${ms.toFixed(2)} ms`;
const row = (label, r) => [label, fmt(r.p50Ms), fmt(r.p99Ms), fmt(r.maxMs), fmt(r.cpuP50Ms), fmt(r.cpuP99Ms), fmt(r.jumpToLastMs)];
const rows = [
  ["key→frame", "p50", "p99", "max", "cpu p50", "cpu p99", "G (jump to last)"],
  row("ink floor (plain)", floor),
  row("baseline: 10 calls", baseline),
  row(`${CALLS.toLocaleString("en-US")} calls`, subject),
];
for (const cells of rows) console.log(cells.map((cell, i) => cell.padEnd(i === 0 ? 20 : 12)).join(""));
const verdict = subject.p99Ms <= GOAL_MS ? "within" : "OVER";
console.log(`key→frame p99 ${fmt(subject.p99Ms)} with ${CALLS.toLocaleString("en-US")} calls: ${verdict} the ${GOAL_MS} ms goal (×${(subject.p50Ms / baseline.p50Ms).toFixed(2)} the 10-call p50)`);
mkdirSync(fileURLToPath(new URL("./out/", import.meta.url)), { recursive: true });
writeFileSync(new URL("./out/tui-render.json", import.meta.url), `${JSON.stringify({ columns: COLUMNS, rows: ROWS, goalMs: GOAL_MS, floor, baseline, subject }, null, 2)}\n`);
