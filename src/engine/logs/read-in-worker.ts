import { Worker, type ResourceLimits } from "node:worker_threads";
import type { LogEvent, LogLineError } from "./log-events.js";
import type { LogFileSummary, LogToRead } from "./read-log.js";
import { EventDecoder } from "./log-event-codec.js";
import type { ScanReaderInput, ScanReaderMessage } from "./scan-reader-worker.js";

type OnEvent = (event: Exclude<LogEvent, LogLineError>) => void;

interface Waiter {
  onEvent: OnEvent;
  resolve: (summary: LogFileSummary) => void;
  reject: (error: Error) => void;
  /** Errors thrown while handling this file's events (a consumer bug): reported as line errors, as readLog would. */
  errors: { line: number; message: string }[];
}

/**
 * Reads logs on a thread of their own (scan-reader-worker) and hands their events over here, file
 * by file in the order given: `read` has the shape of readLog, so the scan pipeline is the same
 * with the reading on another core.
 */
export class LogReaderThread {
  private readonly worker: Worker;
  private readonly decoder: EventDecoder;
  private readonly queue: ScanReaderMessage[] = [];
  private waiter: Waiter | undefined;
  private failure: Error | undefined;
  private filesLeft: number;

  /**
   * `beforeAck`: a promise it returns delays acknowledging a batch (and so, past a few, the reading)
   * until it settles: the consumer's own back-pressure (text not yet written) reaches the reader.
   */
  constructor(
    logs: readonly LogToRead[],
    resourceLimits?: ResourceLimits,
    private readonly beforeAck?: () => Promise<void> | undefined,
    /**
     * A reading thread started earlier (its caps were given then): waiting for its input, or
     * already reading these logs, with the messages it has sent so far.
     */
    prestarted?: Worker | { worker: Worker; messages: readonly unknown[] },
  ) {
    const input: ScanReaderInput = { logs: logs.map((l) => ({ path: l.path, format: l.format, head: l.head })) };
    this.filesLeft = logs.length;
    this.decoder = new EventDecoder(logs[0]?.path ?? "");
    const entry = new URL(`./scan-reader-worker${import.meta.url.endsWith(".ts") ? ".ts" : ".js"}`, import.meta.url);
    const reading = prestarted && !(prestarted instanceof Worker) ? prestarted : undefined;
    const waiting = prestarted instanceof Worker ? prestarted : undefined;
    if (waiting) waiting.postMessage({ type: "start", input });
    this.worker = reading?.worker ?? waiting ?? new Worker(entry, { workerData: input, ...(resourceLimits ? { resourceLimits } : {}) });
    if (reading) this.queue.push(...(reading.messages as ScanReaderMessage[]));
    this.worker.on("message", (m: ScanReaderMessage) => {
      this.queue.push(m);
      this.pump();
    });
    this.worker.on("error", (error) => this.fail(error instanceof Error ? error : new Error(String(error))));
    this.worker.on("exit", (code) => {
      if (this.filesLeft > 0) this.fail(new Error(`the log reading thread stopped (exit ${code}) before finishing`));
    });
  }

  /** The next file's events, then its summary. Call once per log, in order. */
  read(path: string, onEvent: OnEvent): Promise<LogFileSummary> {
    return new Promise((resolve, reject) => {
      this.decoder.setFile(path);
      this.waiter = { onEvent, resolve, reject, errors: [] };
      this.pump();
      if (this.failure && this.waiter) {
        this.waiter = undefined;
        reject(this.failure);
      }
    });
  }

  /** Stops the reader (after an error elsewhere); a finished reader has stopped by itself. */
  async close(): Promise<void> {
    if (this.filesLeft > 0) await this.worker.terminate();
  }

  private pump(): void {
    while (this.waiter && this.queue.length > 0) {
      const waiter: Waiter = this.waiter;
      const m = this.queue.shift() as ScanReaderMessage;
      if (m.type === "events") {
        this.decoder.decode(m.batch, (event) => {
          try {
            waiter.onEvent(event);
          } catch (error) {
            waiter.errors.push({ line: event.source.line, message: `could not read this record (${error instanceof Error ? error.message : String(error)})` });
          }
        });
        const wait = this.beforeAck?.();
        if (wait) void wait.then(() => this.worker.postMessage({ type: "ack" }));
        else this.worker.postMessage({ type: "ack" });
      } else {
        this.waiter = undefined;
        this.filesLeft--;
        waiter.resolve(withErrors(m.summary, waiter.errors));
      }
    }
  }

  private fail(error: Error): void {
    if (this.failure) return;
    this.failure = error;
    const waiter = this.waiter;
    this.waiter = undefined;
    waiter?.reject(error);
  }
}

/** Errors raised here merged into the reader's, in line order as readLog keeps them. */
function withErrors(summary: LogFileSummary, errors: { line: number; message: string }[]): LogFileSummary {
  if (errors.length === 0) return summary;
  const merged = [...summary.errors, ...errors].sort((a, b) => a.line - b.line);
  return { ...summary, errors: merged };
}
