import { BREAK_MODES } from "../agent/agent-contract.js";
import type { ExecutionMode } from "../executor/outcome.js";
import type { WorkbenchEffect, WorkbenchEvent, WorkbenchModel, WorkbenchStep } from "./workbench-model.js";
import { NO_EFFECTS } from "./workbench-model.js";
import { replaceCall, selectedCall, statusOf } from "./call-updates.js";
import { moveCursor, pageSize } from "./reduce-selection.js";
import { applyFix, cancelEditor, changeEditor, commitEditor, externalEdited, openEditor, workingText } from "./reduce-editor.js";
import { applyFilter, clearFilter, commitFilter, openFilter } from "./reduce-filter.js";
import { appendCalls, loadProgress } from "./reduce-load.js";
import { appendExecution, reduceAgentEvent } from "./reduce-agent.js";

const only = (state: WorkbenchModel): WorkbenchStep => ({ state, effects: NO_EFFECTS });
const withEffect = (state: WorkbenchModel, effect: WorkbenchEffect): WorkbenchStep => ({ state, effects: [effect] });
const say = (state: WorkbenchModel, text: string, tone: "info" | "error" = "info"): WorkbenchStep => only({ ...state, overlay: { kind: "message", text, tone } });

/**
 * The workbench's one reducer: UI actions and the results of effects in, the next state and the
 * effects to run out. Pure: the controller runs the effects and feeds their results back.
 */
export function reduceWorkbench(state: WorkbenchModel, event: WorkbenchEvent): WorkbenchStep {
  switch (event.type) {
    case "move":
      return only(moveCursor(state, state.cursor + event.delta));
    case "move_to":
      return only(moveCursor(state, event.position === "first" ? 0 : state.visible.length - 1));
    case "page":
      return only(moveCursor(state, state.cursor + event.delta * pageSize(state)));
    case "resize":
      return only(event.rows === state.viewportRows ? state : { ...state, viewportRows: event.rows });
    case "continue":
      return state.mode === "open" ? rerun(state, "validated") : decide(state, "continue", event.then);
    case "skip":
      return state.mode === "open" ? only(state) : decide(state, "skip", "continue");
    case "edit_open":
      return only(openEditor(state));
    case "edit_change":
      return only(changeEditor(state, event.text, event.cursor));
    case "edit_commit":
      return only(commitEditor(state));
    case "edit_cancel":
      return only(cancelEditor(state));
    case "edit_external": {
      const target = state.editor ? { index: state.editor.call, text: state.editor.text } : selectedText(state);
      return target ? withEffect(state, { kind: "edit_external", call: target.index, text: target.text }) : only(state);
    }
    case "apply_fix":
      return only(applyFix(state));
    case "rerun":
      return rerun(state, event.mode);
    case "export": {
      const selected = state.editor ? { index: state.editor.call } : selectedCall(state);
      return selected ? withEffect(state, { kind: "export", call: selected.index }) : only(state);
    }
    case "cycle_break": {
      const mode = BREAK_MODES[(BREAK_MODES.indexOf(state.breakMode) + 1) % BREAK_MODES.length] ?? "failures";
      return withEffect({ ...state, breakMode: mode }, { kind: "set_break_mode", mode });
    }
    case "filter_open":
      return only(openFilter(state));
    case "filter_change":
      return only(applyFilter(state, event.text));
    case "filter_commit":
      return only(commitFilter(state));
    case "filter_clear":
      return only(clearFilter(state));
    case "help_toggle":
      return only(state.overlay?.kind === "help" ? { ...state, overlay: undefined } : { ...state, overlay: { kind: "help" } });
    case "confirm":
      return confirm(state, event.yes);
    case "dismiss":
      if (state.overlay) return state.overlay.kind === "confirm" ? confirm(state, false) : only({ ...state, overlay: undefined });
      if (state.editor) return only(cancelEditor(state));
      return only(state.filter.editing ? commitFilter(state) : state);
    case "quit":
      if (state.unsaved && state.overlay?.kind !== "confirm") {
        const n = state.dirty.size;
        const question = `Quit? ${n} call${n === 1 ? " has" : "s have"} edits or runs not exported (x exports a fixture).`;
        return only({ ...state, overlay: { kind: "confirm", question, action: { type: "quit" } } });
      }
      return quit(state);
    case "calls_loaded":
      return only(appendCalls(state, event.calls));
    case "load_progress":
      return only(loadProgress(state, event.progress, false));
    case "load_finished":
      return only(loadProgress(state, event.progress ?? {}, true));
    case "load_failed":
      return say(loadProgress(state, {}, true), event.message, "error");
    case "execution_started": {
      const call = state.calls[event.call];
      // The header says what the workbench is doing; a re-run after a session ended does not restart it.
      const phase = state.phase === "ended" ? "ended" : "executing";
      return only(call ? replaceCall({ ...state, phase }, event.call, { ...call, status: "executing" }) : state);
    }
    case "execution_finished": {
      const call = state.calls[event.call];
      if (!call) return only(state);
      const next = { ...appendExecution(call, event.execution), status: statusOf(event.execution.findings) };
      const phase = state.mode === "open" ? (state.load && !state.load.done ? "loading" : "idle") : state.awaitingDecision ? "paused" : state.phase;
      return only(replaceCall({ ...state, phase }, event.call, next, state.mode === "open" ? true : undefined));
    }
    case "export_written": {
      const call = state.calls[event.call];
      if (!call) return only(state);
      const text = [`fixture written: ${event.path}`, ...event.notes.map((n) => `note: ${n}`)].join("\n");
      return say(replaceCall(state, event.call, { ...call, exportedTo: event.path }, false), text);
    }
    case "external_edited":
      return only(externalEdited(state, event.call, event.text));
    case "effect_failed":
      return say(state, event.message, "error");
    case "agent":
      return only(reduceAgentEvent(state, event.event));
    case "decision_sent": {
      const call = state.calls[event.call];
      const sent: WorkbenchModel = { ...state, awaitingDecision: false, pausedCall: undefined, phase: state.phase === "paused" ? "thinking" : state.phase };
      if (!call?.edited) return only(sent);
      const { edited: _sent, ...rest } = call;
      return only(replaceCall(sent, event.call, rest, false));
    }
  }
}

