import type { AdvertisedTool, LogConversationIssue, LogEvent, LogLineError, LogToolCall, LogToolResult, SourceRef } from "./log-events.js";

/**
 * Log events packed for crossing to another thread: a flat array of strings, numbers and small
 * arrays, which the structured clone copies several times faster than the event objects (no key
 * strings per object). An advertised tool list crosses once; later calls name it by number, so
 * the receiver keeps one object per list and identity caches downstream (advertised specs,
 * compiled validators) still hit.
 */
export type EventBatch = unknown[];

const CALL = 0;
const RESULT = 1;
const CONVERSATION = 2;
/** Defines an advertised list: [DEFINE, id, list]. */
const DEFINE = 3;

/** Advertised lists both sides remember; the oldest is forgotten by both in the same order. */
const MAX_LISTS = 256;

type Event = Exclude<LogEvent, LogLineError>;

export class EventEncoder {
  private batch: unknown[] = [];
  private chars = 0;
  private readonly lists = new Map<AdvertisedTool[], number>();
  private nextId = 0;

  /** `file` is the reader's path: a source in that file is sent as its line only. */
  constructor(private file: string) {}

  /** The file the next events come from. */
  setFile(file: string): void {
    this.file = file;
  }

  get length(): number {
    return this.batch.length;
  }

  /** Characters of arguments and result contents in the batch: what its memory is mostly made of. */
  get textChars(): number {
    return this.chars;
  }

  push(event: Event): void {
    const b = this.batch;
    const file = event.source.file === this.file ? null : event.source.file;
    if (event.kind === "call") {
      this.chars += event.arguments.length;
      const list = event.advertised ? this.listId(event.advertised) : -1;
      b.push(
        CALL,
        event.callId,
        event.syntheticId,
        event.tool,
        event.arguments,
        event.argumentsRecorded,
        event.argumentsKind ?? null,
        list,
        event.model ?? null,
        event.time ?? null,
        event.conversation ?? null,
        event.truncated ?? null,
        event.notes ?? null,
        file,
        event.source.line,
      );
    } else if (event.kind === "result") {
      this.chars += event.content.length;
      b.push(RESULT, event.callId, event.content, event.isError ?? null, event.errorInferred ?? null, event.tool ?? null, file, event.source.line);
    } else {
      b.push(CONVERSATION, event.code, event.callId, event.tool ?? null, file, event.source.line);
    }
  }

  /** The events pushed since the last take, or undefined when there are none. */
  take(): EventBatch | undefined {
    if (this.batch.length === 0) return undefined;
    const batch = this.batch;
    this.batch = [];
    this.chars = 0;
    return batch;
  }

  private listId(list: AdvertisedTool[]): number {
    let id = this.lists.get(list);
    if (id === undefined) {
      id = this.nextId++;
      this.lists.set(list, id);
      if (this.lists.size > MAX_LISTS) {
        const oldest = this.lists.keys().next().value;
        if (oldest !== undefined) this.lists.delete(oldest);
      }
      this.batch.push(DEFINE, id, list);
    }
    return id;
  }
}

export class EventDecoder {
  private readonly lists = new Map<number, AdvertisedTool[]>();

  constructor(private file: string) {}

  setFile(file: string): void {
    this.file = file;
  }

  /** Hands every event of the batch to `onEvent`, in order. */
  decode(batch: EventBatch, onEvent: (event: Event) => void): void {
    let i = 0;
    while (i < batch.length) {
      const tag = batch[i] as number;
      if (tag === CALL) {
        const call: LogToolCall = {
          kind: "call",
          callId: batch[i + 1] as string,
          syntheticId: batch[i + 2] as boolean,
          tool: batch[i + 3] as string,
          arguments: batch[i + 4] as string,
          argumentsRecorded: batch[i + 5] as boolean,
          source: this.source(batch[i + 13], batch[i + 14]),
        };
        const kind = batch[i + 6] as LogToolCall["argumentsKind"] | null;
        if (kind !== null) call.argumentsKind = kind;
        const list = batch[i + 7] as number;
        if (list !== -1) {
          const advertised = this.lists.get(list);
          if (advertised) call.advertised = advertised;
        }
        const model = batch[i + 8] as string | null;
        if (model !== null) call.model = model;
        const time = batch[i + 9] as string | null;
        if (time !== null) call.time = time;
        const conversation = batch[i + 10] as string | null;
        if (conversation !== null) call.conversation = conversation;
        const truncated = batch[i + 11] as boolean | null;
        if (truncated !== null) call.truncated = truncated;
        const notes = batch[i + 12] as string[] | null;
        if (notes !== null) call.notes = notes;
        onEvent(call);
        i += 15;
      } else if (tag === RESULT) {
        const result: LogToolResult = { kind: "result", callId: batch[i + 1] as string, content: batch[i + 2] as string, source: this.source(batch[i + 6], batch[i + 7]) };
        const isError = batch[i + 3] as boolean | null;
        if (isError !== null) result.isError = isError;
        const inferred = batch[i + 4] as boolean | null;
        if (inferred !== null) result.errorInferred = inferred;
        const tool = batch[i + 5] as string | null;
        if (tool !== null) result.tool = tool;
        onEvent(result);
        i += 8;
      } else if (tag === CONVERSATION) {
        const issue: LogConversationIssue = {
          kind: "conversation",
          code: batch[i + 1] as LogConversationIssue["code"],
          callId: batch[i + 2] as string,
          source: this.source(batch[i + 4], batch[i + 5]),
        };
        const tool = batch[i + 3] as string | null;
        if (tool !== null) issue.tool = tool;
        onEvent(issue);
        i += 6;
      } else if (tag === DEFINE) {
        const id = batch[i + 1] as number;
        this.lists.set(id, batch[i + 2] as AdvertisedTool[]);
        this.lists.delete(id - MAX_LISTS);
        i += 3;
      } else {
        throw new Error(`corrupt event batch (tag ${String(tag)} at ${i})`);
      }
    }
  }

  private source(file: unknown, line: unknown): SourceRef {
    return { file: file === null ? this.file : (file as string), line: line as number };
  }
}
