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
/** Calls whose record line is remembered: a reused id's first call is found among them when it is of the same record. */
const RECENT_LINES = 2_048;

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
  /** With `distinct`: the record line of the latest calls emitted, by id (whether a call is of the same record as the next one). */
  private readonly lines = new BoundedMap<number>(RECENT_LINES);

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
      this.lines.set(id, event.source.line);
      emit(event);
      return id;
    }
    if (first === print) {
      // The id's first call seen again: under a reused id, an answer to it may follow.
      const reused = this.reused.get(id);
      if (reused) this.sight(reused, id, event.tool, event.source.line);
      return undefined;
    }
    let reused = this.reused.get(id);
    if (!reused) {
      // The id's first call still waits for its answer unless one came; its record's line is known
      // when it was emitted lately (parallel calls of one response share a line).
      const line = this.lines.get(id) ?? -1;
      reused = { count: 1, ids: new Map(), sighted: this.results.has(id) ? [] : [{ id, tool: "", line }], line };
      this.reused.set(id, reused);
    }
    const known = reused.ids.get(print);
    if (known !== undefined) {
      // Seen again: an answer to it may follow (a summary repeats calls, then their results).
      this.sight(reused, known, event.tool, event.source.line);
      return undefined;
    }
    const renamed = `${id}#${++reused.count}`;
    reused.ids.set(print, renamed);
    if (reused.ids.size > MAX_PER_ID) reused.ids.delete(reused.ids.keys().next().value as number);
    this.sight(reused, renamed, event.tool, event.source.line);
    emit(reusedIdCall(event, renamed));
    return renamed;
  }

  /** Whether the log gives this id to several calls (a result under it does not say which it answers). */
  isReused(callId: string): boolean {
    return this.reused.has(callId);
  }

  private sight(reused: Reused, id: string, tool: string, line: number): void {
    reused.sighted.push({ id, tool, line });
    reused.line = line;
    if (reused.sighted.length > MAX_PER_ID) reused.sighted.shift();
  }

  /**
   * Emits the result once per call. Under an id given to several calls, it answers the first call
   * of the record that last showed calls under the id (of its tool, when the result names one),
   * and only when that record has none left, one seen before still waiting: a call whose answer
   * never came keeps no later run's. One answering a call already answered is a repeat.
   */
  result(event: LogToolResult, emit: (event: LogEvent) => void): boolean {
    const reused = this.distinct ? this.reused.get(event.callId) : undefined;
    if (reused) {
      const queue = reused.sighted;
      // The latest record's sightings are the queue's last run (sightings are appended in line order).
      let latest = queue.length;
      while (latest > 0 && queue[latest - 1]?.line === reused.line) latest--;
      const at = pick(queue, latest, queue.length, event.tool) ?? pick(queue, 0, queue.length, event.tool);
      if (at === undefined) return false;
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
  /** The calls under the id seen since their last answer, in the order they were seen: their tools and records' lines. */
  sighted: Sighting[];
  /** The line of the record that last showed a call under the id. */
  line: number;
}

interface Sighting {
  id: string;
  tool: string;
  line: number;
}

/** The index of the first sighting in [from, to) of that tool (when given), else `from`; undefined for an empty range. */
function pick(queue: readonly Sighting[], from: number, to: number, tool: string | undefined): number | undefined {
  if (from >= to) return undefined;
  if (tool !== undefined) {
    for (let i = from; i < to; i++) if (queue[i]?.tool === tool) return i;
  }
  return from;
}
