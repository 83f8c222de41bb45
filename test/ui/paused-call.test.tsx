import { afterEach, describe, expect, it } from "vitest";
import { KEYS, renderApp, type RenderedApp } from "./render-helper.js";
import { FakeWorkbench } from "./fake-workbench.js";
import { diagnoseInvoice, pausedBadCallState } from "./fixture-states.js";

let app: RenderedApp | undefined;
afterEach(() => {
  app?.unmount();
  app = undefined;
});

describe("a paused bad call", () => {
  it("shows the raw arguments beside the signature, the findings and the suggestion", async () => {
    const workbench = new FakeWorkbench(pausedBadCallState());
    app = await renderApp(workbench, { columns: 120, rows: 40 });
    const frame = await app.waitFor((f) => f.includes("Findings (2)"));
    expect(frame).toContain("scripted (no OPENAI_API_KEY)");
    expect(frame).toContain("step 1/7");
    expect(frame).toContain("break failures");
    expect(frame).toContain('{"id":"INV-123"}');
    // The signature sits on the same rows as the raw arguments.
    const argumentsRow = frame.split("\n").find((line) => line.includes('{"id":"INV-123"}') && line.includes("│"));
    expect(argumentsRow).toBeDefined();
    expect(frame).toMatch(/invoice_id {2}missing {2}string {2}required/);
    expect(frame).toMatch(/id {2}unexpected/);
    expect(frame).toContain("unexpected_argument id");
    expect(frame).toContain("rename id to invoice_id");
    expect(frame).toContain("⏸ get_invoice_status");
  });

  it("maps the spec keys to workbench actions", async () => {
    const workbench = new FakeWorkbench(pausedBadCallState());
    app = await renderApp(workbench);
    await app.press("f", "r", "R", "x", "n", "c", KEYS.enter, "s", "b", "E");
    expect(workbench.actions.filter((action) => action.type !== "resize")).toEqual([
      { type: "apply_fix" },
      { type: "rerun", mode: "validated" },
      { type: "rerun", mode: "raw" },
      { type: "export" },
      { type: "continue", then: "step" },
      { type: "continue", then: "continue" },
      { type: "continue", then: "continue" },
      { type: "skip" },
      { type: "cycle_break" },
      { type: "edit_external" },
    ]);
    await app.waitFor((f) => f.includes("break never"), "the break mode to cycle from failures to never");
  });

  it("moves the selection with arrows and j/k", async () => {
    const workbench = new FakeWorkbench(pausedBadCallState());
    app = await renderApp(workbench);
    await app.press(KEYS.up, "k");
    await app.waitFor((f) => f.includes("› you"), "the user row selected");
    expect(workbench.getState().cursor).toBe(0);
    await app.press("j", KEYS.down, "G", "g", KEYS.end);
    expect(workbench.getState().cursor).toBe(2);
    await app.waitFor((f) => f.includes("Findings (2)"));
  });

  it("edits inline with live diagnosis; fast keys all land on the latest text", async () => {
    const workbench = new FakeWorkbench(pausedBadCallState(), (text) => diagnoseInvoice(text));
    app = await renderApp(workbench, { columns: 120, rows: 40 });
    await app.press("e");
    await app.waitFor((f) => f.includes("Editing arguments"), "the editor");
    // Put the cursor after `{"` and turn `id` into `invoice_id`: one key per write, no waiting on frames.
    await app.press(KEYS.home, KEYS.right, KEYS.right, ..."invoice_".split(""), KEYS.delete, KEYS.delete);
    await app.press(..."id".split(""));
    expect(workbench.getState().editor?.text).toBe('{"invoice_id":"INV-123"}');
    await app.waitFor((f) => f.includes("valid against the signature"), "the live diagnosis");
    await app.press(KEYS.end, KEYS.backspace);
    expect(workbench.getState().editor?.text).toBe('{"invoice_id":"INV-123"');
    await app.waitFor((f) => f.includes("malformed_arguments"), "the live diagnosis of broken JSON");
    await app.press("}", KEYS.ctrlS);
    expect(workbench.getState().editor).toBeUndefined();
    expect(workbench.getState().calls[0]?.edited?.text).toBe('{"invoice_id":"INV-123"}');
    await app.waitFor((f) => f.includes("Edited arguments"), "the committed edit");
  });

  it("keys act on the workbench's latest state even when the frame lags behind it", async () => {
    const workbench = new FakeWorkbench(pausedBadCallState(), (text) => diagnoseInvoice(text));
    app = await renderApp(workbench, { columns: 120, rows: 40 });
    await app.press("e");
    await app.waitFor((f) => f.includes("Editing arguments"), "the editor");
    // From here the UI hears of each change only 200 ms later: a handler reading its render's
    // props would build every key on the same old text.
    workbench.notifyDelayMs = 200;
    await app.press(KEYS.home, KEYS.right, KEYS.right, ..."invoice_".split(""), KEYS.delete, KEYS.delete, ..."id".split(""));
    expect(workbench.getState().editor?.text).toBe('{"invoice_id":"INV-123"}');
    await app.waitFor((f) => f.includes("valid against the signature"), "the frame catching up");
  });

  it("escape cancels the editor, and q asks before dropping unsaved work", async () => {
    const workbench = new FakeWorkbench(pausedBadCallState({ unsaved: true }));
    app = await renderApp(workbench);
    await app.press("e", "q", KEYS.escape);
    expect(workbench.getState().editor).toBeUndefined();
    expect(workbench.actionsOf("quit")).toHaveLength(0);
    await app.press("q");
    await app.waitFor((f) => f.includes("Quit and lose the unsaved edits?"), "the confirm dialog");
    await app.press("j");
    expect(workbench.getState().cursor).toBe(2);
    await app.press("y");
    expect(workbench.getState().exited).toBe(true);
  });

  it("filters by typing after /, enter keeps it, escape clears it", async () => {
    const workbench = new FakeWorkbench(pausedBadCallState());
    app = await renderApp(workbench);
    await app.press("/", ..."unexpected".split(""));
    await app.waitFor((f) => f.includes("/unexpected") && f.includes("1 of 3 rows"), "the filter line");
    await app.press(KEYS.enter);
    await app.waitFor((f) => f.includes("filter unexpected"), "the kept filter");
    await app.press(KEYS.escape);
    await app.waitFor((f) => !f.includes("filter unexpected") && f.includes("Timeline 1/3"), "the cleared filter");
  });
});
