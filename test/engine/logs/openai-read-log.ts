import { readFileSync } from "node:fs";
import type { LogAdapter, LogEvent, LogToolCall, LogToolResult, LogConversationIssue, LogLineError } from "../../../src/engine/logs/log-events.js";

export interface ReadLog {
  events: LogEvent[];
  calls: LogToolCall[];
  results: LogToolResult[];
  issues: LogConversationIssue[];
  errors: LogLineError[];
}

/** Feeds text to an adapter's reader the way the loader does: one line at a time, then end. */
export function readText(adapter: LogAdapter, text: string, file = "test.jsonl"): ReadLog {
  const events: LogEvent[] = [];
  const reader = adapter.createReader(file);
  const emit = (event: LogEvent): void => {
    events.push(event);
  };
  const lines = text.split("\n");
  if (lines.length > 0 && lines[lines.length - 1] === "") lines.pop();
  lines.forEach((line, i) => reader.line(line, i + 1, emit));
  reader.end(emit);
  return split(events);
}

export const readFile = (adapter: LogAdapter, path: string): ReadLog => readText(adapter, readFileSync(path, "utf8"), path);

export function split(events: LogEvent[]): ReadLog {
  return {
    events,
    calls: events.filter((e): e is LogToolCall => e.kind === "call"),
    results: events.filter((e): e is LogToolResult => e.kind === "result"),
    issues: events.filter((e): e is LogConversationIssue => e.kind === "conversation"),
    errors: events.filter((e): e is LogLineError => e.kind === "error"),
  };
}

/** JSONL from values, one per line. */
export const jsonl = (...records: unknown[]): string => records.map((record) => JSON.stringify(record)).join("\n") + "\n";
