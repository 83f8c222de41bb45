import { closeSync, openSync, readSync, statSync } from "node:fs";
import { availableParallelism } from "node:os";
import { setFlagsFromString } from "node:v8";
import { Worker } from "node:worker_threads";
import type { ToolSpec } from "../../tools/tool-spec.js";
import type { LogAdapter } from "./log-events.js";
import type { ScanResult } from "./run-scan.js";
import type { ScanWorkerData, ScanWorkerInput } from "./scan-worker.js";
import { OutputClosedError } from "./fd-writer.js";
import { isGzip } from "./gzip-magic.js";
import { SPOOL_UNAVAILABLE, SpoolUnavailableError } from "./json-call-spool.js";

export { OutputClosedError };

/**
 * A scan thread ran out of the heap it may use (RESOURCE_LIMITS): a record too large to read
 * within it, since the records a log may hold are capped below it. Its own message, one line, for
 * the user: the worker's error is an internal one with a stack.
 */
export class ScanOutOfMemoryError extends Error {
  constructor() {
    super("the scan ran out of the memory it may use, reading a record too large to hold (records are read up to 16 MB a line, 8 MB pretty-printed): split the log, or leave that record out");
    this.name = "ScanOutOfMemoryError";
  }
}

/** A worker's error for running out of heap, its own or its reading thread's (whose error reaches here copied, its code perhaps lost). */
const outOfMemory = (error: unknown): boolean =>
  error instanceof Error && ((error as NodeJS.ErrnoException).code === "ERR_WORKER_OUT_OF_MEMORY" || error.message.includes("reaching memory limit"));

/**
 * Heap caps for the scanning thread. The live set is small (pending calls, dedupe windows, one
 * record); without a cap V8 grows the heap lazily well past it. Old space leaves room for the
 * largest record a log line may hold (16 MB) several times over. The young generation is 12 MB:
 * at 8 the scavenges (every record's objects are young) cost a fifth more of the scan. On one
 * core, or for a log too small for a second thread, it also reads the logs, which makes most of
 * the young objects (lines, parsed records): it then gets a larger young generation
 * (SOLO_LIMITS).
 */
const RESOURCE_LIMITS = { maxOldGenerationSizeMb: 96, maxYoungGenerationSizeMb: 12 };
/**
 * The same for the thread that reads the logs (lines, JSON, adapter) for the scanning thread,
 * when there is a second core for it: reading then overlaps pairing, diagnosis and output, and a
 * long scan takes 25-35% less time (bench/logs.mjs). It costs ~20 MB more peak RSS (a third
 * isolate and heap), which scan's 150 MB cap allows since the dedupe windows became typed arrays
 * and reads reuse their buffers. Its young generation is 12 MB: at 24 MB a 100 MB AutoGen log
 * peaked at 146-150 MB, at the cap, against 137-143 MB now (16 MB measured the same as 24), for
 * 6-13% more of this thread's CPU on the 160 MB chat log (more scavenges of its short-lived lines
 * and records).
 */
const READER_LIMITS = { maxOldGenerationSizeMb: 96, maxYoungGenerationSizeMb: 12 };
/**
 * One thread that reads the logs and scans them too (one core, or a log too small for a second
 * thread) keeps the larger young generation: with no third isolate its peak is 20-30 MB lower,
 * and the scavenges of what it reads would be about a tenth of its time at 12 MB.
 */
const SOLO_LIMITS = { maxOldGenerationSizeMb: 96, maxYoungGenerationSizeMb: 24 };
/** The scanning thread's caps: its own, or the larger young generation when it reads the logs itself. */
const scanThreadLimits = (readerApart: boolean) => (readerApart ? RESOURCE_LIMITS : SOLO_LIMITS);
/** Below this much log, a second thread starts and loads its modules for longer than it saves. */
const READER_MIN_BYTES = 4 * 1024 * 1024;

/**
 * Before the threads of a two-thread scan start: their isolates optimize code, and scavenge their
 * young generation, on the thread that runs them instead of on V8's helper threads. Two isolates
 * busy on two cores leave the helpers no core of their own, and work handed to them costs more in
 * all:
 * - concurrent compiles (the 160 MB bench log, in four A/B runs: 0.1-0.3 s less CPU, 2-7% less
 *   time without them);
 * - parallel scavenges (2% less time without them, 2206 -> 2161 ms, median of 7 alternating
 *   runs). Concurrent marking is kept: without it too the time fell 3.5%, but the peak RSS of a
 *   log of 1 MB arguments rose from 139 to 146 MB, too near the 150 MB cap.
 * V8 reads the flags when an isolate is made or as it works, so they change the threads started
 * after them (and perhaps the main thread, idle while they scan). One thread alone keeps the
 * helpers (it gains from the idle core). Set once per process: a later scan's threads are made
 * the same way.
 */
let ownThreadsOnly = false;
function workOnOwnThreadsForTwoThreads(): void {
  if (ownThreadsOnly) return;
  ownThreadsOnly = true;
  setFlagsFromString("--no-concurrent-recompilation");
  setFlagsFromString("--no-parallel-scavenge");
}

const scanWorkerEntry = (): URL => new URL(`./scan-worker${import.meta.url.endsWith(".ts") ? ".ts" : ".js"}`, import.meta.url);

/** A scanning thread started before its input is known: it loads its modules meanwhile. */
export interface PrestartedScanThread {
  worker: Worker;
  /** Whether the logs are read on a second thread (one was started with it); scanInWorker keeps to it. */
  reads: boolean;
  /** Set when the thread failed before being handed its scan. */
  failure?: Error;
  /** Stops the thread when no scan will be handed to it (a usage error came first). */
  cancel(): Promise<void>;
}

