import type { ToolSpec, LoadError } from "../../tools/tool-spec.js";
import type { ExecutionMode, ExecutionOutcome } from "./outcome.js";

/** Messages over the worker's IPC channel (JSON serialization). Tool stdout/stderr never carry protocol. */
export type ParentMessage =
  | { type: "load"; modules: string[]; cwd: string }
  | { type: "call"; id: number; tool: string; args: unknown; argumentsText: string; mode: ExecutionMode };

/** The worker measures and captures; the parent owns timeouts and crashes. */
export type WorkerOutcome = Exclude<ExecutionOutcome, { status: "timeout" | "crashed" }>;

export type WorkerMessage =
  | { type: "loaded"; tools: ToolSpec[]; errors: LoadError[] }
  | { type: "result"; id: number; outcome: WorkerOutcome }
  /** Sent just before the worker dies on its own (process.exit, uncaught error, unhandled rejection). */
  | { type: "dying"; reason: string; console?: { stdout: string; stderr: string; droppedBytes: number } };
