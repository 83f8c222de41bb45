import type { WorkbenchCall, WorkbenchState } from "../../engine/workbench/workbench-contract.js";
import type { Layout } from "../layout.js";
import { besideLines, blank, fitLine, heading, lastSegment, seg, wordWrap, wrapText, type Line } from "../shared/line.js";
import { STATUS_MARKS } from "../shared/status-mark.js";
import { argumentsLines } from "./arguments-lines.js";
import { editorLines } from "./editor-lines.js";
import { findingsLines } from "./findings-lines.js";
import { diffLines, executionLines, loggedLines } from "./result-lines.js";
import { signatureLines } from "./signature-lines.js";

function titleLine(call: WorkbenchCall, paused: boolean, width: number): Line {
  const status = paused ? STATUS_MARKS.paused : STATUS_MARKS[call.status];
  const parts = [seg(`${status.mark} ${status.word} `, status.tone, { bold: true }), seg(call.tool, "title", { bold: true }), seg(`  ${call.id}`, "muted")];
  if (call.source) parts.push(seg(`  ${lastSegment(call.source.file)}:${call.source.line}`, "muted"));
  if (call.model) parts.push(seg(`  ${call.model}`, "muted"));
  if (call.exportedTo) parts.push(seg(`  ⇪ ${call.exportedTo}`, "ok"));
  return fitLine(parts, width);
}

function argumentsAndSignature(call: WorkbenchCall, layout: Layout, width: number, colour: boolean): Line[] {
  const argsTitle = call.argumentsRecorded ? "Arguments (raw)" : "Arguments (raw arguments not recorded: re-serialized)";
  if (!layout.argumentsBeside) {
    return [
      heading(argsTitle, width),
      ...argumentsLines(call.arguments, call.findings, width, colour),
      heading("Signature", width),
      ...signatureLines(call, call.findings, width),
    ];
  }
  // Short arguments leave the room to the signature; long ones wrap in half the width.
  const longestLine = Math.max(...call.arguments.split("\n").map((line) => line.length));
  const leftWidth = Math.min(Math.floor((width - 3) / 2), Math.max(22, longestLine + 1));
  const rightWidth = width - 3 - leftWidth;
  const left = [heading(argsTitle, leftWidth), ...argumentsLines(call.arguments, call.findings, leftWidth, colour)];
  const right = [heading("Signature", rightWidth), ...signatureLines(call, call.findings, rightWidth)];
  return besideLines(left, right, leftWidth, rightWidth);
}

function resultSection(call: WorkbenchCall, layout: Layout, width: number): Line[] {
  const index = call.executions.length - 1;
  const latest = call.executions[index];
  const running: Line[] = call.status === "executing" ? [[seg("⟳ executing in the worker…", "running", { bold: true })]] : [];
  if (!latest) {
    const lines = call.logged ? loggedLines(call.logged, width) : [];
    const hint = !call.spec
      ? "nothing to execute: no tool of this name is registered"
      : call.spec.executable
        ? "not executed here yet: r re-runs it validated, R raw"
        : "schema-only: nothing to execute";
    return [...lines, ...(running.length > 0 ? running : [[seg(hint, "muted")]])];
  }
  const fresh = [...running, ...executionLines(latest, index, layout.argumentsBeside && call.logged ? Math.floor((width - 3) / 2) : width)];
  const diff = diffLines(latest, width);
  if (!call.logged) return [...fresh, ...diff];
  if (!layout.argumentsBeside) return [...loggedLines(call.logged, width), ...fresh, ...diff];
  const leftWidth = Math.floor((width - 3) / 2);
  return [...besideLines(loggedLines(call.logged, leftWidth), fresh, leftWidth, width - 3 - leftWidth), ...diff];
}

/**
 * The detail's lines, and the section that just changed (a fix applied, the editor opened, a
 * result arrived): the pane scrolls there once per change, so on a short terminal what the last
 * key did is on screen. `key` names the change; `line` is where its heading is.
 */
export interface DetailView {
  lines: Line[];
  focus?: { key: string; line: number };
}

function callView(state: WorkbenchState, callIndex: number, call: WorkbenchCall, layout: Layout, width: number, colour: boolean): DetailView {
  const lines: Line[] = [titleLine(call, state.pausedCall === callIndex, width)];
  for (const note of call.notes ?? []) lines.push(...wordWrap(`note: ${note}`, width).map((text): Line => [seg(text, "muted")]));
  lines.push(...argumentsAndSignature(call, layout, width, colour));
  lines.push(heading(`Findings (${call.findings.length})`, width), ...findingsLines(call.findings, width));
  let focus: DetailView["focus"];
  if (state.editor && state.editor.call === callIndex) {
    focus = { key: `editor:${callIndex}`, line: lines.length };
    lines.push(...editorLines(state.editor, width, colour));
  } else if (call.edited) {
    focus = { key: `edited:${callIndex}:${call.edited.text}`, line: lines.length };
    lines.push(heading("Edited arguments (r runs them, x exports them)", width, "paused"));
    lines.push(...argumentsLines(call.edited.text, call.edited.findings, width, colour));
    lines.push(...findingsLines(call.edited.findings, width, "valid against the signature"));
  }
  if (call.executions.length > 0 || call.status === "executing") {
    const running = call.status === "executing" && !state.editor;
    focus = { key: `run:${callIndex}:${call.executions.length}:${running}`, line: lines.length };
  }
  lines.push(...resultSection(call, layout, width));
  return focus ? { lines, focus } : { lines };
}

export function detailView(state: WorkbenchState, layout: Layout, colour: boolean): DetailView {
  const row = state.rows[state.visible[state.cursor] ?? -1];
  if (row?.kind === "call") {
    const call = state.calls[row.call];
    if (call) return callView(state, row.call, call, layout, layout.detail.width, colour);
  }
  return { lines: detailLines(state, layout, colour) };
}

/** Everything about the selected row, as lines; the pane shows a scrolled window of them. */
export function detailLines(state: WorkbenchState, layout: Layout, colour: boolean): Line[] {
  const width = layout.detail.width;
  const row = state.rows[state.visible[state.cursor] ?? -1];
  if (!row) return [[seg(state.phase === "loading" ? "loading…" : "select a row to see it here", "muted")]];
  switch (row.kind) {
    case "call": {
      const call = state.calls[row.call];
      return call ? callView(state, row.call, call, layout, width, colour).lines : [[seg("this call is not loaded", "error")]];
    }
    case "user":
      return [heading("User message", width), ...wordWrap(row.content, width).map((text): Line => [seg(text)])];
    case "assistant": {
      const lines: Line[] = [heading(`Model turn ${row.step}`, width)];
      if (row.content) lines.push(...wordWrap(row.content, width).map((text): Line => [seg(text)]));
      lines.push([seg(`${row.callCount} tool call${row.callCount === 1 ? "" : "s"}`, "muted")]);
      if (state.streaming && row.step === state.step) lines.push(blank, ...wrapText(state.streaming, width).map((text): Line => [seg(text, "muted")]));
      return lines;
    }
    case "model_error":
      return [heading(`Model error (${row.error.kind})`, width, "error"), ...wordWrap(row.error.message, width).map((text): Line => [seg(text, "error")])];
    case "note":
      return wordWrap(row.message, width).map((text): Line => [seg(text, "muted")]);
  }
}
