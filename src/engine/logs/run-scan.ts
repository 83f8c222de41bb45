import type { ToolSpec } from "../../tools/tool-spec.js";
import type { ToolRunner } from "../fixtures/tool-runner.js";
import type { LogAdapter, LogEvent, LogFormat, LogLineError } from "./log-events.js";
import { ContinuedReaders, continuesFrom } from "./continued-logs.js";
import { readLog, type LogFileSummary } from "./read-log.js";
import { CallCollector } from "./call-collector.js";
import { SummaryCounter, type ScanSummary } from "./scan-summary.js";
import { ProblemCounter, type ScanProblem } from "./scan-problems.js";
import type { ConversationFinding, ScannedCall } from "./scanned-call.js";
import { executeScanned } from "./execute-scanned.js";
import { scannedCallJson } from "./scanned-call-json.js";
import { redactConversationFinding, redactScannedCall } from "./redact-scanned.js";
import { JsonCallSpool } from "./json-call-spool.js";

/** Failing calls kept for the human report; the rest are counted. */
export const MAX_SHOWN = 200;
/** Recurring problems the human report lists. */
export const MAX_PROBLEMS_SHOWN = 10;

export type ScanOutput = "human" | "json" | "jsonl";

export interface ScanOptions {
  output: ScanOutput;
  tools?: readonly ToolSpec[];
  /** Re-run calls in this runner (scan --execute). */
  execute?: { runner: ToolRunner; allowSideEffects: boolean; timeoutMs: number };
}

export interface ScanResult {
  files: LogFileSummary[];
  /** Human: the first failing calls; --json and --jsonl: none (they were spooled, or streamed). */
  kept: ScannedCall[];
  /** --json: every call, on disk in log order (the caller writes them out, then closes it). */
  spool?: JsonCallSpool;
  issues: ConversationFinding[];
  summary: ScanSummary;
  /** Human: the most frequent problems of the failing calls (see ProblemCounter); otherwise none. */
  problems: ScanProblem[];
}

/**
 * Scan logs one after the other. `--jsonl` text goes to `write` as each call is finished, so
 * memory stays bounded unless every call must be kept (`--json`).
 */
export function runScan(logs: readonly { path: string; adapter: LogAdapter; head?: Uint8Array | undefined }[], opts: ScanOptions, write: (text: string) => void): Promise<ScanResult> {
  const readers = new ContinuedReaders();
  return runScanWith(logs, opts, write, (log, onEvent, afterChunk) => readLog(log.path, log.adapter, onEvent, { head: log.head, readers, ...(afterChunk ? { afterChunk } : {}) }));
}

/** Calls handed on and waiting to be re-run (--execute) before reading pauses until they have run. */
const MAX_WAITING_TO_RUN = 256;

/** A log to scan names its format, or brings its adapter (which does). */
type ScannedLog = { path: string } & ({ format: LogFormat } | { adapter: LogAdapter });
const formatOf = (log: ScannedLog): LogFormat => ("format" in log ? log.format : log.adapter.format);

/**
 * Reads one log's events into `onEvent` and resolves with its summary: readLog here, or another
 * thread's reader. `afterChunk`, when given, is waited on after each chunk read (--execute's
 * re-runs holding the reading back).
 */
export type ReadEvents<L> = (log: L, onEvent: (event: Exclude<LogEvent, LogLineError>) => void, afterChunk?: () => Promise<void> | undefined) => Promise<LogFileSummary>;

