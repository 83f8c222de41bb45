import { describe, expect, it } from "vitest";
import type { WorkbenchEvent, WorkbenchStep } from "../../../src/engine/workbench/workbench-model.js";

import { emailSpec, makeCall, openModel, reduceAll } from "./workbench-helpers.js";

const good = makeCall("c1", '{"invoice_id":"INV-1"}');
const renamed = makeCall("c2", '{"id":"INV-2"}');
const broken = makeCall("c3", '{"invoice_id":"INV-3"');
const email = makeCall("c4", '{"invoice_id":"INV-4","to":"a@b.test"}', emailSpec);

interface Case {
  name: string;
  events: WorkbenchEvent[];
  check: (step: WorkbenchStep) => void;
}

const cases: Case[] = [
  { name: "move down and clamp at the end", events: [{ type: "move", delta: 1 }, { type: "move", delta: 10 }], check: ({ state }) => expect(state.cursor).toBe(3) },
  { name: "move up clamps at the start", events: [{ type: "move", delta: -5 }], check: ({ state }) => expect(state.cursor).toBe(0) },
  { name: "move_to last and first", events: [{ type: "move_to", position: "last" }], check: ({ state }) => expect(state.cursor).toBe(3) },
  { name: "page uses the terminal height", events: [{ type: "resize", columns: 80, rows: 9 }, { type: "page", delta: 1 }], check: ({ state }) => expect(state.cursor).toBe(1) },
  {
    name: "filter by tool",
    events: [{ type: "filter_open" }, { type: "filter_change", text: "tool:send" }],
    check: ({ state }) => {
      expect(state.visible).toEqual([3]);
      expect(state.focus).toBe("filter");
      expect(state.filter).toEqual({ text: "tool:send", editing: true });
    },
  },
  {
    name: "narrowing a filter gives what filtering from scratch gives",
    events: [{ type: "filter_change", text: "inv" }, { type: "filter_change", text: "inv-2" }, { type: "filter_change", text: "inv-2 tool:get" }],
    check: ({ state }) => expect(state.visible).toEqual([1]),
  },
  { name: "a field term after a free one is not a narrowing", events: [{ type: "filter_change", text: "se" }, { type: "filter_change", text: "tool:send" }], check: ({ state }) => expect(state.visible).toEqual([3]) },
  { name: "filter is case-insensitive and takes regex characters literally", events: [{ type: "filter_change", text: 'TOOL:GET {"id' }], check: ({ state }) => expect(state.visible).toEqual([1]) },
  { name: "filter by code", events: [{ type: "filter_change", text: "code:malformed" }], check: ({ state }) => expect(state.visible).toEqual([2]) },
  { name: "filter by free text in the arguments", events: [{ type: "filter_change", text: "inv-2" }], check: ({ state }) => expect(state.visible).toEqual([1]) },
  { name: "filter terms combine", events: [{ type: "filter_change", text: "tool:get code:unexpected" }], check: ({ state }) => expect(state.visible).toEqual([1]) },
  {
    name: "filter keeps the cursor on the same row when it stays visible",
    events: [{ type: "move", delta: 2 }, { type: "filter_change", text: "tool:get" }],
    check: ({ state }) => expect(state.visible[state.cursor]).toBe(2),
  },
  {
    name: "filter commit then clear restores every row",
    events: [{ type: "filter_change", text: "tool:send" }, { type: "filter_commit" }, { type: "filter_clear" }],
    check: ({ state }) => {
      expect(state.visible).toEqual([0, 1, 2, 3]);
      expect(state.focus).toBe("timeline");
      expect(state.filter.editing).toBe(false);
    },
  },
  {
    name: "edit_open starts on the model's arguments with their diagnosis",
    events: [{ type: "move", delta: 1 }, { type: "edit_open" }],
    check: ({ state }) => {
      expect(state.editor).toMatchObject({ call: 1, text: '{"id":"INV-2"}', cursor: 14 });
      expect(state.editor?.findings.map((f) => f.code)).toEqual(["unexpected_argument", "missing_argument"]);
      expect(state.focus).toBe("editor");
    },
  },
  {
    name: "edit_change re-diagnoses on every keystroke",
    events: [{ type: "move", delta: 1 }, { type: "edit_open" }, { type: "edit_change", text: '{"invoice_id":"INV-2"}', cursor: 5 }],
    check: ({ state }) => {
      expect(state.editor?.findings).toEqual([]);
      expect(state.editor?.cursor).toBe(5);
    },
  },
  {
    name: "edit_commit keeps the edit on the call and marks work unsaved",
    events: [{ type: "move", delta: 1 }, { type: "edit_open" }, { type: "edit_change", text: '{"invoice_id":"INV-2"}', cursor: 0 }, { type: "edit_commit" }],
    check: ({ state }) => {
      expect(state.editor).toBeUndefined();
      expect(state.calls[1]?.edited).toEqual({ text: '{"invoice_id":"INV-2"}', findings: [] });
      expect(state.calls[1]?.arguments).toBe('{"id":"INV-2"}');
      expect(state.unsaved).toBe(true);
    },
  },
  {
    name: "edit_cancel drops the text",
    events: [{ type: "edit_open" }, { type: "edit_change", text: "{}", cursor: 0 }, { type: "edit_cancel" }],
    check: ({ state }) => {
      expect(state.editor).toBeUndefined();
      expect(state.calls[0]?.edited).toBeUndefined();
      expect(state.unsaved).toBe(false);
    },
  },
  {
    name: "apply_fix renames on the selected call",
    events: [{ type: "move", delta: 1 }, { type: "apply_fix" }],
    check: ({ state }) => expect(state.calls[1]?.edited).toEqual({ text: '{"invoice_id":"INV-2"}', findings: [] }),
  },
  {
    name: "apply_fix repairs malformed JSON inside the editor",
    events: [{ type: "move", delta: 2 }, { type: "edit_open" }, { type: "apply_fix" }],
    check: ({ state }) => {
      expect(state.editor?.text).toBe('{"invoice_id":"INV-3"}');
      expect(state.editor?.findings).toEqual([]);
    },
  },
  {
    name: "apply_fix with nothing to fix says so",
    events: [{ type: "apply_fix" }],
    check: ({ state }) => expect(state.overlay).toMatchObject({ kind: "message", text: "no mechanical fix for these findings" }),
  },
  {
    name: "rerun asks for the edited arguments",
    events: [{ type: "move", delta: 1 }, { type: "apply_fix" }, { type: "rerun", mode: "validated" }],
    check: ({ effects }) => expect(effects).toEqual([{ kind: "rerun", call: 1, arguments: '{"invoice_id":"INV-2"}', mode: "validated", allowSideEffects: false }]),
  },
  { name: "enter in open runs the selected call validated", events: [{ type: "continue", then: "continue" }], check: ({ effects }) => expect(effects).toMatchObject([{ kind: "rerun", call: 0, mode: "validated" }]) },
  {
    name: "a side-effecting tool asks before running from the log",
    events: [{ type: "move_to", position: "last" }, { type: "rerun", mode: "raw" }],
    check: ({ state, effects }) => {
      expect(effects).toEqual([]);
      expect(state.overlay).toMatchObject({ kind: "confirm", action: { type: "rerun", mode: "raw", allowSideEffects: true, call: 3 } });
    },
  },
  {
    name: "confirming runs it with side effects allowed",
    events: [{ type: "move_to", position: "last" }, { type: "rerun", mode: "validated" }, { type: "confirm", yes: true }],
    check: ({ state, effects }) => {
      expect(state.overlay).toBeUndefined();
      expect(effects).toEqual([{ kind: "rerun", call: 3, arguments: email.arguments, mode: "validated", allowSideEffects: true }]);
    },
  },
  {
    name: "declining (or dismissing) runs nothing",
    events: [{ type: "move_to", position: "last" }, { type: "rerun", mode: "validated" }, { type: "dismiss" }],
    check: ({ state, effects }) => {
      expect(state.overlay).toBeUndefined();
      expect(effects).toEqual([]);
    },
  },
  { name: "export asks for the selected call", events: [{ type: "move", delta: 2 }, { type: "export" }], check: ({ effects }) => expect(effects).toEqual([{ kind: "export", call: 2 }]) },
  { name: "E hands the working text to $EDITOR", events: [{ type: "edit_external" }], check: ({ effects }) => expect(effects).toEqual([{ kind: "edit_external", call: 0, text: good.arguments }]) },
  {
    name: "text back from $EDITOR becomes the edit, re-diagnosed",
    events: [{ type: "external_edited", call: 1, text: '{"invoice_id":5}' }],
    check: ({ state }) => expect(state.calls[1]?.edited?.findings.map((f) => f.code)).toEqual(["type_mismatch"]),
  },
  {
    name: "cycle_break goes failures → never → always",
    events: [{ type: "cycle_break" }, { type: "cycle_break" }],
    check: ({ state, effects }) => {
      expect(state.breakMode).toBe("always");
      expect(effects).toEqual([{ kind: "set_break_mode", mode: "always" }]);
    },
  },
  { name: "help toggles", events: [{ type: "help_toggle" }], check: ({ state }) => expect(state.overlay).toEqual({ kind: "help" }) },
  { name: "help toggles off", events: [{ type: "help_toggle" }, { type: "help_toggle" }], check: ({ state }) => expect(state.overlay).toBeUndefined() },
  {
    name: "quit with nothing unsaved exits",
    events: [{ type: "quit" }],
    check: ({ state, effects }) => {
      expect(state.exited).toBe(true);
      expect(effects).toEqual([{ kind: "quit" }]);
    },
  },
  {
    name: "quit with unsaved work asks",
    events: [{ type: "move", delta: 1 }, { type: "apply_fix" }, { type: "quit" }],
    check: ({ state, effects }) => {
      expect(state.exited).toBe(false);
      expect(effects).toEqual([]);
      expect(state.overlay).toMatchObject({ kind: "confirm", action: { type: "quit" } });
    },
  },
  {
    name: "confirming the quit exits",
    events: [{ type: "move", delta: 1 }, { type: "apply_fix" }, { type: "quit" }, { type: "confirm", yes: true }],
    check: ({ state, effects }) => {
      expect(state.exited).toBe(true);
      expect(effects).toEqual([{ kind: "quit" }]);
    },
  },
  {
    name: "an execution is appended with a diff against the logged result and clears on export",
    events: [
      {
        type: "execution_finished",
        call: 0,
        execution: { arguments: good.arguments, mode: "validated", findings: [], outcome: { status: "ok", mode: "validated", durationMs: 3, console: { stdout: "", stderr: "", droppedBytes: 0 }, result: { status: "open" }, preview: "", serialization: [] } },
      },
    ],
    check: ({ state }) => {
      const run = state.calls[0]?.executions[0];
      expect(run?.comparedWith).toBe("logged");
      expect(run?.diff).toEqual([
        { op: "same", text: "{" },
        { op: "removed", text: '  "status": "paid"' },
        { op: "added", text: '  "status": "open"' },
        { op: "same", text: "}" },
      ]);
      expect(state.unsaved).toBe(true);
    },
  },
  {
    name: "a written fixture is shown and the call is saved",
    events: [{ type: "edit_external" }, { type: "external_edited", call: 0, text: "{}" }, { type: "export_written", call: 0, path: "fixtures/x/y.json", notes: [] }],
    check: ({ state }) => {
      expect(state.overlay).toEqual({ kind: "message", text: "fixture written: fixtures/x/y.json", tone: "info" });
      expect(state.calls[0]?.exportedTo).toBe("fixtures/x/y.json");
      expect(state.unsaved).toBe(false);
    },
  },
];

describe("reduceWorkbench", () => {
  const logged = [{ ...good, logged: { content: '{"status":"paid"}' } }, renamed, broken, email];
  it.each(cases)("$name", ({ events, check }) => {
    const start = openModel(logged);
    check(reduceAll(start, events));
    // The start state is never mutated.
    expect(start.calls).toEqual(logged);
    expect(start.cursor).toBe(0);
  });

  it("loading appends batches, filtered with the current filter", () => {
    const start = { ...openModel([]), phase: "loading" as const };
    const step = reduceAll(start, [
      { type: "filter_change", text: "tool:send" },
      { type: "calls_loaded", calls: [good, email] },
      { type: "calls_loaded", calls: [renamed, email] },
      { type: "load_finished", progress: { bytesTotal: 10, bytesRead: 7 } },
    ]);
    expect(step.state.calls).toHaveLength(4);
    expect(step.state.visible).toEqual([1, 3]);
    expect(step.state.load).toMatchObject({ calls: 4, done: true, bytesRead: 10 });
    expect(step.state.phase).toBe("idle");
  });

});
