import { ForgettingQueue } from "./shared/forgetting-queue.js";
import { LazyIndex } from "./shared/lazy-index.js";
import { canonicalArguments } from "./shared/waiting-calls.js";
import { stableHash } from "./shared/stable-hash.js";

/**
 * Calls remembered in all traces; past this the oldest is forgotten. A trace's spans come close
 * together (the trace buffer holds a trace open for a while at most), so recent calls are enough:
 * at 5,000 calls and 2 MB the 100 MB GenAI and OpenInference logs of bench/memory.mjs peaked
 * 6-8 MB higher than without this store (130-136 MB); at these, 2-4 MB (126-131).
 */
const MAX_CALLS = 2_000;
/** Characters of arguments kept for matching in all; past this the oldest calls are forgotten. */
const MAX_ARGUMENT_CHARS = 1024 * 1024;

interface TraceCall {
  /** The id the call goes by (emitSpanCall's). */
  callId: string;
  trace: string;
  tool: string;
  /** The arguments as emitted, until indexed (see LazyIndex): their hash, the index's key, then stands for them. */
  args: string | undefined;
  /** Read from a tool span or a history under a synthetic id: no model output in the trace named it yet. */
  unclaimed: boolean;
}

/**
 * How a span part naming no call id is matched to a call of its trace:
 * - `execution`: a tool span, which carries the call's outcome;
 * - `history`: a later chat span's input messages, which name each call once, in order;
 * - `output`: the model's own output, a call of its own unless a tool span read before it (its
 *   trace's spans started out of order) already stands for it.
 */
export type UnnamedCallSite = { kind: "execution" } | { kind: "history"; named: ReadonlySet<string> } | { kind: "output" };

/**
 * The calls of recent traces, by tool: `gen_ai.tool.call.id` is only "recommended if available",
 * a GenAI `ToolCallRequestPart.id` is optional and OpenInference TOOL spans often have none, so a
 * tool span or message part naming no call is matched here to the call it stands for in its trace
 * (see `match`) rather than counted as another call (and re-run, if it has side effects, on replay).
 *
 * Kept across reads of one trace (the trace buffer reads an open trace early past its caps, and
 * its later spans on their own), bounded in calls and argument characters over all traces: the
 * oldest are forgotten. Arguments are put in canonical form only when a part naming no call looks
 * for its tool's calls, and are then kept as a hash.
 */
export class TraceCalls {
  /** Each call by trace and the id it goes by. */
  private readonly ids = new Map<string, TraceCall>();
  /** trace → tool → its calls, oldest first, indexed by their arguments' hash ("" for none) once a part naming no call looks. */
  private readonly byTrace = new Map<string, Map<string, LazyIndex<TraceCall>>>();
  /** Every call remembered, in the order they are forgotten in; a call indexed no longer counts its arguments. */
  private readonly order = new ForgettingQueue<TraceCall>(MAX_CALLS, MAX_ARGUMENT_CHARS, (call) => call.args?.length ?? 0, (call) => this.forget(call));
  /** Hashes each call's arguments once, as it is indexed, and lets the text go. */
  private readonly keyOf = (call: TraceCall): string => {
    const args = call.args ?? "";
    this.order.release(args.length);
    call.args = undefined;
    return args === "" ? "" : canonicalHash(args);
  };

  /** How many calls, and characters of their arguments, are remembered (bounded whatever the log). */
  get remembered(): { calls: number; traces: number; chars: number } {
    return { calls: this.order.size, traces: this.byTrace.size, chars: this.order.chars };
  }

  /** Remembers a call of the trace under the id it goes by (once per id and trace). */
  add(trace: string, callId: string, tool: string, args: string, unclaimed: boolean): void {
    const key = idKey(trace, callId);
    if (this.ids.has(key)) return;
    const call: TraceCall = { callId, trace, tool, args, unclaimed };
    this.ids.set(key, call);
    let tools = this.byTrace.get(trace);
    if (!tools) this.byTrace.set(trace, (tools = new Map()));
    let calls = tools.get(tool);
    if (!calls) tools.set(tool, (calls = new LazyIndex(this.keyOf)));
    calls.push(call);
    this.order.push(call);
  }

