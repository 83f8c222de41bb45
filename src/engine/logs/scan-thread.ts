/**
 * The scanning thread's work (its entry is scan-worker): the pipeline for `scan` (human, --jsonl
 * and --json output) runs here under a capped heap, so memory stays bounded whatever the log size,
 * and only finished text and the small final report cross to the main thread. With `reader`,
 * the logs are read (parsed, adapted) on a thread of its own and this one pairs, diagnoses and
 * writes: the scan takes the longer of the two stages instead of their sum.
 */
import { parentPort, workerData, type ResourceLimits, type Worker } from "node:worker_threads";
import type { ToolSpec } from "../../tools/tool-spec.js";
import { loadAdapter } from "./load-adapter.js";
import { runScanWith, type ScanOutput } from "./run-scan.js";
import { readLog, type LogToRead } from "./read-log.js";
import { ContinuedReaders } from "./continued-logs.js";
import { isStdin } from "./stdin-log.js";
import { LogReaderThread } from "./read-in-worker.js";
import { FdWriter, OutputClosedError } from "./fd-writer.js";
import { writeScanDocument } from "./json-call-spool.js";
import type { EarlyScan } from "./scan-worker.js";

export interface ScanWorkerInput {
  logs: LogToRead[];
  output: ScanOutput;
  tools?: ToolSpec[];
  /** Read the logs on a thread of their own, with these heap caps (two cores: reading, and the rest). */
  reader?: ResourceLimits;
  /**
   * Write the text to this file descriptor from here instead of sending it to the main thread:
   * the main thread then neither copies nor holds it (its young generation grew to 32 MB doing so).
   */
  fd?: number;
}

/**
 * Text is sent in chunks of about this many characters: few messages, and each small enough to be
 * an ordinary young string on both sides (a chunk over 128 KiB is a large object, freed only by a
 * full collection: the main thread's heap grew by every chunk it had written).
 */
const CHUNK = 48 * 1024;
/** Chunks sent and not yet written before reading pauses: a slow stdout never makes memory grow. */
const MAX_UNWRITTEN = 16;
/** Read chunk size (two buffers, read into in turn): below 256 KiB the reads themselves start to cost (64 KiB: ~3x the CPU of 256 KiB). */
const SCAN_READ_CHUNK = 256 * 1024;

/**
 * Runs the scan this thread is handed; the reading thread started with this one (`prestarted`
 * gives it while it is alive) is used or stopped. `early` gives the scan when it came while the
 * modules were loading (scan-worker), its reading thread already told to start.
 */
export async function runScanThread(prestarted: () => Worker | undefined, early: () => EarlyScan | undefined = () => undefined): Promise<void> {
  const port = parentPort;
  if (!port) return;
  // Started early (prestartScanThread), this thread loads its modules while the main thread still
  // detects formats, and its input comes as the first message.
  const handed = early();
  const input =
    (workerData as { input?: ScanWorkerInput } | undefined)?.input ??
    handed?.input ??
    (await new Promise<ScanWorkerInput>((resolve) => port.once("message", (m: { type: "start"; input: ScanWorkerInput }) => resolve(m.input))));
  let pending = "";
  let unwritten = 0;
  /** While too much text is unwritten: one promise for every waiter, settled once enough is written. */
  let drained: { promise: Promise<void>; resolve: () => void } | undefined;
  port.on("message", (m: { type: "written" }) => {
    if (m.type !== "written") return;
    unwritten--;
    if (drained && unwritten < MAX_UNWRITTEN) {
      drained.resolve();
      drained = undefined;
    }
  });
  const fdWriter = input.fd === undefined ? undefined : new FdWriter(input.fd, CHUNK);
  let closed = false;
  /** Runs a write to the fd; a closed output is told to the main thread once (it stops this thread). */
  const toFd = (fn: () => void): void => {
    try {
      fn();
    } catch (error) {
      if (!(error instanceof OutputClosedError)) throw error;
      if (!closed) port.postMessage({ type: "closed" });
      closed = true;
    }
  };
  const postText = (text: string) => {
    pending += text;
    if (pending.length >= CHUNK) {
      unwritten++;
      port.postMessage({ type: "text", text: pending });
      pending = "";
    }
  };
  const write = fdWriter ? (text: string) => toFd(() => fdWriter.write(text)) : postText;
  /** A promise while too much text waits to be written; reading waits on it. */
  const writable = (): Promise<void> | undefined => {
    // Written to the fd synchronously: nothing waits to be written.
    if (fdWriter || unwritten < MAX_UNWRITTEN) return undefined;
    if (!drained) {
      let resolve = (): void => undefined;
      const promise = new Promise<void>((r) => (resolve = r));
      drained = { promise, resolve };
    }
    return drained.promise;
  };
  // Stdin may be a live stream (`kubectl logs -f | tooldbg scan - --jsonl`): what each chunk made is written at once, not once a buffer fills.
  const afterLiveChunk = (): Promise<void> | undefined => {
    if (fdWriter) toFd(() => fdWriter.flush());
    return writable();
  };
  const opts = { output: input.output, ...(input.tools ? { tools: input.tools } : {}) };
  const prestartedReader = prestarted();
  // A reading thread told to start early that has failed since is replaced by a fresh one; what it sent is dropped.
  handed?.stopCollecting();
  const started = prestartedReader && handed?.readerMessages ? { worker: prestartedReader, messages: handed.readerMessages } : undefined;
  const reader = input.reader ? new LogReaderThread(input.logs, input.reader, writable, started ?? prestartedReader) : undefined;
  if (!reader) void prestartedReader?.terminate();
  let result;
  const readers = new ContinuedReaders();
  try {
    // With a reader thread no adapter is loaded here; otherwise each file's own, when it is read.
    result = await runScanWith(input.logs, opts, write, async (log, onEvent) =>
      reader ? reader.read(log.path, onEvent) : readLog(log.path, await loadAdapter(log.format), onEvent, { afterChunk: isStdin(log.path) ? afterLiveChunk : writable, highWaterMark: SCAN_READ_CHUNK, head: log.head, readers }),
    );
  } finally {
    await reader?.close();
  }
  // The --json document is written here, its calls read back from the spool (the main thread gets the counts only).
  const { spool, ...report } = result;
  if (spool) await writeScanDocument({ ...report, spool }, (text) => (closed ? undefined : (write(text), writable())));
  if (fdWriter) toFd(() => fdWriter.flush());
  if (pending) port.postMessage({ type: "text", text: pending });
  port.postMessage({ type: "done", result: report });
  // The last acknowledgements need not keep this thread alive.
  port.unref();
}
