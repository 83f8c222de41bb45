import type { Finding, FindingCode } from "../diagnosis/finding.js";
import { hasErrors } from "../diagnosis/finding.js";
import { diagnoseCall } from "../diagnosis/diagnose-call.js";
import { applyFixes } from "../fixes/apply-fixes.js";
import { checkCall, type CheckedCall } from "../fixtures/check-call.js";
import { expectationFor, describeCase } from "../fixtures/build-fixture.js";
import type { Fixture, FixtureExpectation } from "../fixtures/fixture-format.js";
import type { ToolRunner } from "../fixtures/tool-runner.js";
import { writeFixture } from "../fixtures/write-fixture.js";
import type { FoundCall } from "./find-call.js";
import { advertisedSpec } from "./advertised-spec.js";

/** Codes a replay of the arguments cannot reproduce: they come from the log's conversation or its recorded run. */
const LOG_ONLY: ReadonlySet<FindingCode> = new Set(["tool_error", "timeout", "non_serializable_result", "missing_tool_result", "orphan_tool_result"]);

/**
 * Turn a logged call into a fixture. With executable tools (and leave for side effects), the call
 * is re-run so the expectation is what happens today; otherwise it is read from the diagnosis
 * and the logged result. A mechanically fixed version is included when it passes validation.
 */
export async function exportLoggedCall(
  found: FoundCall,
  dir: string,
  opts: { runner?: ToolRunner; allowSideEffects: boolean; timeoutMs: number },
): Promise<{ path: string; notes: string[] }> {
  const { raw, scanned } = found;
  const notes: string[] = [];
  const spec = opts.runner?.tools.find((t) => t.name === raw.tool);
  const advertised = raw.advertised?.find((a) => a.name === raw.tool);
  const mayRun = opts.runner !== undefined && spec?.executable === true && (!spec.sideEffects || opts.allowSideEffects);
  if (spec?.sideEffects && !opts.allowSideEffects) notes.push(`${raw.tool} has side effects: not re-executed (pass --allow-side-effects to run it)`);

  let expect: FixtureExpectation;
  let checked: CheckedCall | undefined;
  if (mayRun && opts.runner) {
    checked = await checkCall(opts.runner, { tool: raw.tool, arguments: raw.arguments }, { mode: "validated", timeoutMs: opts.timeoutMs });
    expect = expectationFor(checked);
  } else {
    expect = expectationFromLog(scanned.diagnoses, scanned.result);
  }

  const argumentFindings = (checked?.findings ?? scanned.diagnoses).filter((f) => !LOG_ONLY.has(f.code));
  const fix = applyFixes(raw.arguments, argumentFindings);
  let fixed: Fixture["fixed"];
  if (fix) {
    if (mayRun && opts.runner) {
      const fixedChecked = await checkCall(opts.runner, { tool: raw.tool, arguments: fix.arguments }, { mode: "validated", timeoutMs: opts.timeoutMs });
      if (!hasErrors(fixedChecked.findings)) fixed = { arguments: fix.arguments, expect: expectationFor(fixedChecked) };
    } else {
      // Not run: the fixed arguments must at least pass the signature they would be checked against.
      const target = spec ?? (advertised ? advertisedSpec(advertised) : undefined);
      const recheck = target ? diagnoseCall({ name: raw.tool, arguments: fix.arguments }, { tools: [{ ...target, executable: true }] }) : undefined;
      if (recheck && !hasErrors(recheck.findings)) fixed = { arguments: fix.arguments, expect: { diagnoses: [] } };
    }
  }

  const signature = spec?.parameters ?? advertised?.parameters;
  const fixture: Fixture = {
    tooldbg: "fixture/1",
    // Named for what the fixture expects: a logged error, or the error the tool gave when re-run.
    name: describeCase(raw.tool, scanned.diagnoses, "error" in expect ? { status: "error" } : checked?.outcome),
    tool: raw.tool,
    arguments: raw.arguments,
    ...(signature ? { signature } : {}),
    expect,
    ...(fixed ? { fixed } : {}),
    source: {
      file: raw.source.file,
      line: raw.source.line,
      callId: raw.callId,
      ...(raw.model ? { model: raw.model } : {}),
      ...(raw.argumentsRecorded ? {} : { argumentsRecorded: false }),
    },
  };
  if (!raw.argumentsRecorded) notes.push("raw arguments not recorded in this log: the fixture holds them re-serialized");
  return { path: await writeFixture(fixture, dir), notes };
}

function expectationFromLog(diagnoses: readonly Finding[], result: FoundCall["scanned"]["result"]): FixtureExpectation {
  const argumentFindings = diagnoses.filter((f) => !LOG_ONLY.has(f.code));
  if (hasErrors(argumentFindings)) return { diagnoses: [...new Set(argumentFindings.map((f) => f.code))] };
  if (result?.isError) return { error: { match: (result.content.split("\n", 1)[0] ?? "").slice(0, 200) } };
  return { ok: true };
}
