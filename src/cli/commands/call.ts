import { parse as parseJsonc, type ParseError } from "jsonc-parser";
import { parseFlags, intFlag } from "../parse-flags.js";
import { UsageError, EXIT } from "../usage-error.js";
import { startTools } from "../start-tools.js";
import { styleFor } from "../style.js";
import { renderFinding, renderOutcome } from "../render.js";
import { readPipedStdin } from "../read-stdin.js";
import { closestName } from "../../engine/diagnosis/closest-name.js";
import { hasErrors } from "../../engine/diagnosis/finding.js";
import { checkCall, type CheckedCall } from "../../engine/fixtures/check-call.js";
import { applyFixes } from "../../engine/fixes/apply-fixes.js";
import { buildFixture } from "../../engine/fixtures/build-fixture.js";
import { writeFixture } from "../../engine/fixtures/write-fixture.js";
import { formatSignature } from "../../tools/signature.js";
import type { ToolRunner } from "../../engine/fixtures/tool-runner.js";

export async function callCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseFlags("call", withDefaultExportDir(argv), {
    tools: { type: "string", multiple: true },
    mcp: { type: "string", multiple: true },
    raw: { type: "boolean" },
    timeout: { type: "string" },
    json: { type: "boolean" },
    export: { type: "string" },
  });
  const [toolName, argsArg, ...extra] = positionals;
  if (toolName === undefined) throw new UsageError("call needs a tool name: tooldbg call <tool> [ARGS_JSON] --tools MODULE");
  if (extra.length > 0) throw new UsageError(`unexpected extra argument "${extra[0]}"; quote ARGS_JSON as one argument`);
  const timeoutMs = intFlag("timeout", values.timeout, 10_000);
  const argumentsText = argsArg ?? stripFinalNewline((await readPipedStdin()) ?? "{}");
  checkUserJson(argumentsText);

  const host = await startTools(values.tools ?? [], { timeoutMs, ...(values.mcp ? { mcp: values.mcp } : {}) });
  try {
    const spec = host.tools.find((t) => t.name === toolName);
    if (!spec) {
      const names = host.tools.map((t) => t.name);
      const closest = closestName(toolName, names);
      throw new UsageError(`unknown tool "${toolName}"${closest ? `; did you mean "${closest}"?` : ""} (known tools: ${names.join(", ")})`);
    }
    const mode = values.raw ? "raw" : "validated";
    const checked = await checkCall(host, { tool: toolName, arguments: argumentsText }, { mode, timeoutMs });
    const exported = values.export !== undefined ? await exportCall(host, toolName, argumentsText, checked, values.export || "fixtures", timeoutMs) : undefined;
    const failed = hasErrors(checked.findings) || checked.skipped || (checked.outcome !== undefined && checked.outcome.status !== "ok");
    if (values.json) {
      const doc = {
        tooldbg: "call/1",
        tool: toolName,
        arguments: argumentsText,
        mode,
        executed: !checked.skipped,
        ok: !failed,
        diagnoses: checked.findings,
        ...(checked.outcome ? { outcome: checked.outcome } : {}),
        ...(exported ? { fixture: exported } : {}),
        ...(host.frames.frames.length > 0 ? { mcpFrames: host.frames.frames } : {}),
      };
      process.stdout.write(`${JSON.stringify(doc, null, 2)}\n`);
    } else {
      const s = styleFor(process.stdout);
      const lines = [s.bold(formatSignature(spec)), `  arguments: ${argumentsText}`];
      lines.push(...checked.findings.map((f) => renderFinding(f, s)));
      if (checked.outcome) lines.push(renderOutcome(checked.outcome, s));
      else if (!spec.executable) lines.push(s.yellow("not executed: the tool has no execute function (schema-only)"));
      else lines.push(s.yellow("not executed: the arguments fail validation (--raw runs them as a runtime without validation would)"));
      if (exported) lines.push(`${s.cyan("fixture:")} ${exported}`);
      process.stdout.write(s.shown(`${lines.join("\n")}\n`));
    }
    return failed ? EXIT.failures : EXIT.ok;
  } finally {
    await host.close();
  }
}

/** Save the call, plus its mechanically fixed version when that one runs clean. */
async function exportCall(host: ToolRunner, tool: string, argumentsText: string, checked: CheckedCall, dir: string, timeoutMs: number): Promise<string> {
  const spec = host.tools.find((t) => t.name === tool);
  const fix = applyFixes(argumentsText, checked.findings);
  let fixed: { arguments: string; checked: CheckedCall } | undefined;
  if (fix) {
    const fixedChecked = await checkCall(host, { tool, arguments: fix.arguments }, { mode: "validated", timeoutMs });
    if (!hasErrors(fixedChecked.findings) && fixedChecked.outcome?.status === "ok") fixed = { arguments: fix.arguments, checked: fixedChecked };
  }
  const fixture = buildFixture({ spec, tool, arguments: argumentsText, checked, ...(fixed ? { fixed } : {}), source: { command: "call" } });
  return writeFixture(fixture, dir);
}

/** ARGS_JSON is typed by the user: invalid JSON there is a usage error, said with its position. */
function checkUserJson(text: string): void {
  try {
    JSON.parse(text);
  } catch {
    const errors: ParseError[] = [];
    parseJsonc(text, errors, { allowTrailingComma: false, disallowComments: true });
    const offset = errors[0]?.offset ?? 0;
    const before = text.slice(0, offset).split("\n");
    const where = `line ${before.length}, column ${(before[before.length - 1]?.length ?? 0) + 1}`;
    throw new UsageError(
      text.trim() === ""
        ? "ARGS_JSON is empty; pass the arguments as JSON, e.g. '{}'"
        : `ARGS_JSON is not valid JSON (${where}); quote it for the shell, e.g. '{"invoice_id":"INV-1"}'`,
    );
  }
}

/** `--export` may stand without a directory (last, or before another flag): it then means fixtures/. */
function withDefaultExportDir(argv: string[]): string[] {
  return argv.flatMap((arg, i) => {
    const next = argv[i + 1];
    return arg === "--export" && (next === undefined || next.startsWith("-")) ? [arg, "fixtures"] : [arg];
  });
}

const stripFinalNewline = (text: string) => text.replace(/\r?\n$/, "");
