import { afterEach, describe, expect, it } from "vitest";
import { KEYS, renderApp, type RenderedApp } from "./render-helper.js";
import { FakeWorkbench } from "./fake-workbench.js";
import { manyCallsState } from "./fixture-states.js";

let app: RenderedApp | undefined;
afterEach(() => {
  app?.unmount();
  app = undefined;
});

describe("100k calls", () => {
  it("draws only the window around the cursor and pages through it", async () => {
    const workbench = new FakeWorkbench(manyCallsState(100_000));
    app = await renderApp(workbench, { columns: 120, rows: 40 });
    const first = await app.waitFor((f) => f.includes("Timeline 1/100,000"));
    const callRows = first.split("\n").filter((line) => line.includes("get_invoice_status {"));
    expect(callRows.length).toBeLessThanOrEqual(40);
    expect(first).toContain("INV-0");
    await app.press("G");
    const last = await app.waitFor((f) => f.includes("Timeline 100,000/100,000"), "the last row");
    expect(last).toContain("INV-99999");
    expect(last).not.toContain('"INV-0"');
    await app.press(KEYS.pageUp, "g");
    await app.waitFor((f) => f.includes("Timeline 1/100,000"), "back to the first row");
  });
});
