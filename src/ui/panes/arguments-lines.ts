import type { Finding } from "../../engine/diagnosis/finding.js";
import { argumentSpans } from "../shared/argument-spans.js";
import { seg, type Line, type Segment } from "../shared/line.js";
import { clusterColumns, clusters, columnSpans, isPlain } from "../shared/columns.js";

/** Past this many characters the rest is counted, not drawn (a model can send megabytes). */
const MAX_SHOWN = 6000;
const NONE = 0;
const WARN = 1;
const ERR = 2;

function chunkSegments(text: string, marks: Uint8Array, from: number, to: number): Segment[] {
  const parts: Segment[] = [];
  let runStart = from;
  for (let i = from + 1; i <= to; i++) {
    if (i < to && marks[i] === marks[runStart]) continue;
    const level = marks[runStart] ?? NONE;
    const piece = text.slice(runStart, i);
    parts.push(level === ERR ? seg(piece, "error", { bold: true, underline: true }) : level === WARN ? seg(piece, "warning", { underline: true }) : seg(piece));
    runStart = i;
  }
  return parts;
}

/**
 * The raw arguments exactly as sent, hard-wrapped, the span of each finding's path highlighted.
 * Without colour a row of carets under the span marks it instead.
 */
export function argumentsLines(text: string, findings: readonly Finding[], width: number, colour: boolean): Line[] {
  if (text === "") return [[seg("(empty string)", "muted")]];
  const shown = text.length > MAX_SHOWN ? text.slice(0, MAX_SHOWN) : text;
  const marks = new Uint8Array(shown.length);
  for (const span of argumentSpans(shown, findings)) {
    const level = span.severity === "error" ? ERR : WARN;
    for (let i = span.start; i < Math.min(span.end, shown.length); i++) marks[i] = Math.max(marks[i] ?? NONE, level);
  }
  const size = Math.max(1, width);
  const lines: Line[] = [];
  let lineStart = 0;
  while (lineStart <= shown.length) {
    const newline = shown.indexOf("\n", lineStart);
    const lineEnd = newline === -1 ? shown.length : newline;
    // Tabs and carriage returns become spaces: same length, so offsets still line up.
    const row = shown.slice(lineStart, lineEnd).replace(/[\t\r]/g, " ");
    for (const [from, to] of columnSpans(row, size)) {
      const chunk = row.slice(from, to);
      const rowMarks = marks.subarray(lineStart + from, lineStart + to);
      lines.push(to > from ? chunkSegments(chunk, rowMarks, 0, to - from) : [seg("")]);
      if (!colour && rowMarks.some((mark) => mark !== NONE)) lines.push([seg(caretRow(chunk, rowMarks).trimEnd())]);
    }
    if (newline === -1) break;
    lineStart = newline + 1;
  }
  if (shown.length < text.length) lines.push([seg(`… ${(text.length - shown.length).toLocaleString("en-US")} more characters`, "muted")]);
  return lines;
}

/** Carets under the marked characters, as many as each takes columns. */
function caretRow(chunk: string, marks: Uint8Array): string {
  if (isPlain(chunk)) return Array.from(marks, (mark) => (mark === NONE ? " " : "^")).join("");
  let out = "";
  let at = 0;
  for (const cluster of clusters(chunk)) {
    out += (marks[at] === NONE ? " " : "^").repeat(clusterColumns(cluster));
    at += cluster.length;
  }
  return out;
}
