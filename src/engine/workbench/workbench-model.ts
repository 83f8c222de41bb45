import type { Finding } from "../diagnosis/finding.js";
import type { ExecutionMode } from "../executor/outcome.js";
import type { ToolSpec } from "../../tools/tool-spec.js";
import type { AgentEvent, Decision } from "../agent/agent-contract.js";
import type { LoadProgress, WorkbenchAction, WorkbenchCall, WorkbenchExecution, WorkbenchMode, WorkbenchState } from "./workbench-contract.js";

/**
 * The reducer's state: what the UI sees (`WorkbenchState`) plus what only the engine needs. It is
 * handed to the UI as is; the extra fields are invisible through the contract type.
 */
export interface WorkbenchModel extends WorkbenchState {
  /** Executable tools in view (--tools, or the agent's): live diagnosis of edits checks against them. */
  tools: readonly ToolSpec[];
  /** Terminal rows, for paging. */
  viewportRows: number;
  /** Calls with work a quit would lose (index into `calls`). Small, so copied on change. */
  dirty: ReadonlySet<number>;
  /** run: call id → index into `calls`. */
  callIndex: ReadonlyMap<string, number>;
  /** The filter that `visible` was computed with (it is only recomputed when this changes). */
  appliedFilter: string;
  /** run: the loop waits for a decision on this call. */
  awaitingDecision: boolean;
}

/** Results of effects and loading, folded back into the state. */
export type WorkbenchInternalEvent =
  | { type: "calls_loaded"; calls: readonly WorkbenchCall[] }
  | { type: "load_progress"; progress: Partial<LoadProgress> }
  | { type: "load_finished"; progress?: Partial<LoadProgress> }
  | { type: "load_failed"; message: string }
  | { type: "execution_started"; call: number; mode: ExecutionMode; arguments: string }
  | { type: "execution_finished"; call: number; execution: WorkbenchExecution }
  | { type: "export_written"; call: number; path: string; notes: readonly string[] }
  | { type: "external_edited"; call: number; text: string }
  | { type: "effect_failed"; message: string }
  | { type: "agent"; event: AgentEvent }
  | { type: "decision_sent"; call: number };

export type WorkbenchEvent = WorkbenchAction | WorkbenchInternalEvent;

/** Work the controller does for a transition; the results come back as internal events. */
export type WorkbenchEffect =
  | { kind: "rerun"; call: number; arguments: string; mode: ExecutionMode; allowSideEffects: boolean }
  | { kind: "export"; call: number }
  | { kind: "edit_external"; call: number; text: string }
  | { kind: "decide"; call: number; decision: Decision }
  | { kind: "set_break_mode"; mode: WorkbenchState["breakMode"] }
  | { kind: "quit" };

export interface WorkbenchStep {
  state: WorkbenchModel;
  effects: readonly WorkbenchEffect[];
}

export const NO_EFFECTS: readonly WorkbenchEffect[] = Object.freeze([]);
const NO_FINDINGS: readonly Finding[] = Object.freeze([]);
export const EMPTY_FINDINGS = NO_FINDINGS as Finding[];

export function initialModel(init: {
  mode: WorkbenchMode;
  title: string;
  sourceLabel: string;
  tools?: readonly ToolSpec[];
  model?: string;
  breakMode?: WorkbenchState["breakMode"];
  calls?: readonly WorkbenchCall[];
}): WorkbenchModel {
  const calls = init.calls ?? [];
  const rows = calls.map((_, call) => ({ kind: "call" as const, call }));
  return {
    mode: init.mode,
    title: init.title,
    sourceLabel: init.sourceLabel,
    ...(init.model ? { model: init.model } : {}),
    phase: init.mode === "open" ? "loading" : "starting",
    step: 0,
    breakMode: init.breakMode ?? "failures",
    rows,
    calls,
    visible: rows.map((_, i) => i),
    cursor: 0,
    streaming: "",
    filter: { text: "", editing: false },
    focus: "timeline",
    unsaved: false,
    exited: false,
    tools: init.tools ?? [],
    viewportRows: 24,
    dirty: new Set(),
    callIndex: new Map(),
    appliedFilter: "",
    awaitingDecision: false,
  };
}
