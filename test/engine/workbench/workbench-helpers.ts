import type { ToolSpec } from "../../../src/tools/tool-spec.js";
import type { WorkbenchCall } from "../../../src/engine/workbench/workbench-contract.js";
import { initialModel, type WorkbenchEvent, type WorkbenchModel, type WorkbenchStep } from "../../../src/engine/workbench/workbench-model.js";
import { reduceWorkbench } from "../../../src/engine/workbench/reduce-workbench.js";
import { diagnoseCall } from "../../../src/engine/diagnosis/diagnose-call.js";
import { hasErrors } from "../../../src/engine/diagnosis/finding.js";

export const invoiceSpec: ToolSpec = {
  name: "get_invoice_status",
  description: "Look up an invoice",
  parameters: { type: "object", properties: { invoice_id: { type: "string" } }, required: ["invoice_id"], additionalProperties: false },
  executable: true,
  sideEffects: false,
  shape: "tooldbg",
  source: { module: "tools.ts", exportName: "getInvoiceStatus" },
};

export const emailSpec: ToolSpec = { ...invoiceSpec, name: "send_invoice_email", sideEffects: true, source: { module: "tools.ts", exportName: "sendInvoiceEmail" } };

/** A loaded call diagnosed against `spec`, as open mode makes them. */
export function makeCall(id: string, args: string, spec: ToolSpec = invoiceSpec, extra: Partial<WorkbenchCall> = {}): WorkbenchCall {
  const findings = diagnoseCall({ name: spec.name, arguments: args }, { tools: [spec] }).findings;
  return { id, tool: spec.name, arguments: args, argumentsRecorded: true, spec, findings, status: hasErrors(findings) ? "failed" : "ok", source: { file: "prod.jsonl", line: 1 }, executions: [], ...extra };
}

export function openModel(calls: readonly WorkbenchCall[], tools: readonly ToolSpec[] = [invoiceSpec, emailSpec]): WorkbenchModel {
  return { ...initialModel({ mode: "open", title: "open prod.jsonl", sourceLabel: "openai-chat", tools, calls }), phase: "idle" };
}

/** Reduce a sequence of events, returning the last step (effects of the last event). */
export function reduceAll(state: WorkbenchModel, events: readonly WorkbenchEvent[]): WorkbenchStep {
  let step: WorkbenchStep = { state, effects: [] };
  for (const e of events) step = reduceWorkbench(step.state, e);
  return step;
}
