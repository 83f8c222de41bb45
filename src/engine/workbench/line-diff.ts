import { diffLines } from "diff";
import type { ExecutionOutcome } from "../executor/outcome.js";
import type { DiffLine, WorkbenchCall, WorkbenchExecution } from "./workbench-contract.js";

/** Texts past this are compared by their start only: a diff is for reading, and stays fast. */
const MAX_DIFF_CHARS = 64 * 1024;
/** Beyond this many edits the diff gives up and shows the texts as replaced. */
const MAX_EDIT_LENGTH = 2000;

/** JSON shown pretty, so a line diff lines up key by key; other text as it is. */
export function prettyText(text: string): string {
  const trimmed = text.trim();
  if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
    try {
      return JSON.stringify(JSON.parse(trimmed), null, 2);
    } catch {
      return text;
    }
  }
  return text;
}

/** What an execution produced, as the text a person compares: the result, or the error. */
export function outcomeText(outcome: ExecutionOutcome): string {
  switch (outcome.status) {
    case "ok":
      if (outcome.omittedResultChars !== undefined) return `(result of ${outcome.omittedResultChars} characters not brought back)`;
      return outcome.result === undefined ? "(no result)" : JSON.stringify(outcome.result, null, 2);
    case "error":
      return `Error: ${outcome.error.name}: ${outcome.error.message}`;
    case "timeout":
      return `Timed out after ${outcome.timeoutMs} ms`;
    case "crashed":
      return `Crashed: ${outcome.reason}`;
  }
}

const cap = (text: string) => (text.length > MAX_DIFF_CHARS ? `${text.slice(0, MAX_DIFF_CHARS)}\n…` : text);

/** Line diff of `before` → `after`; undefined when they are the same. */
export function lineDiff(before: string, after: string): DiffLine[] | undefined {
  if (before === after) return undefined;
  const a = cap(before);
  const b = cap(after);
  const changes = diffLines(a, b, { maxEditLength: MAX_EDIT_LENGTH });
  const out: DiffLine[] = [];
  const push = (op: DiffLine["op"], value: string) => {
    const lines = value.endsWith("\n") ? value.slice(0, -1).split("\n") : value.split("\n");
    for (const text of lines) out.push({ op, text });
  };
  if (!changes) {
    push("removed", a);
    push("added", b);
    return out;
  }
  for (const c of changes) push(c.added ? "added" : c.removed ? "removed" : "same", c.value);
  return out;
}

/** Compare a new execution with the previous one, or with the logged result when it is the first. */
export function withDiff(execution: WorkbenchExecution, previous: WorkbenchExecution | undefined, logged: WorkbenchCall["logged"]): WorkbenchExecution {
  const after = outcomeText(execution.outcome);
  const before = previous ? outcomeText(previous.outcome) : logged ? prettyText(logged.content) : undefined;
  if (before === undefined) return execution;
  const diff = lineDiff(before, after);
  return { ...execution, comparedWith: previous ? "previous" : "logged", ...(diff ? { diff } : {}) };
}
