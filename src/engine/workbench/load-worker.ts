/**
 * Worker-thread entry for `open`: logs are read and diagnosed here, under a capped heap, so the
 * UI thread only receives small call records in batches and stays responsive on a large log.
 */
import { parentPort, workerData } from "node:worker_threads";
import type { ToolSpec } from "../../tools/tool-spec.js";
import type { LogFormat } from "../logs/log-events.js";
import { adapterFor } from "../logs/adapter-table.js";
import { collectCalls } from "./collect-calls.js";

export interface LoadWorkerInput {
  logs: { path: string; format: LogFormat }[];
}

/** Sent once the tools are known (the thread starts before they are): then reading begins. */
export interface LoadWorkerStart {
  type: "start";
  tools?: ToolSpec[];
}

const input = workerData as LoadWorkerInput;
const port = parentPort;
if (port) {
  const start = await new Promise<LoadWorkerStart>((resolve) => port.once("message", (m: LoadWorkerStart) => resolve(m)));
  try {
    const logs = input.logs.map((l) => {
      const adapter = adapterFor(l.format);
      if (!adapter) throw new Error(`no adapter for ${l.format}`);
      return { path: l.path, adapter };
    });
    await collectCalls(logs, start.tools, (message) => port.postMessage(message));
  } catch (error) {
    port.postMessage({ type: "failed", message: `could not read the logs: ${error instanceof Error ? error.message : String(error)}` });
  }
}
