import type { ExecutionMode } from "../engine/executor/outcome.js";
import type { ToolSpec, LoadError } from "./tool-spec.js";

/**
 * A tool as the worker process holds it: its plain-JSON spec plus the means to run it.
 * Lives only inside the worker; tooldbg's own process sees just `spec`.
 */
export interface LoadedTool {
  spec: ToolSpec;
  /**
   * Run the tool. `validated`: parse `args` with the tool's own schema first, as the SDKs do
   * (throws ValidationFailure on rejection). `raw`: hand `args` straight to the implementation.
   * Throws whatever the tool throws. Only called when spec.executable.
   */
  invoke(args: unknown, argumentsText: string, mode: ExecutionMode): Promise<unknown>;
}

/** Thrown by invoke() in validated mode when the tool's own schema rejects the arguments. */
export class ValidationFailure extends Error {
  override name = "ValidationFailure";
  constructor(
    message: string,
    readonly issues: readonly { path: string; message: string }[],
  ) {
    super(message);
  }
}

export interface RecognizeResult {
  tools: LoadedTool[];
  errors: LoadError[];
}
