import type { Transform } from "node:stream";
import { createBrotliDecompress, createGunzip, createInflate } from "node:zlib";
import { StringDecoder } from "node:string_decoder";

/** What a tap saw of a body: its text (decoded, up to the limit) and a note when not all of it. */
export interface TappedBody {
  text: string;
  bytes: number;
  note?: string;
}

function decompressor(encoding: string): Transform | undefined {
  switch (encoding) {
    case "gzip":
    case "x-gzip":
      return createGunzip();
    case "deflate":
      return createInflate();
    case "br":
      return createBrotliDecompress();
    default:
      return undefined;
  }
}

/**
 * A copy of a body for the log, taken beside the bytes being forwarded (which are never changed or
 * held back): compressed bodies are decompressed on the side, text is decoded across chunk
 * boundaries and handed to `onText` as it arrives (so a stream is parsed while it flows) and kept
 * up to `limit` characters.
 */
export class BodyTap {
  private readonly decoder = new StringDecoder("utf8");
  private readonly inflater: Transform | undefined;
  private readonly finished: Promise<void>;
  private readonly parts: string[] = [];
  private kept = 0;
  private bytes = 0;
  private note: string | undefined;

  constructor(
    contentEncoding: string | undefined,
    private readonly limit: number,
    private readonly onText?: (text: string) => void,
  ) {
    const encoding = (contentEncoding ?? "identity").trim().toLowerCase();
    this.inflater = encoding === "identity" || encoding === "" ? undefined : decompressor(encoding);
    if (encoding !== "identity" && encoding !== "" && !this.inflater) this.note = `body is ${encoding}-encoded; not decoded for the log`;
    const inflater = this.inflater;
    if (!inflater) {
      this.finished = Promise.resolve();
      return;
    }
    this.finished = new Promise((resolve) => {
      inflater.on("data", (chunk: Buffer) => this.decoded(chunk));
      inflater.on("end", resolve);
      inflater.on("error", (error: Error) => {
        this.note = `could not decode the ${encoding} body for the log (${error.message})`;
        resolve();
      });
    });
  }

  write(chunk: Buffer): void {
    this.bytes += chunk.length;
    if (this.note !== undefined && !this.inflater) return;
    if (this.inflater) this.inflater.write(chunk);
    else this.decoded(chunk);
  }

  async end(): Promise<TappedBody> {
    this.inflater?.end();
    await this.finished;
    const rest = this.decoder.end();
    if (rest) this.text(rest);
    return { text: this.parts.join(""), bytes: this.bytes, ...(this.note !== undefined && { note: this.note }) };
  }

  private decoded(chunk: Buffer): void {
    const text = this.decoder.write(chunk);
    if (text) this.text(text);
  }

  private text(text: string): void {
    this.onText?.(text);
    if (this.kept >= this.limit) return;
    const room = this.limit - this.kept;
    const part = text.length > room ? text.slice(0, room) : text;
    this.parts.push(part);
    this.kept += part.length;
    if (part.length < text.length) this.note ??= `body longer than ${this.limit} characters; the log keeps the first ${this.limit}`;
  }
}
