import { afterEach, describe, expect, it } from "vitest";
import { KEYS, renderApp, type RenderedApp } from "./render-helper.js";
import { FakeWorkbench } from "./fake-workbench.js";
import { badCall, executedCallState, invoiceSpec, pausedBadCallState } from "./fixture-states.js";
import type { WorkbenchCall } from "../../src/engine/workbench/workbench-contract.js";

let app: RenderedApp | undefined;
afterEach(() => {
  app?.unmount();
  app = undefined;
});

const emailCall: WorkbenchCall = {
  ...badCall,
  id: "call_email",
  tool: "send_invoice_email",
  arguments: '{"invoice_id":"INV-123","to":"billing@acme.test"}',
  spec: { ...invoiceSpec, name: "send_invoice_email", sideEffects: true },
  findings: [{ code: "tool_error", severity: "error", message: "Error: SMTP 550: mailbox unavailable for billing@acme.test" }],
  status: "failed",
  executions: [
    {
      arguments: '{"invoice_id":"INV-123","to":"billing@acme.test"}',
      mode: "validated",
      outcome: {
        status: "error",
        phase: "execute",
        mode: "validated",
        durationMs: 41,
        console: { stdout: "", stderr: "smtp: connecting to relay for billing@acme.test\n", droppedBytes: 0 },
        error: { name: "Error", message: "SMTP 550: mailbox unavailable for billing@acme.test" },
      },
      findings: [],
    },
  ],
};

describe("call detail", () => {
  it("shows a thrown error with its captured stderr and duration", async () => {
    app = await renderApp(new FakeWorkbench(pausedBadCallState({ calls: [emailCall], pausedCall: undefined })), { columns: 120, rows: 40 });
    const frame = await app.waitFor((f) => f.includes("Error ✗ thrown"));
    expect(frame).toMatch(/Error ✗ thrown · run 1 · validated · 41 ms/);
    expect(frame).toContain("Error: SMTP 550: mailbox unavailable");
    expect(frame).toContain("stderr│ smtp: connecting to relay for billing@acme.test");
    expect(frame).toMatch(/side effects: asks before running\s/);
  });

  it("shows the logged error beside the fresh result, then the diff", async () => {
    app = await renderApp(new FakeWorkbench(executedCallState()), { columns: 200, rows: 60 });
    const frame = await app.waitFor((f) => f.includes("Diff against the logged result"));
    const row = frame.split("\n").find((line) => line.includes("Logged error (inferred from the text)"));
    expect(row).toContain("Result ✓ ok · run 1 · validated · 12 ms");
    expect(frame).toContain("stdout│ looking up INV-123");
    expect(frame).toContain("- Error: KeyError: 'invoice_id'");
    expect(frame).toContain('+ {"invoice_id":"INV-123","status":"paid"');
  });

  it("says when the call is executing, and streams model text in the timeline while thinking", async () => {
    const workbench = new FakeWorkbench(pausedBadCallState({ calls: [{ ...badCall, status: "executing" }], pausedCall: undefined, phase: "executing" }));
    app = await renderApp(workbench, { columns: 200, rows: 40 });
    await app.waitFor((f) => f.includes("⟳ executing in the worker"));
    workbench.set({ phase: "thinking", step: 2, streaming: "Let me check the\npayments next" });
    await app.waitFor((f) => f.includes("⟳ model #2 Let me check the payments next"), "the streamed text");
  });

  it("draws a megabyte of arguments without choking: a cut row, a capped detail", async () => {
    const huge = `{"invoice_id":"${"x".repeat(1_000_000)}"}`;
    app = await renderApp(new FakeWorkbench(pausedBadCallState({ calls: [{ ...badCall, arguments: huge, findings: [] }] })), { columns: 120, rows: 40 });
    const frame = await app.waitFor((f) => f.includes("more characters") || f.includes("J/K scroll"));
    expect(frame.split("\n").length).toBeLessThanOrEqual(39);
  });

  it("a second ctrl+c answers yes to 'quit anyway?'", async () => {
    const workbench = new FakeWorkbench(pausedBadCallState({ unsaved: true }));
    app = await renderApp(workbench);
    await app.press(KEYS.ctrlC);
    await app.waitFor((f) => f.includes("Quit and lose"), "the confirm dialog");
    await app.press(KEYS.ctrlC);
    expect(workbench.getState().exited).toBe(true);
  });
});
