import { describe, expect, it } from "vitest";
import { createOpenWorkbench } from "../../../src/engine/workbench/open-workbench.js";
import { callById, logsFor, PROD_LOG, SESSION_LOG, waitFor } from "./open-helpers.js";

describe("open: loading logs into the workbench", () => {
  it.each([
    ["a worker thread", false],
    ["process, in chunks", true],
  ])("loads every call of an openai-chat log in %s", async (_how, inProcess) => {
    const workbench = createOpenWorkbench({ logs: await logsFor(PROD_LOG), exportDir: "unused", timeoutMs: 5000, inProcess });
    expect(workbench.getState().phase).toBe("loading");
    const state = await waitFor(workbench, (s) => s.load?.done === true);
    expect(state.phase).toBe("idle");
    expect(state.title).toBe("open prod-openai-chat.jsonl");
    expect(state.calls.map((c) => c.id)).toEqual(["call_9f2a", "call_9f2b", "call_7c01", "call_5d10", "call_5d11", "call_5d12"]);
    expect(state.visible).toHaveLength(6);
    // Line 4 of the example is cut off on purpose: reported with file:line, the rest still loads.
    expect(state.load).toMatchObject({ calls: 6, done: true, badLines: 1 });
    expect(state.load?.firstErrors).toMatchObject([{ file: PROD_LOG, line: 4 }]);
    expect(state.load?.bytesRead).toBe(state.load?.bytesTotal);
    const first = callById(state, "call_9f2a");
    // Without --tools the call is checked against the schema the log advertised, kept once per list.
    expect(first.spec?.shape).toBe("advertised");
    expect(first.spec).toBe(callById(state, "call_9f2b").spec);
    expect(first.findings.map((f) => f.code)).toEqual(["unexpected_argument", "missing_argument", "tool_error"]);
    expect(first.logged).toEqual({ content: "Error: KeyError: 'invoice_id'", isError: true, errorInferred: true });
    expect(first.status).toBe("failed");
    expect(first.source).toEqual({ file: PROD_LOG, line: 1 });
    workbench.dispatch({ type: "quit" });
    await workbench.done;
  });

  it("loads a recorded session file, and reports bad lines with file:line", async () => {
    const workbench = createOpenWorkbench({ logs: await logsFor(SESSION_LOG), exportDir: "unused", timeoutMs: 5000 });
    const state = await waitFor(workbench, (s) => s.load?.done === true);
    expect(state.title).toBe("open billing-scripted.session-v1.jsonl");
    expect(state.sourceLabel).toMatch(/^tooldbg/);
    expect(state.calls.length).toBeGreaterThanOrEqual(3);
    const status = callById(state, "call_status");
    // tooldbg refused to run it (its arguments failed validation): what the model was told is kept,
    // but it is no tool error; the findings say what is wrong.
    expect(status.logged?.content).toMatch(/^Invalid arguments/);
    expect(status.logged?.isError).toBeUndefined();
    expect(status.model).toBe("gpt-4o-mini");
    workbench.dispatch({ type: "quit" });
    await workbench.done;
  });

  it("several files load one after the other into one list", async () => {
    const workbench = createOpenWorkbench({ logs: await logsFor(PROD_LOG, SESSION_LOG), exportDir: "unused", timeoutMs: 5000 });
    const state = await waitFor(workbench, (s) => s.load?.done === true);
    expect(state.title).toBe("open prod-openai-chat.jsonl (+1)");
    expect(state.sourceLabel).toMatch(/^openai-chat, tooldbg/);
    expect(state.calls.slice(0, 6).map((c) => c.source?.file)).toEqual(Array(6).fill(PROD_LOG));
    expect(state.calls.at(-1)?.source?.file).toBe(SESSION_LOG);
    expect(state.load?.bytesRead).toBe(state.load?.bytesTotal);
    workbench.dispatch({ type: "quit" });
    await workbench.done;
  });

  it("a bad line is counted with its file and line and everything else loads", async () => {
    const bad = (await import("node:path")).resolve(import.meta.dirname, "../../fixtures/logs/openai-chat-bad-lines.jsonl");
    const workbench = createOpenWorkbench({ logs: await logsFor(bad), exportDir: "unused", timeoutMs: 5000 });
    const state = await waitFor(workbench, (s) => s.load?.done === true);
    expect(state.load?.badLines).toBeGreaterThan(0);
    expect(state.load?.firstErrors[0]).toMatchObject({ file: bad, line: expect.any(Number) as number });
    expect(state.calls.length).toBeGreaterThan(0);
    workbench.dispatch({ type: "quit" });
    await workbench.done;
  });
});
