import type { LogConversationIssue, LogEvent, LogToolCall, LogToolResult } from "../../log-events.js";
import { BoundedMap } from "./bounded-id-set.js";
import { HashedIdWindow } from "./hashed-id-window.js";
import { finish30, fnv1a, FNV_OFFSET } from "./stable-hash.js";

/** Distinct tool names remembered for `toolOf` (their numbers take NAME_BITS); a log naming more is unusual (the rest answer undefined). */
const NAME_BITS = 12;
const MAX_TOOL_NAMES = (1 << NAME_BITS) - 1;
/** A call's window value: its tool's number, and above it this many bits of its fingerprint (a value is at most 31 bits). */
const PRINT_BITS = 31 - NAME_BITS;
const PRINT_MASK = (1 << PRINT_BITS) - 1;
/** Calls renamed because their id was given to another call first (see `call`) that are remembered. */
const MAX_RENAMED = 20_000;

/**
 * Emits each call, result and conversation issue once per file. Chat histories repeat every
 * earlier call and result in each later request, so the first sighting wins and repeats are
 * dropped. Callers ask `sighted`/`seenResult` first so repeats cost no allocation.
 *
 * A repeat is the same id with the same tool and arguments (compared as JSON text, spacing and
 * `\u` escapes aside: a client may send the arguments back re-serialized). Some servers and
 * agent runtimes number calls per conversation or per turn (`call_0` in every one): a call whose
 * id an earlier, different call already has is a call of its own, emitted as `call_0#2` with a
 * note saying so, and the results that follow it in its history answer it.
 */
export class EventDedupe {
  /**
   * Call id → its first call's fingerprint (tool and arguments) and tool, as a number in `names`
   * (so a result logged records later can still say which tool it answers), in one value.
   */
  private readonly calls = new HashedIdWindow();
  private readonly results = new HashedIdWindow();
  private readonly issues = new HashedIdWindow();
  private readonly names: string[] = [];
  private readonly nameIds = new Map<string, number>();
  /** `id\0fingerprint` → the id a call was renamed to; how many calls an id was given; which of them was sighted last. */
  private readonly renamed = new BoundedMap<string>(MAX_RENAMED);
  private readonly variants = new BoundedMap<number>(MAX_RENAMED);
  private readonly current = new BoundedMap<string>(MAX_RENAMED);

  /**
   * The id this very call (same id, tool and arguments) was emitted under, or undefined when it
   * was not: a sighting, which the results after it answer.
   */
  sighted(callId: string, tool: string, args: string): string | undefined {
    const value = this.calls.get(callId);
    if (value === -1) return undefined;
    const print = this.printOf(tool, args);
    if (value >>> NAME_BITS === print) {
      if (this.variants.has(callId)) this.current.set(callId, callId);
      return callId;
    }
    const renamed = this.renamed.get(`${callId}\u0000${print}`);
    if (renamed !== undefined) this.current.set(callId, renamed);
    return renamed;
  }

  /** Whether a call with this id (as the log gives it) was emitted, and is still remembered. */
  knowsCall(callId: string): boolean {
    return this.calls.has(callId);
  }

  /** The tool of a call already emitted, if it is still remembered. */
  toolOf(callId: string): string | undefined {
    const value = this.calls.get(callId);
    return value < 0 ? undefined : this.names[value & MAX_TOOL_NAMES];
  }

  /** The id a result for `callId` answers: the call last sighted under that id (itself, unless the log gave it to several calls). */
  resultId(callId: string): string {
    return this.variants.size === 0 ? callId : (this.current.get(callId) ?? callId);
  }

  /** Whether a result for this call (the id it goes by: see resultId) was emitted. */
  seenResult(callId: string): boolean {
    return this.results.has(callId);
  }

  /** Emits the call unless it was sighted before; returns the id it goes by (see the class). */
  call(event: LogToolCall, emit: (event: LogEvent) => void): string {
    const id = event.callId;
    const known = this.sighted(id, event.tool, event.arguments);
    if (known !== undefined) return known;
    const print = this.printOf(event.tool, event.arguments);
    if (this.calls.get(id) === -1) {
      this.calls.add(id, (print << NAME_BITS) | this.nameId(event.tool));
      if (this.variants.has(id)) this.current.set(id, id);
      emit(event);
      return id;
    }
    const count = (this.variants.get(id) ?? 1) + 1;
    const renamed = `${id}#${count}`;
    this.variants.set(id, count);
    this.renamed.set(`${id}\u0000${print}`, renamed);
    this.current.set(id, renamed);
    emit(reusedIdCall(event, renamed));
    return renamed;
  }

  /** The fingerprint's top bits, the last one kept: `call` follows `sighted` with the same strings. */
  private printOf(tool: string, args: string): number {
    if (tool !== this.printTool || args !== this.printArgs) {
      this.printTool = tool;
      this.printArgs = args;
      this.print = fingerprint(tool, args) & PRINT_MASK;
    }
    return this.print;
  }

  private printTool = "";
  private printArgs = "";
  private print = fingerprint("", "") & PRINT_MASK;

