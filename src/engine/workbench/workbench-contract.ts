import type { Finding } from "../diagnosis/finding.js";
import type { ExecutionMode, ExecutionOutcome } from "../executor/outcome.js";
import type { SourceRef } from "../logs/log-events.js";
import type { ToolSpec } from "../../tools/tool-spec.js";
import type { BreakMode, CallStatus, ModelError } from "../agent/agent-contract.js";

/**
 * What the TUI renders and how it asks for things (SPEC §4). The workbench is the one state both
 * `run` (a live agent session) and `open` (calls loaded from logs or sessions) show; `src/ui` only
 * renders a `WorkbenchState` and calls `dispatch`. Every effect (executing, exporting, spawning
 * $EDITOR, loading logs) happens in `src/engine/workbench`, which folds its results back into the
 * state with a pure reducer, so fast keys never act on stale state.
 */

export type WorkbenchMode = "run" | "open";

/** One row of the timeline. Calls are stored once, in `calls`, and referenced by index. */
export type TimelineRow =
  | { kind: "user"; content: string }
  | { kind: "assistant"; step: number; content: string | null; callCount: number }
  | { kind: "call"; call: number }
  | { kind: "model_error"; step: number; error: ModelError }
  | { kind: "note"; message: string };

export interface WorkbenchExecution {
  arguments: string;
  mode: ExecutionMode;
  outcome: ExecutionOutcome;
  findings: Finding[];
  /** Line diff of this result against the previous execution (or the logged result when none), when they differ. */
  diff?: DiffLine[];
  /** What it was compared with, for the heading ("previous run", "logged result"). */
  comparedWith?: "previous" | "logged";
}

export interface DiffLine {
  op: "same" | "added" | "removed";
  text: string;
}

export interface WorkbenchCall {
  id: string;
  tool: string;
  /** As the model sent it, byte for byte. */
  arguments: string;
  /** False when the log kept only parsed arguments: the UI says "raw arguments not recorded". */
  argumentsRecorded: boolean;
  spec?: ToolSpec;
  findings: Finding[];
  status: CallStatus;
  step?: number;
  model?: string;
  time?: string;
  source?: SourceRef;
  notes?: string[];
  /** The result or error as the log recorded it (open). */
  logged?: { content: string; isError?: boolean; errorInferred?: boolean };
  executions: WorkbenchExecution[];
  /** The user's edited arguments (kept per call until sent or exported), with their live diagnosis. */
  edited?: { text: string; findings: Finding[] };
  /** The last fixture written for this call. */
  exportedTo?: string;
}

/** Header state word (SPEC §4.1). */
export type WorkbenchPhase = "starting" | "loading" | "thinking" | "paused" | "executing" | "idle" | "ended";

export interface LoadProgress {
  /** Bytes read of all files, and their total, for a percentage. */
  bytesRead: number;
  bytesTotal: number;
  calls: number;
  done: boolean;
  /** Bad lines so far, with file:line (SPEC §6), the first few kept. */
  badLines: number;
  firstErrors: { file: string; line: number; message: string }[];
}

export type Overlay =
  | { kind: "help" }
  /** A yes/no question: quitting with unsaved work, running a side-effecting tool from a log, overwriting nothing. */
  | { kind: "confirm"; question: string; action: ConfirmableAction }
  /** A one-off message (the fixture path after `x`, an error from $EDITOR). */
  | { kind: "message"; text: string; tone: "info" | "error" };

export type ConfirmableAction =
  | { type: "quit" }
  /** `call` (added): the index into `calls` the question is about, so a row arriving meanwhile cannot change it. */
  | { type: "rerun"; mode: ExecutionMode; allowSideEffects: true; call?: number };

export type Focus = "timeline" | "editor" | "filter";

export interface WorkbenchState {
  mode: WorkbenchMode;
  /** "run examples/billing/agent.ts" or "open prod.jsonl (+2)". */
  title: string;
  /** "scripted (no OPENAI_API_KEY)", "live", "replay prod.jsonl", or the log formats. */
  sourceLabel: string;
  model?: string;
  phase: WorkbenchPhase;
  step: number;
  steps?: number;
  breakMode: BreakMode;
  sessionFile?: string;
  rows: readonly TimelineRow[];
  calls: readonly WorkbenchCall[];
  /** Indexes into `rows` that pass the filter (all rows when no filter). */
  visible: readonly number[];
  /** Index into `visible`. */
  cursor: number;
  /** The call the loop is paused at, an index into `calls`. */
  pausedCall?: number;
  /** Streamed model text for the turn in progress (run). */
  streaming: string;
  filter: { text: string; editing: boolean };
  /** The inline editor, open on the selected call. `cursor` is a character offset into `text`. */
  editor?: { call: number; text: string; cursor: number; findings: Finding[] };
  focus: Focus;
  overlay?: Overlay;
  load?: LoadProgress;
  /** Work a quit would lose: edits not sent, executions not exported. */
  unsaved: boolean;
  /** Set once the workbench is finished: the UI unmounts. */
  exited: boolean;
}

/** Everything the UI can ask for. The keymap in src/ui maps keys to these. */
export type WorkbenchAction =
  | { type: "move"; delta: number }
  | { type: "move_to"; position: "first" | "last" }
  | { type: "page"; delta: number }
  /** enter: execute / continue the paused step. */
  | { type: "continue"; then: "step" | "continue" }
  | { type: "skip" }
  | { type: "edit_open" }
  | { type: "edit_change"; text: string; cursor: number }
  | { type: "edit_commit" }
  | { type: "edit_cancel" }
  /** E: the host suspends the UI, runs $EDITOR on a temp file, and feeds the text back. */
  | { type: "edit_external" }
  | { type: "apply_fix" }
  | { type: "rerun"; mode: ExecutionMode }
  | { type: "export" }
  | { type: "cycle_break" }
  | { type: "filter_open" }
  | { type: "filter_change"; text: string }
  | { type: "filter_commit" }
  | { type: "filter_clear" }
  | { type: "help_toggle" }
  | { type: "confirm"; yes: boolean }
  | { type: "dismiss" }
  | { type: "quit" }
  /** The terminal's size, so paging and the list window fit. */
  | { type: "resize"; columns: number; rows: number };

export interface Workbench {
  getState(): WorkbenchState;
  subscribe(listener: () => void): () => void;
  dispatch(action: WorkbenchAction): void;
  /** Resolves when the user has quit and every file is closed. */
  readonly done: Promise<void>;
  /**
   * Optional: runApp calls it once with the handoff for `E` (a workbench built before the UI can
   * instead take `createTerminalHandoff()` from src/ui/run-app.tsx and pass the same to runApp).
   */
  attachTerminal?(handoff: TerminalHandoff): void;
}

/**
 * What the UI host (src/ui/run-app.tsx) gives the workbench for `E`: it releases the terminal,
 * awaits `run`, then takes the terminal back. The workbench does the spawning.
 */
export interface TerminalHandoff {
  suspend<T>(run: () => Promise<T>): Promise<T>;
}
