// Log triage figures against baselines from the same run:
//   floor: split lines + JSON.parse of every record and every arguments string (one thread)
//   jq:    extracting the same tool calls with jq (when installed)
//   tooldbg: the reading stage alone in process (lines, JSON, adapter: what the floor compares to),
//            the scan pipeline in process, and the real CLI (`scan --jsonl > /dev/null`) with peak RSS,
//            also on one thread, with the human report, and on the same log gzipped
// Each figure is the median of ROUNDS runs taken in turn (floor, in process, CLI, jq, then again,
// each round starting one place later), so a noisy machine slows every side alike; ratios are of
// the medians.
// Usage: npm run build && node bench/logs.mjs [MB=160] [ROUNDS=3]
import { spawn, spawnSync } from "node:child_process";
import { createReadStream, createWriteStream, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import { pipeline } from "node:stream/promises";
import { createGzip } from "node:zlib";
import { fileURLToPath } from "node:url";

const here = (p) => fileURLToPath(new URL(p, import.meta.url));
const mb = Number(process.argv[2] ?? 160);
const rounds = Number(process.argv[3] ?? 3);
mkdirSync(here("./out/"), { recursive: true });
const log = here(`./out/chat-${mb}mb.jsonl`);
if (!existsSync(log)) spawnSync(process.execPath, [here("./gen-openai-chat-log.mjs"), log, String(mb)], { stdio: "inherit" });
const size = statSync(log).size / 1048576;
// The same log gzipped (as rotated logs are): scanned through gunzip, under the same memory cap.
const gz = `${log}.gz`;
if (!existsSync(gz)) {
  await pipeline(createReadStream(log), createGzip(), createWriteStream(`${gz}.part`));
  renameSync(`${gz}.part`, gz);
}

// `ms` is what the script measured inside (node's own start left out); `processMs` is the whole
// process, start included, as the CLI is timed.
const runJson = (args) => {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, { encoding: "utf8", maxBuffer: 1 << 26 });
  const processMs = performance.now() - t0;
  if (r.status !== 0) throw new Error(`${args.join(" ")}: ${r.stderr}`);
  return { ...JSON.parse(r.stdout.trim().split("\n").at(-1)), processMs };
};
// Peak RSS of a whole command, from /proc while it runs (no extra tools needed), and the CPU time
// of its busiest threads (utime+stime per task, last sample): on a loaded machine wall time says
// little, while the busiest thread's CPU is the critical path once every thread has a core. The
// polling is done here, a few reads every 50 ms, so it takes next to nothing from the command.
function timeWithRss(cmd, args, env = {}) {
  const t0 = performance.now();
  const child = spawn(cmd, args, { stdio: ["ignore", "ignore", "inherit"], env: { ...process.env, ...env } });
  let peakKb = 0;
  const cpuTicks = new Map();
  const sample = () => {
    try {
      const hwm = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, "utf8"));
      if (hwm) peakKb = Math.max(peakKb, Number(hwm[1]));
      for (const task of readdirSync(`/proc/${child.pid}/task`)) {
        const stat = readFileSync(`/proc/${child.pid}/task/${task}/stat`, "utf8");
        const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
        cpuTicks.set(task, Number(fields[11]) + Number(fields[12]));
      }
    } catch {
      // The process (or a thread) just ended.
    }
  };
  const timer = setInterval(sample, 50);
  return new Promise((resolve) => {
    child.on("exit", (status) => {
      clearInterval(timer);
      const clk = 100; // USER_HZ
      const threadCpuMs = [...cpuTicks.values()].map((t) => (t * 1000) / clk).sort((a, b) => b - a).slice(0, 3);
      resolve({ ms: performance.now() - t0, peakRssMb: peakKb / 1024, threadCpuMs, status });
    });
  });
}

const jqFilter = '[.request.messages[]?.tool_calls[]?, .response.choices[]?.message.tool_calls[]?] | .[] | .function.arguments | (try fromjson catch null) | length';
const hasJq = spawnSync("bash", ["-c", "command -v jq"]).status === 0;
const runs = { floor: [], read: [], inproc: [], cli: [], cli1: [], human: [], gz: [], jq: [] };
const steps = [
  async () => runs.floor.push(runJson([here("./floor.mjs"), log])),
  async () => runs.read.push(runJson([here("./scan-inproc.mjs"), log, "--read-only"])),
  async () => runs.inproc.push(runJson([here("./scan-inproc.mjs"), log])),
  async () => runs.cli.push(await timeWithRss(process.execPath, [here("../bin/tooldbg.js"), "scan", log, "--jsonl"])),
  async () => runs.cli1.push(await timeWithRss(process.execPath, [here("../bin/tooldbg.js"), "scan", log, "--jsonl"], { TOOLDBG_SCAN_THREADS: "1" })),
  async () => runs.human.push(await timeWithRss(process.execPath, [here("../bin/tooldbg.js"), "scan", log])),
  async () => runs.gz.push(await timeWithRss(process.execPath, [here("../bin/tooldbg.js"), "scan", gz, "--jsonl"])),
  ...(hasJq ? [async () => runs.jq.push(await timeWithRss("jq", ["-c", jqFilter, log]))] : []),
];
// Each round starts one step later: these machines' speed drifts within a round (the same command
// run four times in a row has differed by 15%), and a fixed order would hand one side the same place.
for (let i = 0; i < rounds; i++) for (let k = 0; k < steps.length; k++) await steps[(i + k) % steps.length]();
/** The run with the median time (its other figures with it); peak RSS is the highest of all runs. */
const median = (list) => {
  if (list.length === 0) return undefined;
  const sorted = [...list].sort((a, b) => a.ms - b.ms);
  const mid = sorted[sorted.length >> 1];
  const peak = Math.max(...list.map((r) => r.peakRssMb ?? r.maxRssMb));
  return { ...mid, allMs: list.map((r) => Math.round(r.ms)), ...("peakRssMb" in mid ? { peakRssMb: peak } : { maxRssMb: peak }) };
};
const floor = median(runs.floor);
const read = median(runs.read);
const inproc = median(runs.inproc);
const cli = median(runs.cli);
const cli1 = median(runs.cli1);
const jq = median(runs.jq);
const human = median(runs.human);
const gzipped = median(runs.gz);

