import type { LogConversationIssue, LogEvent, LogToolCall, LogToolResult } from "../log-events.js";

/**
 * The events one read of a trace emits, held until the read ends. A trace's spans are read in
 * start order, and a tool span naming no call id may start before the chat span whose output
 * names the call it ran (clocks apart, a start time missing): it is then read first, as a call of
 * its own under a synthetic id, with its result. Held, that call can still become the model's
 * call when the chat span is read (see emitSpanCall): in its place, under the model's id, its
 * result and issues naming that id. The read's events are then handed on in the order they came.
 *
 * Holds no more than one trace's events, whose spans the trace buffer already holds within its caps.
 */
export class HeldEvents {
  private events: LogEvent[] = [];
  /** Where each call id's events sit in `events`, its call's first when it has one. */
  private readonly at = new Map<string, number[]>();
  /** The tools of the held calls under synthetic ids: only a call of one of these may be replaced. */
  private readonly syntheticTools = new Set<string>();

  push(event: LogEvent): void {
    if (event.kind === "call" && event.syntheticId) this.syntheticTools.add(event.tool);
    if (event.kind !== "error") {
      const places = this.at.get(event.callId);
      if (places) places.push(this.events.length);
      else this.at.set(event.callId, [this.events.length]);
    }
    this.events.push(event);
  }

  /** Whether a call of this tool under a synthetic id is held: a cheap test before looking for one. */
  holdsSynthetic(tool: string): boolean {
    return this.syntheticTools.has(tool);
  }

  /** Whether the call emitted under `callId` is still held: only then can it take another id. */
  holdsCall(callId: string): boolean {
    const first = this.at.get(callId)?.[0];
    return first !== undefined && this.events[first]?.kind === "call";
  }

  /**
   * The held call `from` is `call`: its call event becomes `call`, in its place, and its results
   * and issues now name `call.callId`. Returns those results and issues, renamed.
   */
  replace(from: string, call: LogToolCall): (LogToolResult | LogConversationIssue)[] {
    const places = this.at.get(from) ?? [];
    this.at.delete(from);
    const renamed: (LogToolResult | LogConversationIssue)[] = [];
    for (const place of places) {
      const event = this.events[place];
      if (event === undefined || event.kind === "error") continue;
      if (event.kind === "call") {
        this.events[place] = call;
        continue;
      }
      const answer = { ...event, callId: call.callId };
      this.events[place] = answer;
      renamed.push(answer);
    }
    const now = this.at.get(call.callId);
    this.at.set(call.callId, now ? [...places, ...now].sort((a, b) => a - b) : places);
    return renamed;
  }

  /** Hands the held events on, in the order they came, and holds none. */
  flush(emit: (event: LogEvent) => void): void {
    const events = this.events;
    this.events = [];
    this.at.clear();
    this.syntheticTools.clear();
    for (const event of events) emit(event);
  }
}
