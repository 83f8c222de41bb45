import type { AgentEvent, CallExecution, SessionCall } from "../agent/agent-contract.js";
import type { TimelineRow, WorkbenchCall, WorkbenchExecution } from "./workbench-contract.js";
import type { WorkbenchModel } from "./workbench-model.js";
import { parseFilter, rowMatches } from "./filter-rows.js";
import { selectCall } from "./reduce-selection.js";
import { replaceCall } from "./call-updates.js";
import { withDiff } from "./line-diff.js";

function fromSessionCall(call: SessionCall): WorkbenchCall {
  return {
    id: call.id,
    tool: call.tool,
    arguments: call.arguments,
    argumentsRecorded: true,
    ...(call.spec ? { spec: call.spec } : {}),
    findings: call.findings,
    status: call.status,
    step: call.step,
    executions: call.executions.map((e) => ({ ...e })),
  };
}

function addRow(state: WorkbenchModel, row: TimelineRow): WorkbenchModel {
  const rows = state.rows.concat([row]);
  const filter = parseFilter(state.appliedFilter);
  const shows = !filter || rowMatches(row, state.calls, filter);
  // Follow the newest row when the cursor was on the last one (a live session scrolls).
  const atEnd = state.cursor >= state.visible.length - 1;
  const visible = shows ? state.visible.concat([rows.length - 1]) : state.visible;
  return { ...state, rows, visible, cursor: shows && atEnd ? visible.length - 1 : state.cursor };
}

function updateCall(state: WorkbenchModel, callId: string, update: (call: WorkbenchCall) => WorkbenchCall): WorkbenchModel {
  const index = state.callIndex.get(callId);
  const call = index === undefined ? undefined : state.calls[index];
  if (index === undefined || !call) return state;
  return replaceCall(state, index, update(call));
}

export function appendExecution(call: WorkbenchCall, execution: CallExecution | WorkbenchExecution): WorkbenchCall {
  const previous = call.executions.at(-1);
  const compared = withDiff({ ...execution }, previous, call.logged);
  return { ...call, executions: [...call.executions, compared] };
}

/** Fold one event of a live session (run) into the workbench. */
export function reduceAgentEvent(state: WorkbenchModel, event: AgentEvent): WorkbenchModel {
  switch (event.type) {
    case "started":
      return {
        ...state,
        sourceLabel: event.label,
        ...(event.model ? { model: event.model } : {}),
        ...(event.sessionFile ? { sessionFile: event.sessionFile } : {}),
        tools: event.agent.tools,
        phase: "thinking",
      };
    case "user":
      return addRow(state, { kind: "user", content: event.content });
    case "model_started":
      return { ...state, phase: "thinking", step: event.step, streaming: "" };
    case "model_delta":
      return { ...state, streaming: state.streaming + event.text };
    case "assistant":
      return addRow({ ...state, streaming: "", step: event.step, ...(event.turn.model ? { model: event.turn.model } : {}) }, {
        kind: "assistant",
        step: event.step,
        content: event.turn.content,
        callCount: event.turn.toolCalls.length,
      });
    case "call": {
      if (state.callIndex.has(event.call.id)) return updateCall(state, event.call.id, (c) => ({ ...fromSessionCall(event.call), ...(c.edited ? { edited: c.edited } : {}) }));
      const index = state.calls.length;
      const callIndex = new Map(state.callIndex).set(event.call.id, index);
      const withCall: WorkbenchModel = { ...state, calls: state.calls.concat([fromSessionCall(event.call)]), callIndex };
      return addRow(withCall, { kind: "call", call: index });
    }
    case "paused": {
      const index = state.callIndex.get(event.paused.callId);
      if (index === undefined) return state;
      const paused = updateCall({ ...state, pausedCall: index, awaitingDecision: true, phase: "paused" }, event.paused.callId, (c) => ({ ...c, status: "paused" }));
      return selectCall(paused, index);
    }
    case "executing":
      return updateCall({ ...state, phase: "executing" }, event.callId, (c) => ({ ...c, status: "executing" }));
    case "executed":
      return updateCall({ ...state, phase: state.awaitingDecision ? "paused" : state.phase === "ended" ? "ended" : "thinking" }, event.callId, (c) => ({ ...appendExecution(c, event.execution), status: event.status }));
    case "tool_message":
      return updateCall(state, event.callId, (c) => ({ ...c, status: event.status }));
    case "model_error":
      return addRow(state, { kind: "model_error", step: event.step, error: event.error });
    case "break_mode":
      return { ...state, breakMode: event.mode };
    case "ended": {
      const ended: WorkbenchModel = { ...state, phase: "ended", awaitingDecision: false, pausedCall: undefined, streaming: "" };
      return addRow(ended, { kind: "note", message: endNote(event.reason) });
    }
  }
}

function endNote(reason: "answered" | "quit" | "model_error" | "max_steps"): string {
  switch (reason) {
    case "answered":
      return "the model answered: session ended";
    case "quit":
      return "session ended (quit)";
    case "model_error":
      return "session ended: the model failed";
    case "max_steps":
      return "session ended: step limit reached";
  }
}
