import type { NewSessionEvent } from "../session/session-format.js";
import type { AgentEvent } from "./agent-contract.js";

/**
 * The `session/1` line for an agent event, or undefined for the ones that are not kept:
 * `started` is the file's header, and streamed deltas and `model_started` are transient (the
 * assistant event holds the turn whole).
 */
export function toSessionEvent(event: AgentEvent, toolOf: (callId: string) => string): NewSessionEvent | undefined {
  switch (event.type) {
    case "started":
    case "model_started":
    case "model_delta":
      return undefined;
    case "user":
      return { type: "user", content: event.content };
    case "assistant": {
      const { turn } = event;
      return {
        type: "assistant",
        step: event.step,
        content: turn.content,
        toolCalls: turn.toolCalls.map((call) => ({ id: call.id, name: call.name, arguments: call.arguments })),
        ...(turn.model !== undefined ? { model: turn.model } : {}),
        ...(turn.finishReason !== undefined ? { finishReason: turn.finishReason } : {}),
      };
    }
    case "call":
      return { type: "diagnosis", callId: event.call.id, tool: event.call.tool, arguments: event.call.arguments, findings: event.call.findings.map((finding) => ({ ...finding })) };
    case "paused":
      return { type: "paused", callId: event.paused.callId, phase: event.paused.phase, ...(event.paused.reason !== undefined ? { reason: event.paused.reason } : {}) };
    case "executing":
      return { type: "executing", callId: event.callId, tool: toolOf(event.callId), arguments: event.arguments, mode: event.mode };
    case "executed": {
      const { execution } = event;
      return {
        type: "execution",
        callId: event.callId,
        tool: toolOf(event.callId),
        arguments: execution.arguments,
        outcome: { ...execution.outcome },
        findings: execution.findings.map((finding) => ({ ...finding })),
        status: event.status,
      };
    }
    case "tool_message":
      return { type: "tool_message", callId: event.callId, content: event.content, isError: event.isError, status: event.status };
    case "model_error":
      return { type: "model_error", step: event.step, kind: event.error.kind, message: event.error.message, ...(event.error.status !== undefined ? { status: event.error.status } : {}) };
    case "break_mode":
      return { type: "break_mode", mode: event.mode };
    case "ended":
      return { type: "end", reason: event.reason };
  }
}