/**
 * TOOLDBG_SCAN_THREADS=1 scans on one thread even with two cores (benchmarks compare the two; a
 * machine short of memory saves the second thread's ~20 MB); =2 reads large logs on a second
 * thread even with one core (tests check both give the same output).
 */
export function scanThreadsFromEnv(): { threads?: 1 | 2 } {
  const value = process.env.TOOLDBG_SCAN_THREADS;
  return value === "1" ? { threads: 1 } : value === "2" ? { threads: 2 } : {};
}

/**
 * Starts the scanning thread now (its module loading overlaps the main thread's format
 * detection), for these log paths (as the command line names them; unchecked, so a path that is
 * not a readable file counts for nothing); pass it to scanInWorker, which keeps to what was
 * decided here: whether the logs are read on a second thread.
 */
export function prestartScanThread(opts: { threads?: 1 | 2; logs: readonly string[] }): PrestartedScanThread {
  // For large logs with a second core, the scanning thread starts its reading thread at once too;
  // otherwise it reads them itself and gets the reader's young generation.
  const reads = readOnSecondThread(opts.logs, opts.threads);
  if (reads) workOnOwnThreadsForTwoThreads();
  const data: ScanWorkerData = reads ? { readerLimits: READER_LIMITS } : {};
  const worker = new Worker(scanWorkerEntry(), { workerData: data, resourceLimits: scanThreadLimits(reads) });
  const thread: PrestartedScanThread = {
    worker,
    reads,
    cancel: async () => {
      await worker.terminate();
    },
  };
  worker.once("error", (error) => (thread.failure = error instanceof Error ? error : new Error(String(error))));
  return thread;
}

/**
 * Run `runScan` in a worker thread with bounded memory (`started`'s, when given), the logs read on
 * a second one when they are large enough and there are two cores (`threads: 1` keeps one;
 * `started` brings its own). Text
 * arrives through `write` as it is made, or with `fd` is written to that file descriptor by the
 * thread itself (`write` is then unused).
 * Rejects with OutputClosedError when the fd's reader went away (EPIPE).
 */
export function scanInWorker(
  logs: readonly { path: string; adapter: LogAdapter; head?: Uint8Array | undefined }[],
  opts: { output: "human" | "jsonl" | "json"; tools?: readonly ToolSpec[]; fd?: number; threads?: 1 | 2; started?: PrestartedScanThread },
  write: (text: string) => void,
): Promise<ScanResult> {
  const input: ScanWorkerInput = {
    logs: logs.map((l) => ({ path: l.path, format: l.adapter.format, head: l.head })),
    output: opts.output,
    ...((opts.started ? opts.started.reads : readOnSecondThread(logs.map((l) => l.path), opts.threads)) ? { reader: READER_LIMITS } : {}),
    ...(opts.tools ? { tools: [...opts.tools] } : {}),
    ...(opts.fd !== undefined ? { fd: opts.fd } : {}),
  };
  const started = opts.started;
  if (!started && input.reader) workOnOwnThreadsForTwoThreads();
  return new Promise((resolve, reject) => {
    if (started?.failure) {
      reject(started.failure);
      return;
    }
    const data: ScanWorkerData = { input };
    const worker = started ? started.worker : new Worker(scanWorkerEntry(), { workerData: data, resourceLimits: scanThreadLimits(input.reader !== undefined) });
    if (started) worker.postMessage({ type: "start", input });
    let done = false;
    worker.on("message", (m: { type: "text"; text: string } | { type: "closed" } | { type: "done"; result: ScanResult }) => {
      if (done) return;
      if (m.type === "closed") {
        done = true;
        reject(new OutputClosedError());
        void worker.terminate();
      } else if (m.type === "text") {
        write(m.text);
        // Written: the thread may make more (it pauses reading while too much text is unwritten).
        worker.postMessage({ type: "written" });
      } else {
        done = true;
        resolve(m.result);
      }
    });
    worker.on("error", (error) => reject(outOfMemory(error) ? new ScanOutOfMemoryError() : error.message.startsWith(SPOOL_UNAVAILABLE) ? new SpoolUnavailableError(error.message) : error));
    worker.on("exit", (code) => {
      if (!done) reject(new Error(`the scanning thread stopped (exit ${code}) before finishing`));
    });
  });
}

/** Whether logs this large (their text: see textBytes) are read on a second thread (`threads` from TOOLDBG_SCAN_THREADS). */
export function readOnSecondThread(paths: readonly string[], threads: 1 | 2 | undefined): boolean {
  if (threads === 1 || (threads === undefined && availableParallelism() < 2)) return false;
  let bytes = 0;
  for (const path of paths) {
    try {
      bytes += textBytes(path);
    } catch {
      // The scan reports an unreadable file.
    }
  }
  return bytes >= READER_MIN_BYTES;
}

/**
 * About how much text a log holds: its size, or for a gzip file the size its trailer records
 * (of the last member, modulo 4 GiB: never less than the file itself is taken).
 */
function textBytes(path: string): number {
  const size = statSync(path).size;
  if (size < 18) return size;
  const fd = openSync(path, "r");
  try {
    const magic = Buffer.alloc(2);
    readSync(fd, magic, 0, 2, 0);
    if (!isGzip(magic)) return size;
    const trailer = Buffer.alloc(4);
    readSync(fd, trailer, 0, 4, size - 4);
    return Math.max(size, trailer.readUInt32LE(0));
  } finally {
    closeSync(fd);
  }
}
