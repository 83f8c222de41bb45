import { findNodeAtLocation, parseTree, type Node } from "jsonc-parser";
import type { Finding } from "../../engine/diagnosis/finding.js";

/** A stretch of the raw arguments text that a finding is about, as string offsets. */
export interface Span {
  start: number;
  end: number;
  severity: Finding["severity"];
}

const segmentsOf = (path: string): (string | number)[] => path.split(".").map((part) => (/^\d+$/.test(part) ? Number(part) : part));

function nodeSpan(node: Node, wholeProperty: boolean): { start: number; end: number } {
  // For a key the model should not have sent, the key is the interesting part: take "key": value.
  const target = wholeProperty && node.parent?.type === "property" ? node.parent : node;
  return { start: target.offset, end: target.offset + target.length };
}

const OFFSET = /\(offset (\d+)\)/;

/**
 * Where each finding's path sits in the raw text (jsonc-parser keeps offsets and tolerates broken
 * JSON). A missing argument has no span (the signature marks it); a malformed string marks the
 * character the parser stopped at.
 */
export function argumentSpans(text: string, findings: readonly Finding[]): Span[] {
  const spans: Span[] = [];
  let root: Node | undefined;
  let parsed = false;
  for (const finding of findings) {
    if (finding.code === "malformed_arguments") {
      const offset = OFFSET.exec(finding.message)?.[1];
      if (offset !== undefined) {
        const start = Math.min(Number(offset), Math.max(0, text.length - 1));
        spans.push({ start, end: start + 1, severity: finding.severity });
      }
      continue;
    }
    if (finding.path === undefined || finding.path === "" || finding.code === "missing_argument") continue;
    if (!parsed) {
      root = parseTree(text);
      parsed = true;
    }
    if (!root) continue;
    const node = findNodeAtLocation(root, segmentsOf(finding.path));
    if (node) spans.push({ ...nodeSpan(node, finding.code === "unexpected_argument"), severity: finding.severity });
  }
  return spans;
}
