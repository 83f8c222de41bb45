import { asArray, asRecord, asString, contentText, isRecord, stringifyJson } from "./shared/loose-json.js";
import { nonEmptyStringAt } from "./shared/json-read.js";

/**
 * LangChain messages in every shape they are dumped in, read into one:
 * - `dumpd`/LangSmith serialization: `{lc: 1, type: "constructor", id: [..., "AIMessage"], kwargs: {...}}`;
 * - `messages_to_dict`: `{type: "ai", data: {...}}`;
 * - `model_dump()`: `{type: "ai", content, tool_calls, ...}`;
 * - OpenAI-style dicts (`{role: "assistant", tool_calls: [{function: {arguments}}]}`), which
 *   LangSmith's OpenAI wrapper and many LangGraph states hold.
 */
export type LcRole = "ai" | "tool" | "human" | "system";

export interface LcMessage {
  role: LcRole;
  /** The message's own fields (`kwargs`, `data`, or the dict itself). */
  fields: Record<string, unknown>;
}

const ROLES: Record<string, LcRole> = {
  ai: "ai",
  AIMessage: "ai",
  AIMessageChunk: "ai",
  assistant: "ai",
  tool: "tool",
  ToolMessage: "tool",
  ToolMessageChunk: "tool",
  human: "human",
  HumanMessage: "human",
  HumanMessageChunk: "human",
  user: "human",
  system: "system",
  SystemMessage: "system",
  SystemMessageChunk: "system",
  developer: "system",
};

const roleOf = (name: unknown): LcRole | undefined => (typeof name === "string" && Object.hasOwn(ROLES, name) ? ROLES[name] : undefined);

/** The message a value holds, or undefined when it is not one. */
export function lcMessage(value: unknown): LcMessage | undefined {
  if (!isRecord(value)) return undefined;
  if (value.lc === 1 && value.type === "constructor" && Array.isArray(value.id) && isRecord(value.kwargs)) {
    const role = roleOf(value.id[value.id.length - 1]) ?? roleOf(value.kwargs.type) ?? roleOf(value.kwargs.role);
    return role ? { role, fields: value.kwargs } : undefined;
  }
  if (isRecord(value.data) && "content" in value.data) {
    const role = roleOf(value.type) ?? roleOf(value.data.type);
    if (role) return { role, fields: value.data };
  }
  // A dumped message has `type` and `content`; an OpenAI-style one has `role`.
  const role = "content" in value || "tool_calls" in value ? (roleOf(value.type) ?? (typeof value.role === "string" ? roleOf(value.role) : undefined)) : undefined;
  return role ? { role, fields: value } : undefined;
}

/** Whether a value is a LangChain message specifically (not an OpenAI-style dict): detection's evidence. */
export function isLangchainMessage(value: unknown): boolean {
  if (!isRecord(value)) return false;
  if (value.lc === 1 && value.type === "constructor" && Array.isArray(value.id)) return value.id.includes("messages") && lcMessage(value) !== undefined;
  if (isRecord(value.data) && "content" in value.data) return roleOf(value.type) !== undefined;
  return typeof value.type === "string" && value.type !== "" && roleOf(value.type) !== undefined && "content" in value && !("role" in value);
}

/** One call an AI message made, before it becomes an event. */
export interface LcCallParts {
  id: string | undefined;
  name: string;
  /** The raw arguments string when the dump kept one, else the parsed arguments re-serialized. */
  arguments: string;
  recorded: boolean;
  /** LangChain could not parse these arguments (`invalid_tool_calls`): its own message. */
  invalid?: string;
  /** Legacy `additional_kwargs.function_call`: no id of its own. */
  legacy?: boolean;
}

/**
 * The calls of an AI message. `tool_calls` holds parsed `args`; the provider's raw string is
 * taken, by id, from `additional_kwargs.tool_calls` (OpenAI-compatible providers) or from
 * `tool_call_chunks` (streamed messages). `invalid_tool_calls` are the calls whose arguments
 * LangChain could not parse: their `args` is the raw string.
 */
