/** Spans as OTLP JSON lines, for the otel adapter's tests: GenAI chat and execute_tool spans, OpenInference spans. */

export type Attributes = Record<string, string | string[] | number | boolean>;

/** OTLP AnyValue, as the Collector's file exporter writes it. */
const anyValue = (value: Attributes[string]): unknown =>
  Array.isArray(value)
    ? { arrayValue: { values: value.map(anyValue) } }
    : typeof value === "number"
      ? { intValue: String(value) }
      : typeof value === "boolean"
        ? { boolValue: value }
        : { stringValue: value };

let spanCounter = 0;
const T0 = 1_748_779_200_000_000_000n;

/** A span under `parent`, starting 1 ms after the one made before it (each trace is read in start order). */
export function spanUnder(traceId: string, parent: string, name: string, attributes: Attributes, extra: Record<string, unknown> = {}): Record<string, unknown> {
  spanCounter++;
  return {
    traceId,
    spanId: `span${spanCounter}`,
    parentSpanId: parent,
    name,
    startTimeUnixNano: String(T0 + BigInt(spanCounter) * 1_000_000n),
    attributes: Object.entries(attributes).map(([key, value]) => ({ key, value: anyValue(value) })),
    status: {},
    ...extra,
  };
}

/** A span under the trace's root. */
export const span = (traceId: string, name: string, attributes: Attributes, extra: Record<string, unknown> = {}): Record<string, unknown> => spanUnder(traceId, "root", name, attributes, extra);

export const otlpLine = (...spans: Record<string, unknown>[]): string => JSON.stringify({ resourceSpans: [{ resource: {}, scopeSpans: [{ scope: { name: "test" }, spans }] }] });

export type Part = Record<string, unknown>;
export interface Message {
  role: string;
  parts: Part[];
}

export const user = (text: string): Message => ({ role: "user", parts: [{ type: "text", content: text }] });
export const toolCall = (name: string, args: unknown, id?: string): Part => ({ type: "tool_call", name, arguments: args, ...(id !== undefined && { id }) });
export const assistant = (...parts: Part[]): Message => ({ role: "assistant", parts });
export const response = (content: unknown, id?: string): Part => ({ type: "tool_call_response", response: content, ...(id !== undefined && { id }) });
export const toolMessage = (...parts: Part[]): Message => ({ role: "tool", parts });

/** A GenAI chat span: its input history and the model's output message. */
export const chat = (trace: string, input: Message[], output: Part[]): Record<string, unknown> =>
  span(trace, "chat gpt-4o", {
    "gen_ai.operation.name": "chat",
    "gen_ai.response.model": "gpt-4o",
    "gen_ai.input.messages": JSON.stringify(input),
    "gen_ai.output.messages": JSON.stringify([{ role: "assistant", parts: output, finish_reason: output.some((part) => part.type === "tool_call") ? "tool_call" : "stop" }]),
  });

/** A GenAI execute_tool span; `id`, `args` (a string, as the attribute holds it) and `result` only when given. */
export const executeTool = (trace: string, tool: string, fields: { id?: string; args?: string; result?: string; error?: string } = {}): Record<string, unknown> =>
  span(
    trace,
    `execute_tool ${tool}`,
    {
      "gen_ai.operation.name": "execute_tool",
      "gen_ai.tool.name": tool,
      ...(fields.id !== undefined && { "gen_ai.tool.call.id": fields.id }),
      ...(fields.args !== undefined && { "gen_ai.tool.call.arguments": fields.args }),
      ...(fields.result !== undefined && { "gen_ai.tool.call.result": fields.result }),
      ...(fields.error !== undefined && { "error.type": "Error" }),
    },
    fields.error !== undefined ? { status: { code: 2, message: fields.error } } : {},
  );

/** An OpenInference span of this kind with these flattened attributes. */
export const openInference = (trace: string, name: string, kind: "LLM" | "TOOL", attributes: Attributes, extra: Record<string, unknown> = {}): Record<string, unknown> =>
  span(trace, name, { "openinference.span.kind": kind, ...attributes }, extra);
