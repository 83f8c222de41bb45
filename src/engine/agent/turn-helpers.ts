import type { Finding } from "../diagnosis/finding.js";
import { isError } from "../diagnosis/finding.js";
import type { ErrorOutcome, ExecutionMode } from "../executor/outcome.js";
import type { ModelToolCall } from "./agent-contract.js";

/**
 * Call ids the session can key on: a server that sends none (or repeats one across turns, as some
 * local servers do) gets `call_<step>_<n>` / `<id>_<n>`. The same ids go back to the model, so the
 * conversation stays consistent.
 */
export function uniqueCallIds(calls: readonly ModelToolCall[], step: number, seen: Set<string>): ModelToolCall[] {
  return calls.map((call, index) => {
    let id = call.id === "" ? `call_${step}_${index + 1}` : call.id;
    for (let n = 2; seen.has(id); n++) id = `${call.id === "" ? `call_${step}_${index + 1}` : call.id}_${n}`;
    seen.add(id);
    return id === call.id ? call : { ...call, id };
  });
}

/** The outcome of a re-run that was not executed (its arguments fail validation, or it cannot run). */
export function notRunOutcome(mode: ExecutionMode, findings: readonly Finding[]): ErrorOutcome {
  const reasons = findings.filter(isError).map((finding) => finding.code);
  return {
    status: "error",
    mode,
    durationMs: 0,
    console: { stdout: "", stderr: "", droppedBytes: 0 },
    phase: "validation",
    error: { name: "NotRun", message: `not executed: ${reasons.length > 0 ? reasons.join(", ") : "the tool cannot run"}${mode === "validated" ? " (raw mode runs it anyway)" : ""}` },
  };
}
