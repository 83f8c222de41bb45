import type { Finding, FindingCode } from "./finding.js";

// The order a reader fixes things in: can the text be read, is the tool there, then the
// arguments from the outside in (names, presence, types, values), then why the model got it wrong.
const RANK: Record<FindingCode, number> = {
  malformed_arguments: 0,
  arguments_not_object: 0,
  unknown_tool: 1,
  not_executable: 1,
  unexpected_argument: 2,
  missing_argument: 3,
  type_mismatch: 4,
  invalid_value: 5,
  schema_drift: 6,
  tool_error: 7,
  timeout: 7,
  non_serializable_result: 7,
  missing_tool_result: 8,
  orphan_tool_result: 8,
};

/** Sorts findings into the stable diagnosis order, keeping the order within each code group. */
export function orderFindings(findings: Finding[]): Finding[] {
  return findings.length < 2 ? findings : findings.sort((a, b) => RANK[a.code] - RANK[b.code]);
}