/** runScan with the reading step supplied: pairing, diagnosis and output stay the same whoever reads. */
export async function runScanWith<L extends ScannedLog>(logs: readonly L[], opts: ScanOptions, write: (text: string) => void, read: ReadEvents<L>): Promise<ScanResult> {
  const counter = new SummaryCounter();
  const problems = opts.output === "human" ? new ProblemCounter() : undefined;
  const files: LogFileSummary[] = [];
  const kept: ScannedCall[] = [];
  const issues: ConversationFinding[] = [];
  const spool = opts.output === "json" ? new JsonCallSpool() : undefined;
  const rank = logRank(logs);
  // What is written has its secrets redacted; the counts are of the calls as diagnosed.
  const deliver = (diagnosed: ScannedCall) => {
    counter.addCall(diagnosed);
    problems?.addCall(diagnosed);
    const call = redactScannedCall(diagnosed);
    if (opts.output === "jsonl") {
      // Two writes, not one joined string: the writer encodes each as it comes. An executed call
      // was copied with keys added (in whatever order): JSON.stringify writes it as it is.
      write(opts.execute ? JSON.stringify(call) : scannedCallJson(call));
      write("\n");
    }
    else if (spool) spool.add(call, rank(call));
    else if (!call.ok && kept.length < MAX_SHOWN) kept.push(call);
  };
  // --execute: calls are re-run one at a time as they are handed on, and delivered in that order;
  // while too many wait, reading pauses until they have all run (before, every call of a log
  // waited in memory for the end of the log).
  const ex = opts.execute;
  let toRun: ScannedCall[] = [];
  let running: Promise<void> | undefined;
  const runAll = async (): Promise<void> => {
    for (let call = toRun.shift(); call !== undefined; call = toRun.shift()) {
      if (ex) deliver(await executeScanned(call, ex.runner, { allowSideEffects: ex.allowSideEffects, timeoutMs: ex.timeoutMs }));
    }
    running = undefined;
  };
  const run = (call: ScannedCall): void => {
    toRun.push(call);
    if (!running) {
      running = runAll();
      // A failure is raised where the runs are waited on (below, or by the reading); not as unhandled meanwhile.
      running.catch(() => undefined);
    }
  };
  const afterChunk = ex ? () => (toRun.length >= MAX_WAITING_TO_RUN ? running : undefined) : undefined;
  const newCollector = () =>
    new CallCollector(
      opts.tools ? { tools: opts.tools } : {},
      (call) => (ex ? run(call) : deliver(call)),
      (diagnosed) => {
        counter.addIssue(diagnosed);
        const issue = redactConversationFinding(diagnosed);
        if (issues.length < MAX_SHOWN * 5) issues.push(issue);
        if (opts.output === "jsonl") write(`${JSON.stringify({ conversation: issue })}\n`);
      },
    );
  /** The calls read so far are done with (none waits for a result from a later log), and have run. */
  const finish = async (collector: CallCollector): Promise<void> => {
    collector.finish();
    await running;
  };
  let collector: CallCollector | undefined;
  try {
    for (let i = 0; i < logs.length; i++) {
      const log = logs[i] as L;
      // A log read on from the one before (continued-logs.ts) goes on pairing its calls: a result in
      // this file may answer a call of the last.
      const previous = i > 0 ? formatOf(logs[i - 1] as L) : undefined;
      if (collector && !continuesFrom(previous, formatOf(log))) await finish(collector);
      if (!collector || !continuesFrom(previous, formatOf(log))) collector = newCollector();
      const current = collector;
      files.push(await read(log, (event) => current.event(event), afterChunk));
    }
    if (collector) await finish(collector);
  } catch (error) {
    spool?.close();
    toRun = [];
    await running?.catch(() => undefined);
    throw error;
  }
  // The collector hands calls on as they finish, a line's calls in the order they were emitted
  // (past the collector's held bound, one answered late goes on out of turn): what is kept is
  // shown in log order (a stable sort keeps a line's calls in turn), as the spool writes --json's.
  // (--jsonl streams them as handed on.)
  if (kept.length > 1) kept.sort((a, b) => rank(a) - rank(b) || a.source.line - b.source.line);
  return { files, kept, ...(spool ? { spool } : {}), issues, summary: counter.summary, problems: problems?.top(MAX_PROBLEMS_SHOWN) ?? [] };
}

/** A call's log's place among the logs scanned (after them all for a file not among them): the first key of log order, for kept calls and the --json spool alike. */
function logRank(logs: readonly { path: string }[]): (call: ScannedCall) => number {
  const order = new Map(logs.map((log, index) => [log.path, index]));
  return (call) => order.get(call.source.file) ?? logs.length;
}
