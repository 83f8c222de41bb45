import type { LogConversationIssue, LogEvent, LogToolCall, LogToolResult } from "../../log-events.js";
import { BoundedMap } from "./bounded-id-set.js";
import { fingerprint, reusedIdCall } from "./event-dedupe.js";
import { HashedIdWindow } from "./hashed-id-window.js";

/** Ids given to several calls that are remembered (see `distinctCalls`); the oldest is forgotten past this. */
const MAX_REUSED = 10_000;
/**
 * Calls and sightings remembered per such id: a log whose every call is numbered
 * from 0 gives one id to all of them, and memory stays bounded (past it, the oldest are forgotten:
 * a repeat of one is taken for a new call).
 */
const MAX_PER_ID = 2_000;

/**
 * Emits each call, result and conversation issue once. Logs repeat themselves (every request
 * carries the whole history so far; notebooks print a run as a stream and again as a repr), and
 * the first sighting is the one kept: it is usually the richest (raw streamed arguments).
 *
 * The ids are kept as hashes in typed arrays (HashedIdWindow, as chat logs' dedupe does): a fixed
 * ~2 MB per window, against sets of strings that grew with the log (200,000 ids of each kind took
 * 20-30 MB of the reading thread's heap, and a long Anthropic log went past scan's 150 MB).
 *
 * With `distinctCalls`, a call is a repeat only with the same tool and arguments too (see
 * EventDedupe's fingerprint): some model clients give every call of a response, or of every run,
 * the same ids (AutoGen's Ollama client numbers responses from 0, each call of one sharing its
 * number). Another call under an id is emitted as `0#2` with a note, and a result under the id
 * answers the call seen first since the last answer (see `result`).
 */
export class CallLedger {
  private readonly calls: HashedIdWindow;
  private readonly results: HashedIdWindow;
  private readonly issues: HashedIdWindow;
  private readonly distinct: boolean;
  /** With `distinct`: per id given to several calls, how many, their ids by fingerprint, and the sightings waiting for an answer. */
  private readonly reused = new BoundedMap<Reused>(MAX_REUSED);

  /** The ids of the last 50,000 calls (and results) are remembered; a repeat older than that is emitted again. */
  constructor(opts: { distinctCalls?: boolean } = {}) {
    this.calls = new HashedIdWindow(50_000);
    this.results = new HashedIdWindow(50_000);
    this.issues = new HashedIdWindow(20_000);
    this.distinct = opts.distinctCalls === true;
  }

  hasCall(callId: string): boolean {
    return this.calls.has(callId);
  }

  hasResult(callId: string): boolean {
    return this.results.has(callId);
  }

  /** Emits the call unless it is a repeat; returns the id it was emitted under, or undefined for a repeat. */
  call(event: LogToolCall, emit: (event: LogEvent) => void): string | undefined {
    if (!this.distinct) {
      if (!this.calls.add(event.callId)) return undefined;
      emit(event);
      return event.callId;
    }
    const id = event.callId;
    const print = fingerprint(event.tool, event.arguments);
    const first = this.calls.get(id);
    if (first === -1) {
      this.calls.add(id, print);
      emit(event);
      return id;
    }
    if (first === print) return undefined;
    let reused = this.reused.get(id);
    if (!reused) {
      // The id's first call still waits for its answer unless one came.
      reused = { count: 1, ids: new Map(), sighted: this.results.has(id) ? [] : [{ id, tool: "" }] };
      this.reused.set(id, reused);
    }
    const known = first === print ? id : reused.ids.get(print);
    if (known !== undefined) {
      // Seen again: an answer to it may follow (a summary repeats calls, then their results).
      this.sight(reused, known, event.tool);
      return undefined;
    }
    const renamed = `${id}#${++reused.count}`;
    reused.ids.set(print, renamed);
    if (reused.ids.size > MAX_PER_ID) reused.ids.delete(reused.ids.keys().next().value as number);
    this.sight(reused, renamed, event.tool);
    emit(reusedIdCall(event, renamed));
    return renamed;
  }

  /** Whether the log gives this id to several calls (a result under it does not say which it answers). */
  isReused(callId: string): boolean {
    return this.reused.has(callId);
  }

  private sight(reused: Reused, id: string, tool: string): void {
    reused.sighted.push({ id, tool });
    if (reused.sighted.length > MAX_PER_ID) reused.sighted.shift();
  }

  /**
   * Emits the result once per call. Under an id given to several calls, it answers the call seen
   * first since the last answer (of its tool, when the result names one); one answering a call
   * already answered is a repeat.
   */
  result(event: LogToolResult, emit: (event: LogEvent) => void): boolean {
    const reused = this.distinct ? this.reused.get(event.callId) : undefined;
    if (reused) {
      const queue = reused.sighted;
      let at = event.tool === undefined ? -1 : queue.findIndex((entry) => entry.tool === event.tool);
      if (at === -1) at = queue.length > 0 ? 0 : -1;
      if (at === -1) return false;
      const [answered] = queue.splice(at, 1);
      if (!answered || !this.results.add(answered.id)) return false;
      const tool = event.tool ?? (answered.tool || undefined);
      emit(answered.id === event.callId && tool === event.tool ? event : { ...event, callId: answered.id, ...(tool !== undefined && { tool }) });
      return true;
    }
    if (!this.results.add(event.callId)) return false;
    emit(event);
    return true;
  }

  issue(event: LogConversationIssue, emit: (event: LogEvent) => void): boolean {
    if (!this.issues.add(`${event.code}\u0000${event.callId}`)) return false;
    emit(event);
    return true;
  }
}

interface Reused {
  /** Calls given the id so far (the next is shown as `id#count+1`). */
  count: number;
  /** The other calls' fingerprints → the ids they are shown under. */
  ids: Map<number, string>;
  /** The calls under the id seen since their last answer, in the order they were seen, with their tools. */
  sighted: { id: string; tool: string }[];
}
