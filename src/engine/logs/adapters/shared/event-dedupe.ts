import type { LogConversationIssue, LogEvent, LogToolCall, LogToolResult } from "../../log-events.js";
import { HashedIdWindow } from "./hashed-id-window.js";

/** Distinct tool names remembered for `toolOf`; a log naming more is unusual (the rest answer undefined). */
const MAX_TOOL_NAMES = 4096;

/**
 * Emits each call, result and conversation issue once per file. Chat histories repeat every
 * earlier call and result in each later request, so the first sighting wins and repeats are
 * dropped. Callers ask `seenCall`/`seenResult` first so repeats cost no allocation.
 */
export class EventDedupe {
  /** Call id → its tool's number in `names`, so a result logged records later can still say which tool it answers. */
  private readonly calls = new HashedIdWindow();
  private readonly results = new HashedIdWindow();
  private readonly issues = new HashedIdWindow();
  private readonly names: string[] = [];
  private readonly nameIds = new Map<string, number>();

  seenCall(callId: string): boolean {
    return this.calls.has(callId);
  }

  /** The tool of a call already emitted, if it is still remembered. */
  toolOf(callId: string): string | undefined {
    const id = this.calls.get(callId);
    return id < 0 ? undefined : this.names[id];
  }

  seenResult(callId: string): boolean {
    return this.results.has(callId);
  }

  call(event: LogToolCall, emit: (event: LogEvent) => void): void {
    if (this.calls.add(event.callId, this.nameId(event.tool))) emit(event);
  }

  /** The tool name's number (a large number, past the names kept: remembered as unknown). */
  private nameId(tool: string): number {
    let id = this.nameIds.get(tool);
    if (id === undefined) {
      if (this.names.length >= MAX_TOOL_NAMES) return MAX_TOOL_NAMES;
      id = this.names.length;
      this.names.push(tool);
      this.nameIds.set(tool, id);
    }
    return id;
  }

  result(event: LogToolResult, emit: (event: LogEvent) => void): void {
    if (this.results.add(event.callId)) emit(event);
  }

  issue(event: LogConversationIssue, emit: (event: LogEvent) => void): void {
    if (this.issues.add(`${event.code}\u0000${event.callId}`)) emit(event);
  }
}
