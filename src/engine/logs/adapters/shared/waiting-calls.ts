import { canonicalArguments } from "./pairing-context.js";

/** Calls remembered; past this the oldest is forgotten. */
const MAX_CALLS = 1_000;
/** Characters of arguments kept for matching in all; past this the oldest calls are forgotten. */
const MAX_ARGUMENT_CHARS = 2 * 1024 * 1024;

interface Waiting {
  callId: string;
  tool: string;
  conversation: string | undefined;
  arguments: string;
  /** canonicalArguments of `arguments`, made the first time an answer is matched against it. */
  canonical?: string;
  /** Matched to an answer already, or forgotten (past the bounds). */
  done: boolean;
}

/**
 * The latest calls, for answers that name no call (LangSmith tool runs that failed before
 * returning a ToolMessage, Traceloop tool spans that raised, autogen_core `ToolCall` events):
 * such an answer takes the newest call of its tool with the same arguments (compared regardless
 * of formatting and key order), else (`take`) the newest of its tool in the same trace. Remembering a call costs nothing but its place; its arguments are put in
 * canonical form only when an answer of its tool without a call id comes, which is rare, and an
 * answer looks only at the calls of its own tool.
 */
export class WaitingCalls {
  /** Every call remembered, oldest first from `head`: the order they are forgotten in. */
  private order: Waiting[] = [];
  private head = 0;
  private chars = 0;
  private readonly byTool = new Map<string, Waiting[]>();

  add(callId: string, tool: string, conversation: string | undefined, args: string): void {
    const call: Waiting = { callId, tool, conversation, arguments: args, done: false };
    this.order.push(call);
    const list = this.byTool.get(tool);
    if (list) list.push(call);
    else this.byTool.set(tool, [call]);
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
    const list = this.byTool.get(tool);
    return list ? this.find(list, (call) => call.conversation === conversation, open) : undefined;
  }

  /** The newest call of this tool with these arguments not taken yet (and `open`), with no fallback: an answer with other arguments answers another call. */
  takeSame(tool: string, args: unknown, open: (callId: string) => boolean): string | undefined {
    const list = this.byTool.get(tool);
    if (!list) return undefined;
    const wanted = canonicalArguments(args);
    return this.find(list, (call) => (call.canonical ??= canonicalArguments(call.arguments)) === wanted, open);
  }

  private find(list: Waiting[], matches: (call: Waiting) => boolean, open: (callId: string) => boolean): string | undefined {
    for (let i = list.length - 1; i >= 0; i--) {
      const call = list[i] as Waiting;
      if (call.done || !matches(call) || !open(call.callId)) continue;
      call.done = true;
      return call.callId;
    }
    return undefined;
  }

  private forgetOldest(): void {
    const oldest = this.order[this.head++] as Waiting;
    this.chars -= oldest.arguments.length;
    oldest.done = true;
    // Each tool's list is in the same order as `order`: the call forgotten is its first.
    const list = this.byTool.get(oldest.tool);
    if (list?.[0] === oldest) list.shift();
    if (list?.length === 0) this.byTool.delete(oldest.tool);
  }
}
