import { spanSyntheticId } from "./otel-span-context.js";
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
 * `llm.input_messages`), read message by message. An answer naming no call (a GenAI response
 * part's id is optional) answers the oldest call of its turn still waiting.
 */
export class HistoryCheck {
  /** The calls the history named so far, by the ids they go by: a call naming no id is another one (see TraceCalls). */
  readonly named = new Set<string>();
  private pending: PendingCall[] = [];

  constructor(private readonly span: SpanRecord) {}

  /** The next message: `answers` when it holds only answers to calls; any other ends the turn before it. */
  message(answers: boolean): void {
    if (!answers) this.pending = [];
  }

  call(logId: string | undefined, callId: string, tool: string): void {
    this.pending.push({ logId, callId, tool });
    this.named.add(callId);
  }

  /** An answer naming the call `logId`, or none; `where` names its place for a synthetic id. */
  answer(logId: string | undefined, where: string): AnswerTarget {
    if (logId !== undefined) {
      const at = this.pending.findIndex((call) => call.logId === logId);
      if (at !== -1) this.pending.splice(at, 1);
      // The ledger knows which call of the trace an id the log reuses stands for.
      return { callId: logId, resolved: false };
    }
    const answered = this.pending.shift();
    return { callId: answered?.callId ?? spanSyntheticId(this.span, where), resolved: true };
  }
}
