import { describe, expect, it } from "vitest";
import type { BreakMode, PausedCall } from "../../../src/engine/agent/agent-contract.js";
import { AGENT, answer, callTurn, expectAllUsed, harness, ListDecider, okOutcome, types, type Harness } from "./loop-helpers.js";

const GOOD = '{"invoice_id":"INV-1"}';
const BAD = '{"id":"INV-1"}';

describe("the agent loop", () => {
  it("runs prompt → turn → calls → tool messages → answer, and sends the conversation back", async () => {
    const h = harness([callTurn(["c1", "get_invoice", GOOD], ["c2", "get_invoice", BAD]), answer("INV-1 is fine.")], { breakMode: "never" });
    expect(await h.loop.run()).toBe("answered");
    expectAllUsed(h);
    expect(types(h.events)).toEqual([
      "started", "user", "model_started", "assistant",
      "call", "executing", "executed", "tool_message",
      "call", "tool_message",
      "model_started", "assistant", "ended",
    ]);
    expect(h.recorded).toEqual(h.events);
    // The invalid call was not run: the model is told why, finding by finding.
    expect(h.runner.calls).toEqual([{ tool: "get_invoice", argumentsText: GOOD, mode: "validated" }]);
    const second = h.model.sent[1] ?? [];
    expect(second.map((m) => m.role)).toEqual(["system", "user", "assistant", "tool", "tool"]);
    expect(second[2]).toEqual({
      role: "assistant",
      content: null,
      tool_calls: [
        { id: "c1", type: "function", function: { name: "get_invoice", arguments: GOOD } },
        { id: "c2", type: "function", function: { name: "get_invoice", arguments: BAD } },
      ],
    });
    expect(second[3]).toEqual({ role: "tool", tool_call_id: "c1", content: GOOD });
    expect(second[4]).toMatchObject({ role: "tool", tool_call_id: "c2", content: expect.stringMatching(/^Error: get_invoice was not run\. Unexpected argument "id".*Missing required argument "invoice_id"/) });
    const view = h.loop.view;
    expect(view.ended).toBe("answered");
    expect([...view.calls.values()].map((c) => [c.id, c.status])).toEqual([["c1", "ok"], ["c2", "failed"]]);
    expect(view.calls.get("c2")?.findings.map((f) => f.code)).toEqual(["unexpected_argument", "missing_argument"]);
    expect(view.timeline.map((e) => e.kind)).toEqual(["user", "assistant", "assistant"]);
  });

  // Where each break mode pauses, on: a clean call, an invalid call, a call that runs and throws.
  const pauseTable: { mode: BreakMode; pauses: PausedCall[] }[] = [
    { mode: "never", pauses: [] },
    { mode: "failures", pauses: [{ callId: "bad", phase: "before", reason: "findings" }, { callId: "boom", phase: "after", reason: "failed" }] },
    {
      mode: "always",
      pauses: [
        { callId: "good", phase: "before", reason: "always" },
        { callId: "bad", phase: "before", reason: "always" },
        { callId: "boom", phase: "before", reason: "always" },
        { callId: "boom", phase: "after", reason: "failed" },
      ],
    },
  ];
  for (const row of pauseTable) {
    it(`break mode ${row.mode} pauses at ${row.pauses.map((p) => `${p.callId}/${p.phase}`).join(", ") || "nothing"}`, async () => {
      const decider = new ListDecider(row.pauses.map(() => ({ kind: "continue" })));
      const h = harness([callTurn(["good", "get_invoice", GOOD], ["bad", "get_invoice", BAD], ["boom", "explode", GOOD]), answer("done")], { breakMode: row.mode, decider });
      expect(await h.loop.run()).toBe("answered");
      expect(decider.pauses).toEqual(row.pauses);
      expectAllUsed(h, decider);
      expect(h.events.filter((e) => e.type === "paused").map((e) => (e.type === "paused" ? e.paused : undefined))).toEqual(row.pauses);
      expect(h.loop.view.calls.get("boom")?.status).toBe("failed");
    });
  }

  it("continue with edited arguments runs the edit; then:step pauses at the next call in break mode never", async () => {
    const decider = new ListDecider([
      (paused) => {
        expect(paused).toEqual({ callId: "c2", phase: "before", reason: "always" });
        return { kind: "continue", arguments: GOOD, then: "step" };
      },
      { kind: "continue" },
    ]);
    const h = harness([callTurn(["c1", "get_invoice", GOOD]), callTurn(["c2", "get_invoice", BAD]), callTurn(["c3", "get_invoice", GOOD]), answer("ok")], { breakMode: "never", decider });
    // Step into c2 from outside: setBreakMode to always for one call, then back to never.
    h.loop.subscribe((event) => {
      if (event.type === "call" && event.call.id === "c2") h.loop.setBreakMode("always");
      if (event.type === "paused" && event.paused.callId === "c2") h.loop.setBreakMode("never");
    });
    await h.loop.run();
    expectAllUsed(h, decider);
    expect(decider.pauses).toEqual([{ callId: "c2", phase: "before", reason: "always" }, { callId: "c3", phase: "before", reason: "step" }]);
    expect(h.runner.calls.map((c) => c.argumentsText)).toEqual([GOOD, GOOD, GOOD]);
    const c2 = h.loop.view.calls.get("c2");
    expect(c2?.arguments).toBe(BAD);
    expect(c2?.executions.map((e) => e.arguments)).toEqual([GOOD]);
    expect(c2?.status).toBe("ok");
    expect(h.events.filter((e) => e.type === "break_mode").map((e) => (e.type === "break_mode" ? e.mode : ""))).toEqual(["always", "never"]);
  });

  it("continue in raw mode runs arguments that fail validation", async () => {
    const decider = new ListDecider([{ kind: "continue", mode: "raw" }]);
    const h = harness([callTurn(["c1", "get_invoice", BAD]), answer("ok")], { breakMode: "failures", decider });
    await h.loop.run();
    expectAllUsed(h, decider);
    expect(h.runner.calls).toEqual([{ tool: "get_invoice", argumentsText: BAD, mode: "raw" }]);
    // It ran, but its arguments are still wrong: the call counts as failed.
    expect(h.loop.view.calls.get("c1")?.status).toBe("failed");
  });

  it("skip sends a skipped message and runs nothing", async () => {
    const decider = new ListDecider([{ kind: "skip" }]);
    const h = harness([callTurn(["c1", "get_invoice", GOOD]), answer("ok")], { breakMode: "always", decider });
    await h.loop.run();
    expectAllUsed(h, decider);
    expect(h.runner.calls).toEqual([]);
    expect(h.loop.view.calls.get("c1")).toMatchObject({ status: "skipped", toolMessage: { content: "The user skipped this call to get_invoice; it was not run.", isError: false } });
  });

  it("inject sends the user's content as the result, before or after execution", async () => {
    const decider = new ListDecider([{ kind: "inject", content: '{"status":"paid"}' }, { kind: "inject", content: "relay down", isError: true }]);
    const h = harness([callTurn(["c1", "refund", GOOD], ["c2", "explode", GOOD]), answer("ok")], { breakMode: "failures", decider });
    await h.loop.run();
    expectAllUsed(h, decider);
    expect(decider.pauses).toEqual([{ callId: "c1", phase: "before", reason: "findings" }, { callId: "c2", phase: "after", reason: "failed" }]);
    expect(h.loop.view.calls.get("c1")).toMatchObject({ status: "ok", toolMessage: { content: '{"status":"paid"}', isError: false }, executions: [] });
    expect(h.loop.view.calls.get("c2")).toMatchObject({ status: "failed", toolMessage: { content: "relay down", isError: true } });
    expect(h.model.sent[1]?.slice(-2)).toEqual([
      { role: "tool", tool_call_id: "c1", content: '{"status":"paid"}' },
      { role: "tool", tool_call_id: "c2", content: "relay down" },
    ]);
  });

  it("quit ends the session at once", async () => {
    const decider = new ListDecider([{ kind: "quit" }]);
    const h = harness([callTurn(["c1", "get_invoice", BAD], ["c2", "get_invoice", GOOD]), answer("never asked")], { breakMode: "failures", decider });
    expect(await h.loop.run()).toBe("quit");
    expect(h.model.remaining).toBe(1);
    expect(h.runner.calls).toEqual([]);
    expect(h.loop.view.calls.has("c2")).toBe(false);
    expect(types(h.events).at(-1)).toBe("ended");
  });

  it("close() during a pause answers it with quit", async () => {
    const h = harness([callTurn(["c1", "get_invoice", GOOD]), answer("x")], { breakMode: "always", decider: { decide: () => new Promise(() => undefined) } });
    h.loop.subscribe((event) => {
      if (event.type === "paused") void h.loop.close();
    });
    expect(await h.loop.run()).toBe("quit");
    expect(h.loop.view.ended).toBe("quit");
  });

  it("a decider that throws stops the session (quit)", async () => {
    const h = harness([callTurn(["c1", "get_invoice", GOOD]), answer("x")], { breakMode: "always", decider: { decide: () => Promise.reject(new Error("ui bug")) } });
    expect(await h.loop.run()).toBe("quit");
  });

  it("reexecute runs a call again without advancing; after a failure, continue sends the latest run", async () => {
    const decider = new ListDecider([
      async (paused) => {
        expect(paused.phase).toBe("after");
        h.runner.next.set("explode", [okOutcome({ fixed: true })]);
        const execution = await h.loop.reexecute("c1", '{"invoice_id":"INV-2"}', "raw");
        expect(execution).toMatchObject({ arguments: '{"invoice_id":"INV-2"}', mode: "raw", outcome: { status: "ok" }, findings: [] });
        expect(h.loop.view.paused).toEqual({ callId: "c1", phase: "after", reason: "failed" });
        return { kind: "continue" };
      },
    ]);
    const h: Harness = harness([callTurn(["c1", "explode", GOOD]), answer("ok")], { breakMode: "failures", decider });
    await h.loop.run();
    expectAllUsed(h, decider);
    const call = h.loop.view.calls.get("c1");
    expect(call?.executions.map((e) => e.outcome.status)).toEqual(["error", "ok"]);
    expect(call?.toolMessage).toEqual({ content: '{"fixed":true}', isError: false });
    expect(call?.status).toBe("ok");
  });

  it("reexecute of arguments that fail validation returns a not-run execution", async () => {
    const h = harness([callTurn(["c1", "get_invoice", GOOD]), answer("ok")], { breakMode: "never" });
    await h.loop.run();
    const execution = await h.loop.reexecute("c1", BAD, "validated");
    expect(execution.outcome).toMatchObject({ status: "error", phase: "validation", error: { name: "NotRun" } });
    expect(execution.findings.map((f) => f.code)).toEqual(["unexpected_argument", "missing_argument"]);
    expect(h.loop.view.calls.get("c1")?.executions).toHaveLength(2);
    expect(h.runner.calls).toHaveLength(1);
  });

  it("a model error ends the session; so does a script that runs out", async () => {
    const h = harness([callTurn(["c1", "get_invoice", GOOD])], { breakMode: "never" });
    expect(await h.loop.run()).toBe("model_error");
    expectAllUsed(h);
    expect(h.loop.view.lastError).toMatchObject({ kind: "script_exhausted", message: expect.stringContaining("ran out after 1 turn") });
    expect(h.loop.view.timeline.at(-1)).toMatchObject({ kind: "model_error", step: 2 });
  });

  it("stops at max steps", async () => {
    const h = harness([callTurn(["c1", "get_invoice", GOOD]), callTurn(["c2", "get_invoice", GOOD])], { breakMode: "never", maxSteps: 2 });
    expect(await h.loop.run()).toBe("max_steps");
    expectAllUsed(h);
  });

  it("gives repeated or missing call ids unique ones, in the session and the conversation", async () => {
    const h = harness([callTurn(["c1", "get_invoice", GOOD], ["", "get_invoice", GOOD]), callTurn(["c1", "get_invoice", GOOD]), answer("ok")], { breakMode: "never" });
    await h.loop.run();
    expect([...h.loop.view.calls.keys()]).toEqual(["c1", "call_1_2", "c1_2"]);
    expect(h.model.sent[2]?.filter((m) => m.role === "tool").map((m) => (m.role === "tool" ? m.tool_call_id : ""))).toEqual(["c1", "call_1_2", "c1_2"]);
  });

  it("uses --prompt over the agent's prompt and skips an empty system message", async () => {
    const h = harness([answer("hi")], { prompt: "hello", agent: { ...AGENT, instructions: "" } });
    await h.loop.run();
    expect(h.model.sent[0]).toEqual([{ role: "user", content: "hello" }]);
  });

  it("confirmSideEffects pauses before a side-effecting tool that would run, whatever the break mode", async () => {
    const decider = new ListDecider([{ kind: "skip" }]);
    const tools = AGENT.tools.map((t) => (t.name === "get_invoice" ? { ...t, sideEffects: true } : t));
    const h = harness([callTurn(["c1", "get_invoice", GOOD], ["c2", "get_invoice", BAD], ["c3", "explode", GOOD]), answer("ok")], {
      breakMode: "never",
      decider,
      confirmSideEffects: true,
      agent: { ...AGENT, tools },
    });
    h.runner.tools = tools;
    await h.loop.run();
    expectAllUsed(h, decider);
    // c2 fails validation (it would not run), c3 has no side effects: only c1 asks.
    expect(decider.pauses).toEqual([{ callId: "c1", phase: "before", reason: "side_effects" }]);
    expect(h.runner.calls.map((c) => c.tool)).toEqual(["explode"]);
  });
});

