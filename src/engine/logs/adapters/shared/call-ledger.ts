import type { LogConversationIssue, LogEvent, LogToolCall, LogToolResult } from "../../log-events.js";
import { HashedIdWindow } from "./hashed-id-window.js";

/**
 * Emits each call, result and conversation issue once. Logs repeat themselves (every request
 * carries the whole history so far; notebooks print a run as a stream and again as a repr), and
 * the first sighting is the one kept: it is usually the richest (raw streamed arguments).
 *
 * The ids are kept as hashes in typed arrays (HashedIdWindow, as chat logs' dedupe does): a fixed
 * ~2 MB per window, against sets of strings that grew with the log (200,000 ids of each kind took
 * 20-30 MB of the reading thread's heap, and a long Anthropic log went past scan's 150 MB).
 */
export class CallLedger {
  private readonly calls: HashedIdWindow;
  private readonly results: HashedIdWindow;
  private readonly issues: HashedIdWindow;

  /** The ids of the last 50,000 calls (and results) are remembered; a repeat older than that is emitted again. */
  constructor() {
    this.calls = new HashedIdWindow(50_000);
    this.results = new HashedIdWindow(50_000);
    this.issues = new HashedIdWindow(20_000);
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
