import type { OutputStream } from "./output-buffer.js";

export type WriteSink = (stream: OutputStream, chunk: string | Uint8Array, encoding?: BufferEncoding) => void;

/**
 * Inside the worker, send every process.stdout/stderr.write (console.* included) to `sink`
 * instead of the real file descriptors, for the worker's whole life: output belongs to the
 * call that printed it, and output outside any call goes nowhere. Writes straight to fd 1/2
 * (fs.writeSync, native code) bypass this; the host drains and discards those pipes.
 */
export function redirectStdio(sink: WriteSink): void {
  for (const name of ["stdout", "stderr"] as const) {
    const stream = process[name];
    const write = (chunk: unknown, encodingOrCallback?: unknown, callback?: unknown): boolean => {
      const encoding = typeof encodingOrCallback === "string" ? (encodingOrCallback as BufferEncoding) : undefined;
      const done = typeof encodingOrCallback === "function" ? encodingOrCallback : callback;
      sink(name, typeof chunk === "string" || chunk instanceof Uint8Array ? chunk : String(chunk), encoding);
      // Streams call back asynchronously; tools awaiting the callback must not hang.
      if (typeof done === "function") process.nextTick(done as () => void);
      return true;
    };
    stream.write = write as typeof stream.write;
  }
}
