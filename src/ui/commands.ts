import type { WorkbenchAction, WorkbenchState } from "../engine/workbench/workbench-contract.js";
import type { CommandId } from "./keymap.js";

/** What a command asks for: a workbench action, or a change to view-only state (scrolling). */
export type CommandEffect = { kind: "dispatch"; action: WorkbenchAction } | { kind: "scroll"; target: "detail" | "help"; delta: number } | { kind: "none" };

const dispatch = (action: WorkbenchAction): CommandEffect => ({ kind: "dispatch", action });
const NONE: CommandEffect = { kind: "none" };

/** Code-point aware steps, so the cursor never splits a surrogate pair. */
function previousIndex(text: string, index: number): number {
  if (index <= 0) return 0;
  const code = text.charCodeAt(index - 1);
  return index >= 2 && code >= 0xdc00 && code <= 0xdfff ? index - 2 : index - 1;
}
function nextIndex(text: string, index: number): number {
  if (index >= text.length) return text.length;
  const code = text.charCodeAt(index);
  return code >= 0xd800 && code <= 0xdbff && index + 1 < text.length ? index + 2 : index + 1;
}

function editorEffect(state: WorkbenchState, command: CommandId, text: string | undefined): CommandEffect {
  const editor = state.editor;
  if (!editor) return NONE;
  const cursor = Math.min(Math.max(0, editor.cursor), editor.text.length);
  const change = (next: string, at: number): CommandEffect => dispatch({ type: "edit_change", text: next, cursor: at });
  switch (command) {
    case "editor_insert":
      return text === undefined ? NONE : change(editor.text.slice(0, cursor) + text + editor.text.slice(cursor), cursor + text.length);
    case "editor_backspace": {
      const from = previousIndex(editor.text, cursor);
      return from === cursor ? NONE : change(editor.text.slice(0, from) + editor.text.slice(cursor), from);
    }
    case "editor_delete": {
      const to = nextIndex(editor.text, cursor);
      return to === cursor ? NONE : change(editor.text.slice(0, cursor) + editor.text.slice(to), cursor);
    }
    case "editor_left":
      return change(editor.text, previousIndex(editor.text, cursor));
    case "editor_right":
      return change(editor.text, nextIndex(editor.text, cursor));
    case "editor_home":
      return change(editor.text, 0);
    case "editor_end":
      return change(editor.text, editor.text.length);
    default:
      return NONE;
  }
}

/**
 * The effect of a command against the latest state. The input hook calls this with
 * `workbench.getState()` at the moment of each key, so a burst of keys never reads a stale text.
 */
export function commandEffect(command: CommandId, state: WorkbenchState, text?: string): CommandEffect {
  switch (command) {
    case "interrupt":
      // A second ctrl+c while "quit anyway?" is showing means yes.
      if (state.overlay?.kind === "confirm" && state.overlay.action.type === "quit") return dispatch({ type: "confirm", yes: true });
      return dispatch({ type: "quit" });
    case "quit":
      return dispatch({ type: "quit" });
    case "help_close":
    case "help":
      return dispatch({ type: "help_toggle" });
    case "help_scroll_down":
      return { kind: "scroll", target: "help", delta: 1 };
    case "help_scroll_up":
      return { kind: "scroll", target: "help", delta: -1 };
    case "confirm_yes":
      return dispatch({ type: "confirm", yes: true });
    case "confirm_no":
      return dispatch({ type: "confirm", yes: false });
    case "editor_commit":
      return dispatch({ type: "edit_commit" });
    case "editor_cancel":
      return dispatch({ type: "edit_cancel" });
    case "editor_insert":
    case "editor_backspace":
    case "editor_delete":
    case "editor_left":
    case "editor_right":
    case "editor_home":
    case "editor_end":
      return editorEffect(state, command, text);
    case "filter_commit":
      return dispatch({ type: "filter_commit" });
    case "filter_clear":
      return dispatch({ type: "filter_clear" });
    case "filter_insert":
      return text === undefined ? NONE : dispatch({ type: "filter_change", text: state.filter.text + text });
    case "filter_backspace": {
      const current = state.filter.text;
      return current.length === 0 ? NONE : dispatch({ type: "filter_change", text: current.slice(0, previousIndex(current, current.length)) });
    }
    case "select_up":
      return dispatch({ type: "move", delta: -1 });
    case "select_down":
      return dispatch({ type: "move", delta: 1 });
    case "page_up":
      return dispatch({ type: "page", delta: -1 });
    case "page_down":
      return dispatch({ type: "page", delta: 1 });
    case "select_first":
      return dispatch({ type: "move_to", position: "first" });
    case "select_last":
      return dispatch({ type: "move_to", position: "last" });
    case "continue":
    case "continue_to_break":
      return dispatch({ type: "continue", then: "continue" });
    case "step":
      return dispatch({ type: "continue", then: "step" });
    case "skip":
      return dispatch({ type: "skip" });
    case "edit_inline":
      return dispatch({ type: "edit_open" });
    case "edit_external":
      return dispatch({ type: "edit_external" });
    case "apply_fix":
      return dispatch({ type: "apply_fix" });
    case "rerun":
      return dispatch({ type: "rerun", mode: "validated" });
    case "rerun_raw":
      return dispatch({ type: "rerun", mode: "raw" });
    case "export":
      return dispatch({ type: "export" });
    case "cycle_break":
      return dispatch({ type: "cycle_break" });
    case "filter_open":
      return dispatch({ type: "filter_open" });
    case "filter_reset":
      return state.filter.text === "" ? NONE : dispatch({ type: "filter_clear" });
    case "detail_down":
      return { kind: "scroll", target: "detail", delta: 3 };
    case "detail_up":
      return { kind: "scroll", target: "detail", delta: -3 };
  }
}
