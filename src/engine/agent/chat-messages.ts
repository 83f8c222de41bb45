import type { ToolSpec } from "../../tools/tool-spec.js";
import type { ModelTurn } from "./agent-contract.js";

/** The conversation in the OpenAI chat format: what a live model is sent, turn after turn. */
export type ChatMessage =
  | { role: "system"; content: string }
  | { role: "user"; content: string }
  | { role: "assistant"; content: string | null; tool_calls?: ChatToolCall[] }
  | { role: "tool"; tool_call_id: string; content: string };

export interface ChatToolCall {
  id: string;
  type: "function";
  function: { name: string; arguments: string };
}

export interface ChatTool {
  type: "function";
  function: { name: string; description?: string; parameters: Record<string, unknown> };
}

/** The tools as the model is shown them. */
export const chatTools = (specs: readonly ToolSpec[]): ChatTool[] =>
  specs.map((spec) => ({
    type: "function",
    function: { name: spec.name, ...(spec.description !== undefined ? { description: spec.description } : {}), parameters: spec.parameters },
  }));

/** The assistant message a turn adds to the conversation; its arguments go back byte for byte. */
export function assistantMessage(turn: ModelTurn): ChatMessage {
  if (turn.toolCalls.length === 0) return { role: "assistant", content: turn.content };
  return {
    role: "assistant",
    content: turn.content,
    tool_calls: turn.toolCalls.map((call) => ({ id: call.id, type: "function", function: { name: call.name, arguments: call.arguments } })),
  };
}
