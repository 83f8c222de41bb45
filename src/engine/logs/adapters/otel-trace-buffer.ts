import type { SpanRecord } from "./otel-spans.js";

/**
 * What a held span is counted for against the buffer's budget: its attributes' texts (results,
 * messages: what weighs), and this much for the rest of it and for each value that is no text.
 */
const SPAN_OVERHEAD = 256;
const VALUE_OVERHEAD = 64;

/**
 * Holds the AI spans of traces still open, so a trace split across lines is read in start order
 * (the chat span that made a call before the tool span that ran it). Exporters write a span when
 * it ends, so a trace's root arrives last and closes it. Bounded: past the caps the oldest open
 * trace is read as it is. The caps are counts and a budget of characters: spans of 16 KB results
 * in batch lines of 250, a trace over 12 lines, held 48 MB of text within the count cap, and a
 * scan of such a log peaked at 236 MB.
 */
export class TraceBuffer {
  private readonly traces = new Map<string, { spans: SpanRecord[]; chars: number }>();
  private held = 0;
  private heldChars = 0;

  constructor(
    private readonly read: (spans: SpanRecord[]) => void,
    private readonly maxSpans = 20_000,
    private readonly maxTraces = 1_000,
    private readonly maxChars = 4 * 1024 * 1024,
  ) {}

  add(span: SpanRecord): void {
    const chars = charsOf(span);
    const trace = this.traces.get(span.traceId);
    if (trace === undefined) this.traces.set(span.traceId, { spans: [span], chars });
    else {
      trace.spans.push(span);
      trace.chars += chars;
    }
    this.held++;
    this.heldChars += chars;
    while (this.held > this.maxSpans || this.traces.size > this.maxTraces || this.heldChars > this.maxChars) {
      const oldest = this.traces.keys().next();
      if (oldest.done === true) break;
      this.close(oldest.value);
    }
  }

  close(traceId: string): void {
    const trace = this.traces.get(traceId);
    if (trace === undefined) return;
    const { spans } = trace;
    this.traces.delete(traceId);
    this.held -= spans.length;
    this.heldChars -= trace.chars;
    spans.sort((a, b) => (a.startNanos < b.startNanos ? -1 : a.startNanos > b.startNanos ? 1 : a.order - b.order));
    this.read(spans);
  }

  closeAll(): void {
    for (const traceId of [...this.traces.keys()]) this.close(traceId);
  }
}

function charsOf(span: SpanRecord): number {
  let chars = SPAN_OVERHEAD;
  for (const value of span.attributes.values()) chars += typeof value === "string" ? value.length : VALUE_OVERHEAD;
  return chars;
}
