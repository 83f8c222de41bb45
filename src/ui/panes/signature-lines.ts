import type { Finding } from "../../engine/diagnosis/finding.js";
import type { WorkbenchCall } from "../../engine/workbench/workbench-contract.js";
import { describeParameters, formatSignature } from "../../tools/signature.js";
import { fitLine, seg, wordWrap, type Line } from "../shared/line.js";

/** A finding's dotted path in the signature's spelling: array indexes become `[]`. */
const asParameterPath = (path: string): string => path.replace(/\.\d+(?=\.|$)/g, "[]");

type Mark = { word: string; tone: "error" | "warning" };

function markFor(path: string, findings: readonly Finding[]): Mark | undefined {
  for (const finding of findings) {
    if (finding.path === undefined || asParameterPath(finding.path) !== path) continue;
    if (finding.code === "missing_argument") return { word: "missing", tone: "error" };
    if (finding.code === "type_mismatch" || finding.code === "invalid_value") {
      return { word: `mismatched${finding.received ? ` (got ${finding.received})` : ""}`, tone: finding.severity === "error" ? "error" : "warning" };
    }
    if (finding.code === "schema_drift") return { word: "drifted", tone: "warning" };
  }
  return undefined;
}

/** The target signature: each parameter's type, required flag and description, marked by the findings. */
export function signatureLines(call: WorkbenchCall, findings: readonly Finding[], width: number): Line[] {
  const spec = call.spec;
  if (!spec) {
    const unknown = findings.find((finding) => finding.code === "unknown_tool");
    const lines: Line[] = [[seg(`no tool named ${call.tool} is known`, "error", { bold: true })]];
    const closest = unknown?.suggestion?.tool;
    if (closest) lines.push([seg(`closest: ${closest}`, "accent")]);
    return lines;
  }
  const lines: Line[] = wordWrap(formatSignature(spec), width).map((text) => [seg(text, "accent", { bold: true })]);
  const flags = [spec.executable ? undefined : "schema-only: can be diagnosed, not executed", spec.sideEffects ? "side effects: asks before running from a log" : undefined];
  for (const flag of flags) if (flag) lines.push(...wordWrap(flag, width).map((text): Line => [seg(text, "warning")]));
  const rows = describeParameters(spec.parameters);
  if (rows.length === 0) lines.push([seg("(no parameters)", "muted")]);
  for (const row of rows) {
    const mark = markFor(row.path, findings);
    lines.push(
      fitLine(
        [
          seg(mark ? "✗ " : "  ", mark?.tone),
          seg(row.path, mark?.tone, { bold: true }),
          // The mark goes before the type so a narrow column cuts the type, not the verdict.
          ...(mark ? [seg(`  ${mark.word}`, mark.tone, { bold: true })] : []),
          seg(`  ${row.type}`, "accent"),
          seg(row.required ? "  required" : "  optional", row.required ? undefined : "muted"),
        ],
        width,
      ),
    );
    const about = [row.description, row.constraints].filter((part) => part !== undefined).join(" · ");
    if (about) lines.push(...wordWrap(about, Math.max(1, width - 4)).map((text) => [seg(`    ${text}`, "muted")]));
  }
  for (const finding of findings) {
    if (finding.code !== "unexpected_argument" || !finding.path) continue;
    const rename = finding.suggestion?.rename;
    lines.push(fitLine([seg("✗ ", "error"), seg(finding.path, "error", { bold: true }), seg("  unexpected", "error", { bold: true }), ...(rename ? [seg(`  (did you mean ${rename}?)`, "muted")] : [])], width));
  }
  return lines;
}
