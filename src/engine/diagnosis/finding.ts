/** A finding is one thing wrong (or suspicious) about a tool call. Findings are data, never thrown. */
export const FINDING_CODES = [
  "unknown_tool",
  "not_executable",
  "malformed_arguments",
  "arguments_not_object",
  "unexpected_argument",
  "missing_argument",
  "type_mismatch",
  "invalid_value",
  "tool_error",
  "timeout",
  "non_serializable_result",
  "schema_drift",
  "missing_tool_result",
  "orphan_tool_result",
] as const;

export type FindingCode = (typeof FINDING_CODES)[number];
export type Severity = "error" | "warning";

/** Machine-usable fix hints; at most a few keys are set on any one suggestion. */
export interface Suggestion {
  /** Rename the argument (or call the tool) by this name instead. */
  rename?: string;
  /** The closest known tool name for an unknown tool. */
  tool?: string;
  /** The value the argument would have after the obvious coercion ("5" -> 5). */
  coerce?: unknown;
  /** A repaired, valid JSON arguments string. */
  arguments?: string;
  /** Free-text advice when nothing mechanical applies. */
  hint?: string;
}

export interface Finding {
  code: FindingCode;
  severity: Severity;
  message: string;
  /** Dotted JSON-pointer-like path inside the arguments (`items.0.sku`); "" or absent for the whole call. */
  path?: string;
  expected?: string;
  received?: string;
  suggestion?: Suggestion;
}

export const isError = (finding: Finding): boolean => finding.severity === "error";
export const hasErrors = (findings: readonly Finding[]): boolean => findings.some(isError);
