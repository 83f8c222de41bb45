import { afterEach, describe, expect, it } from "vitest";
import { renderApp, type RenderedApp } from "./render-helper.js";
import { FakeWorkbench } from "./fake-workbench.js";
import { executedCallState, manyCallsState, pausedBadCallState } from "./fixture-states.js";

let app: RenderedApp | undefined;
afterEach(() => {
  app?.unmount();
  app = undefined;
});

const widest = (frame: string) => Math.max(...frame.split("\n").map((line) => [...line].length));

describe("terminal sizes", () => {
  it("80×24: stacked, every line fits, the detail is scrolled with J/K", async () => {
    const workbench = new FakeWorkbench(executedCallState());
    app = await renderApp(workbench, { columns: 80, rows: 24 });
    const frame = await app.waitFor((f) => f.includes("Arguments (raw)"));
    const lines = frame.split("\n");
    expect(lines.length).toBeLessThanOrEqual(23);
    expect(widest(frame)).toBeLessThanOrEqual(80);
    // Stacked: the timeline heading is above the detail, not beside it.
    const timelineRow = lines.findIndex((line) => line.includes("Timeline"));
    const detailRow = lines.findIndex((line) => line.includes("Arguments (raw)"));
    expect(detailRow).toBeGreaterThan(timelineRow);
    expect(lines[timelineRow]).not.toContain("Arguments");
    // Arguments still beside the signature at 80 columns.
    expect(lines[detailRow]).toContain("Signature");
    expect(frame).toMatch(/↓ \d+ more · J\/K scroll/);
    await app.press("J");
    await app.waitFor((f) => /↑ \d+ above/.test(f), "the detail scrolled down");
    await app.press("K");
    await app.waitFor((f) => !/↑ \d+ above/.test(f), "the detail back at the top");
  });

  it("200×60: timeline beside the detail, more rows shown", async () => {
    const workbench = new FakeWorkbench(manyCallsState(500));
    app = await renderApp(workbench, { columns: 200, rows: 60 });
    const frame = await app.waitFor((f) => f.includes("Arguments (raw)"));
    const lines = frame.split("\n");
    expect(lines.length).toBeLessThanOrEqual(59);
    expect(widest(frame)).toBeLessThanOrEqual(200);
    const headingRow = lines.find((line) => line.includes("Timeline 1/500"));
    expect(headingRow).toBeDefined();
    // Side by side: the first detail line shares a row with the timeline.
    expect(lines.some((line) => line.includes("Timeline 1/500") && line.includes("call_0"))).toBe(true);
    expect(lines.filter((line) => line.includes("get_invoice_status {")).length).toBeGreaterThan(40);
  });

  it("tells the workbench the size, and follows a resize from wide to narrow", async () => {
    const workbench = new FakeWorkbench(pausedBadCallState());
    app = await renderApp(workbench, { columns: 200, rows: 60 });
    await app.waitFor((f) => f.split("\n").some((line) => line.includes("Timeline") && line.includes("⏸ paused")), "the wide layout");
    expect(workbench.actionsOf("resize").at(-1)).toEqual({ type: "resize", columns: 200, rows: 60 });
    await app.resize(80, 24);
    const narrow = await app.waitFor((f) => widest(f) <= 80 && f.split("\n").length <= 23 && f.includes("Arguments"), "the narrow layout");
    expect(narrow.split("\n").some((line) => line.includes("Timeline") && line.includes("⏸ paused"))).toBe(false);
    expect(workbench.actionsOf("resize").at(-1)).toEqual({ type: "resize", columns: 80, rows: 24 });
  });

  it("80×24: a result that arrives below the fold is scrolled into view once", async () => {
    const executed = executedCallState();
    const before = { ...executed.calls[0]!, executions: [] };
    const workbench = new FakeWorkbench({ ...executed, calls: [before] });
    app = await renderApp(workbench, { columns: 80, rows: 24 });
    await app.waitFor((f) => f.includes("Arguments (raw)") && !f.includes("Result ✓ ok"));
    workbench.set({ calls: executed.calls });
    const frame = await app.waitFor((f) => f.includes("Result ✓ ok · run 1"), "the new result on screen");
    expect(frame).toMatch(/↑ \d+ above/);
    // Scrolling back up by hand stays put: the jump happens once per change.
    await app.press("K", "K", "K", "K");
    await app.waitFor((f) => !/↑ \d+ above/.test(f) && f.includes("Arguments (raw)"), "back at the top");
  });
});
