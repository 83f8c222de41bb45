import type { TimelineRow, Workbench, WorkbenchAction, WorkbenchCall, WorkbenchState } from "../../src/engine/workbench/workbench-contract.js";
import { BREAK_MODES } from "../../src/engine/agent/agent-contract.js";
import type { Finding } from "../../src/engine/diagnosis/finding.js";

/**
 * A workbench for component tests: it applies the UI's actions to its state the simple way
 * (cursor, editor, filter, overlays, quit) and records every action, so a test can check both
 * what the UI asked for and what it drew. The real reducer lives in src/engine/workbench.
 */
export class FakeWorkbench implements Workbench {
  readonly actions: WorkbenchAction[] = [];
  readonly done: Promise<void>;
  private state: WorkbenchState;
  private readonly listeners = new Set<() => void>();
  private finish: () => void = () => undefined;

  /** Tell listeners a while after a change rather than at once: the UI then draws behind the state. */
  notifyDelayMs: number | undefined;

  constructor(
    initial: WorkbenchState,
    private readonly diagnose: (text: string, call: WorkbenchCall) => Finding[] = () => [],
  ) {
    this.state = initial;
    this.done = new Promise((resolve) => {
      this.finish = resolve;
    });
  }

  getState = (): WorkbenchState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  dispatch = (action: WorkbenchAction): void => {
    this.actions.push(action);
    this.set(applyAction(this.state, action, this.diagnose));
  };

  /** Replace part of the state from a test, as the engine would after an effect. */
  set(patch: Partial<WorkbenchState>): void {
    this.state = { ...this.state, ...patch };
    if (this.state.exited) this.finish();
    const notify = () => {
      for (const listener of this.listeners) listener();
    };
    if (this.notifyDelayMs === undefined) notify();
    else setTimeout(notify, this.notifyDelayMs);
  }

  actionsOf<T extends WorkbenchAction["type"]>(type: T): Extract<WorkbenchAction, { type: T }>[] {
    return this.actions.filter((action): action is Extract<WorkbenchAction, { type: T }> => action.type === type);
  }
}

const clamp = (value: number, max: number): number => Math.min(Math.max(0, value), Math.max(0, max));

function rowText(row: TimelineRow, state: WorkbenchState): string {
  switch (row.kind) {
    case "call": {
      const call = state.calls[row.call];
      return call ? `${call.tool} ${call.arguments} ${call.findings.map((finding) => finding.code).join(" ")}` : "";
    }
    case "user":
      return row.content;
    case "assistant":
      return row.content ?? "";
    case "model_error":
      return row.error.message;
    case "note":
      return row.message;
  }
}

function filtered(state: WorkbenchState, text: string): number[] {
  const needle = text.toLowerCase();
  return state.rows.flatMap((row, index) => (needle === "" || rowText(row, state).toLowerCase().includes(needle) ? [index] : []));
}

function selectedCall(state: WorkbenchState): number | undefined {
  const row = state.rows[state.visible[state.cursor] ?? -1];
  return row?.kind === "call" ? row.call : undefined;
}

function applyAction(state: WorkbenchState, action: WorkbenchAction, diagnose: (text: string, call: WorkbenchCall) => Finding[]): WorkbenchState {
  const last = state.visible.length - 1;
  switch (action.type) {
    case "move":
      return { ...state, cursor: clamp(state.cursor + action.delta, last) };
    case "move_to":
      return { ...state, cursor: action.position === "first" ? 0 : Math.max(0, last) };
    case "page":
      return { ...state, cursor: clamp(state.cursor + action.delta * 10, last) };
    case "edit_open": {
      const index = selectedCall(state);
      const call = index === undefined ? undefined : state.calls[index];
      if (index === undefined || !call) return state;
      const text = call.edited?.text ?? call.arguments;
      return { ...state, focus: "editor", editor: { call: index, text, cursor: text.length, findings: diagnose(text, call) } };
    }
    case "edit_change": {
      if (!state.editor) return state;
      const call = state.calls[state.editor.call];
      return { ...state, editor: { ...state.editor, text: action.text, cursor: action.cursor, findings: call ? diagnose(action.text, call) : [] } };
    }
    case "edit_commit": {
      if (!state.editor) return state;
      const { call: index, text, findings } = state.editor;
      const calls = state.calls.map((call, i) => (i === index ? { ...call, edited: { text, findings } } : call));
      return { ...state, calls, editor: undefined, focus: "timeline", unsaved: true };
    }
    case "edit_cancel":
      return { ...state, editor: undefined, focus: "timeline" };
    case "filter_open":
      return { ...state, focus: "filter", filter: { text: state.filter.text, editing: true } };
    case "filter_change":
      return { ...state, filter: { text: action.text, editing: true }, visible: filtered(state, action.text), cursor: 0 };
    case "filter_commit":
      return { ...state, focus: "timeline", filter: { ...state.filter, editing: false } };
    case "filter_clear":
      return { ...state, focus: "timeline", filter: { text: "", editing: false }, visible: filtered(state, ""), cursor: 0 };
    case "help_toggle":
      return { ...state, overlay: state.overlay?.kind === "help" ? undefined : { kind: "help" } };
    case "dismiss":
      return { ...state, overlay: undefined };
    case "confirm":
      if (state.overlay?.kind === "confirm" && state.overlay.action.type === "quit" && action.yes) return { ...state, overlay: undefined, exited: true, phase: "ended" };
      return { ...state, overlay: undefined };
    case "quit":
      if (state.unsaved) return { ...state, overlay: { kind: "confirm", question: "Quit and lose the unsaved edits?", action: { type: "quit" } } };
      return { ...state, exited: true, phase: "ended" };
    case "cycle_break": {
      const next = BREAK_MODES[(BREAK_MODES.indexOf(state.breakMode) + 1) % BREAK_MODES.length] ?? "always";
      return { ...state, breakMode: next };
    }
    case "resize":
    case "continue":
    case "skip":
    case "edit_external":
    case "apply_fix":
    case "rerun":
    case "export":
      return state;
  }
}
