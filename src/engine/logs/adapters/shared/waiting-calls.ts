import { ForgettingQueue } from "./forgetting-queue.js";
import { LazyIndex } from "./lazy-index.js";
import { isRecord, parseIfJsonText, stringifyJson } from "./loose-json.js";

/** Calls remembered; past this the oldest is forgotten. */
const MAX_CALLS = 1_000;
/** Characters of arguments kept for matching in all; past this the oldest calls are forgotten. */
const MAX_ARGUMENT_CHARS = 2 * 1024 * 1024;

interface Waiting {
  callId: string;
  tool: string;
  conversation: string | undefined;
  arguments: string;
  /** Matched to an answer already, or forgotten (past the bounds). */
  done: boolean;
}

/**
 * The latest calls, for answers that name no call (LangSmith tool runs that failed before
 * returning a ToolMessage, Traceloop tool spans that raised, autogen_core `ToolCall` events):
 * such an answer takes the newest call of its tool with the same arguments (compared regardless
 * of formatting and key order), else (`take`) the newest of its tool in the same trace.
 * Remembering a call costs nothing but its place. Its arguments are put in canonical form, and
 * indexed, only when an answer of its tool without a call id comes: an answer then looks up its
 * arguments instead of comparing them with each call of the tool (on a long AutoGen log, each
 * answer with arguments no call had walked the tool's thousand latest calls).
 */
export class WaitingCalls {
  /** Every call remembered, in the order they are forgotten in. */
  private readonly order = new ForgettingQueue<Waiting>(MAX_CALLS, MAX_ARGUMENT_CHARS, (call) => call.arguments.length, (call) => this.forget(call));
  /** Each tool's calls, oldest first, indexed by canonical arguments once an answer of the tool is matched by them. */
  private readonly byTool = new Map<string, LazyIndex<Waiting>>();

  add(callId: string, tool: string, conversation: string | undefined, args: string): void {
    const call: Waiting = { callId, tool, conversation, arguments: args, done: false };
    let calls = this.byTool.get(tool);
    if (!calls) this.byTool.set(tool, (calls = new LazyIndex((waiting) => canonicalArguments(waiting.arguments))));
    calls.push(call);
    this.order.push(call);
  }

  /** The call an answer of this tool, with these arguments, in this trace, most likely answers; `open` says whether a call may still take an answer. */
  take(tool: string, args: unknown, conversation: string | undefined, open: (callId: string) => boolean): string | undefined {
    const same = this.takeSame(tool, args, open);
    if (same !== undefined) return same;
    const calls = this.byTool.get(tool);
    return calls ? newestOpen(calls.list, (call) => call.conversation === conversation, open) : undefined;
  }

  /** The newest call of this tool with these arguments not taken yet (and `open`), with no fallback: an answer with other arguments answers another call. */
  takeSame(tool: string, args: unknown, open: (callId: string) => boolean): string | undefined {
    const calls = this.byTool.get(tool);
    return calls ? newestOpen(calls.get(canonicalArguments(args)), () => true, open) : undefined;
  }

  private forget(oldest: Waiting): void {
    oldest.done = true;
    // Each tool's list is in the same order as `order`: the call forgotten is its first.
    const calls = this.byTool.get(oldest.tool);
    if (calls?.dropOldest(oldest) && calls.list.length === 0) this.byTool.delete(oldest.tool);
  }
}

/** The newest call of the list that matches, is not taken, and is `open`; it is taken. */
function newestOpen(list: readonly Waiting[], matches: (call: Waiting) => boolean, open: (callId: string) => boolean): string | undefined {
  for (let i = list.length - 1; i >= 0; i--) {
    const call = list[i] as Waiting;
    if (call.done || !matches(call) || !open(call.callId)) continue;
    call.done = true;
    return call.callId;
  }
  return undefined;
}

/** Arguments compared regardless of formatting and key order. */
export function canonicalArguments(value: unknown): string {
  const parsed = parseIfJsonText(value);
  const sorted = (inner: unknown): unknown => {
    if (Array.isArray(inner)) return inner.map(sorted);
    if (!isRecord(inner)) return inner;
    return Object.fromEntries(
      Object.keys(inner)
        .sort()
        .map((key) => [key, sorted(inner[key])]),
    );
  };
  return stringifyJson(sorted(parsed));
}
