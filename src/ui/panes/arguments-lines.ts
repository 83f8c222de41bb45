import type { Finding } from "../../engine/diagnosis/finding.js";
import { argumentSpans } from "../shared/argument-spans.js";
import { seg, type Line, type Segment } from "../shared/line.js";

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
    for (let from = lineStart; from < lineEnd || from === lineStart; from += size) {
      const to = Math.min(lineEnd, from + size);
      // Tabs and carriage returns become spaces: same length, so offsets still line up.
      const chunk = shown.slice(from, to).replace(/[\t\r]/g, " ");
      lines.push(to > from ? chunkSegments(chunk, marks.subarray(from, to), 0, to - from) : [seg("")]);
      if (!colour && marks.subarray(from, to).some((mark) => mark !== NONE)) {
        lines.push([seg(Array.from(marks.subarray(from, to), (mark) => (mark === NONE ? " " : "^")).join("").trimEnd())]);
      }
      if (to >= lineEnd) break;
    }
    if (newline === -1) break;
    lineStart = newline + 1;
  }
  if (shown.length < text.length) lines.push([seg(`… ${(text.length - shown.length).toLocaleString("en-US")} more characters`, "muted")]);
  return lines;
}
