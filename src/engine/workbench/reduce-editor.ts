import { applyFixes } from "../fixes/apply-fixes.js";
import type { WorkbenchCall } from "./workbench-contract.js";
import type { WorkbenchModel } from "./workbench-model.js";
import { rediagnose, replaceCall, selectedCall } from "./call-updates.js";

const message = (state: WorkbenchModel, text: string, tone: "info" | "error" = "info"): WorkbenchModel => ({ ...state, overlay: { kind: "message", text, tone } });

/** The text the user is working on for a call: their edit, else the model's arguments. */
export const workingText = (call: WorkbenchCall): string => call.edited?.text ?? call.arguments;

export function openEditor(state: WorkbenchModel): WorkbenchModel {
  const selected = selectedCall(state);
  if (!selected) return state;
  const text = workingText(selected.call);
  const findings = selected.call.edited?.findings ?? rediagnose(state, selected.call, text);
  return { ...state, editor: { call: selected.index, text, cursor: text.length, findings }, focus: "editor" };
}

/** Every keystroke re-runs the diagnosis: it is a few microseconds for a tool call's arguments. */
export function changeEditor(state: WorkbenchModel, text: string, cursor: number): WorkbenchModel {
  const editor = state.editor;
  const call = editor ? state.calls[editor.call] : undefined;
  if (!editor || !call) return state;
  const findings = text === editor.text ? editor.findings : rediagnose(state, call, text);
  return { ...state, editor: { call: editor.call, text, cursor: Math.max(0, Math.min(text.length, cursor)), findings } };
}

/** Keep `text` as the call's edit (dropped when it equals the model's arguments again). */
export function setEdited(state: WorkbenchModel, index: number, text: string): WorkbenchModel {
  const call = state.calls[index];
  if (!call) return state;
  if (text === call.arguments) {
    if (!call.edited) return state;
    const { edited: _dropped, ...rest } = call;
    return replaceCall(state, index, rest, call.executions.length > 0 && state.mode === "open" && !call.exportedTo);
  }
  return replaceCall(state, index, { ...call, edited: { text, findings: rediagnose(state, call, text) } }, true);
}

export function commitEditor(state: WorkbenchModel): WorkbenchModel {
  const editor = state.editor;
  if (!editor) return state;
  const closed: WorkbenchModel = { ...state, editor: undefined, focus: "timeline" };
  return setEdited(closed, editor.call, editor.text);
}

export function cancelEditor(state: WorkbenchModel): WorkbenchModel {
  return state.editor ? { ...state, editor: undefined, focus: "timeline" } : state;
}

/** `f`: apply the mechanical fixes the findings carry, in the editor when open, else to the call's edit. */
export function applyFix(state: WorkbenchModel): WorkbenchModel {
  const editor = state.editor;
  if (editor) {
    const fix = applyFixes(editor.text, editor.findings);
    if (!fix) return message(state, "no mechanical fix for these findings");
    return changeEditor(state, fix.arguments, fix.arguments.length);
  }
  const selected = selectedCall(state);
  if (!selected) return state;
  const { call, index } = selected;
  const findings = call.edited?.findings ?? call.findings;
  const fix = applyFixes(workingText(call), findings);
  if (!fix) return message(state, "no mechanical fix for these findings");
  return setEdited(state, index, fix.arguments);
}

/** Text back from $EDITOR: into the inline editor when it is open on that call, else the call's edit. */
export function externalEdited(state: WorkbenchModel, index: number, text: string): WorkbenchModel {
  if (state.editor?.call === index) return changeEditor(state, text, text.length);
  return setEdited(state, index, text);
}
