import { emitAiMessageCalls } from "./langchain-context.js";
import { aiMessageModel } from "./langchain-messages.js";
import type { PairingContext } from "./shared/pairing-context.js";
import { BoundedIdSet } from "./shared/bounded-id-set.js";
import { isRecord } from "./shared/loose-json.js";
import { nonEmptyStringAt } from "./shared/json-read.js";

/** Messages streamed at once (interleaved in one log); past this the oldest is closed as cut off. */
const MAX_OPEN = 64;
/** Ids of messages read whole, whose chunks still to come are ignored. */
const MAX_WHOLE = 1024;

/** One call being joined from `tool_call_chunks` fragments. */
interface CallBuilder {
  id?: string;
  name: string;
  args: string;
  line: number;
}

interface OpenMessage {
  /** In the order they started. */
  calls: CallBuilder[];
  byIndex: Map<number, CallBuilder>;
  model?: string;
  finishReason?: string;
}

/** How a streamed message ended: its last chunk said so, or the log stopped first. */
type End = "last" | "eof";

/**
 * Joins a LangGraph `stream_mode="messages"` stream (`[AIMessageChunk, metadata]` pairs): the
 * chunks of one message share its id, and each call's `tool_call_chunks` fragments (keyed by
 * `index`; the first carries the call's id and name) are concatenated byte for byte into the
 * arguments string the model produced. A message is complete at a chunk with
 * `chunk_position: "last"` or a finish reason (`finish_reason`, `stop_reason`). When the whole
 * message comes first (a state streamed with `"values"`), its own reading wins and its fragments
 * are dropped (`superseded`); a message still open when the log ends is read as cut off. A call's
 * line is the one its first fragment (with its id and name) came on.
 */
export class LcChunkJoiner {
  private readonly open = new Map<string, OpenMessage>();
  private readonly whole = new BoundedIdSet(MAX_WHOLE);

  push(fields: Record<string, unknown>, line: number, context: PairingContext): void {
    const key = typeof fields.id === "string" ? fields.id : "";
    if (key !== "" && this.whole.has(key)) return;
    let message = this.open.get(key);
    if (!message) {
      message = { calls: [], byIndex: new Map() };
      this.open.set(key, message);
      if (this.open.size > MAX_OPEN) {
        const oldest = this.open.keys().next().value;
        if (oldest !== undefined) this.finish(oldest, "eof", context);
      }
    }
    const chunks = fields.tool_call_chunks;
    if (Array.isArray(chunks)) for (const chunk of chunks) if (isRecord(chunk)) merge(message, chunk, line);
    message.model = aiMessageModel(fields) ?? message.model;
    const meta = isRecord(fields.response_metadata) ? fields.response_metadata : undefined;
    const reason = meta ? (nonEmptyStringAt(meta, "finish_reason") ?? nonEmptyStringAt(meta, "stop_reason")) : undefined;
    if (reason !== undefined) message.finishReason = reason;
    if (fields.chunk_position === "last" || reason !== undefined) this.finish(key, "last", context);
  }

  /** A whole message with this id was read: its fragments, open or still to come, are not read again. */
  superseded(id: unknown): void {
    if (typeof id !== "string" || id === "") return;
    this.open.delete(id);
    this.whole.add(id);
  }

  /** The log ended: every message still streaming is read as it stands. */
  finishAll(context: PairingContext): void {
    for (const key of [...this.open.keys()]) this.finish(key, "eof", context);
  }

  private finish(key: string, end: End, context: PairingContext): void {
    const message = this.open.get(key);
    this.open.delete(key);
    if (!message) return;
    const notes = ["joined from a streamed message's chunks", ...(end === "eof" ? ["the stream ended before the message was complete"] : [])];
    // Each call on its own, from the line its first fragment came on: read as the message LangChain
    // would have merged, a string `args` is the raw arguments (see aiMessageCalls).
    message.calls.forEach((call, slot) => {
      const fields: Record<string, unknown> = {
        tool_calls: [{ name: call.name, args: call.args, ...(call.id !== undefined && { id: call.id }) }],
        ...(message.model !== undefined && { response_metadata: { model_name: message.model } }),
      };
      emitAiMessageCalls(fields, { line: call.line, where: `stream:${key}:${slot}`, model: message.model, notes }, context, end === "eof" ? "length" : message.finishReason);
    });
  }
}

function merge(message: OpenMessage, chunk: Record<string, unknown>, line: number): void {
  const index = typeof chunk.index === "number" ? chunk.index : message.calls.length;
  const id = nonEmptyStringAt(chunk, "id");
  let call = message.byIndex.get(index);
  // A new id on an index in use starts a new call (a provider numbering every call 0).
  if (!call || (id !== undefined && call.id !== undefined && call.id !== id)) {
    call = { name: "", args: "", line };
    message.calls.push(call);
    message.byIndex.set(index, call);
  }
  if (id !== undefined) call.id ??= id;
  const name = nonEmptyStringAt(chunk, "name");
  if (name !== undefined && call.name === "") call.name = name;
  if (typeof chunk.args === "string") call.args += chunk.args;
}
