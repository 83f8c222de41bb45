import { describe, expect, it } from "vitest";
import { createRunWorkbench } from "../../../src/engine/workbench/run-workbench.js";
import { FakeAgentSession } from "./fake-agent-session.js";
import { callById, select, waitFor } from "./open-helpers.js";
import { invoiceSpec } from "./workbench-helpers.js";

describe("run: the workbench as the session's Decider", () => {
  it("maps events to rows and calls, and drives every pause from the keys", async () => {
    const { session, start } = FakeAgentSession.start([invoiceSpec]);
    const workbench = await createRunWorkbench({ module: "agent.ts" }, start);
    expect(workbench.getState().breakMode).toBe("always");

    let s = await waitFor(workbench, (st) => st.phase === "paused");
    expect(s.title).toBe("run agent.ts");
    expect(s.sourceLabel).toBe("scripted (no OPENAI_API_KEY)");
    expect(s.sessionFile).toBe("sessions/fake.jsonl");
    expect(s.rows.map((r) => r.kind)).toEqual(["user", "assistant", "call"]);
    expect(s.pausedCall).toBe(0);
    expect(s.visible[s.cursor]).toBe(2);
    expect(callById(s, "call_a").status).toBe("paused");

    // Fix the arguments, then enter: the loop gets the edited text.
    workbench.dispatch({ type: "apply_fix" });
    expect(callById(workbench.getState(), "call_a").edited?.text).toBe('{"invoice_id":"INV-1"}');
    workbench.dispatch({ type: "continue", then: "continue" });
    s = await waitFor(workbench, (st) => st.pausedCall === 1);
    expect(session.decisions[0]).toEqual({ kind: "continue", mode: "validated", then: "continue", arguments: '{"invoice_id":"INV-1"}' });
    const first = callById(s, "call_a");
    expect(first.status).toBe("ok");
    expect(first.edited).toBeUndefined();
    expect(first.executions).toHaveLength(1);

    // R re-runs through the session without advancing: one execution, not two.
    workbench.dispatch({ type: "rerun", mode: "raw" });
    await workbench.idle();
    expect(session.reexecuted).toEqual([{ callId: "call_b", text: '{"invoice_id":"INV-2"}', mode: "raw" }]);
    expect(callById(workbench.getState(), "call_b").executions).toHaveLength(1);
    expect(workbench.getState().phase).toBe("paused");

    workbench.dispatch({ type: "cycle_break" });
    expect(session.breakModes).toEqual(["failures"]);
    expect(workbench.getState().breakMode).toBe("failures");

    workbench.dispatch({ type: "skip" });
    s = await waitFor(workbench, (st) => st.phase === "ended");
    expect(session.decisions[1]).toEqual({ kind: "skip", then: "continue" });
    expect(callById(s, "call_b").status).toBe("skipped");
    expect(s.rows.at(-1)).toEqual({ kind: "note", message: "the model answered: session ended" });
    expect(s.rows.filter((r) => r.kind === "assistant")).toHaveLength(3);

    // r after the session ended still runs the call in isolation; the header stays "ended".
    select(workbench, "call_b");
    workbench.dispatch({ type: "rerun", mode: "validated" });
    await workbench.idle();
    expect(session.reexecuted).toHaveLength(2);
    expect(workbench.getState().phase).toBe("ended");

    workbench.dispatch({ type: "quit" });
    await workbench.done;
    expect(session.closed).toBe(true);
  });

  it("quitting while paused answers the pending decision with quit", async () => {
    const { session, start } = FakeAgentSession.start([invoiceSpec]);
    const workbench = await createRunWorkbench({ module: "agent.ts" }, start);
    await waitFor(workbench, (st) => st.phase === "paused");
    workbench.dispatch({ type: "quit" });
    await workbench.done;
    expect(session.decisions).toEqual([{ kind: "quit" }]);
    expect(session.closed).toBe(true);
  });

  it("an edit not yet sent makes quit ask first", async () => {
    const { start } = FakeAgentSession.start([invoiceSpec]);
    const workbench = await createRunWorkbench({ module: "agent.ts" }, start);
    await waitFor(workbench, (st) => st.phase === "paused");
    workbench.dispatch({ type: "apply_fix" });
    workbench.dispatch({ type: "quit" });
    expect(workbench.getState().overlay).toMatchObject({ kind: "confirm", action: { type: "quit" } });
    workbench.dispatch({ type: "confirm", yes: true });
    await workbench.done;
  });
});
