import type { Finding } from "../diagnosis/finding.js";
import { isError } from "../diagnosis/finding.js";
import type { ExecutionOutcome } from "../executor/outcome.js";

/** What the model is sent back for a call, as the SDKs would send it. */
export interface ToolMessage {
  content: string;
  isError: boolean;
}

/** The result as JSON text, or the error as the runtimes phrase it. */
export function outcomeMessage(tool: string, outcome: ExecutionOutcome): ToolMessage {
  switch (outcome.status) {
    case "ok":
      if (outcome.omittedResultChars !== undefined) return { content: `[${tool} returned ${outcome.omittedResultChars} characters of JSON, too large to bring back]`, isError: false };
      return { content: outcome.result === undefined ? "" : typeof outcome.result === "string" ? outcome.result : JSON.stringify(outcome.result), isError: false };
    case "error":
      return { content: `Error running ${tool}: ${outcome.error.name}: ${outcome.error.message}`, isError: true };
    case "timeout":
      return { content: `Error running ${tool}: it did not finish within ${outcome.timeoutMs} ms`, isError: true };
    case "crashed":
      return { content: `Error running ${tool}: its process died (${outcome.reason})`, isError: true };
  }
}

/** A call that was not run: the model is told why, finding by finding (SPEC §4.3). */
export function notRunMessage(tool: string, findings: readonly Finding[]): ToolMessage {
  const reasons = findings.filter(isError).map((finding) => finding.message);
  return { content: `Error: ${tool} was not run. ${reasons.length > 0 ? reasons.join(" ") : "It cannot be executed."}`, isError: true };
}

export const skippedMessage = (tool: string): ToolMessage => ({ content: `The user skipped this call to ${tool}; it was not run.`, isError: false });