function selectedText(state: WorkbenchModel): { index: number; text: string } | undefined {
  const selected = selectedCall(state);
  return selected ? { index: selected.index, text: workingText(selected.call) } : undefined;
}

/** r / R (and enter in open): replayed side-effecting tools ask first. */
function rerun(state: WorkbenchModel, mode: ExecutionMode, confirmed = false, at?: number): WorkbenchStep {
  const index = at ?? state.editor?.call ?? selectedCall(state)?.index;
  const call = index === undefined ? undefined : state.calls[index];
  if (index === undefined || !call) return only(state);
  if (call.status === "executing") return say(state, `${call.tool} is still running`);
  const text = state.editor?.call === index ? state.editor.text : workingText(call);
  if (state.mode === "open" && call.spec?.sideEffects && !confirmed) {
    const question = `${call.tool} has side effects. Run it again from the log${mode === "raw" ? " (raw, unvalidated)" : ""}?`;
    return only({ ...state, overlay: { kind: "confirm", question, action: { type: "rerun", mode, allowSideEffects: true, call: index } } });
  }
  return withEffect(state, { kind: "rerun", call: index, arguments: text, mode, allowSideEffects: confirmed || state.mode === "run" });
}

function confirm(state: WorkbenchModel, yes: boolean): WorkbenchStep {
  const overlay = state.overlay;
  if (overlay?.kind !== "confirm") return only(state);
  const closed: WorkbenchModel = { ...state, overlay: undefined };
  if (!yes) return only(closed);
  switch (overlay.action.type) {
    case "quit":
      return quit(closed);
    case "rerun":
      return rerun(closed, overlay.action.mode, true, overlay.action.call);
  }
}

function quit(state: WorkbenchModel): WorkbenchStep {
  return withEffect({ ...state, overlay: undefined, editor: undefined, exited: true, phase: "ended" }, { kind: "quit" });
}

/** run: answer the loop's pending question with the user's text (their edit, else the model's). */
function decide(state: WorkbenchModel, kind: "continue" | "skip", then: "step" | "continue" = "continue"): WorkbenchStep {
  const index = state.pausedCall;
  const call = index === undefined ? undefined : state.calls[index];
  if (!state.awaitingDecision || index === undefined || !call) return only(state);
  if (kind === "skip") return withEffect(state, { kind: "decide", call: index, decision: { kind: "skip", then } });
  const text = state.editor?.call === index ? state.editor.text : workingText(call);
  const closed = state.editor?.call === index ? cancelEditor(state) : state;
  return withEffect(closed, {
    kind: "decide",
    call: index,
    decision: { kind: "continue", mode: "validated", then, ...(text !== call.arguments ? { arguments: text } : {}) },
  });
}
