import type { LogAdapter, LogEvent, LogReader } from "../log-events.js";
import { AdvertisedInterner } from "./shared/intern-advertised.js";
import { readGenAiSpan } from "./otel-genai.js";
import { readRawToolArguments } from "./otel-genai-raw-arguments.js";
import { hasPrefix } from "./otel-indexed.js";
import { readOpenInferenceSpan } from "./otel-openinference.js";
import { readOpenLlmetrySpan } from "./otel-openllmetry.js";
import type { OtelContext, TraceState } from "./otel-span-context.js";
import { otelScore, readSpans, type SpanRecord } from "./otel-spans.js";
import { TraceBuffer } from "./otel-trace-buffer.js";
import { TraceCalls } from "./otel-trace-calls.js";
import { HeldEvents } from "./otel-held-events.js";
import { readVercelSpan } from "./otel-vercel.js";
import { isTraceloopToolSpan, readTraceloopToolSpan } from "./otel-traceloop.js";
import { CallLedger } from "./shared/call-ledger.js";
import { WaitingCalls } from "./shared/waiting-calls.js";
import { framedReader } from "./shared/guard-reader.js";
import { createRecordFramer, type FramedItem, type JsonLineLimits } from "./shared/json-record-framer.js";

/**
 * OTLP JSON lines (OpenTelemetry Collector file exporter, SDK console exporters) with GenAI
 * semantic-convention, OpenInference, OpenLLMetry (its LangChain tool spans too) or Vercel AI SDK
 * attributes.
 */

/** Where each convention names the model, the response's own answer first. */
const MODEL_KEYS = ["gen_ai.response.model", "ai.response.model", "gen_ai.request.model", "llm.model_name", "ai.model.id"];

/** Reads one span with every convention it carries; the ledger keeps each call once. */
function readSpan(span: SpanRecord, context: OtelContext, trace: TraceState): void {
  for (const key of MODEL_KEYS) {
    const model = span.attributes.get(key);
    if (typeof model !== "string" || model === "") continue;
    trace.model = model;
    break;
  }
  // Vercel first: its own attributes say its gen_ai.tool.call.arguments are re-serialized.
  if (hasPrefix(span, "ai.")) readVercelSpan(span, context, trace);
  if (span.attributes.has("openinference.span.kind") || hasPrefix(span, "llm.")) readOpenInferenceSpan(span, context, trace);
  if (hasPrefix(span, "gen_ai.prompt.") || hasPrefix(span, "gen_ai.completion.") || hasPrefix(span, "llm.request.functions.")) {
    readOpenLlmetrySpan(span, context, trace);
  }
  if (hasPrefix(span, "gen_ai.") || span.name.startsWith("execute_tool")) readGenAiSpan(span, context, trace);
  if (isTraceloopToolSpan(span)) readTraceloopToolSpan(span, context, trace);
}

export function createOtelReader(file: string, limits: JsonLineLimits = {}): LogReader {
  let emit: (event: LogEvent) => void = () => undefined;
  const held = new HeldEvents();
  const context: OtelContext = { file, ledger: new CallLedger({ distinctCalls: true, scoped: true }), emit: (event) => held.push(event), tools: new AdvertisedInterner(), waiting: new WaitingCalls(), calls: new TraceCalls(), held };
  const buffer = new TraceBuffer((spans) => {
    const trace: TraceState = { rawArguments: readRawToolArguments(spans) };
    for (const span of spans) {
      try {
        readSpan(span, context, trace);
      } catch (error) {
        // One odd span must not lose the rest of its trace.
        context.emit({ kind: "error", line: span.line, message: `could not read span "${span.name}": ${error instanceof Error ? error.message : String(error)}` });
      }
    }
    // Held until here: a call read from a tool span may have become a later span's call (see HeldEvents).
    held.flush(emit);
  });
  let order = 0;

  const readRecord = (record: unknown, line: number): void => {
    const roots: string[] = [];
    const found = readSpans(record, line, () => order++, (seen) => {
      if (seen.span !== undefined) buffer.add(seen.span);
      if (seen.isRoot) roots.push(seen.traceId);
    });
    if (!found) {
      emit({ kind: "error", line, message: "unrecognized record: not OTLP JSON (no resourceSpans) and not a span" });
      return;
    }
    // After the whole line: a batch may hold a trace's root before its children.
    for (const traceId of roots) buffer.close(traceId);
  };
  const framer = createRecordFramer({ style: "plain", limits });
  const onItem = (item: FramedItem): void => {
    if (item.kind === "record") readRecord(item.value, item.line);
    else if (item.kind === "error") emit(item);
  };

  return framedReader(
    framer,
    onItem,
    (sink) => (emit = sink),
    () => buffer.closeAll(),
  );
}

export const otelAdapter: LogAdapter = {
  format: "otel",
  detect: otelScore,
  createReader: (file) => createOtelReader(file),
};
