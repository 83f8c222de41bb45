import type { CapturedConsole } from "./outcome.js";

export type OutputStream = "stdout" | "stderr";

/** Per stream: enough to read what a tool printed, small enough that a flood costs nothing. */
export const DEFAULT_OUTPUT_CAP_BYTES = 64 * 1024;

/**
 * What one call printed, capped per stream. Past the cap bytes are only counted, so a tool
 * that writes 100 MB costs a counter, not memory.
 */
export class OutputBuffer {
  private readonly text: Record<OutputStream, string> = { stdout: "", stderr: "" };
  private readonly bytes: Record<OutputStream, number> = { stdout: 0, stderr: 0 };
  droppedBytes = 0;

  constructor(private readonly capBytes: number = DEFAULT_OUTPUT_CAP_BYTES) {}

  /** Keep what fits of `chunk`; returns the kept text ("" when it was all dropped). */
  append(stream: OutputStream, chunk: string | Uint8Array, encoding?: BufferEncoding): string {
    const room = this.capBytes - this.bytes[stream];
    const size = typeof chunk === "string" ? Buffer.byteLength(chunk, encoding) : chunk.byteLength;
    if (room <= 0) {
      this.droppedBytes += size;
      return "";
    }
    let kept: string;
    if (size <= room) {
      kept = typeof chunk === "string" && isUtf8(encoding) ? chunk : decode(chunk, encoding);
      this.bytes[stream] += size;
    } else {
      // Slice before encoding: a 50 MB string is never copied whole.
      const head = typeof chunk === "string" ? Buffer.from(chunk.slice(0, room), encoding) : Buffer.from(chunk.buffer, chunk.byteOffset, room);
      kept = head.subarray(0, room).toString("utf8");
      this.bytes[stream] += room;
      this.droppedBytes += size - room;
    }
    this.text[stream] += kept;
    return kept;
  }

  snapshot(): CapturedConsole {
    return { stdout: this.text.stdout, stderr: this.text.stderr, droppedBytes: this.droppedBytes };
  }
}

const isUtf8 = (encoding: BufferEncoding | undefined): boolean => encoding === undefined || encoding === "utf8" || encoding === "utf-8";

const decode = (chunk: string | Uint8Array, encoding: BufferEncoding | undefined): string =>
  typeof chunk === "string" ? Buffer.from(chunk, encoding).toString("utf8") : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength).toString("utf8");
