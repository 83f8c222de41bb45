import type { ExecutionOutcome } from "../../engine/executor/outcome.js";
import type { WorkbenchCall, WorkbenchExecution } from "../../engine/workbench/workbench-contract.js";
import { heading, seg, wrapText, type Line } from "../shared/line.js";

/** Enough of a result to judge it; J/K scroll, and the whole of it is in the exported fixture. */
const MAX_RESULT_LINES = 80;

function textLines(text: string, width: number, tone?: "muted" | "error", prefix = ""): Line[] {
  const wrapped = wrapText(text, Math.max(1, width - prefix.length));
  const shown = wrapped.slice(0, MAX_RESULT_LINES).map((line): Line => [seg(prefix, "muted"), seg(line, tone)]);
  if (wrapped.length > MAX_RESULT_LINES) shown.push([seg(`… ${wrapped.length - MAX_RESULT_LINES} more lines`, "muted")]);
  return shown;
}

function resultText(outcome: ExecutionOutcome & { status: "ok" }): string {
  if (outcome.omittedResultChars !== undefined) return `(result of ${outcome.omittedResultChars.toLocaleString("en-US")} characters not brought back) ${outcome.preview}`;
  if (outcome.result === undefined) return "(no result: undefined)";
  return JSON.stringify(outcome.result, null, 2) ?? String(outcome.result);
}

function outcomeLines(outcome: ExecutionOutcome, width: number): Line[] {
  switch (outcome.status) {
    case "ok": {
      const lines = textLines(resultText(outcome), width);
      for (const issue of outcome.serialization) {
        lines.push([seg(`⚠ not JSON-serializable at ${issue.path || "(result)"}: ${issue.kind}${issue.detail ? ` ${issue.detail}` : ""}`, "warning")]);
      }
      return lines;
    }
    case "error": {
      const lines = textLines(`${outcome.error.name}: ${outcome.error.message}`, width, "error");
      for (const issue of outcome.error.issues ?? []) lines.push(...textLines(`${issue.path || "(arguments)"}: ${issue.message}`, width, "error", "  "));
      return lines;
    }
    case "timeout":
      return [[seg(`timed out after ${outcome.timeoutMs} ms (the worker was restarted)`, "error")]];
    case "crashed":
      return [[seg(`the worker crashed: ${outcome.reason}`, "error")]];
  }
}

function consoleLines(outcome: ExecutionOutcome, width: number): Line[] {
  const lines: Line[] = [];
  const { stdout, stderr, droppedBytes } = outcome.console;
  if (stdout) lines.push(...textLines(stdout.replace(/\n$/, ""), width, undefined, "stdout│ "));
  if (stderr) lines.push(...textLines(stderr.replace(/\n$/, ""), width, "error", "stderr│ "));
  if (droppedBytes > 0) lines.push([seg(`(${droppedBytes.toLocaleString("en-US")} more bytes of output dropped)`, "muted")]);
  return lines;
}

export function executionTitle(execution: WorkbenchExecution, index: number): string {
  const { outcome } = execution;
  const what = outcome.status === "ok" ? "Result ✓ ok" : outcome.status === "error" ? `Error ✗ ${outcome.phase === "validation" ? "rejected by validation" : "thrown"}` : outcome.status === "timeout" ? "Timeout ✗" : "Crashed ✗";
  return `${what} · run ${index + 1} · ${execution.mode} · ${Math.round(outcome.durationMs)} ms`;
}

export function executionLines(execution: WorkbenchExecution, index: number, width: number): Line[] {
  const tone = execution.outcome.status === "ok" ? "ok" : "error";
  const lines: Line[] = [heading(executionTitle(execution, index), width, tone)];
  lines.push(...outcomeLines(execution.outcome, width));
  lines.push(...consoleLines(execution.outcome, width));
  return lines;
}

export function loggedLines(logged: NonNullable<WorkbenchCall["logged"]>, width: number): Line[] {
  const title = logged.isError ? `Logged error${logged.errorInferred ? " (inferred from the text)" : ""}` : "Logged result";
  let text = logged.content;
  try {
    text = JSON.stringify(JSON.parse(logged.content), null, 2);
  } catch {
    // not JSON: show it as the log has it
  }
  return [heading(title, width, logged.isError ? "error" : "muted"), ...textLines(text, width, logged.isError ? "error" : undefined)];
}

export function diffLines(execution: WorkbenchExecution, width: number): Line[] {
  if (!execution.diff || execution.diff.length === 0) return [];
  const against = execution.comparedWith === "logged" ? "the logged result" : "the previous run";
  const lines: Line[] = [heading(`Diff against ${against}`, width, "muted")];
  for (const line of execution.diff.slice(0, MAX_RESULT_LINES)) {
    const sign = line.op === "added" ? "+ " : line.op === "removed" ? "- " : "  ";
    lines.push(...textLines(line.text, width, undefined, sign).map((wrapped): Line => wrapped.map((part) => ({ ...part, tone: line.op === "added" ? "added" : line.op === "removed" ? "removed" : part.tone }))));
  }
  return lines;
}
