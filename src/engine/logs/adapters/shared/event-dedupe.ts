import type { LogConversationIssue, LogEvent, LogToolCall, LogToolResult } from "../../log-events.js";
import { BoundedIdSet, BoundedMap } from "./bounded-id-set.js";

/**
 * Emits each call, result and conversation issue once per file. Chat histories repeat every
 * earlier call and result in each later request, so the first sighting wins and repeats are
 * dropped. Callers ask `seenCall`/`seenResult` first so repeats cost no allocation.
 */
export class EventDedupe {
  /** Call id → tool name, so a result logged records later can still say which tool it answers. */
  private readonly calls = new BoundedMap<string>();
  private readonly results = new BoundedIdSet();
  private readonly issues = new BoundedIdSet();

  seenCall(callId: string): boolean {
    return this.calls.has(callId);
  }

  /** The tool of a call already emitted, if it is still remembered. */
  toolOf(callId: string): string | undefined {
    return this.calls.get(callId);
  }

  seenResult(callId: string): boolean {
    return this.results.has(callId);
  }

  call(event: LogToolCall, emit: (event: LogEvent) => void): void {
    if (this.calls.has(event.callId)) return;
    this.calls.set(event.callId, event.tool);
    emit(event);
  }

  result(event: LogToolResult, emit: (event: LogEvent) => void): void {
    if (this.results.add(event.callId)) emit(event);
  }

  issue(event: LogConversationIssue, emit: (event: LogEvent) => void): void {
    if (this.issues.add(`${event.code}\u0000${event.callId}`)) emit(event);
  }
}
