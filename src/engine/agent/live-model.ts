import OpenAI from "openai";
import type { ChatCompletionChunk, ChatCompletionMessageParam, ChatCompletionTool } from "openai/resources/chat/completions";
import type { ModelToolCall, ModelTurn } from "./agent-contract.js";
import type { ChatMessage, ChatTool } from "./chat-messages.js";
import type { ModelClient, ModelRequestOptions, ModelResult } from "./model-client.js";
import { toModelError } from "./model-errors.js";

export const DEFAULT_BASE_URL = "https://api.openai.com/v1";

export interface LiveModelOptions {
  apiKey: string;
  baseURL?: string;
  model: string;
  /** Default true. Off for servers that cannot stream. */
  stream?: boolean;
  /** Per request. Default 120 s. */
  timeoutMs?: number;
}

/**
 * A real OpenAI-compatible server through the `openai` SDK. Streamed tool-call fragments are
 * joined by index into the arguments string exactly as produced: the SDK's parse helpers would
 * reject invalid arguments, and showing those is the point. Retries are off so an error surfaces
 * at once; the key only ever goes to the SDK.
 */
export class LiveModel implements ModelClient {
  readonly source = "live";
  readonly label: string;
  readonly model: string;
  private readonly client: OpenAI;
  private readonly baseURL: string;
  private readonly stream: boolean;

  constructor(options: LiveModelOptions) {
    this.baseURL = options.baseURL ?? DEFAULT_BASE_URL;
    this.model = options.model;
    this.stream = options.stream ?? true;
    this.label = `live ${options.model}${options.baseURL !== undefined && options.baseURL !== DEFAULT_BASE_URL ? ` at ${this.baseURL}` : ""}`;
    this.client = new OpenAI({ apiKey: options.apiKey, baseURL: this.baseURL, maxRetries: 0, timeout: options.timeoutMs ?? 120_000 });
  }

  async next(messages: readonly ChatMessage[], tools: readonly ChatTool[], options: ModelRequestOptions): Promise<ModelResult> {
    const body = {
      model: this.model,
      messages: messages as ChatCompletionMessageParam[],
      ...(tools.length > 0 ? { tools: tools as ChatCompletionTool[] } : {}),
    };
    const request = options.signal ? { signal: options.signal } : {};
    try {
      if (!this.stream) {
        const completion = await this.client.chat.completions.create({ ...body, stream: false }, request);
        const choice = completion.choices[0];
        const toolCalls: ModelToolCall[] = (choice?.message.tool_calls ?? []).map((call) =>
          call.type === "function" ? { id: call.id, name: call.function.name, arguments: call.function.arguments } : { id: call.id, name: call.custom.name, arguments: call.custom.input },
        );
        return { ok: true, turn: { content: choice?.message.content ?? null, toolCalls, model: completion.model, ...(choice?.finish_reason ? { finishReason: choice.finish_reason } : {}) } };
      }
      const stream = await this.client.chat.completions.create({ ...body, stream: true }, request);
      const turn = new StreamedTurn();
      for await (const chunk of stream) turn.add(chunk, options.onDelta);
      return { ok: true, turn: turn.result() };
    } catch (error) {
      return { ok: false, error: toModelError(error, this.baseURL, this.model) };
    }
  }
}

/** Joins a streamed completion: text in order, each tool call's fragments by its index. */
export class StreamedTurn {
  private content: string | null = null;
  private readonly calls = new Map<number, { id: string; name: string; arguments: string }>();
  private model: string | undefined;
  private finishReason: string | undefined;

  add(chunk: ChatCompletionChunk, onDelta?: (text: string) => void): void {
    if (chunk.model) this.model = chunk.model;
    for (const choice of chunk.choices ?? []) {
      if (choice.index !== 0) continue;
      if (choice.finish_reason) this.finishReason = choice.finish_reason;
      const delta = choice.delta;
      if (typeof delta?.content === "string" && delta.content !== "") {
        this.content = (this.content ?? "") + delta.content;
        onDelta?.(delta.content);
      }
      for (const fragment of delta?.tool_calls ?? []) {
        const call = this.calls.get(fragment.index) ?? { id: "", name: "", arguments: "" };
        this.calls.set(fragment.index, call);
        if (fragment.id) call.id = fragment.id;
        if (fragment.function?.name) call.name += fragment.function.name;
        if (typeof fragment.function?.arguments === "string") {
          call.arguments += fragment.function.arguments;
          if (fragment.function.arguments !== "") onDelta?.(fragment.function.arguments);
        }
      }
    }
  }

  result(): ModelTurn {
    const toolCalls = [...this.calls.entries()]
      .sort(([a], [b]) => a - b)
      .map(([index, call]) => ({ id: call.id === "" ? `call_${index}` : call.id, name: call.name, arguments: call.arguments }));
    return { content: this.content, toolCalls, ...(this.model !== undefined ? { model: this.model } : {}), ...(this.finishReason !== undefined ? { finishReason: this.finishReason } : {}) };
  }
}
