import type { LogConversationIssue, LogEvent, LogToolCall, LogToolResult } from "../../log-events.js";
import { BoundedMap } from "./bounded-id-set.js";
import { fingerprint, reusedIdCall, toolHash } from "./event-dedupe.js";
import { HashedIdWindow } from "./hashed-id-window.js";
import { finish30, fnv1a } from "./stable-hash.js";

/** Ids given to several calls that are remembered (see `distinctCalls`); the one used least lately is forgotten past this. */
const MAX_REUSED = 10_000;
/**
 * Calls and sightings remembered per such id: a log whose every call is numbered
 * from 0 gives one id to all of them, and memory stays bounded (past it, the oldest are forgotten:
 * a repeat of one is taken for a new call).
 */
const MAX_PER_ID = 2_000;
/**
 * Calls and sightings remembered under all reused ids together (about 100 bytes each): past it,
 * the id used least lately is forgotten whole, so memory stays bounded whatever the log.
 */
const MAX_REUSED_ENTRIES = 60_000;
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
  private readonly reused = new Map<string, Reused>();
  /** What `reused` holds in all: its calls' fingerprints and places, and sightings. */
  private reusedEntries = 0;
  /** Reused ids forgotten (trimReused), with how many calls they had: names given once are not given again. */
  private readonly forgotten = new HashedIdWindow(50_000);
  /** With `distinct`: the record line of the latest calls emitted, by id (whether a call is of the same record as the next one). */
  private readonly lines = new BoundedMap<number>(RECENT_LINES);

  /** With `scoped`: each id's first call's tool and scope, hashed (see `call`'s `where`). */
  private readonly places: HashedIdWindow | undefined;
  /** The id the last call given to `call` goes by: the one it was emitted under, or the call it repeats. */
  private goesBy = "";

  /**
   * The ids of the last 50,000 calls (and results) are remembered; a repeat older than that is
   * emitted again. `scoped` (with `distinctCalls`) lets a sighting that does not repeat its
   * call's text be that call when it names the same tool in the same scope (see `call`).
   */
  constructor(opts: { distinctCalls?: boolean; scoped?: boolean } = {}) {
    this.calls = new HashedIdWindow(50_000);
    this.results = new HashedIdWindow(50_000);
    this.issues = new HashedIdWindow(20_000);
    this.distinct = opts.distinctCalls === true;
    this.places = this.distinct && opts.scoped === true ? new HashedIdWindow(50_000) : undefined;
  }

  hasCall(callId: string): boolean {
    return this.calls.has(callId);
  }

  hasResult(callId: string): boolean {
    return this.results.has(callId);
  }

  /**
   * Emits the call unless it is a repeat; returns the id it was emitted under, or undefined for a
   * repeat (`goesBy` then says which call it repeats).
   *
   * With `scoped`, `where` names the call's scope (an OTel trace) and whether it is a sighting (a
   * call seen where the model's own output is not: a tool's execution, a later request's
   * history). A sighting whose text is that of no call under its id is still the latest call of
   * the same tool in the same scope: the execution records the arguments as the framework
   * re-serialized them, or not at all. Anywhere else it is a call of its own.
   */
  call(event: LogToolCall, emit: (event: LogEvent) => void, where?: { scope: string; sighting: boolean }): string | undefined {
    const id = event.callId;
    this.goesBy = id;
    if (!this.distinct) {
      if (!this.calls.add(id)) return undefined;
      emit(event);
      return id;
    }
    const print = fingerprint(event.tool, event.arguments);
    const place = this.places && where ? placeOf(event.tool, where.scope) : -1;
    const first = this.calls.get(id);
    if (first === -1) {
      this.calls.add(id, print);
      if (this.places) this.places.add(id, place);
      // Scoped readers say which call a result answers (see `result`): the first call's record matters only to the rest.
      else this.lines.set(id, event.source.line);
      emit(event);
      return id;
    }
    let reused = this.touch(id);
    const known = first === print ? id : reused?.ids.get(print);
    const same = known ?? (place !== -1 ? this.samePlace(id, reused, place, where?.sighting === true, event) : undefined);
    if (same !== undefined) {
      this.goesBy = same;
      // Seen again: under a reused id, an answer to it may follow (a summary repeats calls, then their results).
      if (reused) {
        this.sight(reused, same, event.tool, event.source.line);
        this.trimReused();
      }
      return undefined;
    }
    if (!reused) {
      // The id's first call still waits for its answer unless one came; its record's line is known
      // when it was emitted lately (parallel calls of one response share a line).
      const line = this.lines.get(id) ?? -1;
      const count = Math.max(1, this.forgotten.get(id));
      reused = { count, ids: new Map(), places: new Map(), sighted: this.results.has(id) ? [] : [{ id, tool: "", line }], line };
      this.reused.set(id, reused);
      this.reusedEntries += reused.sighted.length;
    }
    const renamed = `${id}#${++reused.count}`;
    this.goesBy = renamed;
    reused.ids.set(print, renamed);
    this.reusedEntries++;
    if (reused.ids.size > MAX_PER_ID) {
      reused.ids.delete(reused.ids.keys().next().value as number);
      this.reusedEntries--;
    }
    if (place !== -1) {
      // The latest call of a tool in a scope is the one its execution most likely records.
      if (reused.places.delete(place)) this.reusedEntries--;
      reused.places.set(place, renamed);
      this.reusedEntries++;
      if (reused.places.size > MAX_PER_ID) {
        reused.places.delete(reused.places.keys().next().value as number);
        this.reusedEntries--;
      }
    }
    this.sight(reused, renamed, event.tool, event.source.line);
    this.trimReused();
    emit(reusedIdCall(event, renamed));
    return renamed;
  }

  /**
   * The latest call under `id` of the same tool in the same scope, which a call whose text
   * matches none is taken for when it is a sighting, or when one of the two kept no arguments (an
   * execution span read before the model's output).
   */
  private samePlace(id: string, reused: Reused | undefined, place: number, sighting: boolean, event: LogToolCall): string | undefined {
    const target = reused?.places.get(place) ?? (this.places?.get(id) === place ? id : undefined);
    if (target === undefined || sighting || event.arguments === "") return target;
    const bare = fingerprint(event.tool, "");
    return (target === id ? this.calls.get(id) === bare : reused?.ids.get(bare) === target) ? target : undefined;
  }

  /** The id the call last given to `call` goes by (see `call`). */
  lastCallId(): string {
    return this.goesBy;
  }

  /** How many reused ids, and calls and sightings under them, are remembered (bounded whatever the log). */
  get remembered(): { reusedIds: number; entries: number } {
    return { reusedIds: this.reused.size, entries: this.reusedEntries };
  }

  /** Whether the log gives this id to several calls (a result under it does not say which it answers). */
  isReused(callId: string): boolean {
    return this.reused.has(callId);
  }

  private sight(reused: Reused, id: string, tool: string, line: number): void {
    reused.sighted.push({ id, tool, line });
    reused.line = line;
    this.reusedEntries++;
    if (reused.sighted.length > MAX_PER_ID) {
      reused.sighted.shift();
      this.reusedEntries--;
    }
  }

  /** The id's record of calls, if the log gave it several, made the latest used (the last forgotten). */
  private touch(id: string): Reused | undefined {
    const reused = this.reused.get(id);
    if (reused !== undefined && this.reused.size > 1) {
      this.reused.delete(id);
      this.reused.set(id, reused);
    }
    return reused;
  }

  /** Forgets the reused ids used least lately while too many, or too much under them, are remembered. */
  private trimReused(): void {
    while (this.reused.size > MAX_REUSED || (this.reusedEntries > MAX_REUSED_ENTRIES && this.reused.size > 1)) {
      const [id, oldest] = this.reused.entries().next().value as [string, Reused];
      this.reused.delete(id);
      this.reusedEntries -= oldest.ids.size + oldest.places.size + oldest.sighted.length;
      this.forgotten.set(id, oldest.count);
    }
  }

  /**
   * Emits the result once per call. Under an id given to several calls, it answers the first call
   * of the record that last showed calls under the id (of its tool, when the result names one),
   * and only when that record has none left, one seen before still waiting: a call whose answer
   * never came keeps no later run's. One answering a call already answered is a repeat.
   * `resolved` says the reader knows which call it answers: `event.callId` is the id that call goes by.
   */
  result(event: LogToolResult, emit: (event: LogEvent) => void, resolved = false): boolean {
    const reused = this.distinct && !resolved ? this.touch(event.callId) : undefined;
    if (reused) {
      const queue = reused.sighted;
      // The latest record's sightings are the queue's last run (sightings are appended in line order).
      let latest = queue.length;
      while (latest > 0 && queue[latest - 1]?.line === reused.line) latest--;
      const at = pick(queue, latest, queue.length, event.tool) ?? pick(queue, 0, queue.length, event.tool);
      if (at === undefined) return false;
      const [answered] = queue.splice(at, 1);
      this.reusedEntries--;
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
  /** With `scoped`: the other calls' tools and scopes (placeOf) → the latest of them. */
  places: Map<number, string>;
  /** The calls under the id seen since their last answer, in the order they were seen: their tools and records' lines. */
  sighted: Sighting[];
  /** The line of the record that last showed a call under the id. */
  line: number;
}

/** A call's tool and scope as a 30-bit hash (a window's value). */
const placeOf = (tool: string, scope: string): number => finish30(fnv1a(toolHash(tool), scope));

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
