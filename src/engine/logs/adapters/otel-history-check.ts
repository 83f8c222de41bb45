import { spanSyntheticId, type OtelContext } from "./otel-span-context.js";
import type { SpanRecord } from "./otel-spans.js";

interface PendingCall {
  /** The id the log gives the call, if any. */
  logId: string | undefined;
  /** The id it goes by (emitSpanCall's). */
  callId: string;
  tool: string;
}

/** Where an answer's result goes: `resolved` when `callId` is the id the answered call goes by, not only the log's. */
export interface AnswerTarget {
  callId: string;
  resolved: boolean;
}

/**
 * One chat span's input history (GenAI `gen_ai.input.messages`, OpenInference
 * `llm.input_messages`), read message by message for what it shows about its own conversation,
 * by the rules openai-chat applies to a request's messages:
 * - `missing_tool_result`: a call with no answer before a later message that answers nothing, or
 *   still without one where the history ends in answers to its turn (the request went out with
 *   only some of them). The calls of a last turn nothing follows are not judged: the span may be
 *   the one about to send their answers.
 * - `orphan_tool_result`: an answer whose id names no call before it in the history, nor any
 *   call the log showed: a span's recorded input may leave out the turn that made a call another
 *   span of the trace holds, and "no such call was made" would then be false.
 * An answer naming no call (a GenAI response part's id is optional) answers the oldest call of
 * its turn still waiting. Issues are emitted once per call, however many spans repeat the history.
 */
export class HistoryCheck {
  /** The calls the history named so far, by the ids they go by: a call naming no id is another one (see TraceCalls). */
  readonly named = new Set<string>();
  private readonly logIds = new Set<string>();
  private pending: PendingCall[] = [];
  private answering = false;

  constructor(
    private readonly context: OtelContext,
    private readonly span: SpanRecord,
  ) {}

  /** The next message: `answers` when it holds only answers to calls; any other ends the turn before it. */
  message(answers: boolean): void {
    if (answers) {
      this.answering = true;
      return;
    }
    this.flagMissing();
    this.pending = [];
    this.answering = false;
  }

  call(logId: string | undefined, callId: string, tool: string): void {
    this.pending.push({ logId, callId, tool });
    this.named.add(callId);
    if (logId !== undefined) this.logIds.add(logId);
  }

  /** An answer naming the call `logId`, or none; `where` names its place for a synthetic id. */
  answer(logId: string | undefined, where: string): AnswerTarget {
    if (logId !== undefined) {
      const at = this.pending.findIndex((call) => call.logId === logId);
      if (at !== -1) this.pending.splice(at, 1);
      if (!this.logIds.has(logId) && !this.context.ledger.hasCall(logId)) this.issue("orphan_tool_result", logId);
      // The ledger knows which call of the trace an id the log reuses stands for.
      return { callId: logId, resolved: false };
    }
    const answered = this.pending.shift();
    if (answered) return { callId: answered.callId, resolved: true };
    const callId = spanSyntheticId(this.span, where);
    this.issue("orphan_tool_result", callId);
    return { callId, resolved: true };
  }

  /** After the last message. */
  end(): void {
    if (this.answering) this.flagMissing();
  }

  private flagMissing(): void {
    for (const call of this.pending) this.issue("missing_tool_result", call.callId, call.tool);
  }

  private issue(code: "missing_tool_result" | "orphan_tool_result", callId: string, tool?: string): void {
    this.context.ledger.issue({ kind: "conversation", code, callId, ...(tool !== undefined && tool !== "" && { tool }), source: { file: this.context.file, line: this.span.line } }, this.context.emit);
  }
}
