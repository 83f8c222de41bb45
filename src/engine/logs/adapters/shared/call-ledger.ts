import type { LogConversationIssue, LogEvent, LogToolCall, LogToolResult } from "../../log-events.js";
import { BoundedIdSet } from "./bounded-id-set.js";

/**
 * Emits each call, result and conversation issue once. Logs repeat themselves (every request
 * carries the whole history so far; notebooks print a run as a stream and again as a repr), and
 * the first sighting is the one kept: it is usually the richest (raw streamed arguments).
 */
export class CallLedger {
  private readonly calls: BoundedIdSet;
  private readonly results: BoundedIdSet;
  private readonly issues: BoundedIdSet;

  /** `capacity`: ids of calls (and of results) remembered; a repeat older than that is emitted again. */
  constructor(capacity = 200_000) {
    this.calls = new BoundedIdSet(capacity);
    this.results = new BoundedIdSet(capacity);
    this.issues = new BoundedIdSet(Math.min(capacity, 50_000));
  }

  hasCall(callId: string): boolean {
    return this.calls.has(callId);
  }

  hasResult(callId: string): boolean {
    return this.results.has(callId);
  }

  call(event: LogToolCall, emit: (event: LogEvent) => void): boolean {
    if (!this.calls.add(event.callId)) return false;
    emit(event);
    return true;
  }

  result(event: LogToolResult, emit: (event: LogEvent) => void): boolean {
    if (!this.results.add(event.callId)) return false;
    emit(event);
    return true;
  }

  issue(event: LogConversationIssue, emit: (event: LogEvent) => void): boolean {
    if (!this.issues.add(`${event.code}\u0000${event.callId}`)) return false;
    emit(event);
    return true;
  }
}
