import type { Finding } from "../diagnosis/finding.js";
import type { ExecutionMode, ExecutionOutcome } from "../executor/outcome.js";
import type { ToolSpec } from "../../tools/tool-spec.js";

/**
 * The agent loop's public surface (SPEC §4.3), shared by the TUI (`run`) and `run --headless`.
 * The loop is a state machine driven by typed events; every decision that needs a person is a
 * promise the caller's `Decider` resolves. Nothing here throws across layers: a model that fails
 * is an event, a tool that fails is an outcome.
 */

export type BreakMode = "always" | "failures" | "never";
export const BREAK_MODES: readonly BreakMode[] = ["always", "failures", "never"];

/** What the agent module told the worker about itself (plain JSON: user code stays in the worker). */
export interface AgentInfo {
  /** The module path as given on the command line. */
  module: string;
  model?: string;
  instructions?: string;
  /** The first user message when --prompt is not given. */
  prompt?: string;
  /** Offline model turns (SPEC §4.3), in the OpenAI chat format. */
  script?: ScriptedTurn[];
  /** The tools the model is shown, in order. */
  tools: ToolSpec[];
}

export interface ScriptedTurn {
  content?: string | null;
  tool_calls?: { id: string; type?: "function"; function: { name: string; arguments: string } }[];
}

export interface ModelToolCall {
  id: string;
  name: string;
  /** The raw arguments string exactly as the model produced it (stream fragments joined). */
  arguments: string;
}

export interface ModelTurn {
  content: string | null;
  toolCalls: ModelToolCall[];
  model?: string;
  finishReason?: string;
}

export type ModelErrorKind = "auth" | "not_found" | "rate_limit" | "connection" | "bad_request" | "server" | "script_exhausted" | "other";

export interface ModelError {
  kind: ModelErrorKind;
  /** One line a person can act on ("401 from https://…: check OPENAI_API_KEY"). */
  message: string;
  status?: number;
}

/** Where model turns come from; the header shows `label` ("live gpt-4o-mini", "scripted (no OPENAI_API_KEY)"). */
export type ModelSourceKind = "live" | "scripted" | "replay";

/** Status of one tool call (STYLE §1): pending → paused → executing → ok | failed, or skipped. */
export type CallStatus = "pending" | "paused" | "executing" | "ok" | "failed" | "skipped";

export interface CallExecution {
  /** The arguments string that ran (the model's, or the user's edit). */
  arguments: string;
  mode: ExecutionMode;
  outcome: ExecutionOutcome;
  /** Findings of this run: the diagnosis of `arguments` plus tool_error / timeout / non_serializable_result. */
  findings: Finding[];
}

export interface SessionCall {
  id: string;
  /** The model turn (1-based) that asked for it. */
  step: number;
  tool: string;
  /** As the model sent it. */
  arguments: string;
  /** The executable or advertised tool of that name, when one is known. */
  spec?: ToolSpec;
  /** Diagnosis of the model's arguments. */
  findings: Finding[];
  status: CallStatus;
  /** Every execution, oldest first (the paused run plus any r/R re-runs). */
  executions: CallExecution[];
  /** What was sent back to the model, once sent. */
  toolMessage?: { content: string; isError: boolean };
}

/**
 * Why the loop stopped at a call. `before`: it has not run (break mode always, or its arguments
 * fail validation under failures). `after`: it ran and failed (failures or always).
 */
export interface PausedCall {
  callId: string;
  phase: "before" | "after";
  /**
   * Why it stopped here (additive): `always` break mode, error `findings` (failures), the run
   * `failed`, `step` (n), or a side-effecting tool in a replay asking first (`side_effects`).
   */
  reason?: PauseReason;
}

export type PauseReason = "always" | "findings" | "failed" | "step" | "side_effects";

export type Decision =
  /**
   * Go on with this call. `arguments` is what the user left in the editor (the model's when
   * unchanged). Before execution: the call runs in `mode` (default validated); validated arguments
   * with error findings are not run and the model receives the findings. After execution: the latest
   * execution's result is sent as is. `then: "step"` pauses at the very next call whatever the
   * break mode (`n`); `"continue"` honours the break mode (`enter` / `c`).
   */
  | { kind: "continue"; arguments?: string; mode?: ExecutionMode; then?: "step" | "continue" }
  /** Do not run it; the model is told the user skipped it. */
  | { kind: "skip"; then?: "step" | "continue" }
  /** Send this content as the tool's result without running anything. */
  | { kind: "inject"; content: string; isError?: boolean; then?: "step" | "continue" }
  | { kind: "quit" };

export interface Decider {
  decide(paused: PausedCall, session: AgentSessionView): Promise<Decision>;
}

export type EndReason = "answered" | "quit" | "model_error" | "max_steps";

export type AgentEvent =
  | { type: "started"; sessionFile: string | undefined; source: ModelSourceKind; label: string; model?: string; agent: AgentInfo }
  | { type: "user"; content: string }
  | { type: "model_started"; step: number }
  /** Streamed text or tool-call argument text as it arrives (live only). */
  | { type: "model_delta"; step: number; text: string }
  | { type: "assistant"; step: number; turn: ModelTurn }
  | { type: "call"; call: SessionCall }
  | { type: "paused"; paused: PausedCall }
  | { type: "executing"; callId: string; mode: ExecutionMode; arguments: string }
  | { type: "executed"; callId: string; execution: CallExecution; status: CallStatus }
  | { type: "tool_message"; callId: string; content: string; isError: boolean; status: CallStatus }
  | { type: "model_error"; step: number; error: ModelError }
  | { type: "break_mode"; mode: BreakMode }
  | { type: "ended"; reason: EndReason };

/** The session's state, folded from its events by a pure reducer. */
export interface AgentSessionView {
  agent: AgentInfo | undefined;
  source: ModelSourceKind | undefined;
  label: string;
  model: string | undefined;
  sessionFile: string | undefined;
  breakMode: BreakMode;
  step: number;
  /** User, assistant and model-error entries in order; calls are referenced by id. */
  timeline: TimelineEntry[];
  calls: ReadonlyMap<string, SessionCall>;
  paused: PausedCall | undefined;
  /** Text streamed for the turn in progress. */
  streaming: string;
  ended: EndReason | undefined;
  lastError: ModelError | undefined;
}

export type TimelineEntry =
  | { kind: "user"; content: string }
  | { kind: "assistant"; step: number; content: string | null; callIds: string[] }
  | { kind: "model_error"; step: number; error: ModelError };

export interface AgentSession {
  readonly view: AgentSessionView;
  /** Every event, in order, as it happens (the TUI reduces them into its own state). */
  subscribe(listener: (event: AgentEvent) => void): () => void;
  /** Runs the loop until the model answers without tool calls, the user quits or the model fails. */
  run(): Promise<EndReason>;
  setBreakMode(mode: BreakMode): void;
  /**
   * `r` / `R`: run a call again in isolation with these arguments, without advancing the loop.
   * The execution is appended to the call (and to the session file) and returned.
   */
  reexecute(callId: string, argumentsText: string, mode: ExecutionMode): Promise<CallExecution>;
  /** Stops the loop (pending decision answered with quit), closes the session file and the worker. */
  close(): Promise<void>;
}