  /**
   * The call of this tool in this trace that a part naming no call id stands for, or undefined
   * for a call of its own. `args` is the part's arguments text ("" when it kept none); `open`
   * says whether a call still waits for its result.
   * - execution: the oldest call with the same arguments still waiting, else the newest with
   *   them, else the latest of the tool still waiting;
   * - history: the oldest call with the same arguments the history has not named yet, else the
   *   latest of the tool still waiting that it has not named;
   * - output: the oldest unclaimed call (see TraceCall) with the same arguments, or that kept none.
   */
  match(trace: string, tool: string, args: string, site: UnnamedCallSite, open: (callId: string) => boolean): string | undefined {
    const calls = this.byTrace.get(trace)?.get(tool);
    if (!calls) return undefined;
    const same = args === "" ? [] : calls.get(canonicalHash(args));
    let found: TraceCall | undefined;
    switch (site.kind) {
      case "execution":
        found = same.find((call) => open(call.callId)) ?? same.at(-1) ?? calls.list.findLast((call) => open(call.callId));
        break;
      case "history": {
        const fresh = (call: TraceCall) => !site.named.has(call.callId);
        found = same.find(fresh) ?? calls.list.findLast((call) => fresh(call) && open(call.callId));
        break;
      }
      case "output":
        found = oldestUnclaimed(calls, same, () => true);
        if (found) found.unclaimed = false;
        break;
    }
    return found?.callId;
  }

  /**
   * The call read before the model's output in this trace (a tool span that started before the
   * chat span) that a call of that output naming its id stands for, by the rule an output part
   * naming none is matched by (see `match`), among the calls `held` says can still take an id.
   */
  unclaimedFor(trace: string, tool: string, args: string, held: (callId: string) => boolean): string | undefined {
    const calls = this.byTrace.get(trace)?.get(tool);
    if (!calls) return undefined;
    const same = args === "" ? [] : calls.get(canonicalHash(args));
    return oldestUnclaimed(calls, same, (call) => held(call.callId))?.callId;
  }

  /** The call `from` turned out to be the model's call `to` (see unclaimedFor): it is matched as that call from now on. */
  adopt(trace: string, from: string, to: string): void {
    const call = this.ids.get(idKey(trace, from));
    if (!call) return;
    this.ids.delete(idKey(trace, from));
    call.callId = to;
    call.unclaimed = false;
    // The model's call is then added under `to` with its own arguments; this one keeps the tool span's.
  }

  private forget(oldest: TraceCall): void {
    const key = idKey(oldest.trace, oldest.callId);
    // An adopted call shares its id with the model's call, remembered after it.
    if (this.ids.get(key) === oldest) this.ids.delete(key);
    const tools = this.byTrace.get(oldest.trace);
    const calls = tools?.get(oldest.tool);
    // Each tool's list is in the same order as `order`: the call forgotten is its first.
    if (!tools || !calls?.dropOldest(oldest)) return;
    if (calls.list.length === 0) tools.delete(oldest.tool);
    if (tools.size === 0) this.byTrace.delete(oldest.trace);
  }
}

/** The oldest unclaimed call (see TraceCall) with the same arguments (`same`), else that kept none, that `may` take. */
function oldestUnclaimed(calls: LazyIndex<TraceCall>, same: readonly TraceCall[], may: (call: TraceCall) => boolean): TraceCall | undefined {
  const free = (call: TraceCall): boolean => call.unclaimed && may(call);
  return same.find(free) ?? calls.get("").find(free);
}

const idKey = (trace: string, callId: string): string => `${trace}\u0000${callId}`;

/** Arguments compared regardless of formatting and key order, kept as a 64-bit hash. */
const canonicalHash = (args: string): string => stableHash([canonicalArguments(args)]);
