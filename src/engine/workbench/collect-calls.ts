import type { ToolSpec } from "../../tools/tool-spec.js";
import { hasErrors } from "../diagnosis/finding.js";
import { CallCollector } from "../logs/call-collector.js";
import type { AdvertisedTool, LogAdapter, LogEvent, LogReader, SourceRef } from "../logs/log-events.js";
import { readLog } from "../logs/read-log.js";
import type { ScannedCall } from "../logs/scanned-call.js";
import { advertisedSpec } from "../logs/advertised-spec.js";
import type { WorkbenchCall } from "./workbench-contract.js";

/** A loaded call as it crosses from the loading thread: no record, no schema (specs go once, by id). */
export type LoadedCall = Omit<WorkbenchCall, "spec" | "executions"> & { source: SourceRef; specList?: number };

export type LoadMessage =
  | { type: "specs"; id: number; specs: ToolSpec[] }
  | { type: "calls"; calls: LoadedCall[] }
  | { type: "progress"; bytesRead: number; badLines: number; firstErrors: { file: string; line: number; message: string }[] }
  | { type: "done"; bytesRead: number; badLines: number; firstErrors: { file: string; line: number; message: string }[] }
  | { type: "failed"; message: string };

/** First batch goes out at once (the first frame with calls); later ones by size or time. */
const FIRST_BATCH = 100;
const BATCH = 5000;
const FLUSH_MS = 100;
const KEPT_ERRORS = 20;
/** A logged result longer than this is cut: the workbench shows and diffs it, it does not archive it. */
const MAX_LOGGED_CHARS = 128 * 1024;

/**
 * Read logs through the scan's adapters and call collector, handing calls out in batches. Each
 * distinct advertised tool list is sent once (`specs`) and calls refer to it by id, so the main
 * thread keeps one schema object per list, not per call.
 */
export async function collectCalls(logs: readonly { path: string; adapter: LogAdapter }[], tools: readonly ToolSpec[] | undefined, post: (message: LoadMessage) => void): Promise<void> {
  let bytesRead = 0;
  let badLines = 0;
  const firstErrors: { file: string; line: number; message: string }[] = [];
  const listIds = new WeakMap<AdvertisedTool[], number>();
  let nextList = 0;
  let batch: LoadedCall[] = [];
  let sent = 0;
  let lastFlush = performance.now();

  const flush = (force = false) => {
    const now = performance.now();
    if (!force && batch.length < (sent === 0 ? FIRST_BATCH : BATCH) && now - lastFlush < FLUSH_MS) return;
    lastFlush = now;
    if (batch.length) {
      post({ type: "calls", calls: batch });
      sent += batch.length;
      batch = [];
    }
    post({ type: "progress", bytesRead, badLines, firstErrors: [...firstErrors] });
  };

  const listFor = (advertised: AdvertisedTool[] | undefined): number | undefined => {
    if (!advertised) return undefined;
    let id = listIds.get(advertised);
    if (id === undefined) {
      id = nextList++;
      listIds.set(advertised, id);
      post({ type: "specs", id, specs: advertised.map(advertisedSpec) });
    }
    return id;
  };

  for (const { path, adapter } of logs) {
    // Each call's advertised list, by the call's source object (the collector hands it on as the
    // scanned call's): by call id, a call held behind an earlier one (collector order) while a
    // second call reused its id lost its list to the first.
    const pendingLists = new WeakMap<object, number>();
    const noteError = (line: number, message: string) => {
      badLines++;
      if (firstErrors.length < KEPT_ERRORS) firstErrors.push({ file: path, line, message });
    };
    const collector = new CallCollector(
      tools ? { tools } : {},
      (call) => {
        const list = pendingLists.get(call.source);
        batch.push(toLoaded(call, list));
        flush();
      },
      () => undefined,
    );
    // Wrapping the reader counts bytes and sees bad lines as they happen, for the progress line.
    const counting: LogAdapter = {
      ...adapter,
      createReader(file): LogReader {
        const reader = adapter.createReader(file);
        const emit = (outer: (event: LogEvent) => void) => (event: LogEvent) => {
          if (event.kind === "error") noteError(event.line, event.message);
          outer(event);
        };
        return {
          line(text, line, out) {
            bytesRead += text.length + 1;
            reader.line(text, line, emit(out));
            if (line % 512 === 0) flush();
          },
          end: (out) => reader.end(emit(out)),
        };
      },
    };
    const summary = await readLog(path, counting, (event) => {
      if (event.kind === "call") {
        const list = listFor(event.advertised);
        if (list !== undefined) pendingLists.set(event.source, list);
      }
      collector.event(event);
    });
    collector.finish();
    // Lines too long to be records never reach the reader: they are in the summary only.
    for (const e of summary.errors) if (e.message.includes("too long to be a record")) noteError(e.line, e.message);
  }
  flush(true);
  post({ type: "done", bytesRead, badLines, firstErrors });
}

function toLoaded(call: ScannedCall, specList: number | undefined): LoadedCall {
  const result = call.result;
  const logged = result
    ? {
        content: result.content.length > MAX_LOGGED_CHARS ? `${result.content.slice(0, MAX_LOGGED_CHARS)}\n… (${result.content.length - MAX_LOGGED_CHARS} more characters in the log)` : result.content,
        ...(result.isError ? { isError: true } : {}),
        ...(result.errorInferred ? { errorInferred: true } : {}),
      }
    : undefined;
  return {
    id: call.callId,
    tool: call.tool,
    arguments: call.arguments,
    argumentsRecorded: call.argumentsRecorded,
    findings: call.diagnoses,
    status: hasErrors(call.diagnoses) ? "failed" : "ok",
    ...(call.model ? { model: call.model } : {}),
    ...(call.time ? { time: call.time } : {}),
    source: call.source,
    ...(call.notes ? { notes: call.notes } : {}),
    ...(logged ? { logged } : {}),
    ...(specList !== undefined ? { specList } : {}),
  };
}
