// TUI workbench figures (`tooldbg open` engine side), each against a baseline from the same run:
//   first state with calls  vs  `node -e 0` (a fresh process, spawn to exit)
//   whole log loaded         vs  bench/floor.mjs (split + JSON.parse of every record, one thread)
//   reducer per key          vs  the 50 ms key→frame budget; filtering vs one plain Array.filter pass
//   RSS while browsing       vs  a bare node process
// Usage: npm run build && node --expose-gc bench/tui.mjs [MB=1024]
// The parts are exported functions so the UI's render latency can be measured beside them.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, statSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const here = (p) => fileURLToPath(new URL(p, import.meta.url));
const dist = (p) => new URL(`../dist/${p}`, import.meta.url).href;

/** The generated openai-chat log of about `mb` megabytes (made once, kept in bench/out). */
export function generateLog(mb) {
  mkdirSync(here("./out/"), { recursive: true });
  const log = here(`./out/chat-${mb}mb.jsonl`);
  if (!existsSync(log)) spawnSync(process.execPath, [here("./gen-openai-chat-log.mjs"), log, String(mb)], { stdio: "inherit" });
  return log;
}

/** Median wall time of a command, spawn to exit. */
function wallMs(args, runs = 3) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const r = spawnSync(process.execPath, args, { encoding: "utf8", maxBuffer: 1 << 24 });
    times.push({ ms: performance.now() - t0, stdout: r.stdout, status: r.status, stderr: r.stderr || `exit ${r.status}, signal ${r.signal}` });
  }
  times.sort((a, b) => a.ms - b.ms);
  return times[Math.floor(times.length / 2)];
}

export function baselines(log) {
  const nodeStart = wallMs(["-e", "0"]);
  const bareRss = JSON.parse(wallMs(["-e", "console.log(process.memoryUsage().rss)"], 1).stdout) / 1048576;
  const floor = JSON.parse(wallMs([here("./floor.mjs"), log], 1).stdout);
  return { nodeStartMs: nodeStart.ms, bareRssMb: bareRss, floorMs: floor.ms };
}

async function loadLogs(log) {
  const { detectFormat } = await import(dist("engine/logs/detect-format.js"));
  const { createOpenWorkbench } = await import(dist("engine/workbench/open-workbench.js"));
  const { adapter } = await detectFormat(log);
  return { logs: [{ path: log, adapter }], createOpenWorkbench };
}

/** In a fresh process: spawn → the first workbench state holding calls (what the first frame with rows needs). */
export function firstCallsInFreshProcess(log) {
  const r = wallMs([fileURLToPath(import.meta.url), "--first-calls", log]);
  if (r.status !== 0) throw new Error(r.stderr);
  return { wallMs: r.ms, ...JSON.parse(r.stdout) };
}

// As `tooldbg open` does it: the loading thread starts before the workbench (and the UI) are imported.
async function firstCallsChild(log) {
  const { detectFormat } = await import(dist("engine/logs/detect-format.js"));
  const { startLoadingEarly } = await import(dist("engine/workbench/load-calls.js"));
  const { adapter } = await detectFormat(log);
  const logs = [{ path: log, adapter }];
  const early = startLoadingEarly(logs, Promise.resolve(undefined));
  const loadStarted = performance.now();
  const { createOpenWorkbench } = await import(dist("engine/workbench/open-workbench.js"));
  const imported = performance.now();
  const wb = createOpenWorkbench({ logs, exportDir: here("./out/fixtures"), timeoutMs: 10_000, early });
  await new Promise((resolve) => {
    if (wb.getState().calls.length > 0) return resolve();
    const off = wb.subscribe(() => {
      if (wb.getState().calls.length === 0) return;
      off();
      resolve();
    });
  });
  const s = wb.getState();
  console.log(JSON.stringify({ sinceProcessStartMs: performance.now(), loadStartedMs: loadStarted, importsMs: imported, calls: s.calls.length, bytesRead: s.load?.bytesRead }));
  // Stop the loading thread before exiting, as quitting the TUI does.
  wb.dispatch({ type: "quit" });
  await wb.done;
  process.exit(0);
}

/** Load the whole log, sampling RSS; resolves with the workbench for browsing. */
export async function loadWhole(log) {
  const { logs, createOpenWorkbench } = await loadLogs(log);
  const rssBefore = process.memoryUsage().rss / 1048576;
  let peak = rssBefore;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss / 1048576)), 100);
  const t0 = performance.now();
  let firstCallsMs;
  const wb = createOpenWorkbench({ logs, exportDir: here("./out/fixtures"), timeoutMs: 10_000 });
  await new Promise((resolve) => {
    const off = wb.subscribe(() => {
      const s = wb.getState();
      if (firstCallsMs === undefined && s.calls.length > 0) firstCallsMs = performance.now() - t0;
      if (s.load?.done) {
        off();
        resolve();
      }
    });
  });
  const loadMs = performance.now() - t0;
  const overlay = wb.getState().overlay;
  if (overlay?.kind === "message" && overlay.tone === "error") throw new Error(`loading failed: ${overlay.text}`);
  clearInterval(sampler);
  globalThis.gc?.();
  const { rss, heapUsed } = process.memoryUsage();
  const rssLoaded = rss / 1048576;
  return { wb, firstCallsMs, loadMs, calls: wb.getState().calls.length, rssBefore, rssPeakMb: Math.max(peak, rssLoaded), rssLoadedMb: rssLoaded, heapUsedMb: heapUsed / 1048576 };
}