  /** The tool name's number (a large number, past the names kept: remembered as unknown). */
  private nameId(tool: string): number {
    let id = this.nameIds.get(tool);
    if (id === undefined) {
      if (this.names.length >= MAX_TOOL_NAMES) return MAX_TOOL_NAMES;
      id = this.names.length;
      this.names.push(tool);
      this.nameIds.set(tool, id);
    }
    return id;
  }

  /** Emits the result once per call it answers: `event.callId` is the id that call goes by (see resultId). */
  result(event: LogToolResult, emit: (event: LogEvent) => void): void {
    if (this.results.add(event.callId)) emit(event);
  }

  issue(event: LogConversationIssue, emit: (event: LogEvent) => void): void {
    if (this.issues.add(`${event.code}\u0000${event.callId}`)) emit(event);
  }
}

/** A call the log gives an id an earlier, different call has: emitted under `renamed`, with a note saying so. */
export function reusedIdCall(event: LogToolCall, renamed: string): LogToolCall {
  const note = `the log gives call id ${event.callId} to another call as well: this one is shown as ${renamed}`;
  return { ...event, callId: renamed, notes: [...(event.notes ?? []), note] };
}

/**
 * A call's tool and arguments as a 30-bit hash (a window's value), the arguments read as JSON
 * text: whitespace outside strings, `\/` and `\u` escapes, and how a number is written (`1.0`
 * and `1`, `1e2` and `100`) count for nothing, as re-serializing changes them.
 */
export function fingerprint(tool: string, args: string): number {
  let h = toolHash(tool);
  let inString = false;
  if (args.indexOf("\\") === -1) {
    // No escapes (most arguments): a quote always opens or closes a string.
    for (let i = 0; i < args.length; i++) {
      const c = args.charCodeAt(i);
      if (c === 0x22 /* " */) inString = !inString;
      else if (!inString && (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09)) continue;
      else if (!inString && isNumberStart(c)) {
        const end = numberEnd(args, i);
        h = hashNumber(h, args, i, end);
        i = end - 1;
        continue;
      }
      h = Math.imul(h ^ c, 0x01000193);
    }
  } else {
    for (let i = 0; i < args.length; i++) {
      let c = args.charCodeAt(i);
      if (inString) {
        if (c === 0x5c /* \ */ && i + 1 < args.length) {
          const next = args.charCodeAt(i + 1);
          const unit = next === 0x75 /* u */ ? hex4(args, i + 2) : -1;
          if (unit !== -1) {
            c = unit;
            i += 5;
          } else if (next === 0x2f /* / */) {
            c = 0x2f;
            i++;
          } else {
            h = Math.imul(h ^ c, 0x01000193);
            c = next;
            i++;
          }
        } else if (c === 0x22) inString = false;
      } else if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) continue;
      else if (c === 0x22) inString = true;
      else if (isNumberStart(c)) {
        const end = numberEnd(args, i);
        h = hashNumber(h, args, i, end);
        i = end - 1;
        continue;
      }
      h = Math.imul(h ^ c, 0x01000193);
    }
  }
  return finish30(h);
}

/** A tool's name hashed, and a separator no name holds (U+FFFF): what a hash of the tool and something else starts from. */
export const toolHash = (tool: string): number => Math.imul(fnv1a(FNV_OFFSET, tool) ^ 0xffff, 0x01000193);

const isNumberStart = (c: number): boolean => (c >= 0x30 && c <= 0x39) || c === 0x2d; /* 0-9 - */

/** The end of the number token starting at `at`: digits, sign, point and exponent. */
function numberEnd(text: string, at: number): number {
  let end = at + 1;
  for (; end < text.length; end++) {
    const c = text.charCodeAt(end);
    if (!((c >= 0x30 && c <= 0x39) || c === 0x2e || c === 0x65 || c === 0x45 || c === 0x2b || c === 0x2d)) break;
  }
  return end;
}

/** Hashes a number token as its value is written in canonical form; a plain integer (most are) as it stands. */
function hashNumber(h: number, text: string, start: number, end: number): number {
  let plain = end - start < 16;
  for (let k = start; k < end && plain; k++) {
    const c = text.charCodeAt(k);
    if (c === 0x2e || c === 0x65 || c === 0x45 || c === 0x2b || (c === 0x2d && k > start)) plain = false;
  }
  const digits = text.charCodeAt(start) === 0x2d ? start + 1 : start;
  if (plain && !(end - digits > 1 && text.charCodeAt(digits) === 0x30)) return fnv1a(h, text, start, end);
  return fnv1a(h, String(Number(text.slice(start, end))));
}

/** The code unit four hex digits at `at` spell, or -1. */
function hex4(text: string, at: number): number {
  if (at + 4 > text.length) return -1;
  let value = 0;
  for (let k = at; k < at + 4; k++) {
    const c = text.charCodeAt(k);
    const digit = c >= 0x30 && c <= 0x39 ? c - 0x30 : c >= 0x61 && c <= 0x66 ? c - 0x57 : c >= 0x41 && c <= 0x46 ? c - 0x37 : -1;
    if (digit === -1) return -1;
    value = value * 16 + digit;
  }
  return value;
}
