import type { FindingCode } from "../diagnosis/finding.js";
import { hasErrors } from "../diagnosis/finding.js";
import { buildFixture } from "../fixtures/build-fixture.js";
import type { CheckedCall } from "../fixtures/check-call.js";
import type { Fixture } from "../fixtures/fixture-format.js";
import type { ToolRunner } from "../fixtures/tool-runner.js";
import { writeFixture } from "../fixtures/write-fixture.js";
import { exportLoggedCall } from "../logs/export-logged-call.js";
import type { WorkbenchCall, WorkbenchExecution } from "./workbench-contract.js";

/** Codes from the log's conversation or recorded run: a replay of the arguments cannot reproduce them. */
const LOG_ONLY: ReadonlySet<FindingCode> = new Set(["tool_error", "timeout", "non_serializable_result", "missing_tool_result", "orphan_tool_result"]);

const latestRun = (call: WorkbenchCall, text: string): WorkbenchExecution | undefined => {
  for (let i = call.executions.length - 1; i >= 0; i--) {
    const e = call.executions[i];
    if (e && e.arguments === text && !(e.outcome.status === "error" && e.outcome.error.name === "NotExecuted")) return e;
  }
  return undefined;
};

/**
 * `x`: write the selected call as a fixture (atomic, never over an existing file, secrets redacted).
 * Untouched calls go the way of `tooldbg export` (re-run when the tool may run, else the log's
 * evidence). Calls the user ran or edited keep what the workbench saw: the model's arguments with
 * their diagnosis or run, and the user's edit as the fixed version.
 */
export async function exportCall(
  call: WorkbenchCall,
  dir: string,
  opts: { runner?: ToolRunner; timeoutMs: number; model?: string },
): Promise<{ path: string; notes: string[] }> {
  const source: Fixture["source"] = {
    ...(call.source ? { file: call.source.file, line: call.source.line } : {}),
    callId: call.id,
    ...((call.model ?? opts.model) ? { model: call.model ?? opts.model } : {}),
    ...(call.argumentsRecorded ? {} : { argumentsRecorded: false }),
  };
  const original = latestRun(call, call.arguments);
  if (!call.edited && !original && call.source) {
    return exportLoggedCall(
      {
        raw: {
          kind: "call",
          callId: call.id,
          syntheticId: false,
          tool: call.tool,
          arguments: call.arguments,
          argumentsRecorded: call.argumentsRecorded,
          ...(call.spec ? { advertised: [{ name: call.spec.name, parameters: call.spec.parameters, ...(call.spec.description ? { description: call.spec.description } : {}) }] } : {}),
          ...((call.model ?? opts.model) ? { model: call.model ?? opts.model } : {}),
          source: call.source,
        },
        scanned: {
          callId: call.id,
          tool: call.tool,
          arguments: call.arguments,
          argumentsRecorded: call.argumentsRecorded,
          source: call.source,
          ok: !hasErrors(call.findings),
          diagnoses: call.findings,
          ...(call.logged ? { result: { ...call.logged, source: call.source } } : {}),
        },
      },
      dir,
      { ...(opts.runner ? { runner: opts.runner } : {}), allowSideEffects: false, timeoutMs: opts.timeoutMs },
    );
  }
  const checked: CheckedCall = original
    ? { findings: original.findings, outcome: original.outcome, skipped: false }
    : { findings: call.findings.filter((f) => !LOG_ONLY.has(f.code)), skipped: true };
  const edited = call.edited;
  const editedRun = edited ? latestRun(call, edited.text) : undefined;
  const fixed = edited
    ? { arguments: edited.text, checked: editedRun ? { findings: editedRun.findings, outcome: editedRun.outcome, skipped: false } : { findings: edited.findings, skipped: true } }
    : undefined;
  const fixture = buildFixture({ spec: call.spec, tool: call.tool, arguments: call.arguments, checked, ...(fixed ? { fixed } : {}), source });
  const notes = call.argumentsRecorded ? [] : ["raw arguments not recorded in this log: the fixture holds them re-serialized"];
  return { path: await writeFixture(fixture, dir), notes };
}
