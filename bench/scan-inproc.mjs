// tooldbg's scan pipeline on one file, in process (no CLI start-up): adapter + pairing + diagnosis.
// With --read-only, the reading stage alone (lines, JSON, the adapter's events counted, nothing
// paired or diagnosed): where the pipeline's time goes, against the floor that only parses.
// Prints {ms, calls, failing, maxRssMb}.
import { readLog } from "../dist/engine/logs/read-log.js";
import { detectFormat } from "../dist/engine/logs/detect-format.js";
import { CallCollector } from "../dist/engine/logs/call-collector.js";
import { SummaryCounter } from "../dist/engine/logs/scan-summary.js";
const file = process.argv[2];
const readOnly = process.argv[3] === "--read-only";
const t0 = performance.now();
const { adapter } = await detectFormat(file);
if (readOnly) {
  let calls = 0;
  await readLog(file, adapter, (e) => {
    if (e.kind === "call") calls++;
  });
  console.log(JSON.stringify({ ms: performance.now() - t0, calls, maxRssMb: process.resourceUsage().maxRSS / 1024 }));
} else {
  const counter = new SummaryCounter();
  const collector = new CallCollector({}, (c) => counter.addCall(c), (i) => counter.addIssue(i));
  await readLog(file, adapter, (e) => collector.event(e));
  collector.finish();
  console.log(JSON.stringify({ ms: performance.now() - t0, calls: counter.summary.calls, failing: counter.summary.failing, maxRssMb: process.resourceUsage().maxRSS / 1024 }));
}
