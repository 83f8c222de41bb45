/**
 * Worker-thread entry for `scan` (human and --jsonl output): the whole pipeline runs here under
 * a capped heap, so memory stays bounded whatever the log size, and only finished text and the
 * small final report cross to the main thread.
 */
import { parentPort, workerData } from "node:worker_threads";
import type { ToolSpec } from "../../tools/tool-spec.js";
import type { LogFormat } from "./log-events.js";
import { adapterFor } from "./adapter-table.js";
import { runScan, type ScanOutput } from "./run-scan.js";

export interface ScanWorkerInput {
  logs: { path: string; format: LogFormat }[];
  output: Exclude<ScanOutput, "json">;
  tools?: ToolSpec[];
}

/** Text is sent in chunks of about this many characters: few messages, little held. */
const CHUNK = 256 * 1024;

const input = workerData as ScanWorkerInput;
const port = parentPort;
if (port) {
  let pending = "";
  const write = (text: string) => {
    pending += text;
    if (pending.length >= CHUNK) {
      port.postMessage({ type: "text", text: pending });
      pending = "";
    }
  };
  const logs = input.logs.map((l) => {
    const adapter = adapterFor(l.format);
    if (!adapter) throw new Error(`no adapter for ${l.format}`);
    return { path: l.path, adapter };
  });
  const result = await runScan(logs, { output: input.output, ...(input.tools ? { tools: input.tools } : {}) }, write);
  if (pending) port.postMessage({ type: "text", text: pending });
  port.postMessage({ type: "done", result });
}
