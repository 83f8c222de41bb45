import type { ToolSpec, LoadError } from "../../tools/tool-spec.js";
import type { ExecutionMode, ExecutionOutcome } from "./outcome.js";

/** Messages over the worker's IPC channel (JSON serialization). Tool stdout/stderr never carry protocol. */
export type ParentMessage =
  | { type: "load"; modules: string[]; cwd: string }
  | { type: "call"; id: number; tool: string; args: unknown; argumentsText: string; mode: ExecutionMode };

/** The worker measures and captures; the parent owns timeouts and crashes. */
export type WorkerOutcome = Exclude<ExecutionOutcome, { status: "timeout" | "crashed" }>;

/**
 * An agent module's default export (defineAgent), read in the worker as plain JSON. `toolNames`
 * are its tools in the order the model is shown them; `script` is JSON-cloned, checked by the parent.
 */
export interface WorkerAgent {
  module: string;
  model?: string;
  instructions?: string;
  prompt?: string;
  script?: unknown;
  toolNames: string[];
  /** Fields that could not be read as plain JSON, one line each. */
  problems: string[];
}

export type WorkerMessage =
  /** `agents`: the loaded modules whose default export is a tooldbg agent (absent when none). */
  | { type: "loaded"; tools: ToolSpec[]; errors: LoadError[]; agents?: WorkerAgent[] }
  | { type: "result"; id: number; outcome: WorkerOutcome }
  /**
   * What call `id` printed, streamed as it happens (up to the capture cap) so that a call that
   * hangs or kills the worker still shows its output. droppedBytes is the running total past the cap.
   */
  | { type: "output"; id: number; stream: "stdout" | "stderr"; text: string; droppedBytes: number }
  /**
   * Sent just before the worker dies on its own (process.exit, uncaught error, unhandled rejection).
   * `module` names the module being imported when it happened during `load`.
   */
  | { type: "dying"; reason: string; module?: string; console?: { stdout: string; stderr: string; droppedBytes: number } };
