/**
 * Worker-thread entry that reads logs for a scan running on another thread: lines, JSON parsing
 * and the format's adapter run here, and the events go out in packed batches (log-event-codec),
 * so reading and diagnosing use two cores. Batches are acknowledged; past a few unacknowledged
 * ones reading pauses, so a slower consumer never makes memory grow.
 */
import { parentPort, workerData } from "node:worker_threads";
import type { LogEvent, LogLineError } from "./log-events.js";
import { loadAdapter } from "./load-adapter.js";
import { readLog, type LogFileSummary, type LogToRead } from "./read-log.js";
import { EventEncoder, type EventBatch } from "./log-event-codec.js";
import { ContinuedReaders } from "./continued-logs.js";

export interface ScanReaderInput {
  logs: LogToRead[];
}

/** What the reader sends: event batches, then each file's summary once it is read. It receives `{ type: "ack" }` per batch. */
export type ScanReaderMessage = { type: "events"; batch: EventBatch } | { type: "file"; summary: LogFileSummary };

/** Unacknowledged batches before reading pauses: enough to keep both threads busy. */
const MAX_IN_FLIGHT = 6;
/** A batch is sent once it holds this many entries, or at a chunk's end once it holds MIN_BATCH_ENTRIES. */
const MAX_BATCH_ENTRIES = 64 * 1024;
/** Read chunk size (see scan-thread's SCAN_READ_CHUNK). */
const READ_CHUNK = 256 * 1024;
/**
 * A batch goes out once it holds this many entries at a chunk's end. Smaller batches reach the
 * scanning thread sooner and die young on this one: at 1024 the 160 MB bench log took 4-9% less
 * time than at 4096 (2151 -> 2061 ms, median of 9 alternating runs; this thread 5% less CPU), 512
 * measured the same as 1024, and 100 MB OTel and AutoGen logs the same as before.
 */
const MIN_BATCH_ENTRIES = 1024;
/**
 * A batch is also sent once its arguments and results hold this many characters: calls with huge
 * arguments (a file's content) would otherwise fill thousands of entries' worth of memory, times
 * MAX_IN_FLIGHT, before going out.
 */
const MAX_BATCH_CHARS = 1 << 20;

const port = parentPort;
if (port) {
  // Started early (with the scanning thread), its input comes as the first message.
  const input =
    (workerData as ScanReaderInput | undefined) ??
    (await new Promise<ScanReaderInput>((resolve) => port.once("message", (m: { type: "start"; input: ScanReaderInput }) => resolve(m.input))));
  let inFlight = 0;
  let resume: (() => void) | undefined;
  port.on("message", (m: { type: "ack" }) => {
    if (m.type !== "ack") return;
    inFlight--;
    if (resume && inFlight < MAX_IN_FLIGHT) {
      const go = resume;
      resume = undefined;
      go();
    }
  });
  const encoder = new EventEncoder(input.logs[0]?.path ?? "");
  const send = (): void => {
    const batch = encoder.take();
    if (!batch) return;
    inFlight++;
    const message: ScanReaderMessage = { type: "events", batch };
    port.postMessage(message);
  };
  const afterChunk = (): Promise<void> | undefined => {
    if (encoder.length >= MIN_BATCH_ENTRIES) send();
    return inFlight < MAX_IN_FLIGHT ? undefined : new Promise((resolve) => (resume = resolve));
  };
  const readers = new ContinuedReaders();
  for (const log of input.logs) {
    const adapter = await loadAdapter(log.format);
    encoder.setFile(log.path);
    const summary = await readLog(
      log.path,
      adapter,
      (event: Exclude<LogEvent, LogLineError>) => {
        encoder.push(event);
        if (encoder.length >= MAX_BATCH_ENTRIES || encoder.textChars >= MAX_BATCH_CHARS) send();
      },
      { afterChunk, highWaterMark: READ_CHUNK, head: log.head, readers },
    );
    send();
    const message: ScanReaderMessage = { type: "file", summary };
    port.postMessage(message);
  }
  // Nothing more to read: the acknowledgements still to come need not keep this thread alive.
  port.unref();
}
