// The single-thread floor for reading a chat log: split lines from large buffers, JSON.parse every
// record, and JSON.parse every tool call's arguments string. Prints {ms, cpuMs, calls, maxRssMb}.
import { openSync, readSync, closeSync } from "node:fs";
const file = process.argv[2];
const t0 = performance.now();
const fd = openSync(file, "r");
const buf = Buffer.alloc(1 << 22);
let carry = Buffer.alloc(0);
let calls = 0;
const handle = (line) => {
  if (line.length === 0) return;
  let rec;
  try { rec = JSON.parse(line); } catch { return; }
  for (const m of rec?.request?.messages ?? []) for (const c of m.tool_calls ?? []) { try { JSON.parse(c.function.arguments); } catch { /* invalid arguments cost the same parse */ } calls++; }
  for (const ch of rec?.response?.choices ?? []) for (const c of ch.message?.tool_calls ?? []) { try { JSON.parse(c.function.arguments); } catch { /* invalid arguments cost the same parse */ } calls++; }
};
for (;;) {
  const n = readSync(fd, buf, 0, buf.length, null);
  if (n === 0) break;
  let chunk = carry.length ? Buffer.concat([carry, buf.subarray(0, n)]) : buf.subarray(0, n);
  let start = 0;
  for (let nl = chunk.indexOf(10, start); nl !== -1; nl = chunk.indexOf(10, start)) { handle(chunk.toString("utf8", start, nl)); start = nl + 1; }
  carry = Buffer.from(chunk.subarray(start));
}
handle(carry.toString("utf8"));
closeSync(fd);
const cpu = process.cpuUsage();
console.log(JSON.stringify({ ms: performance.now() - t0, cpuMs: (cpu.user + cpu.system) / 1000, calls, maxRssMb: process.resourceUsage().maxRSS / 1024 }));