export function aiMessageCalls(fields: Record<string, unknown>): LcCallParts[] {
  const raw = rawArgumentsById(fields);
  const calls: LcCallParts[] = [];
  const parsed = asArray(fields.tool_calls);
  const openaiStyle = parsed?.some((entry) => isRecord(entry) && isRecord(entry.function));
  if (parsed && !openaiStyle) {
    for (const entry of parsed) {
      if (!isRecord(entry)) continue;
      const name = asString(entry.name);
      if (name === undefined) continue;
      const id = nonEmptyStringAt(entry, "id");
      const kept = id !== undefined ? raw.get(id) : undefined;
      calls.push(kept !== undefined ? { id, name, arguments: kept, recorded: true } : { id, name, arguments: typeof entry.args === "string" ? entry.args : stringifyJson(entry.args ?? {}), recorded: typeof entry.args === "string" });
    }
  } else {
    // OpenAI-style entries (a dict message, or LangChain before `tool_calls` existed).
    for (const entry of parsed ?? asArray(asRecord(fields.additional_kwargs)?.tool_calls) ?? []) {
      const call = openaiToolCall(entry);
      if (call) calls.push(call);
    }
  }
  for (const entry of asArray(fields.invalid_tool_calls) ?? []) {
    if (!isRecord(entry)) continue;
    const id = nonEmptyStringAt(entry, "id");
    if (id !== undefined && calls.some((call) => call.id === id)) continue;
    const args = typeof entry.args === "string" ? entry.args : entry.args == null ? "" : stringifyJson(entry.args);
    calls.push({ id, name: asString(entry.name) ?? "", arguments: args, recorded: typeof entry.args === "string", invalid: asString(entry.error) ?? "the arguments could not be parsed" });
  }
  const legacy = asRecord(asRecord(fields.additional_kwargs)?.function_call) ?? asRecord(fields.function_call);
  const legacyName = legacy ? asString(legacy.name) : undefined;
  if (legacy && legacyName !== undefined && calls.length === 0) {
    calls.push({ id: undefined, name: legacyName, arguments: typeof legacy.arguments === "string" ? legacy.arguments : stringifyJson(legacy.arguments ?? {}), recorded: typeof legacy.arguments === "string", legacy: true });
  }
  return calls;
}

function openaiToolCall(entry: unknown): LcCallParts | undefined {
  if (!isRecord(entry)) return undefined;
  const fn = asRecord(entry.function);
  const name = fn ? asString(fn.name) : undefined;
  if (!fn || name === undefined) return undefined;
  const args = fn.arguments;
  return { id: nonEmptyStringAt(entry, "id"), name, arguments: typeof args === "string" ? args : stringifyJson(args ?? {}), recorded: typeof args === "string" };
}

/** The raw arguments strings a message kept beside its parsed `tool_calls`, by call id. */
function rawArgumentsById(fields: Record<string, unknown>): Map<string, string> {
  const raw = new Map<string, string>();
  for (const entry of asArray(asRecord(fields.additional_kwargs)?.tool_calls) ?? []) {
    const call = openaiToolCall(entry);
    if (call?.id !== undefined && call.recorded) raw.set(call.id, call.arguments);
  }
  for (const entry of asArray(fields.tool_call_chunks) ?? []) {
    if (!isRecord(entry) || typeof entry.args !== "string") continue;
    const id = nonEmptyStringAt(entry, "id");
    if (id !== undefined && !raw.has(id)) raw.set(id, entry.args);
  }
  return raw;
}

/** The model an AI message names (`response_metadata`), if any. */
export function aiMessageModel(fields: Record<string, unknown>): string | undefined {
  const meta = asRecord(fields.response_metadata);
  return (meta && (nonEmptyStringAt(meta, "model_name") ?? nonEmptyStringAt(meta, "model") ?? nonEmptyStringAt(meta, "model_id"))) ?? nonEmptyStringAt(fields, "model");
}

/** Whether the model was cut off (OpenAI `finish_reason: "length"`, Anthropic `stop_reason: "max_tokens"`). */
export function aiMessageTruncated(fields: Record<string, unknown>, finishReason?: unknown): boolean {
  const meta = asRecord(fields.response_metadata);
  const reason = finishReason ?? meta?.finish_reason ?? meta?.stop_reason ?? fields.finish_reason;
  return reason === "length" || reason === "max_tokens";
}

/** A tool message's answer: the call it answers, its content, and LangChain's own error flag. */
export interface LcResultParts {
  callId: string;
  content: string;
  /** `status` ("error" / "success"), LangChain's flag; undefined when the dump has none. */
  isError: boolean | undefined;
  tool: string | undefined;
}

export function toolMessageResult(fields: Record<string, unknown>): LcResultParts | undefined {
  const callId = nonEmptyStringAt(fields, "tool_call_id");
  if (callId === undefined) return undefined;
  const status = fields.status;
  return { callId, content: messageText(fields.content), isError: status === "error" ? true : status === "success" ? false : undefined, tool: nonEmptyStringAt(fields, "name") };
}

/** Content as text (see contentText); LangChain content may also be a list of plain strings. */
export function messageText(content: unknown): string {
  if (Array.isArray(content) && content.length > 0 && content.every((block) => typeof block === "string")) return content.join("\n");
  return contentText(content ?? "");
}
