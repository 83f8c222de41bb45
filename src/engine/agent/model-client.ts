import type { ModelError, ModelSourceKind, ModelTurn } from "./agent-contract.js";
import type { ChatMessage, ChatTool } from "./chat-messages.js";

export interface ModelRequestOptions {
  signal?: AbortSignal;
  /** Streamed text or tool-call argument text as it arrives (live only). */
  onDelta?: (text: string) => void;
}

export type ModelResult = { ok: true; turn: ModelTurn } | { ok: false; error: ModelError };

/**
 * Where the loop gets its model turns: a live OpenAI-compatible server, the agent's script, or a
 * captured log. `next` never rejects: a failing model is a ModelError.
 */
export interface ModelClient {
  readonly source: ModelSourceKind;
  /** For the header: "live gpt-4o-mini", "scripted (no OPENAI_API_KEY)", "replay prod.jsonl". */
  readonly label: string;
  readonly model: string | undefined;
  next(messages: readonly ChatMessage[], tools: readonly ChatTool[], options: ModelRequestOptions): Promise<ModelResult>;
}
