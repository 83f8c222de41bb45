import type { AdvertisedTool, LogEvent, LogToolCall } from "../log-events.js";
import { CUSTOM_NOTE, LEGACY_NOTE } from "./openai-notes.js";
import type { EventDedupe } from "./shared/event-dedupe.js";
import { isRecord, nonEmptyStringAt, recordAt, safeStringify, stringAt, type JsonObject } from "./shared/json-read.js";
import { syntheticCallId } from "./shared/stable-hash.js";

/** What one chat record (a line, or an element of a top-level array) knows about its calls. */
export interface ChatRecordContext {
  file: string;
  line: number;
  model?: string;
  time?: string;
  advertised?: AdvertisedTool[];
  /** Where the response sits in its conversation: its request's history length, when paired. */
  position?: number;
  dedupe: EventDedupe;
  emit: (event: LogEvent) => void;
}


/** One tool call as a chat message or delta holds it, before ids and context are settled. */
export interface ChatCallParts {
  id?: string;
  name: string;
  arguments: string;
  recorded: boolean;
  custom: boolean;
}

/** `{id, type:"function", function:{name, arguments}}` or `{id, type:"custom", custom:{name, input}}`. */
export function readToolCallEntry(entry: unknown): ChatCallParts | undefined {
  if (!isRecord(entry)) return undefined;
  const custom = recordAt(entry, "custom");
  const fn = custom ?? recordAt(entry, "function") ?? entry;
  // A plain literal, no spreads: this runs for every new call of every history line.
  const args = argumentsOf(custom ? custom.input : fn.arguments);
  const parts: ChatCallParts = { name: stringAt(fn, "name") ?? "", arguments: args.arguments, recorded: args.recorded, custom: custom !== undefined };
  const id = nonEmptyStringAt(entry, "id");
  if (id !== undefined) parts.id = id;
  return parts;
}

/** The id, name and raw arguments of a tool-call entry, with nothing else read (for calls already emitted); undefined when its arguments are not text. */
export function toolCallIdAndName(entry: unknown): { id: string; name: string; arguments: string } | undefined {
  if (!isRecord(entry)) return undefined;
  const id = nonEmptyStringAt(entry, "id");
  if (id === undefined) return undefined;
  const custom = recordAt(entry, "custom");
  const fn = custom ?? recordAt(entry, "function") ?? entry;
  const args = custom ? custom.input : fn.arguments;
  if (typeof args !== "string") return undefined;
  return { id, name: stringAt(fn, "name") ?? "", arguments: args };
}

/** The legacy `function_call: {name, arguments}` of an assistant message. */
export function readLegacyCall(message: JsonObject): ChatCallParts | undefined {
  const call = recordAt(message, "function_call");
  if (!call) return undefined;
  const args = argumentsOf(call.arguments);
  return { name: stringAt(call, "name") ?? "", arguments: args.arguments, recorded: args.recorded, custom: false };
}

/** Raw text when the log kept it; otherwise parsed arguments re-serialized, and said so. */
export function argumentsOf(value: unknown): { arguments: string; recorded: boolean } {
  if (typeof value === "string") return { arguments: value, recorded: true };
  if (value === undefined || value === null) return { arguments: "", recorded: true };
  return { arguments: safeStringify(value), recorded: false };
}

/**
 * A stable id for a call the log gives none: the same call read again (in a later request's
 * history) hashes to the same id because its position in the conversation, its slot among the
 * turn's calls, its name and its arguments are the same.
 */
export const chatSyntheticId = (position: number, slot: string | number, parts: ChatCallParts): string =>
  syntheticCallId(["chat", position, slot, parts.name, parts.arguments]);

/** The call event, with every optional field present only when known. */
export function chatCallEvent(
  parts: ChatCallParts,
  callId: string,
  legacy: boolean,
  ctx: ChatRecordContext,
  extra: { line?: number; truncated?: boolean; notes?: string[]; model?: string; time?: string },
): LogToolCall {
  const notes: string[] = [];
  if (legacy) notes.push(LEGACY_NOTE);
  else if (parts.id === undefined) notes.push("no call id in the log");
  if (parts.custom) notes.push(CUSTOM_NOTE);
  if (extra.notes) notes.push(...extra.notes);
  const model = extra.model ?? ctx.model;
  const time = extra.time ?? ctx.time;
  return {
    kind: "call",
    callId,
    syntheticId: parts.id === undefined,
    tool: parts.name,
    arguments: parts.arguments,
    argumentsRecorded: parts.recorded,
    ...(parts.custom && { argumentsKind: "text" as const }),
    ...(ctx.advertised && { advertised: ctx.advertised }),
    ...(model !== undefined && { model }),
    ...(time !== undefined && { time }),
    ...(extra.truncated && { truncated: true }),
    ...(notes.length > 0 && { notes }),
    source: { file: ctx.file, line: extra.line ?? ctx.line },
  };
}
