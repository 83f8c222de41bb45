/**
 * Worker-thread entry for `scan`. Before loading the pipeline's modules it starts the thread that
 * may read the logs (when it is given heap caps for one: the machine has a second core), so both
 * load their modules at once while the main thread still detects formats; the scan decides later
 * whether to use it. The work itself is in scan-thread.
 */
import { parentPort, Worker, workerData, type ResourceLimits } from "node:worker_threads";
// Types only: erased, so the pipeline's modules still load after the reader has started.
import type { ScanWorkerInput } from "./scan-thread.js";
import type { ScanReaderInput } from "./scan-reader-worker.js";

export type { ScanWorkerInput };

/** What the scanning thread is started with (its scan comes as `input`, or later as a message). */
export interface ScanWorkerData {
  input?: ScanWorkerInput;
  /** Start a reading thread with these heap caps. */
  readerLimits?: ResourceLimits;
}

/**
 * A scan handed over while this thread was still loading the pipeline's modules. Its reading
 * thread, when it reads, has been told to start at once; `readerMessages` holds what it sent
 * before the pipeline took it over.
 */
export interface EarlyScan {
  input: ScanWorkerInput;
  readerMessages?: unknown[];
  /** Stops collecting the reading thread's messages (the pipeline listens from now on). */
  stopCollecting(): void;
}

const data = workerData as ScanWorkerData | undefined;
const readerEntry = new URL(`./scan-reader-worker${import.meta.url.endsWith(".ts") ? ".ts" : ".js"}`, import.meta.url);
const reader = data?.readerLimits ? new Worker(readerEntry, { resourceLimits: data.readerLimits }) : undefined;
// A reader that failed or stopped before it is used is not used (the scan starts a fresh one).
let readerGone = false;
reader?.on("error", () => (readerGone = true));
reader?.once("exit", () => (readerGone = true));
// The scan often arrives while the modules below still load (module loading yields to messages):
// the reading thread starts on it then, instead of after this thread's modules, ajv's among them,
// have loaded. Its first batches wait here for the pipeline. (A reader that has ended meanwhile
// counts as gone: the pipeline starts a fresh one and drops what this one sent.)
let early: EarlyScan | undefined;
const onStart = (m: { type: "start"; input: ScanWorkerInput }): void => {
  const scan: EarlyScan = { input: m.input, stopCollecting: () => undefined };
  if (m.input.reader && reader && !readerGone) {
    const messages: unknown[] = [];
    const collect = (message: unknown) => messages.push(message);
    reader.on("message", collect);
    const start: { type: "start"; input: ScanReaderInput } = { type: "start", input: { logs: m.input.logs } };
    reader.postMessage(start);
    scan.readerMessages = messages;
    scan.stopCollecting = () => reader.off("message", collect);
  }
  early = scan;
};
if (!data?.input) parentPort?.once("message", onStart);
// Evaluating a module graph holds this thread until it is done, and a scan handed over meanwhile
// waits to be passed on to the reading thread: the graph loads in three turns, its two heaviest
// parts first (ajv about 40 ms, the diagnosis 30 ms, cold), so the scan waits for one part at
// most (it waited up to 100 ms for the whole, on the 160 MB bench log).
await import("ajv");
await nextTurn();
await import("../diagnosis/diagnose-call.js");
await nextTurn();
const { runScanThread } = await import("./scan-thread.js");
// Once the pipeline asks, a scan still to come is its to receive.
const takeEarly = (): EarlyScan | undefined => {
  parentPort?.off("message", onStart);
  return early;
};
await runScanThread(() => (readerGone ? undefined : reader), takeEarly);

/** Lets the messages that came meanwhile be handled (setImmediate runs after pending I/O and messages). */
function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
