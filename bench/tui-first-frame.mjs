// First frame of `tooldbg open` on a large log, in a real pseudo-terminal, against a baseline
// measured in the same run: a bare `node` that prints one line in the same kind of terminal.
// "first rows" is when the first call rows are on screen (the log still loading behind them).
// Usage: npm run build && node bench/tui-first-frame.mjs [LOG=bench/out/chat-1024mb.jsonl] [RUNS=5]
import pty from "@lydell/node-pty";
import { existsSync, statSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const here = (p) => fileURLToPath(new URL(p, import.meta.url));
const log = process.argv[2] ?? here("./out/chat-1024mb.jsonl");
const runs = Number(process.argv[3] ?? 5);
if (!existsSync(log)) spawnSync(process.execPath, [here("./gen-openai-chat-log.mjs"), log, "1024"], { stdio: "inherit" });

/** Milliseconds from spawn until the screen output matches. */
function timeUntil(args, pattern, after) {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = pty.spawn(process.execPath, args, { name: "xterm-256color", cols: 120, rows: 40, cwd: here(".."), env: { ...process.env, TERM: "xterm-256color" } });
    let out = "";
    let seen = false;
    const timer = setTimeout(() => reject(new Error(`no match for ${pattern} in 30 s:\n${out.slice(-800)}`)), 30_000);
    child.onData((data) => {
      out += data;
      if (seen || !pattern.test(out)) return;
      seen = true;
      const ms = performance.now() - t0;
      clearTimeout(timer);
      after?.(child);
      child.onExit(() => resolve(ms));
      if (!after) child.kill();
    });
  });
}

const quit = (child) => {
  child.write("q");
  setTimeout(() => child.write("y"), 200);
  setTimeout(() => child.kill(), 2000);
};
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const base = [];
const first = [];
for (let i = 0; i < runs; i++) {
  base.push(await timeUntil(["-e", "process.stdout.write('ready\\n'); setTimeout(() => {}, 100)"], /ready/));
  first.push(await timeUntil([here("../bin/tooldbg.js"), "open", log], /get_invoice_status|create_ticket|search_orders/, quit));
}
const mb = statSync(log).size / 1048576;
console.log(`open ${mb.toFixed(0)} MB log: first call rows on screen, median of ${runs}: ${median(first).toFixed(0)} ms (min ${Math.min(...first).toFixed(0)})`);
console.log(`baseline: bare node printing a line in the same pty: ${median(base).toFixed(0)} ms   ratio ${(median(first) / median(base)).toFixed(1)}x`);
