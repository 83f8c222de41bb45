import type { ExecutionMode } from "../executor/outcome.js";
import { checkCall } from "../fixtures/check-call.js";
import type { ToolRunner } from "../fixtures/tool-runner.js";
import type { WorkbenchExecution } from "./workbench-contract.js";

/**
 * Execute a call in the isolated worker the way `r`/`R` ask. Validated arguments with errors are
 * not run (as an SDK would refuse them); the execution then says so, so every keypress shows an outcome.
 */
export async function runCall(
  runner: ToolRunner,
  call: { tool: string; arguments: string },
  mode: ExecutionMode,
  timeoutMs: number,
): Promise<WorkbenchExecution> {
  const checked = await checkCall(runner, call, { mode, timeoutMs });
  if (checked.outcome) return { arguments: call.arguments, mode, outcome: checked.outcome, findings: checked.findings };
  const spec = runner.tools.find((t) => t.name === call.tool);
  const why = !spec
    ? `no tool named "${call.tool}" is loaded`
    : !spec.executable
      ? `"${call.tool}" is schema-only: nothing to execute`
      : mode === "validated"
        ? "not executed: the arguments fail validation (R runs them raw)"
        : "not executed: the arguments do not parse as a JSON object (a runtime's JSON.parse fails here too)";
  return {
    arguments: call.arguments,
    mode,
    outcome: { status: "error", mode, phase: "validation", durationMs: 0, console: { stdout: "", stderr: "", droppedBytes: 0 }, error: { name: "NotExecuted", message: why } },
    findings: checked.findings,
  };
}
