import type { AdvertisedTool } from "../log-events.js";
import { callBlock, resultFromBlock } from "./anthropic-blocks.js";
import type { MessagesContext } from "./anthropic-messages.js";
import { buildCall } from "./shared/log-event-builders.js";
import { asString, isRecord, stringifyJson } from "./shared/loose-json.js";

/**
 * Joins a streamed message (`message_start` … `message_stop`) back into calls. Only the blocks of
 * the message in flight are held; calls wait for the message's end because `stop_reason` (the
 * max_tokens cut-off) arrives after the blocks close.
 */

/** Raw arguments beyond this are dropped (and said so) rather than held in memory. */
const MAX_RAW_CHARS = 16 * 1024 * 1024;

interface ToolBlock {
  index: number;
  id: string;
  name: string;
  note: string | null;
  line: number;
  fragments: string[];
  chars: number;
  deltas: number;
  startInput: unknown;
  overflow: boolean;
}

export class AnthropicStream {
  private active = false;
  private model: string | undefined;
  /** When the stream's first event was logged (its record's envelope time), if the log says. */
  private time: string | undefined;
  private advertised: AdvertisedTool[] | undefined;
  private readonly open = new Map<number, ToolBlock>();
  private closed: ToolBlock[] = [];
  private lastIndex = -1;
  private readonly orphanDeltas = new Set<number>();

  constructor(
    private readonly context: MessagesContext,
    /** Hands over the tools of a request logged just before this stream (if any). */
    private readonly takeAdvertised: () => AdvertisedTool[] | undefined,
  ) {}

  event(event: Record<string, unknown>, line: number): void {
    switch (event.type) {
      case "message_start":
        this.interrupt("a new message_start arrived before this message ended");
        this.begin(isRecord(event.message) ? asString(event.message.model) : undefined);
        return;
      case "content_block_start":
        this.blockStart(event, line);
        return;
      case "content_block_delta":
        this.blockDelta(event, line);
        return;
      case "content_block_stop": {
        const index = event.index as number;
        const block = this.open.get(index);
        if (block === undefined) return;
        this.open.delete(index);
        this.closed.push(block);
        return;
      }
      case "message_delta": {
        const delta = event.delta as Record<string, unknown>;
        if (typeof delta.stop_reason === "string") this.settle(delta.stop_reason === "max_tokens");
        return;
      }
      case "message_stop":
        this.settle(false);
        this.active = false;
        return;
      default:
        return;
    }
  }

  /** An `error` event or the end of the file: whatever is still open was cut off. */
  interrupt(reason: string): void {
    if (!this.active && this.open.size === 0 && this.closed.length === 0) return;
    this.flushClosed(false);
    const unfinished = [...this.open.values()].sort((a, b) => a.index - b.index);
    this.open.clear();
    for (const block of unfinished) this.emitBlock(block, { truncated: true, note: `stream interrupted: ${reason}; the arguments are the fragments received` });
    this.active = false;
  }

  private begin(model: string | undefined): void {
    this.active = true;
    this.model = model;
    this.time = this.context.time;
    this.advertised = this.takeAdvertised();
    this.lastIndex = -1;
    this.orphanDeltas.clear();
  }

  private blockStart(event: Record<string, unknown>, line: number): void {
    if (!this.active) this.begin(undefined);
    const index = event.index as number;
    const contentBlock = event.content_block as Record<string, unknown>;
    this.lastIndex = Math.max(this.lastIndex, index);
    const previous = this.open.get(index);
    if (previous !== undefined) {
      this.open.delete(index);
      this.emitBlock(previous, { truncated: true, note: "stream interrupted: its content_block_stop never arrived" });
    }
    const call = callBlock(contentBlock);
    if (call !== undefined) {
      this.open.set(index, { index, ...call, line, fragments: [], chars: 0, deltas: 0, startInput: contentBlock.input, overflow: false });
      return;
    }
    const result = resultFromBlock(contentBlock, { file: this.context.file, line });
    if (result !== undefined) this.context.ledger.result(result, this.context.emit);
  }

  private blockDelta(event: Record<string, unknown>, line: number): void {
    const delta = event.delta as Record<string, unknown>;
    if (delta.type !== "input_json_delta") return;
    const index = event.index as number;
    const block = this.open.get(index);
    if (block === undefined) {
      // Reported once per block: its start line is missing or damaged, so its arguments are lost.
      if (!this.orphanDeltas.has(index)) {
        this.orphanDeltas.add(index);
        this.context.emit({ kind: "error", line, message: `input_json_delta for content block ${index}, which never started (its content_block_start is missing or unreadable)` });
      }
      return;
    }
    const fragment = asString(delta.partial_json) ?? "";
    block.deltas++;
    if (block.chars + fragment.length > MAX_RAW_CHARS) {
      block.overflow = true;
      return;
    }
    block.fragments.push(fragment);
    block.chars += fragment.length;
  }

  /** The message's stop reason is known (or will never be): emit the calls whose blocks closed. */
  private settle(cutOff: boolean): void {
    this.flushClosed(cutOff);
    const unfinished = [...this.open.values()].sort((a, b) => a.index - b.index);
    this.open.clear();
    for (const block of unfinished) this.emitBlock(block, { truncated: true, note: "its content_block_stop never arrived before the message ended" });
  }

  private flushClosed(cutOff: boolean): void {
    const closed = this.closed;
    this.closed = [];
    for (const block of closed) {
      // max_tokens cuts the block being written: the last one started.
      const truncated = cutOff && block.index === this.lastIndex;
      this.emitBlock(block, truncated ? { truncated, note: "the response stopped at max_tokens" } : {});
    }
  }

  private emitBlock(block: ToolBlock, extra: { truncated?: boolean; note?: string }): void {
    const notes: string[] = [];
    if (block.note !== null) notes.push(block.note);
    if (extra.note !== undefined) notes.push(extra.note);
    if (block.overflow) notes.push(`arguments longer than ${MAX_RAW_CHARS} characters were cut`);
    const raw = block.fragments.join("");
    // A tool with no arguments streams one empty fragment: the model produced `{}`.
    const complete = extra.truncated !== true;
    let args = raw;
    let recorded = true;
    if (complete && block.deltas === 0) {
      args = stringifyJson(block.startInput ?? {});
      recorded = false;
    } else if (complete && raw === "") args = "{}";
    this.context.ledger.call(
      buildCall({
        callId: block.id,
        tool: block.name,
        arguments: args,
        argumentsRecorded: recorded,
        advertised: this.advertised,
        model: this.model,
        time: this.time,
        truncated: extra.truncated,
        notes,
        file: this.context.file,
        line: block.line,
      }),
      this.context.emit,
      this.context.scope === undefined ? undefined : { scope: this.context.scope, sighting: false },
    );
  }
}
