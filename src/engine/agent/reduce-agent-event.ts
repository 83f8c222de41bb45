import type { AgentEvent, AgentSessionView, BreakMode, SessionCall } from "./agent-contract.js";

export function initialAgentView(breakMode: BreakMode = "failures"): AgentSessionView {
  return {
    agent: undefined,
    source: undefined,
    label: "",
    model: undefined,
    sessionFile: undefined,
    breakMode,
    step: 0,
    timeline: [],
    calls: new Map(),
    paused: undefined,
    streaming: "",
    ended: undefined,
    lastError: undefined,
  };
}

/** Folds one event into the session's state. Pure: the old view is never changed. */
export function reduceAgentEvent(view: AgentSessionView, event: AgentEvent): AgentSessionView {
  switch (event.type) {
    case "started":
      return { ...view, agent: event.agent, source: event.source, label: event.label, model: event.model ?? event.agent.model, sessionFile: event.sessionFile };
    case "user":
      return { ...view, timeline: [...view.timeline, { kind: "user", content: event.content }] };
    case "model_started":
      return { ...view, step: event.step, streaming: "" };
    case "model_delta":
      return { ...view, streaming: view.streaming + event.text };
    case "assistant":
      return {
        ...view,
        step: event.step,
        streaming: "",
        ...(event.turn.model !== undefined ? { model: event.turn.model } : {}),
        timeline: [...view.timeline, { kind: "assistant", step: event.step, content: event.turn.content, callIds: event.turn.toolCalls.map((call) => call.id) }],
      };
    case "call":
      return putCall(view, event.call);
    case "paused":
      return { ...updateCall(view, event.paused.callId, (call) => ({ ...call, status: "paused" })), paused: event.paused };
    case "executing":
      return { ...updateCall(view, event.callId, (call) => ({ ...call, status: "executing" })), paused: undefined };
    case "executed":
      return updateCall(view, event.callId, (call) => ({ ...call, status: event.status, executions: [...call.executions, event.execution] }));
    case "tool_message":
      return {
        ...updateCall(view, event.callId, (call) => ({ ...call, status: event.status, toolMessage: { content: event.content, isError: event.isError } })),
        paused: view.paused?.callId === event.callId ? undefined : view.paused,
      };
    case "model_error":
      return { ...view, streaming: "", lastError: event.error, timeline: [...view.timeline, { kind: "model_error", step: event.step, error: event.error }] };
    case "break_mode":
      return { ...view, breakMode: event.mode };
    case "ended":
      return { ...view, ended: event.reason, paused: undefined, streaming: "" };
  }
}

function putCall(view: AgentSessionView, call: SessionCall): AgentSessionView {
  const calls = new Map(view.calls);
  calls.set(call.id, call);
  return { ...view, calls };
}

/** An event about a call never seen is ignored. */
function updateCall(view: AgentSessionView, id: string, update: (call: SessionCall) => SessionCall): AgentSessionView {
  const current = view.calls.get(id);
  return current === undefined ? view : putCall(view, update(current));
}
