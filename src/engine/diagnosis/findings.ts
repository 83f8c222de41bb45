import type { Finding, Severity, Suggestion } from "./finding.js";
import type { ExecutionOutcome, SerializationIssue } from "../executor/outcome.js";

/**
 * The one place each finding code is created. Callers pass facts; wording lives here so
 * the CLI, the TUI, fixtures and `scan` all say the same thing about the same failure.
 */

const withSuggestion = (finding: Finding, suggestion: Suggestion | undefined): Finding =>
  suggestion && Object.keys(suggestion).length > 0 ? { ...finding, suggestion } : finding;

export function unknownTool(name: string, closest: string | undefined, known: readonly string[]): Finding {
  const message =
    known.length === 0
      ? `The model called "${name}", but no tools are known.`
      : `The model called "${name}", which is not a known tool.` + (closest ? ` Did it mean "${closest}"?` : "");
  return withSuggestion(
    { code: "unknown_tool", severity: "error", message, received: name, expected: known.slice(0, 20).join(", ") },
    closest ? { tool: closest } : undefined,
  );
}

export function notExecutable(name: string, reason: "schema_only" | "not_registered"): Finding {
  const message =
    reason === "schema_only"
      ? `"${name}" is advertised to the model but has no execute function: it can be diagnosed, not run.`
      : `"${name}" was advertised to the model but no tool of that name is registered to execute it.`;
  return {
    code: "not_executable",
    severity: "error",
    message,
    suggestion: { hint: `Register an implementation for "${name}", or stop advertising it.` },
  };
}

export function malformedArguments(opts: {
  position?: { offset: number; line: number; column: number };
  detail: string;
  repaired?: string;
  empty?: boolean;
  severity?: Severity;
}): Finding {
  const where = opts.position ? ` at line ${opts.position.line}, column ${opts.position.column} (offset ${opts.position.offset})` : "";
  const message = opts.empty
    ? `The arguments string is empty${opts.detail ? ` (${opts.detail})` : ""}; many runtimes crash on JSON.parse("").`
    : `The arguments are not valid JSON${where}: ${opts.detail}.`;
  return withSuggestion(
    { code: "malformed_arguments", severity: opts.severity ?? "error", message },
    opts.repaired !== undefined ? { arguments: opts.repaired } : undefined,
  );
}

export function argumentsNotObject(receivedType: string, decoded?: string): Finding {
  const message =
    decoded !== undefined
      ? `The arguments are a JSON string holding JSON (double-encoded), not an object.`
      : `The arguments are valid JSON but a ${receivedType}, not an object.`;
  return withSuggestion(
    { code: "arguments_not_object", severity: "error", message, expected: "object", received: receivedType },
    decoded !== undefined ? { arguments: decoded } : undefined,
  );
}

export function unexpectedArgument(path: string, closest: string | undefined, allowed: readonly string[]): Finding {
  const message =
    `Unexpected argument "${path}": the signature has no such parameter.` +
    (closest ? ` Did the model mean "${closest}"?` : allowed.length ? ` Known: ${allowed.join(", ")}.` : "");
  return withSuggestion(
    { code: "unexpected_argument", severity: "error", message, path, expected: allowed.join(", ") || "(none)" },
    closest ? { rename: closest } : undefined,
  );
}

export function missingArgument(path: string, type: string | undefined, description: string | undefined): Finding {
  const about = [type, description].filter(Boolean).join(", ");
  return {
    code: "missing_argument",
    severity: "error",
    message: `Missing required argument "${path}"${about ? ` (${about})` : ""}.`,
    path,
    ...(type ? { expected: type } : {}),
  };
}

export function typeMismatch(path: string, expected: string, received: string, coerced?: { value: unknown }): Finding {
  const label = path === "" ? "The arguments" : `"${path}"`;
  return withSuggestion(
    {
      code: "type_mismatch",
      severity: "error",
      message: `${label} should be ${expected} but is ${received}.` + (coerced ? ` It coerces cleanly to ${JSON.stringify(coerced.value)}.` : ""),
      path,
      expected,
      received,
    },
    coerced ? { coerce: coerced.value } : undefined,
  );
}

