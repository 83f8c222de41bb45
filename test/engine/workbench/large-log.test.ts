import { describe, expect, it } from "vitest";
import type { WorkbenchCall } from "../../../src/engine/workbench/workbench-contract.js";
import type { WorkbenchEvent, WorkbenchModel } from "../../../src/engine/workbench/workbench-model.js";
import { reduceWorkbench } from "../../../src/engine/workbench/reduce-workbench.js";
import { makeCall, openModel } from "./workbench-helpers.js";

const N = 100_000;

/** 100k calls sharing their findings and spec, as loaded calls do. */
function bigModel(): WorkbenchModel {
  const bad = makeCall("bad", '{"id":"INV-0"}');
  const good = makeCall("good", '{"invoice_id":"INV-0"}');
  const calls: WorkbenchCall[] = new Array<WorkbenchCall>(N);
  for (let i = 0; i < N; i++) {
    const base = i % 10 === 0 ? bad : good;
    calls[i] = { ...base, id: `call_${i}`, arguments: base.arguments.replace("INV-0", `INV-${i}`) };
  }
  return openModel(calls);
}

/** Counts index reads of an array, to show a transition did not walk it. */
function counted<T>(items: readonly T[]): { array: readonly T[]; reads: () => number } {
  let reads = 0;
  const array = new Proxy(items, {
    get(target, key, receiver) {
      if (typeof key === "string" && /^\d+$/.test(key)) reads++;
      return Reflect.get(target, key, receiver) as unknown;
    },
  });
  return { array, reads: () => reads };
}

describe("100k calls: keys cost O(1), not O(calls)", () => {
  const start = bigModel();

  it.each<[string, WorkbenchEvent]>([
    ["move", { type: "move", delta: 1 }],
    ["move back", { type: "move", delta: -1 }],
    ["page", { type: "page", delta: 3 }],
    ["move_to last", { type: "move_to", position: "last" }],
    ["help", { type: "help_toggle" }],
    ["resize", { type: "resize", columns: 200, rows: 60 }],
  ])("%s shares calls, rows and visible and reads none of them", (_name, event) => {
    const calls = counted(start.calls);
    const rows = counted(start.rows);
    const visible = counted(start.visible);
    const state: WorkbenchModel = { ...start, calls: calls.array, rows: rows.array, visible: visible.array, cursor: 5 };
    const next = reduceWorkbench(state, event).state;
    expect(next.calls).toBe(state.calls);
    expect(next.rows).toBe(state.rows);
    expect(next.visible).toBe(state.visible);
    expect(calls.reads()).toBe(0);
    expect(rows.reads()).toBe(0);
    expect(visible.reads()).toBe(0);
  });

  it("with a filter applied, moves still touch only the cursor", () => {
    const filtered = reduceWorkbench(start, { type: "filter_change", text: "code:unexpected" }).state;
    expect(filtered.visible).toHaveLength(N / 10);
    expect(filtered.calls).toBe(start.calls);
    const calls = counted(filtered.calls);
    const state = { ...filtered, calls: calls.array };
    let s = state;
    for (let i = 0; i < 1000; i++) s = reduceWorkbench(s, { type: "move", delta: 1 }).state;
    expect(s.cursor).toBe(1000);
    expect(s.visible).toBe(filtered.visible);
    expect(calls.reads()).toBe(0);
  });

  it("typing more into the filter looks only at the rows still visible", () => {
    const filtered = reduceWorkbench(start, { type: "filter_change", text: "code:unexp" }).state;
    const calls = counted(filtered.calls);
    const next = reduceWorkbench({ ...filtered, calls: calls.array }, { type: "filter_change", text: "code:unexpected" }).state;
    expect(next.visible).toEqual(filtered.visible);
    expect(calls.reads()).toBe(N / 10);
    // A different filter is not a narrowing: every row is looked at again.
    const other = counted(filtered.calls);
    const widened = reduceWorkbench({ ...next, calls: other.array }, { type: "filter_change", text: "tool:get" }).state;
    expect(widened.visible).toHaveLength(N);
    expect(other.reads()).toBe(N);
  });

  it("typing in the editor re-diagnoses the text only: the call list is not copied", () => {
    const opened = reduceWorkbench({ ...start, cursor: 10 }, { type: "edit_open" }).state;
    const calls = counted(opened.calls);
    const state = { ...opened, calls: calls.array };
    const next = reduceWorkbench(state, { type: "edit_change", text: '{"invoice_id":"INV-10"}', cursor: 3 }).state;
    expect(next.calls).toBe(state.calls);
    expect(next.editor?.findings).toEqual([]);
    expect(calls.reads()).toBeLessThanOrEqual(1);
  });

  it("a loaded batch filters its own rows, not the ones already there", () => {
    const filtered = reduceWorkbench(start, { type: "filter_change", text: "tool:get" }).state;
    const before = filtered.visible;
    const batch = [makeCall("late", '{"invoice_id":"X"}')];
    const next = reduceWorkbench(filtered, { type: "calls_loaded", calls: batch }).state;
    expect(next.visible).toHaveLength(before.length + 1);
    expect(next.visible.at(-1)).toBe(N);
    expect(next.calls[N]?.id).toBe("late");
    // The earlier state is untouched.
    expect(filtered.calls).toHaveLength(N);
  });
});
