import { asArray, asString, isoTime, isRecord } from "./shared/loose-json.js";

/** Calls of one response held at most; past this they are emitted as they are read. */
const MAX_HELD = 256;

/** Record types whose FunctionCalls carry the time the agent recorded (`created_at`). */
const TIMED_CALL_TYPES = new Set(["ToolCallRequestEvent", "ToolCallSummaryMessage"]);

interface Held<At> {
  id: string;
  emit: (at: At) => void;
  at: At;
}

/**
 * The calls of an `LLMCall` response that records no time, held until the next record is read.
 * autogen_core logs the model's response as it comes, and AgentChat's `ToolCallRequestEvent`
 * for the same calls, stamped with `created_at`, is mostly the very next record; events are
 * never revised once emitted, so a call waits that one record for its time. Any record, bad
 * line or text line releases them (they are never held longer), and so does the end of the log.
 */
export class HeldCalls<At extends { time?: string | undefined }> {
  private held: Held<At>[] = [];

  /** Holds a call; false when too many are held already (the caller emits it now). */
  hold(id: string, at: At, emit: (at: At) => void): boolean {
    if (this.held.length >= MAX_HELD) return false;
    this.held.push({ id, emit, at });
    return true;
  }

  /** Emits the calls held, with the time `record` gives any of them (its request event's `created_at`). */
  release(record?: unknown): void {
    if (this.held.length === 0) return;
    const held = this.held;
    this.held = [];
    const times = record === undefined ? undefined : timesOf(record);
    for (const call of held) {
      const time = times?.get(call.id);
      call.emit(time === undefined ? call.at : { ...call.at, time });
    }
  }
}

/** Call id → time, for the FunctionCalls of a timed call record (or of an array of them). */
function timesOf(record: unknown): Map<string, string> | undefined {
  let times: Map<string, string> | undefined;
  for (const item of Array.isArray(record) ? record : [record]) {
    if (!isRecord(item) || !TIMED_CALL_TYPES.has(asString(item.type) ?? "")) continue;
    const time = isoTime(item.created_at);
    if (time === undefined) continue;
    for (const call of [...(asArray(item.content) ?? []), ...(asArray(item.tool_calls) ?? [])]) {
      if (isRecord(call) && typeof call.id === "string") (times ??= new Map()).set(call.id, time);
    }
  }
  return times;
}
