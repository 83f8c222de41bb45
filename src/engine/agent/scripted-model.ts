import type { ModelTurn, ScriptedTurn } from "./agent-contract.js";
import type { ModelClient, ModelResult } from "./model-client.js";

/**
 * The agent's `script`, one turn per model call, in order (SPEC §4.3): the offline model. Running
 * out is a `script_exhausted` error, so a script that stops before its final answer says so.
 */
export class ScriptedModel implements ModelClient {
  readonly source = "scripted";
  private used = 0;

  constructor(
    private readonly turns: readonly ScriptedTurn[],
    readonly label: string,
    readonly model: string | undefined,
  ) {}

  /** Turns not asked for yet: a test asserts it is 0 at the end. */
  get remaining(): number {
    return this.turns.length - this.used;
  }

  next(): Promise<ModelResult> {
    const turn = this.turns[this.used];
    if (turn === undefined) {
      const message = `the agent's script ran out after ${this.turns.length} turn${this.turns.length === 1 ? "" : "s"}: end it with a turn that answers without tool calls`;
      return Promise.resolve({ ok: false, error: { kind: "script_exhausted", message } });
    }
    this.used++;
    return Promise.resolve({ ok: true, turn: toModelTurn(turn, this.model) });
  }
}

export function toModelTurn(turn: ScriptedTurn, model: string | undefined): ModelTurn {
  const toolCalls = (turn.tool_calls ?? []).map((call) => ({ id: call.id, name: call.function.name, arguments: call.function.arguments }));
  return {
    content: turn.content ?? null,
    toolCalls,
    ...(model !== undefined ? { model } : {}),
    finishReason: toolCalls.length > 0 ? "tool_calls" : "stop",
  };
}
