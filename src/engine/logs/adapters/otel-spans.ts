import { asArray, asRecord, asString, isRecord } from "./shared/loose-json.js";

/**
 * OTLP JSON (the Collector's file exporter: `{resourceSpans:[{scopeSpans:[{spans}]}]}`) and the
 * flat span objects SDK console exporters print, read into one compact span shape. Only spans
 * carrying AI attributes keep their attributes; the rest are reduced to "a root arrived".
 */

export interface SpanRecord {
  traceId: string;
  spanId: string;
  name: string;
  /** Nanoseconds since the epoch (0 when unknown), for ordering a trace. */
  startNanos: bigint;
  attributes: Map<string, unknown>;
  /** Span status ERROR. */
  error: boolean;
  statusMessage?: string;
  /** The message of an `exception` span event, when recorded. */
  exceptionMessage?: string;
  line: number;
  /** Arrival order, to keep ordering stable among equal start times. */
  order: number;
}

export interface SpanSighting {
  traceId: string;
  isRoot: boolean;
  /** Undefined for spans with no AI attributes: nothing to read in them. */
  span: SpanRecord | undefined;
}

const AI_PREFIXES = ["gen_ai.", "llm.", "ai.", "tool.", "tool_call.", "openinference.", "input.value", "output.value"];

const isAiKey = (key: string): boolean => AI_PREFIXES.some((prefix) => key.startsWith(prefix));

/** An OTLP AnyValue as plain JSON. `intValue` is a string in OTLP JSON (int64). */
export function anyValue(value: unknown): unknown {
  if (!isRecord(value)) return value;
  if ("stringValue" in value) return value.stringValue;
  if ("boolValue" in value) return value.boolValue;
  if ("intValue" in value) {
    const number = Number(value.intValue);
    return Number.isSafeInteger(number) ? number : String(value.intValue);
  }
  if ("doubleValue" in value) return Number(value.doubleValue);
  if ("arrayValue" in value) return (asArray(asRecord(value.arrayValue)?.values) ?? []).map(anyValue);
  if ("kvlistValue" in value) return Object.fromEntries(keyValues(asRecord(value.kvlistValue)?.values));
  if ("bytesValue" in value) return value.bytesValue;
  return undefined;
}

function keyValues(list: unknown): [string, unknown][] {
  const entries: [string, unknown][] = [];
  for (const item of asArray(list) ?? []) {
    if (isRecord(item) && typeof item.key === "string") entries.push([item.key, anyValue(item.value)]);
  }
  return entries;
}

/** OTLP `[{key, value}]` or a console exporter's plain `{key: value}`. */
function attributesOf(raw: unknown): Map<string, unknown> {
  if (Array.isArray(raw)) return new Map(keyValues(raw));
  return new Map(isRecord(raw) ? Object.entries(raw) : []);
}

function startNanos(span: Record<string, unknown>): bigint {
  try {
    const nanos = span.startTimeUnixNano ?? span.start_time_unix_nano;
    if (typeof nanos === "string" || typeof nanos === "number") return BigInt(nanos);
    const iso = asString(span.start_time);
    if (iso !== undefined && !Number.isNaN(Date.parse(iso))) return BigInt(Date.parse(iso)) * 1_000_000n;
  } catch {
    // A malformed timestamp only loses ordering.
  }
  return 0n;
}

function statusOf(span: Record<string, unknown>): { error: boolean; message?: string } {
  const status = asRecord(span.status) ?? {};
  const code = status.code ?? status.status_code;
  const error = code === 2 || code === "STATUS_CODE_ERROR" || code === "ERROR";
  const message = asString(status.message) ?? asString(status.description);
  return message === undefined || message === "" ? { error } : { error, message };
}

function exceptionMessage(span: Record<string, unknown>): string | undefined {
  for (const event of asArray(span.events) ?? []) {
    if (!isRecord(event) || event.name !== "exception") continue;
    const attributes = attributesOf(event.attributes);
    return asString(attributes.get("exception.message")) ?? asString(attributes.get("exception.type"));
  }
  return undefined;
}

const looksLikeSpan = (value: Record<string, unknown>): boolean =>
  typeof value.name === "string" &&
  (typeof value.traceId === "string" || typeof value.trace_id === "string" || isRecord(value.context)) &&
  "attributes" in value;

function sighting(span: Record<string, unknown>, line: number, order: number): SpanSighting {
  const context = asRecord(span.context) ?? {};
  const traceId = asString(span.traceId) ?? asString(span.trace_id) ?? asString(context.trace_id) ?? "";
  const parent = asString(span.parentSpanId) ?? asString(span.parent_span_id) ?? asString(span.parent_id) ?? "";
  const attributes = attributesOf(span.attributes);
  const name = asString(span.name) ?? "";
  // Traceloop's LangChain tool spans carry only `traceloop.*` attributes (see otel-traceloop).
  let ai = name.startsWith("execute_tool") || name.startsWith("ai.") || attributes.get("traceloop.span.kind") === "tool";
  for (const key of attributes.keys()) {
    if (ai) break;
    ai = isAiKey(key);
  }
  const isRoot = parent === "" || /^0+$/.test(parent);
  if (!ai) return { traceId, isRoot, span: undefined };
  const status = statusOf(span);
  const record: SpanRecord = {
    traceId,
    spanId: asString(span.spanId) ?? asString(span.span_id) ?? asString(context.span_id) ?? "",
    name,
    startNanos: startNanos(span),
    attributes,
    error: status.error,
    line,
    order,
  };
  if (status.message !== undefined) record.statusMessage = status.message;
  const exception = exceptionMessage(span);
  if (exception !== undefined) record.exceptionMessage = exception;
  return { traceId, isRoot, span: record };
}

/** Every span in one record; false when the record holds no spans at all. */
export function readSpans(record: unknown, line: number, nextOrder: () => number, visit: (sighting: SpanSighting) => void): boolean {
  if (Array.isArray(record)) {
    let any = false;
    for (const item of record) any = readSpans(item, line, nextOrder, visit) || any;
    return any;
  }
  if (!isRecord(record)) return false;
  const resourceSpans = asArray(record.resourceSpans ?? record.resource_spans);
  if (resourceSpans === undefined) {
    if (!looksLikeSpan(record)) return false;
    visit(sighting(record, line, nextOrder()));
    return true;
  }
  for (const resource of resourceSpans) {
    if (!isRecord(resource)) continue;
    const scopes = asArray(resource.scopeSpans ?? resource.scope_spans ?? resource.instrumentationLibrarySpans) ?? [];
    for (const scope of scopes) {
      for (const span of asArray(asRecord(scope)?.spans) ?? []) if (isRecord(span)) visit(sighting(span, line, nextOrder()));
    }
  }
  return true;
}

/** 0..1 from shape: OTLP spans, surer when they carry AI attributes. */
export function otelScore(record: unknown): number {
  let spans = 0;
  let ai = 0;
  const found = readSpans(record, 0, () => 0, (seen) => {
    spans++;
    if (seen.span !== undefined) ai++;
  });
  if (!found) return 0;
  if (ai > 0) return 1;
  return spans > 0 ? 0.6 : 0.5;
}
