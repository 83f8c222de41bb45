import type { SpanRecord } from "./otel-spans.js";

/**
 * Holds the AI spans of traces still open, so a trace split across lines is read in start order
 * (the chat span that made a call before the tool span that ran it). Exporters write a span when
 * it ends, so a trace's root arrives last and closes it. Bounded: past the caps the oldest open
 * trace is read as it is.
 */
export class TraceBuffer {
  private readonly traces = new Map<string, SpanRecord[]>();
  private held = 0;

  constructor(
    private readonly read: (spans: SpanRecord[]) => void,
    private readonly maxSpans = 20_000,
    private readonly maxTraces = 1_000,
  ) {}

  add(span: SpanRecord): void {
    const spans = this.traces.get(span.traceId);
    if (spans === undefined) this.traces.set(span.traceId, [span]);
    else spans.push(span);
    this.held++;
    while (this.held > this.maxSpans || this.traces.size > this.maxTraces) {
      const oldest = this.traces.keys().next();
      if (oldest.done === true) break;
      this.close(oldest.value);
    }
  }

  close(traceId: string): void {
    const spans = this.traces.get(traceId);
    if (spans === undefined) return;
    this.traces.delete(traceId);
    this.held -= spans.length;
    spans.sort((a, b) => (a.startNanos < b.startNanos ? -1 : a.startNanos > b.startNanos ? 1 : a.order - b.order));
    this.read(spans);
  }

  closeAll(): void {
    for (const traceId of [...this.traces.keys()]) this.close(traceId);
  }
}
