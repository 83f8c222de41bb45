type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === "object" && value !== null && !Array.isArray(value);
const str = (value: unknown): string | undefined => (typeof value === "string" ? value : undefined);

interface CallBuilder {
  id?: string;
  type: string;
  name: string;
  arguments: string;
}

interface ChoiceBuilder {
  index: number;
  role: string;
  content: string | null;
  refusal: string | null;
  reasoning?: string;
  calls: CallBuilder[];
  callsByIndex: Map<number, CallBuilder>;
  lastCall?: CallBuilder;
  functionCall?: { name: string; arguments: string };
  finishReason: string | null;
  logprobs?: unknown;
}

/**
 * Re-assembles `chat.completion.chunk`s into the `chat.completion` the same request would have
 * returned unstreamed: content and refusal joined, tool-call argument fragments joined byte for
 * byte per call (by `index`; a delta with no index continues the last call unless it brings a new
 * id), legacy `function_call` joined, the last `usage` kept. Fed one chunk at a time so a long
 * stream is never held twice.
 */
export class StreamAssembler {
  private readonly choices = new Map<number, ChoiceBuilder>();
  private readonly top: Json = {};
  private usage: unknown;
  private sawChunk = false;

  push(chunk: unknown): void {
    if (!isObject(chunk) || !Array.isArray(chunk.choices)) return;
    this.sawChunk = true;
    for (const key of ["id", "created", "model", "system_fingerprint", "service_tier"]) {
      if (chunk[key] !== undefined && this.top[key] === undefined) this.top[key] = chunk[key];
    }
    if (chunk.usage !== undefined && chunk.usage !== null) this.usage = chunk.usage;
    for (const choice of chunk.choices) if (isObject(choice)) this.pushChoice(choice);
  }

  /** The assembled completion, or undefined when no chat chunk was seen. */
  result(): Json | undefined {
    if (!this.sawChunk) return undefined;
    const choices = [...this.choices.values()].sort((a, b) => a.index - b.index).map(finishChoice);
    return { ...this.top, object: "chat.completion", choices, ...(this.usage !== undefined && { usage: this.usage }) };
  }

  private pushChoice(choice: Json): void {
    const index = typeof choice.index === "number" ? choice.index : 0;
    let builder = this.choices.get(index);
    if (!builder) {
      builder = { index, role: "assistant", content: null, refusal: null, calls: [], callsByIndex: new Map(), finishReason: null };
      this.choices.set(index, builder);
    }
    const delta = isObject(choice.delta) ? choice.delta : {};
    const role = str(delta.role);
    if (role) builder.role = role;
    const content = str(delta.content);
    if (content !== undefined) builder.content = (builder.content ?? "") + content;
    const refusal = str(delta.refusal);
    if (refusal !== undefined) builder.refusal = (builder.refusal ?? "") + refusal;
    const reasoning = str(delta.reasoning_content) ?? str(delta.reasoning);
    if (reasoning !== undefined) builder.reasoning = (builder.reasoning ?? "") + reasoning;
    if (Array.isArray(delta.tool_calls)) for (const call of delta.tool_calls) if (isObject(call)) mergeCall(builder, call);
    if (isObject(delta.function_call)) {
      builder.functionCall ??= { name: "", arguments: "" };
      appendFunction(builder.functionCall, delta.function_call);
    }
    const finish = str(choice.finish_reason);
    if (finish !== undefined) builder.finishReason = finish;
    if (choice.logprobs !== undefined && choice.logprobs !== null) builder.logprobs = mergeLogprobs(builder.logprobs, choice.logprobs);
  }
}

function mergeCall(builder: ChoiceBuilder, delta: Json): void {
  const id = str(delta.id) || undefined;
  const index = typeof delta.index === "number" ? delta.index : undefined;
  let call = index !== undefined ? builder.callsByIndex.get(index) : builder.lastCall;
  // A new id on a slot already in use: a provider that numbers every call the same.
  if (call && id !== undefined && call.id !== undefined && call.id !== id) call = undefined;
  if (!call) {
    call = { type: str(delta.type) ?? "function", name: "", arguments: "" };
    builder.calls.push(call);
    if (index !== undefined) builder.callsByIndex.set(index, call);
  }
  builder.lastCall = call;
  if (id !== undefined && call.id === undefined) call.id = id;
  if (isObject(delta.function)) appendFunction(call, delta.function);
}

function appendFunction(call: { name: string; arguments: string }, fn: Json): void {
  const name = str(fn.name);
  if (name && call.name === "") call.name = name;
  if (typeof fn.arguments === "string") call.arguments += fn.arguments;
}

function mergeLogprobs(previous: unknown, next: unknown): unknown {
  if (!isObject(next)) return previous ?? next;
  const out: Json = isObject(previous) ? { ...previous } : {};
  for (const key of ["content", "refusal"]) {
    const items = next[key];
    if (!Array.isArray(items)) continue;
    const before = out[key];
    out[key] = Array.isArray(before) ? [...(before as unknown[]), ...(items as unknown[])] : items;
  }
  return out;
}

function finishChoice(builder: ChoiceBuilder): Json {
  const message: Json = { role: builder.role, content: builder.content, refusal: builder.refusal };
  if (builder.reasoning !== undefined) message.reasoning_content = builder.reasoning;
  if (builder.calls.length > 0) {
    message.tool_calls = builder.calls.map((call) => ({
      ...(call.id !== undefined && { id: call.id }),
      type: call.type,
      function: { name: call.name, arguments: call.arguments },
    }));
  }
  if (builder.functionCall) message.function_call = builder.functionCall;
  return { index: builder.index, message, finish_reason: builder.finishReason, ...(builder.logprobs !== undefined && { logprobs: builder.logprobs }) };
}
