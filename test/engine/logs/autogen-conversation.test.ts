import { describe, expect, it } from "vitest";
import { autogenAdapter } from "../../../src/engine/logs/adapters/autogen.js";
import { AgentTurns } from "../../../src/engine/logs/adapters/autogen-agent-turns.js";
import { CallLedger } from "../../../src/engine/logs/adapters/shared/call-ledger.js";
import type { LogEvent } from "../../../src/engine/logs/log-events.js";
import { jsonl, readFixture, readText } from "./anthropic-autogen-otel-read-log.js";

const fc = (id: string, name = "f") => ({ id, arguments: "{}", name });
const fr = (id: string, content = "ok") => ({ content, name: "f", call_id: id, is_error: false });
const request = (source: string, ...calls: unknown[]) => ({ source, type: "ToolCallRequestEvent", content: calls });
const executed = (source: string, ...results: unknown[]) => ({ source, type: "ToolCallExecutionEvent", content: results });
const text = (source: string, content = "done") => ({ source, type: "TextMessage", content });
const issues = (log: { issues: { code: string; callId: string; source: { line: number } }[] }) => log.issues.map((issue) => [issue.code, issue.callId, issue.source.line]);

describe("autogen: conversation checks over AgentChat events (fixture autogen-conversation.jsonl)", () => {
  const log = readFixture(autogenAdapter, "autogen-conversation.jsonl");

  it("flags a requested call never executed, and an execution result no call has", () => {
    expect(log.issues).toEqual([
      { kind: "conversation", code: "orphan_tool_result", callId: "call_zzz", tool: "get_weather", source: { file: "autogen-conversation.jsonl", line: 6 } },
      { kind: "conversation", code: "missing_tool_result", callId: "call_ag3", tool: "get_weather", source: { file: "autogen-conversation.jsonl", line: 5 } },
    ]);
  });

  it("keeps the orphan's result", () => {
    expect(log.result("call_zzz")).toMatchObject({ content: "ok", tool: "get_weather", source: { line: 6 } });
  });
});

