/**
 * Worker-thread entry for `scan`. Before loading the pipeline's modules it starts the thread that
 * may read the logs (when it is given heap caps for one: the machine has a second core), so both
 * load their modules at once while the main thread still detects formats; the scan decides later
 * whether to use it. The work itself is in scan-thread.
 */
import { Worker, workerData, type ResourceLimits } from "node:worker_threads";
// Types only: erased, so the pipeline's modules still load after the reader has started.
import type { ScanWorkerInput } from "./scan-thread.js";

export type { ScanWorkerInput };

/** What the scanning thread is started with (its scan comes as `input`, or later as a message). */
export interface ScanWorkerData {
  input?: ScanWorkerInput;
  /** Start a reading thread with these heap caps. */
  readerLimits?: ResourceLimits;
}

const data = workerData as ScanWorkerData | undefined;
const readerEntry = new URL(`./scan-reader-worker${import.meta.url.endsWith(".ts") ? ".ts" : ".js"}`, import.meta.url);
const reader = data?.readerLimits ? new Worker(readerEntry, { resourceLimits: data.readerLimits }) : undefined;
// A reader that failed or stopped before it is used is not used (the scan starts a fresh one).
let readerGone = false;
reader?.on("error", () => (readerGone = true));
reader?.once("exit", () => (readerGone = true));
const { runScanThread } = await import("./scan-thread.js");
await runScanThread(() => (readerGone ? undefined : reader));