export function invalidValue(
  path: string,
  rule: string,
  expected: string | undefined,
  received: string,
  hint?: string,
  coerced?: { value: unknown },
): Finding {
  const label = path === "" ? "The arguments" : `"${path}"`;
  return withSuggestion(
    {
      code: "invalid_value",
      severity: "error",
      message: `${label} is not allowed: ${rule}.` + (hint ? ` ${hint}` : ""),
      path,
      ...(expected !== undefined ? { expected } : {}),
      received,
    },
    hint || coerced ? { ...(hint ? { hint } : {}), ...(coerced ? { coerce: coerced.value } : {}) } : undefined,
  );
}

export function schemaDrift(
  path: string,
  change: "renamed" | "added" | "removed" | "retyped" | "requiredness",
  detail: string,
  severity: Severity,
  rename?: string,
): Finding {
  return withSuggestion(
    { code: "schema_drift", severity, message: `The model was shown a different signature: ${detail}`, path, expected: change },
    rename ? { rename } : undefined,
  );
}

export function nonSerializableResult(issue: SerializationIssue): Finding {
  const where = issue.path === "" ? "The result" : `The result at "${issue.path}"`;
  const what = issue.kind === "class instance" && issue.detail ? `a ${issue.detail} instance` : `a ${issue.kind}`;
  return {
    code: "non_serializable_result",
    severity: "error",
    message: `${where} is ${what}, which does not survive JSON: the model receives something else.`,
    path: issue.path,
    received: issue.detail ?? issue.kind,
    suggestion: { hint: hintFor(issue) },
  };
}

function hintFor(issue: SerializationIssue): string {
  switch (issue.kind) {
    case "Date":
      return "Return date.toISOString().";
    case "BigInt":
      return "Return the value as a string or a Number.";
    case "Map":
      return "Return Object.fromEntries(map).";
    case "Set":
      return "Return [...set].";
    case "class instance":
      return "Return a plain object with the fields the model needs.";
    case "circular":
      return "Break the cycle: return a tree, not a graph.";
    case "NaN":
    case "Infinity":
      return "JSON has no such number; return null or a string.";
    case "undefined":
      return "Return null, or leave the key out on purpose.";
    case "function":
    case "symbol":
      return "Leave it out of the result.";
  }
}

/** Findings for an execution outcome: tool_error, timeout, non_serializable_result. */
export function outcomeFindings(outcome: ExecutionOutcome): Finding[] {
  switch (outcome.status) {
    case "ok":
      return outcome.serialization.map(nonSerializableResult);
    case "error":
      return [toolError(`${outcome.error.name}: ${outcome.error.message}`, outcome.phase === "validation" ? "validation" : "threw")];
    case "timeout":
      return [
        {
          code: "timeout",
          severity: "error",
          message: `The tool did not finish within ${outcome.timeoutMs} ms; its worker was killed and restarted.`,
          suggestion: { hint: "Raise --timeout if the tool is just slow, or find where it hangs." },
        },
      ];
    case "crashed":
      return [toolError(outcome.reason, "crashed")];
  }
}

export function toolError(detail: string, how: "threw" | "crashed" | "validation" | "logged" | "inferred"): Finding {
  const lead = {
    threw: "The tool threw",
    crashed: "The tool's process died",
    validation: "Validated mode rejected the arguments",
    logged: "The log records a tool error",
    inferred: "The tool result reads like an error (inferred from its text; the format has no error flag)",
  }[how];
  return { code: "tool_error", severity: how === "inferred" ? "warning" : "error", message: `${lead}: ${detail}` };
}

export function missingToolResult(callId: string, tool: string): Finding {
  return {
    code: "missing_tool_result",
    severity: "error",
    message: `Call ${callId} (${tool}) never received a tool result; most APIs reject the next request.`,
  };
}

export function orphanToolResult(callId: string): Finding {
  return {
    code: "orphan_tool_result",
    severity: "error",
    message: `A tool result answers call ${callId}, but no such call was made.`,
  };
}
