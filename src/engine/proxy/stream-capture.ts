import { StreamAssembler } from "./assemble-stream.js";
import { SseParser } from "./sse-parser.js";

/**
 * The log's view of a streamed body, built while it flows: each SSE event's data (parsed when it
 * is JSON) and the completion assembled from them. Past `limit` characters the raw chunks are
 * dropped, not cut (a cut stream would read as calls with half their arguments); the assembled
 * completion stays whole.
 */
export class StreamCapture {
  private chunks: unknown[] | undefined = [];
  done = false;
  note: string | undefined;
  private kept = 0;
  private readonly assembler = new StreamAssembler();
  private readonly parser = new SseParser((data) => this.event(data));

  constructor(private readonly limit: number) {}

  push(text: string): void {
    this.parser.push(text);
  }

  end(): { chunks?: unknown[]; done: boolean; assembled: unknown; note?: string } {
    this.parser.end();
    return {
      ...(this.chunks && { chunks: this.chunks }),
      done: this.done,
      assembled: this.assembler.result(),
      ...(this.note !== undefined && { note: this.note }),
    };
  }

  private event(data: string): void {
    if (data === "[DONE]") {
      this.done = true;
      return;
    }
    let value: unknown = data;
    try {
      value = JSON.parse(data) as unknown;
    } catch {
      // Not JSON (a provider's comment or keep-alive): kept as text.
    }
    this.assembler.push(value);
    if (!this.chunks) return;
    this.kept += data.length;
    if (this.kept > this.limit) {
      this.chunks = undefined;
      this.note = `stream longer than ${this.limit} characters: the log keeps the assembled completion, not the raw chunks`;
      return;
    }
    this.chunks.push(value);
  }
}
