import type { LogEvent } from "../log-events.js";
import type { CallLedger } from "./shared/call-ledger.js";

/** Agents whose open request is remembered; past this the one heard from least lately is forgotten, its calls not judged. */
const MAX_AGENTS = 1_000;
/** Calls of one request remembered (a response has a handful); the rest are not judged. */
const MAX_CALLS_PER_REQUEST = 256;

/** A call of a request: the id it goes by (see CallLedger's `call`) and its tool. */
export interface RequestedCall {
  id: string;
  tool: string;
}

interface OpenRequest {
  calls: RequestedCall[];
  line: number;
}

/**
 * Conversation checks over AgentChat's messages and events, per agent (`source`). An agent runs
 * the calls of its `ToolCallRequestEvent` itself and reports them in the `ToolCallExecutionEvent`
 * that follows, before it does anything else, so:
 * - `missing_tool_result`: a call of an agent's request still without a result when the agent
 *   moves on (its next request, a chat message from it: TextMessage, ToolCallSummaryMessage,
 *   HandoffMessage…), when a TaskResult it took part in ends, or when the log ends. A result counts
 *   wherever it came from (an autogen_core ToolCall event, a repeat of the run), so a call is
 *   flagged only when no result for it is anywhere before that point.
 * - `orphan_tool_result`: an execution result whose call id no call before it had (the result
 *   is still emitted).
 * Only AgentChat events are judged: autogen_core's LLMCall and ToolCall events need not come in
 * pairs (an LLMCall can be logged without its ToolCall events), and serialized model contexts are
 * histories whose last turn may be waiting for its answers.
 * Two runs of agents of the same name interleaved in one log would look like one agent moving
 * on; AgentChat events name no run. Console text names no agent on each call: it is read as one
 * agent's (a Console prints one team's run in order).
 */
export class AgentTurns {
  /** Each agent's latest request with calls, least lately heard from first. */
  private readonly open = new Map<string, OpenRequest>();

  constructor(
    private readonly file: string,
    private readonly ledger: CallLedger,
    private readonly emit: (event: LogEvent) => void,
  ) {}

  /** An agent's request: its earlier one is over. */
  requested(agent: string, calls: readonly RequestedCall[], line: number): void {
    this.movedOn(agent, line);
    if (calls.length === 0) return;
    this.open.set(agent, { calls: calls.slice(0, MAX_CALLS_PER_REQUEST), line });
    if (this.open.size > MAX_AGENTS) this.open.delete(this.open.keys().next().value as string);
  }

  /** The agent did something else than run its calls: those without a result never got one. */
  movedOn(agent: string, line: number): void {
    const request = this.open.get(agent);
    if (request === undefined) return;
    this.open.delete(agent);
    this.flag(request, line);
  }

  /** An execution result for this call id: an orphan when no call had the id. */
  answered(callId: string, tool: string | undefined, line: number): void {
    if (this.ledger.hasCall(callId)) return;
    this.ledger.issue({ kind: "conversation", code: "orphan_tool_result", callId, ...(tool !== undefined && tool !== "" && { tool }), source: { file: this.file, line } }, this.emit);
  }

  /** End of the log: every request still open is judged where it was made. */
  end(): void {
    for (const request of this.open.values()) this.flag(request, request.line);
    this.open.clear();
  }

  private flag(request: OpenRequest, line: number): void {
    for (const call of request.calls) {
      if (this.ledger.hasResult(call.id)) continue;
      this.ledger.issue({ kind: "conversation", code: "missing_tool_result", callId: call.id, tool: call.tool, source: { file: this.file, line } }, this.emit);
    }
  }
}
