import { describe, expect, it } from "vitest";
import type { AgentEvent, AgentSessionView, CallExecution, SessionCall } from "../../../src/engine/agent/agent-contract.js";
import { initialAgentView, reduceAgentEvent } from "../../../src/engine/agent/reduce-agent-event.js";
import { AGENT, okOutcome } from "./loop-helpers.js";

const call = (id: string, over: Partial<SessionCall> = {}): SessionCall => ({
  id,
  step: 1,
  tool: "get_invoice",
  arguments: "{}",
  findings: [],
  status: "pending",
  executions: [],
  ...over,
});
const execution: CallExecution = { arguments: "{}", mode: "validated", outcome: okOutcome({ ok: 1 }), findings: [] };

const fold = (events: AgentEvent[], from: AgentSessionView = initialAgentView()): AgentSessionView => events.reduce(reduceAgentEvent, from);
const withCall = fold([{ type: "call", call: call("c1") }]);

/** Each row: the state before, one event, what the view holds after. */
const table: { name: string; before: AgentSessionView; event: AgentEvent; expect: (view: AgentSessionView) => unknown; toBe: unknown }[] = [
  {
    name: "started sets the header fields",
    before: initialAgentView(),
    event: { type: "started", sessionFile: "s.jsonl", source: "scripted", label: "scripted (no OPENAI_API_KEY)", agent: AGENT },
    expect: (v) => [v.source, v.label, v.model, v.sessionFile, v.agent?.module],
    toBe: ["scripted", "scripted (no OPENAI_API_KEY)", "gpt-test", "s.jsonl", "agent.ts"],
  },
  { name: "user adds a timeline entry", before: initialAgentView(), event: { type: "user", content: "hi" }, expect: (v) => v.timeline, toBe: [{ kind: "user", content: "hi" }] },
  { name: "model_started sets the step and clears streaming", before: { ...initialAgentView(), streaming: "old" }, event: { type: "model_started", step: 3 }, expect: (v) => [v.step, v.streaming], toBe: [3, ""] },
  { name: "model_delta appends streamed text", before: { ...initialAgentView(), streaming: "ab" }, event: { type: "model_delta", step: 1, text: "c" }, expect: (v) => v.streaming, toBe: "abc" },
  {
    name: "assistant adds the turn with its call ids and takes the served model",
    before: { ...initialAgentView(), streaming: "x" },
    event: { type: "assistant", step: 2, turn: { content: null, toolCalls: [{ id: "c1", name: "t", arguments: "{}" }], model: "gpt-4o-2024" } },
    expect: (v) => [v.timeline, v.streaming, v.model, v.step],
    toBe: [[{ kind: "assistant", step: 2, content: null, callIds: ["c1"] }], "", "gpt-4o-2024", 2],
  },
  { name: "call adds the call", before: initialAgentView(), event: { type: "call", call: call("c1") }, expect: (v) => [...v.calls.keys()], toBe: ["c1"] },
  { name: "paused marks the call and the view", before: withCall, event: { type: "paused", paused: { callId: "c1", phase: "before" } }, expect: (v) => [v.calls.get("c1")?.status, v.paused], toBe: ["paused", { callId: "c1", phase: "before" }] },
  {
    name: "executing clears the pause",
    before: fold([{ type: "paused", paused: { callId: "c1", phase: "before" } }], withCall),
    event: { type: "executing", callId: "c1", mode: "validated", arguments: "{}" },
    expect: (v) => [v.calls.get("c1")?.status, v.paused],
    toBe: ["executing", undefined],
  },
  { name: "executed appends the execution", before: withCall, event: { type: "executed", callId: "c1", execution, status: "ok" }, expect: (v) => [v.calls.get("c1")?.status, v.calls.get("c1")?.executions.length], toBe: ["ok", 1] },
  {
    name: "tool_message records what the model got and ends the pause at that call",
    before: fold([{ type: "paused", paused: { callId: "c1", phase: "after" } }], withCall),
    event: { type: "tool_message", callId: "c1", content: "x", isError: true, status: "failed" },
    expect: (v) => [v.calls.get("c1")?.toolMessage, v.calls.get("c1")?.status, v.paused],
    toBe: [{ content: "x", isError: true }, "failed", undefined],
  },
  {
    name: "model_error is kept as the last error and in the timeline",
    before: initialAgentView(),
    event: { type: "model_error", step: 1, error: { kind: "auth", message: "401", status: 401 } },
    expect: (v) => [v.lastError?.kind, v.timeline[0]?.kind],
    toBe: ["auth", "model_error"],
  },
  { name: "break_mode switches the mode", before: initialAgentView("failures"), event: { type: "break_mode", mode: "always" }, expect: (v) => v.breakMode, toBe: "always" },
  { name: "ended records the reason and drops a pause", before: { ...withCall, paused: { callId: "c1", phase: "before" } }, event: { type: "ended", reason: "quit" }, expect: (v) => [v.ended, v.paused], toBe: ["quit", undefined] },
  { name: "an event about an unknown call changes nothing", before: withCall, event: { type: "executed", callId: "nope", execution, status: "ok" }, expect: (v) => v, toBe: withCall },
];

describe("reduceAgentEvent", () => {
  for (const row of table) {
    it(row.name, () => {
      const snapshot = structuredClone({ ...row.before, calls: [...row.before.calls.entries()] });
      const after = reduceAgentEvent(row.before, row.event);
      expect(row.expect(after)).toEqual(row.toBe);
      // Pure: the view before is untouched.
      expect({ ...row.before, calls: [...row.before.calls.entries()] }).toEqual(snapshot);
    });
  }
});
