import type { LogEvent } from "../log-events.js";
import type { CallLedger } from "./shared/call-ledger.js";
import { ForgettingQueue } from "./shared/forgetting-queue.js";

/** Agents whose open request is remembered; past this the one heard from least lately is forgotten, its calls not judged. */
const MAX_AGENTS = 1_000;
/** Calls of one request remembered (a response has a handful); the rest are not judged. */
const MAX_CALLS_PER_REQUEST = 256;
/**
 * Lines a request an agent moved on from waits before its unanswered calls are judged: the result
 * of a call may still come from another run of an agent of the same name, interleaved in the log
 * (AgentChat events name no run: a server running one team for several users logs them so).
 */
const JUDGE_AFTER_LINES = 1_000;
/** Requests waiting to be judged, at most; past this the oldest is judged at once (memory stays bounded). */
const MAX_WAITING = 10_000;

/** A call of a request: the id it goes by (see CallLedger's `call`) and its tool. */
export interface RequestedCall {
  id: string;
  tool: string;
}

interface OpenRequest {
  calls: RequestedCall[];
  line: number;
}

/** A request its agent moved on from, judged once the log is JUDGE_AFTER_LINES past `line` (or ends). */
interface MovedOnRequest {
  request: OpenRequest;
  /** Where the agent moved on: where its unanswered calls are flagged. */
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
 * AgentChat events name no run: two runs of agents of the same name interleaved in one log look
 * like one agent moving on. So a request moved on from is judged only JUDGE_AFTER_LINES later (or
 * at the log's end), and a result that came meanwhile, from the other run, answers its call; its
 * flag still names the line where the agent moved on. Console text names no agent on each call:
 * it is read as one agent's (a Console prints one team's run in order).
 */
export class AgentTurns {
  /** Each agent's latest request with calls, least lately heard from first. */
  private readonly open = new Map<string, OpenRequest>();
  /**
   * Requests moved on from, oldest first, waiting to be judged (see JUDGE_AFTER_LINES); one the
   * queue forgets is judged. Past MAX_WAITING the oldest is judged at once; no budget of
   * characters (a request's calls are bounded by MAX_CALLS_PER_REQUEST). The queue drops judged
   * entries in batches, not shifted one by one.
   */
  private readonly waiting = new ForgettingQueue<MovedOnRequest>(MAX_WAITING, Infinity, () => 0, (waited) => this.flag(waited.request, waited.line));

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
    this.judgeUpTo(line - JUDGE_AFTER_LINES);
    const request = this.open.get(agent);
    if (request === undefined) return;
    this.open.delete(agent);
    this.waiting.push({ request, line });
  }

  /** An execution result for this call id: an orphan when no call had the id. */
  answered(callId: string, tool: string | undefined, line: number): void {
    if (this.ledger.hasCall(callId)) return;
    this.ledger.issue({ kind: "conversation", code: "orphan_tool_result", callId, ...(tool !== undefined && tool !== "" && { tool }), source: { file: this.file, line } }, this.emit);
  }

  /** End of the log: every request still waiting is judged, oldest first; every one still open is judged where it was made. */
  end(): void {
    this.waiting.forgetWhile(() => true);
    for (const request of this.open.values()) this.flag(request, request.line);
    this.open.clear();
  }

  /** Judges the requests moved on from at or before `line`. */
  private judgeUpTo(line: number): void {
    this.waiting.forgetWhile((waited) => waited.line <= line);
  }

  private flag(request: OpenRequest, line: number): void {
    for (const call of request.calls) {
      if (this.ledger.hasResult(call.id)) continue;
      this.ledger.issue({ kind: "conversation", code: "missing_tool_result", callId: call.id, tool: call.tool, source: { file: this.file, line } }, this.emit);
    }
  }
}
