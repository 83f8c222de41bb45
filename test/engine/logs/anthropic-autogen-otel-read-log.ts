import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { LogAdapter, LogConversationIssue, LogEvent, LogLineError, LogToolCall, LogToolResult } from "../../../src/engine/logs/log-events.js";
import { collectEvents } from "../../../src/engine/logs/adapters/shared/collect-log-events.js";

/** Test helpers for the anthropic, autogen, langchain and otel adapter suites. */

export const FIXTURES = join(import.meta.dirname, "../../fixtures/logs");

export interface ReadLog {
  events: LogEvent[];
  calls: LogToolCall[];
  results: LogToolResult[];
  issues: LogConversationIssue[];
  errors: LogLineError[];
  call(id: string): LogToolCall;
  result(id: string): LogToolResult;
}

export function split(events: LogEvent[]): ReadLog {
  const calls = events.filter((event): event is LogToolCall => event.kind === "call");
  const results = events.filter((event): event is LogToolResult => event.kind === "result");
  return {
    events,
    calls,
    results,
    issues: events.filter((event): event is LogConversationIssue => event.kind === "conversation"),
    errors: events.filter((event): event is LogLineError => event.kind === "error"),
    call(id) {
      const found = calls.find((call) => call.callId === id);
      if (found === undefined) throw new Error(`no call ${id} in ${calls.map((call) => call.callId).join(", ")}`);
      return found;
    },
    result(id) {
      const found = results.find((result) => result.callId === id);
      if (found === undefined) throw new Error(`no result ${id}`);
      return found;
    },
  };
}

export const readText = (adapter: LogAdapter, text: string, file = "test.log"): ReadLog => split(collectEvents(adapter, file, text));

export const fixtureText = (name: string): string => readFileSync(join(FIXTURES, name), "utf8");

export const readFixture = (adapter: LogAdapter, name: string): ReadLog => readText(adapter, fixtureText(name), name);

/** JSON Lines from records. */
export const jsonl = (...records: unknown[]): string => records.map((record) => JSON.stringify(record)).join("\n") + "\n";
