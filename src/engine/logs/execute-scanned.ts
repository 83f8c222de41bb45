import { hasErrors } from "../diagnosis/finding.js";
import { outcomeFindings } from "../diagnosis/findings.js";
import type { ToolRunner } from "../fixtures/tool-runner.js";
import type { ScannedCall } from "./scanned-call.js";

/**
 * Re-run a logged call in the isolated worker (scan --execute). Only calls whose arguments pass
 * validation run; a side-effecting tool runs only when the user allowed it, since replaying a
 * log must not send the mail or charge the card again by surprise.
 */
export async function executeScanned(call: ScannedCall, runner: ToolRunner, opts: { allowSideEffects: boolean; timeoutMs: number }): Promise<ScannedCall> {
  const spec = runner.tools.find((t) => t.name === call.tool);
  const skip = (why: string): ScannedCall => ({ ...call, notes: [...(call.notes ?? []), `not re-executed: ${why}`] });
  if (!spec?.executable) return skip("no executable tool of that name");
  if (hasErrors(call.diagnoses.filter((d) => d.code !== "tool_error"))) return skip("the arguments fail validation");
  if (spec.sideEffects && !opts.allowSideEffects) return skip("the tool has side effects (pass --allow-side-effects to run it)");
  let args: unknown;
  try {
    args = JSON.parse(call.arguments);
  } catch {
    return skip("the arguments are not valid JSON");
  }
  const execution = await runner.call({ tool: call.tool, args, argumentsText: call.arguments, mode: "validated", timeoutMs: opts.timeoutMs });
  const diagnoses = [...call.diagnoses, ...outcomeFindings(execution)];
  return { ...call, execution, diagnoses, ok: !hasErrors(diagnoses) };
}
