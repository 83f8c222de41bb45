import { afterEach, describe, expect, it } from "vitest";
import { KEYS, renderApp, type RenderedApp } from "./render-helper.js";
import { badCall, invoiceSpec, manyCallsState } from "./fixture-states.js";
import { createWorkbench, type WorkbenchController } from "../../src/engine/workbench/create-workbench.js";
import { initialModel } from "../../src/engine/workbench/workbench-model.js";
import type { WorkbenchCall } from "../../src/engine/workbench/workbench-contract.js";

let app: RenderedApp | undefined;
afterEach(() => {
  app?.unmount();
  app = undefined;
});

function openWorkbench(calls: readonly WorkbenchCall[]): WorkbenchController {
  const workbench = createWorkbench({
    initial: initialModel({ mode: "open", title: "open prod.jsonl", sourceLabel: "openai-chat · 1 tools", tools: [invoiceSpec], calls }),
    ports: {},
    exportDir: "/nonexistent-export-dir",
    timeoutMs: 1000,
  });
  workbench.post({ type: "load_finished" });
  return workbench;
}

describe("the UI on the real workbench reducer", () => {
  it("f fixes the selected call; e edits it with the engine's live diagnosis, keys sent without waiting", async () => {
    const workbench = openWorkbench([{ ...badCall, status: "failed" }]);
    app = await renderApp(workbench, { columns: 120, rows: 40 });
    await app.waitFor((f) => f.includes("Findings (2)") && f.includes("idle"));
    await app.press("f");
    await app.waitFor((f) => f.includes("Edited arguments"), "the fixed arguments");
    expect(workbench.getState().calls[0]?.edited?.text).toBe('{"invoice_id":"INV-123"}');
    await app.press("e", KEYS.end, KEYS.left, KEYS.left, ..."45".split(""), KEYS.backspace, KEYS.backspace, ..."4".split(""));
    expect(workbench.getState().editor?.text).toBe('{"invoice_id":"INV-1234"}');
    await app.press(KEYS.home, KEYS.delete);
    await app.waitFor((f) => f.includes("Editing arguments") && f.includes("malformed_arguments"), "the engine's diagnosis of broken JSON");
    await app.press(KEYS.escape);
    await app.waitFor((f) => !f.includes("Editing arguments"), "the editor closed");
    expect(workbench.getState().calls[0]?.edited?.text).toBe('{"invoice_id":"INV-123"}');
  });

  it("pages through 100k calls with the engine's paging", async () => {
    const workbench = openWorkbench(manyCallsState(100_000).calls);
    app = await renderApp(workbench, { columns: 120, rows: 40 });
    await app.waitFor((f) => f.includes("Timeline 1/100,000"));
    await app.press(KEYS.pageDown);
    await app.waitFor((f) => f.includes("Timeline 33/100,000"), "a page down (40 rows minus the engine's chrome)");
    await app.press("G");
    await app.waitFor((f) => f.includes("Timeline 100,000/100,000"), "the last row");
  });
});
