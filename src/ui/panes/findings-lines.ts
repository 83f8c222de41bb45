import type { Finding, Suggestion } from "../../engine/diagnosis/finding.js";
import { seg, wordWrap, type Line } from "../shared/line.js";

const show = (value: unknown): string => JSON.stringify(value) ?? String(value);

/** The suggestion in words, and whether `f` can apply it mechanically. */
export function suggestionText(suggestion: Suggestion | undefined, path?: string): { text: string; applicable: boolean } | undefined {
  if (!suggestion) return undefined;
  if (suggestion.rename !== undefined) return { text: `rename ${path ? `${path} ` : ""}to ${suggestion.rename}`, applicable: true };
  if (suggestion.tool !== undefined) return { text: `did you mean the tool ${suggestion.tool}?`, applicable: false };
  if ("coerce" in suggestion) return { text: `use ${show(suggestion.coerce)}`, applicable: true };
  if (suggestion.arguments !== undefined) return { text: `repaired: ${suggestion.arguments}`, applicable: true };
  if (suggestion.hint !== undefined) return { text: suggestion.hint, applicable: false };
  return undefined;
}

/** Each finding on its own line(s), its suggestion under it ("f" when it can be applied). */
export function findingsLines(findings: readonly Finding[], width: number, empty = "no findings: the arguments match the signature"): Line[] {
  if (findings.length === 0) return [[seg(`✓ ${empty}`, "ok")]];
  const lines: Line[] = [];
  for (const finding of findings) {
    const tone = finding.severity === "error" ? "error" : "warning";
    const mark = finding.severity === "error" ? "✗" : "⚠";
    const head = `${mark} ${finding.code}${finding.path ? ` ${finding.path}` : ""}: `;
    const [first = "", ...rest] = wordWrap(`${head}${finding.message}`, width);
    lines.push([seg(first.slice(0, head.length), tone, { bold: true }), seg(first.slice(head.length))]);
    for (const more of rest) lines.push([seg(more)]);
    const suggestion = suggestionText(finding.suggestion, finding.path);
    if (suggestion) {
      for (const text of wordWrap(`→ ${suggestion.text}${suggestion.applicable ? "  (f applies it)" : ""}`, width - 2)) lines.push([seg(`  ${text}`, "accent")]);
    }
  }
  return lines;
}