function timeEach(n, fn) {
  let max = 0;
  const t0 = performance.now();
  for (let i = 0; i < n; i++) {
    const s = performance.now();
    fn(i);
    max = Math.max(max, performance.now() - s);
  }
  return { avgMs: (performance.now() - t0) / n, maxMs: max };
}

/** Reducer cost per key on the loaded workbench (dispatch → new state, no rendering). */
export function reducerTimings(wb) {
  const d = (a) => wb.dispatch(a);
  d({ type: "resize", columns: 200, rows: 60 });
  const move = timeEach(20_000, () => d({ type: "move", delta: 1 }));
  const page = timeEach(2_000, (i) => d({ type: "page", delta: i % 2 ? -1 : 1 }));
  d({ type: "move_to", position: "first" });
  // Fastest of three (a shared, loaded machine adds pauses that are not the filter's).
  const filters = {};
  for (const text of ["tool:create", "code:type_mismatch", "INV-12345", ""]) {
    let best = Infinity;
    for (let i = 0; i < 3; i++) {
      d({ type: "filter_change", text: text ? "zz-no-such-text" : "tool:create" });
      const t0 = performance.now();
      d({ type: "filter_change", text });
      best = Math.min(best, performance.now() - t0);
    }
    filters[text || "(clear)"] = { ms: best, visible: wb.getState().visible.length };
  }
  d({ type: "filter_change", text: "code:unexpected" });
  const moveFiltered = timeEach(20_000, () => d({ type: "move", delta: 1 }));
  d({ type: "filter_clear" });
  d({ type: "edit_open" });
  const text = wb.getState().editor?.text ?? "{}";
  const typing = timeEach(2_000, (i) => d({ type: "edit_change", text: text.slice(0, Math.max(1, text.length - (i % 5))), cursor: 1 }));
  d({ type: "edit_cancel" });
  // The floor for a filter: one plain pass over the same calls.
  const calls = wb.getState().calls;
  let plain = 0;
  let plainFilterMs = Infinity;
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    plain = calls.filter((c) => c.tool.includes("create")).length;
    plainFilterMs = Math.min(plainFilterMs, performance.now() - t0);
  }
  return { move, page, moveFiltered, typing, filters, plainFilterMs, plainVisible: plain };
}

async function main() {
  const mb = Number(process.argv[2] ?? 1024);
  const log = generateLog(mb);
  const sizeMb = statSync(log).size / 1048576;
  const base = baselines(log);
  const first = firstCallsInFreshProcess(log);
  const whole = await loadWhole(log);
  const rssBrowse0 = process.memoryUsage().rss / 1048576;
  const keys = reducerTimings(whole.wb);
  const rssBrowsing = Math.max(rssBrowse0, process.memoryUsage().rss / 1048576);
  whole.wb.dispatch({ type: "quit" });
  await whole.wb.done;

  const f = (n, d = 0) => n.toFixed(d);
  const us = (ms) => `${(ms * 1000).toFixed(1)} µs`;
  console.log(`log: ${f(sizeMb)} MB openai-chat, ${whole.calls} distinct calls`);
  console.log(`baselines: node -e 0 ${f(base.nodeStartMs)} ms · floor (split + JSON.parse) ${f(base.floorMs)} ms · bare node rss ${f(base.bareRssMb)} MB`);
  console.log(`first state with calls, fresh process: ${f(first.wallMs)} ms wall (${first.calls} calls; loading thread started at ${f(first.loadStartedMs)} ms, workbench imported at ${f(first.importsMs)} ms, first calls at ${f(first.sinceProcessStartMs)} ms after process start) = ${(first.wallMs / base.nodeStartMs).toFixed(2)}x node -e 0`);
  console.log(`first calls in process (after imports): ${f(whole.firstCallsMs)} ms`);
  console.log(`whole log loaded: ${f(whole.loadMs)} ms = ${(whole.loadMs / base.floorMs).toFixed(2)}x the parse floor; ${f((sizeMb / whole.loadMs) * 1000, 1)} MB/s`);
  console.log(`rss: loaded ${f(whole.rssLoadedMb)} MB (peak ${f(whole.rssPeakMb)} MB, browsing ${f(rssBrowsing)} MB) = ${(rssBrowsing / base.bareRssMb).toFixed(1)}x bare node; ${f(((whole.rssLoadedMb - whole.rssBefore) * 1048576) / whole.calls)} bytes per call; heap in use ${f(whole.heapUsedMb)} MB (${f((whole.heapUsedMb * 1048576) / whole.calls)} bytes per call, run with --expose-gc)`);
  console.log(`move: avg ${us(keys.move.avgMs)}, max ${f(keys.move.maxMs, 2)} ms (budget 50 ms: ${f(50 / keys.move.avgMs)}x headroom) · page avg ${us(keys.page.avgMs)} · move under a filter avg ${us(keys.moveFiltered.avgMs)}`);
  console.log(`typing in the editor (live diagnosis): avg ${us(keys.typing.avgMs)}, max ${f(keys.typing.maxMs, 2)} ms`);
  for (const [text, r] of Object.entries(keys.filters)) console.log(`filter "${text}": ${f(r.ms, 1)} ms → ${r.visible} rows (${(r.ms / keys.plainFilterMs).toFixed(1)}x one plain Array.filter pass of ${f(keys.plainFilterMs, 1)} ms)`);
  writeFileSync(here("./out/tui.json"), JSON.stringify({ sizeMb, calls: whole.calls, base, first, whole: { ...whole, wb: undefined }, rssBrowsing, keys }, null, 2));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (process.argv[2] === "--first-calls") await firstCallsChild(process.argv[3]);
  else await main();
}
