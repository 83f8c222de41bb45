import type { Finding } from "../diagnosis/finding.js";
import { hasErrors } from "../diagnosis/finding.js";
import { diagnoseCall } from "../diagnosis/diagnose-call.js";
import type { WorkbenchCall } from "./workbench-contract.js";
import type { WorkbenchModel } from "./workbench-model.js";

/** The call under the cursor, with its index into `calls`. O(1). */
export function selectedCall(state: WorkbenchModel): { index: number; call: WorkbenchCall } | undefined {
  const rowIndex = state.visible[state.cursor];
  const row = rowIndex === undefined ? undefined : state.rows[rowIndex];
  if (row?.kind !== "call") return undefined;
  const call = state.calls[row.call];
  return call ? { index: row.call, call } : undefined;
}

/**
 * Replace one call. The array is copied (O(calls), a pointer copy) because the UI may compare
 * `calls` by identity; this happens on edits and executions, never on a cursor move.
 */
export function replaceCall(state: WorkbenchModel, index: number, next: WorkbenchCall, dirty?: boolean): WorkbenchModel {
  const calls = state.calls.slice();
  calls[index] = next;
  let marks = state.dirty;
  if (dirty !== undefined && marks.has(index) !== dirty) {
    const copy = new Set(marks);
    if (dirty) copy.add(index);
    else copy.delete(index);
    marks = copy;
  }
  return { ...state, calls, dirty: marks, unsaved: marks.size > 0 };
}

/**
 * Live diagnosis of edited arguments: against the executable tools when there are any (so
 * not_executable and the closest-name hint still apply), else against the call's own signature.
 * Schema drift is about the schemas, not the text, so the original finding is carried over.
 */
export function rediagnose(state: WorkbenchModel, call: WorkbenchCall, text: string): Finding[] {
  const raw = { name: call.tool, arguments: text };
  const spec = call.spec;
  const ctx =
    state.tools.length > 0
      ? { tools: state.tools, ...(spec && !state.tools.includes(spec) ? { advertised: [spec] } : {}) }
      : { tools: spec ? [spec] : [] };
  const findings = diagnoseCall(raw, ctx).findings;
  if (!findings.some((f) => f.code === "schema_drift")) findings.push(...call.findings.filter((f) => f.code === "schema_drift"));
  return findings;
}

export const statusOf = (findings: readonly Finding[]): "ok" | "failed" => (hasErrors(findings) ? "failed" : "ok");