describe("autogen: when an agent's call counts as never answered", () => {
  it.each([
    ["its next request", [request("a", fc("c1")), request("a", fc("c2")), executed("a", fr("c2"))], [["missing_tool_result", "c1", 2]]],
    ["a TextMessage from it", [request("a", fc("c1")), text("a")], [["missing_tool_result", "c1", 2]]],
    ["a summary whose results lack it", [request("a", fc("c1"), fc("c2")), executed("a", fr("c1")), { source: "a", type: "ToolCallSummaryMessage", content: "ok", tool_calls: [fc("c1"), fc("c2")], results: [fr("c1")] }], [["missing_tool_result", "c2", 3]]],
    ["the end of a TaskResult it is in", [{ messages: [text("user", "go"), request("a", fc("c1"))], stop_reason: null }, request("b", fc("c2")), executed("b", fr("c2"))], [["missing_tool_result", "c1", 1]]],
    ["the end of the log", [request("a", fc("c1"))], [["missing_tool_result", "c1", 1]]],
  ])("%s", (_name, records, expected) => {
    expect(issues(readText(autogenAdapter, jsonl(...records)))).toEqual(expected);
  });

  it("not when another agent speaks in between, nor when a ToolCall event ran it", () => {
    const interleaved = readText(autogenAdapter, jsonl(request("a", fc("c1")), text("user", "hurry"), request("b", fc("c2")), executed("b", fr("c2")), executed("a", fr("c1")), text("a")));
    expect(interleaved.issues).toEqual([]);
    const llm = { type: "LLMCall", messages: [], response: { model: "m", choices: [{ finish_reason: "tool_calls", message: { role: "assistant", tool_calls: [{ id: "c1", type: "function", function: { name: "f", arguments: "{}" } }] } }] } };
    const core = readText(autogenAdapter, jsonl(llm, request("a", fc("c1")), { type: "ToolCall", tool_name: "f", arguments: {}, result: "ok" }, text("a")));
    expect(core.issues).toEqual([]);
  });

  it("not for two runs of agents of the same name interleaved, each answered later; still when no result ever comes", () => {
    // Two users' runs of one team logged to one file: run 2's "a" requests before run 1's "a" has its results.
    const both = readText(autogenAdapter, jsonl(request("a", fc("c1")), request("a", fc("c2")), executed("a", fr("c1")), executed("a", fr("c2")), text("a"), text("a")));
    expect(both.issues).toEqual([]);
    const oneNever = readText(autogenAdapter, jsonl(request("a", fc("c1")), request("a", fc("c2")), executed("a", fr("c2")), text("a"), text("a")));
    expect(issues(oneNever)).toEqual([["missing_tool_result", "c1", 2]]);
  });

  it("judges a moved-on request once the log is well past it, not only at the log's end", () => {
    const events: LogEvent[] = [];
    const turns = new AgentTurns("f", new CallLedger(), (event) => events.push(event));
    turns.requested("a", [{ id: "c1", tool: "f" }], 1);
    turns.movedOn("a", 2);
    turns.movedOn("b", 900);
    expect(events).toEqual([]);
    turns.movedOn("b", 1_002);
    expect(events).toEqual([{ kind: "conversation", code: "missing_tool_result", callId: "c1", tool: "f", source: { file: "f", line: 2 } }]);
  });

  it("not for a run and its TaskResult dump repeating it, nor a result answering a call of an earlier line", () => {
    const run = [request("a", fc("c1"), fc("c2")), executed("a", fr("c1"), fr("c2")), { source: "a", type: "ToolCallSummaryMessage", content: "ok", tool_calls: [fc("c1"), fc("c2")], results: [fr("c1"), fr("c2")] }];
    const log = readText(autogenAdapter, jsonl(...run, { messages: [text("user", "go"), ...run], stop_reason: null }));
    expect(log.issues).toEqual([]);
    expect(log.calls).toHaveLength(2);
  });

  it("an id the model client reuses: the call of it left unanswered is the one flagged", () => {
    const weather = { id: "0", arguments: '{"city": "Paris"}', name: "get_weather" };
    const time = { id: "0", arguments: '{"tz": "UTC"}', name: "get_time" };
    const log = readText(autogenAdapter, jsonl(request("a", weather, time), executed("a", { content: "18C", name: "get_weather", call_id: "0" }), text("a")));
    expect(issues(log)).toEqual([["missing_tool_result", "0#2", 3]]);
  });

  it("Console text: a call no result ever answers is flagged, an answered one is not (one agent's, as a Console prints one run)", () => {
    const console = [
      "---------- assistant ----------",
      "[FunctionCall(id='c1', arguments='{}', name='f')]",
      "[FunctionExecutionResult(content='ok', name='f', call_id='c1', is_error=False)]",
      "[FunctionCall(id='c2', arguments='{}', name='f')]",
      "[FunctionExecutionResult(content='ok', name='f', call_id='zzz', is_error=False)]",
    ].join("\n");
    expect(issues(readText(autogenAdapter, console))).toEqual([
      ["orphan_tool_result", "zzz", 5],
      ["missing_tool_result", "c2", 4],
    ]);
  });
});

describe("autogen: conversation checks keep bounded memory", () => {
  it("remembers a bounded number of agents' open requests; one forgotten is not judged", () => {
    const events: LogEvent[] = [];
    const ledger = new CallLedger();
    const turns = new AgentTurns("f", ledger, (event) => events.push(event));
    for (let agent = 0; agent < 5_000; agent++) turns.requested(`agent${agent}`, [{ id: `c${agent}`, tool: "f" }], agent + 1);
    turns.end();
    const flagged = events.filter((event) => event.kind === "conversation").map((event) => (event.kind === "conversation" ? event.callId : ""));
    expect(flagged).toHaveLength(1_000);
    expect(flagged[0]).toBe("c4000");
  });

  it("judges at once the oldest of too many requests moved on from", () => {
    const events: LogEvent[] = [];
    const turns = new AgentTurns("f", new CallLedger(), (event) => events.push(event));
    // Within a few lines, 10,001 requests moved on from: more than may wait.
    for (let i = 0; i < 10_001; i++) {
      turns.requested(`agent${i}`, [{ id: `c${i}`, tool: "f" }], 1);
      turns.movedOn(`agent${i}`, 2);
    }
    expect(events.map((event) => (event.kind === "conversation" ? event.callId : ""))).toEqual(["c0"]);
    turns.end();
    expect(events).toHaveLength(10_001);
  });
});