const mbps = (ms) => (size / (ms / 1000)).toFixed(1);
const floorProcessMs = [...runs.floor.map((r) => r.processMs)].sort((a, b) => a - b)[runs.floor.length >> 1];
const results = { sizeMb: size, rounds, floor: { ...floor, medianProcessMs: floorProcessMs }, readOnly: read, inproc, cli, cliOneThread: cli1, cliHuman: human, cliGzip: { ...gzipped, gzipMb: statSync(gz).size / 1048576 }, jq };
console.log(`log: ${size.toFixed(0)} MB openai-chat (${inproc.calls} distinct calls, ${inproc.failing} failing); medians of ${rounds} rounds`);
console.log(`floor (split + JSON.parse)  ${floor.ms.toFixed(0)} ms  ${mbps(floor.ms)} MB/s  rss ${floor.maxRssMb.toFixed(0)} MB`);
if (jq) console.log(`jq extracting the calls     ${jq.ms.toFixed(0)} ms  ${mbps(jq.ms)} MB/s  rss ${jq.peakRssMb.toFixed(0)} MB`);
console.log(`tooldbg reading alone          ${read.ms.toFixed(0)} ms  ${mbps(read.ms)} MB/s  rss ${read.maxRssMb.toFixed(0)} MB   ratio to floor ${(floor.ms / read.ms).toFixed(2)}x (lines, JSON, adapter; nothing paired or diagnosed)`);
console.log(`tooldbg pipeline in process ${inproc.ms.toFixed(0)} ms  ${mbps(inproc.ms)} MB/s  rss ${inproc.maxRssMb.toFixed(0)} MB   ratio to floor ${(floor.ms / inproc.ms).toFixed(2)}x`);
console.log(`tooldbg scan --jsonl (CLI)  ${cli.ms.toFixed(0)} ms  ${mbps(cli.ms)} MB/s  peak rss ${cli.peakRssMb.toFixed(0)} MB   ratio to floor ${(floor.ms / cli.ms).toFixed(2)}x${jq ? `, to jq ${(jq.ms / cli.ms).toFixed(2)}x` : ""}`);
console.log(`tooldbg scan --jsonl, 1 thread ${cli1.ms.toFixed(0)} ms  ${mbps(cli1.ms)} MB/s  peak rss ${cli1.peakRssMb.toFixed(0)} MB   ratio to floor ${(floor.ms / cli1.ms).toFixed(2)}x (TOOLDBG_SCAN_THREADS=1)`);
console.log(`tooldbg scan (human report) ${human.ms.toFixed(0)} ms  ${mbps(human.ms)} MB/s  peak rss ${human.peakRssMb.toFixed(0)} MB   ratio to floor ${(floor.ms / human.ms).toFixed(2)}x`);
console.log(`tooldbg scan --jsonl of the log gzipped (${(statSync(gz).size / 1048576).toFixed(0)} MB) ${gzipped.ms.toFixed(0)} ms  ${mbps(gzipped.ms)} MB/s of text  peak rss ${gzipped.peakRssMb.toFixed(0)} MB   ratio to floor ${(floor.ms / gzipped.ms).toFixed(2)}x`);
console.log(`  whole processes (node's start included on both sides): floor ${floorProcessMs.toFixed(0)} ms; CLI ${(floorProcessMs / cli.ms).toFixed(2)}x, 1 thread ${(floorProcessMs / cli1.ms).toFixed(2)}x`);
console.log(`  CLI busiest threads (CPU ms): ${cli.threadCpuMs.map((ms) => ms.toFixed(0)).join(", ")}; floor process ${floor.cpuMs.toFixed(0)} ms CPU`);
console.log(`  runs (ms): floor ${floor.allMs.join(" ")}, reading ${read.allMs.join(" ")}, in process ${inproc.allMs.join(" ")}, CLI ${cli.allMs.join(" ")}, CLI 1 thread ${cli1.allMs.join(" ")}, human ${human.allMs.join(" ")}, gzip ${gzipped.allMs.join(" ")}${jq ? `, jq ${jq.allMs.join(" ")}` : ""}`);
writeFileSync(here("./out/logs.json"), JSON.stringify(results, null, 2));
