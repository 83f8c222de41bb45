import type { TimelineRow, WorkbenchCall, WorkbenchState } from "../../engine/workbench/workbench-contract.js";
import { fitLine, heading, padLine, seg, type Line, type Segment } from "../shared/line.js";
import { listWindow } from "../shared/list-window.js";
import { STATUS_MARKS } from "../shared/status-mark.js";

/** Only the start of a long text is ever shown on a row: cut before collapsing whitespace. */
const oneLine = (text: string): string => text.slice(0, 400).replace(/\s+/g, " ").trim();

function callSegments(call: WorkbenchCall, paused: boolean): Segment[] {
  const status = paused ? STATUS_MARKS.paused : STATUS_MARKS[call.status];
  const codes = [...new Set(call.findings.map((finding) => finding.code))];
  const parts: Segment[] = [seg(`${status.mark} `, status.tone), seg(call.tool, call.status === "failed" ? "error" : undefined, { bold: true })];
  // Markers go before the arguments so a narrow row cuts the arguments, not them.
  if (call.edited) parts.push(seg(" ✎", "paused"));
  if (call.exportedTo) parts.push(seg(" ⇪", "ok"));
  parts.push(seg(" "), seg(oneLine(call.arguments), "muted"));
  if (codes.length > 0) parts.push(seg("  "), seg(codes.join(", "), call.findings.some((finding) => finding.severity === "error") ? "error" : "warning"));
  return parts;
}

function rowSegments(row: TimelineRow, state: WorkbenchState): Segment[] {
  switch (row.kind) {
    case "user":
      return [seg("you ", "accent", { bold: true }), seg(oneLine(row.content))];
    case "assistant": {
      const text = row.content ? oneLine(row.content) : `${row.callCount} tool call${row.callCount === 1 ? "" : "s"}`;
      return [seg(`model #${row.step} `, "accent", { bold: true }), seg(text, row.content ? undefined : "muted")];
    }
    case "call": {
      const call = state.calls[row.call];
      return call ? [seg("  "), ...callSegments(call, state.pausedCall === row.call)] : [seg("  ? missing call", "error")];
    }
    case "model_error":
      return [seg("✗ ", "error"), seg(`model error (${row.error.kind}): `, "error", { bold: true }), seg(oneLine(row.error.message))];
    case "note":
      return [seg("· ", "muted"), seg(oneLine(row.message), "muted")];
  }
}

/**
 * The timeline as `height` lines: a heading with the position, then only the rows in the window
 * around the cursor. The selected row is marked with "›" (and inverse when colour is on).
 */
export function timelineLines(state: WorkbenchState, width: number, height: number): Line[] {
  const total = state.visible.length;
  const filtered = total !== state.rows.length;
  const position = total === 0 ? "0" : `${(state.cursor + 1).toLocaleString("en-US")}/${total.toLocaleString("en-US")}`;
  const lines: Line[] = [heading(`Timeline ${position}${filtered ? ` (filtered from ${state.rows.length.toLocaleString("en-US")})` : ""}`, width)];
  // The model's text as it streams in (run) takes the last row.
  const streaming = state.phase === "thinking" && state.streaming !== "" ? state.streaming : undefined;
  const room = Math.max(0, height - 1 - (streaming === undefined ? 0 : 1));
  if (total === 0) {
    lines.push([seg(state.rows.length === 0 ? (state.phase === "loading" ? "  loading…" : "  nothing yet") : "  no row matches the filter", "muted")]);
    return lines;
  }
  const { start, end } = listWindow(total, state.cursor, room);
  for (let position = start; position < end; position++) {
    const row = state.rows[state.visible[position] ?? -1];
    const selected = position === state.cursor;
    const body = row ? rowSegments(row, state) : [seg("?")];
    const line: Line = [seg(selected ? "› " : "  ", "accent", { bold: true }), ...body];
    lines.push(selected ? padLine(line, width).map((part) => ({ ...part, inverse: true })) : fitLine(line, width));
  }
  if (streaming !== undefined) lines.push(fitLine([seg("  ⟳ ", "running"), seg(`model #${state.step} `, "accent", { bold: true }), seg(oneLine(streaming.slice(-400)), "muted")], width));
  return lines;
}
