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
  /** canonicalArguments of `arguments`, made once an answer of its tool is matched by arguments. */
  canonical?: string;
  /** Matched to an answer already, or forgotten (past the bounds). */
  done: boolean;
}

/** One tool's calls, oldest first, and those of them indexed by canonical arguments so far. */
interface ToolCalls {
  list: Waiting[];
  /** `list[0..indexed)` are in `byArguments`; the rest are put there when an answer comes. */
  indexed: number;
  byArguments: Map<string, Waiting[]>;
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
  /** Every call remembered, oldest first from `head`: the order they are forgotten in. */
  private order: Waiting[] = [];
  private head = 0;
  private chars = 0;
  private readonly byTool = new Map<string, ToolCalls>();

  add(callId: string, tool: string, conversation: string | undefined, args: string): void {
    const call: Waiting = { callId, tool, conversation, arguments: args, done: false };
    this.order.push(call);
    const calls = this.byTool.get(tool);
    if (calls) calls.list.push(call);
    else this.byTool.set(tool, { list: [call], indexed: 0, byArguments: new Map() });
    this.chars += args.length;
    while (this.order.length - this.head > MAX_CALLS || (this.chars > MAX_ARGUMENT_CHARS && this.order.length - this.head > 1)) this.forgetOldest();
    if (this.head > 4096 && this.head * 2 > this.order.length) {
      this.order = this.order.slice(this.head);
      this.head = 0;
    }
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
    if (!calls) return undefined;
    for (; calls.indexed < calls.list.length; calls.indexed++) {
      const call = calls.list[calls.indexed] as Waiting;
      call.canonical ??= canonicalArguments(call.arguments);
      const same = calls.byArguments.get(call.canonical);
      if (same) same.push(call);
      else calls.byArguments.set(call.canonical, [call]);
    }
    const same = calls.byArguments.get(canonicalArguments(args));
    return same ? newestOpen(same, () => true, open) : undefined;
  }

  private forgetOldest(): void {
    const oldest = this.order[this.head++] as Waiting;
    this.chars -= oldest.arguments.length;
    oldest.done = true;
    // Each tool's list, and each of its argument lists, is in the same order as `order`: the call forgotten is their first.
    const calls = this.byTool.get(oldest.tool);
    if (!calls || calls.list[0] !== oldest) return;
    calls.list.shift();
    if (calls.indexed > 0) {
      calls.indexed--;
      const key = oldest.canonical as string;
      const same = calls.byArguments.get(key);
      if (same?.[0] === oldest) same.shift();
      if (same?.length === 0) calls.byArguments.delete(key);
    }
    if (calls.list.length === 0) this.byTool.delete(oldest.tool);
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
