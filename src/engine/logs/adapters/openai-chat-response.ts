import { chatCallEvent, chatSyntheticId, readLegacyCall, readToolCallEntry, type ChatRecordContext } from "./openai-chat-calls.js";
import { epochToIso } from "./shared/log-time.js";
import { arrayAt, isRecord, numberAt, recordAt, stringAt, type JsonObject } from "./shared/json-read.js";

/**
 * Reads a (non-streamed) chat completion: every choice's `tool_calls` and legacy `function_call`.
 * `finish_reason: "length"` marks that choice's last call truncated: the model was cut off
 * there, most likely inside its arguments; the calls before it were complete.
 */
export function readChatCompletion(completion: JsonObject, ctx: ChatRecordContext): void {
  const model = stringAt(completion, "model");
  const time = epochToIso(numberAt(completion, "created"));
  const position = ctx.position ?? -1;
  const choices = arrayAt(completion, "choices") ?? [];
  for (const choice of choices) {
    if (!isRecord(choice)) continue;
    const message = recordAt(choice, "message");
    if (!message) continue;
    const cutOff = choice.finish_reason === "length";
    const extra = {
      truncated: false,
      ...(model !== undefined && { model }),
      ...(time !== undefined && { time }),
    };
    const legacy = readLegacyCall(message);
    const entries = message.tool_calls;
    if (Array.isArray(entries)) {
      const last = cutOff ? lastCallSlot(entries) : -1;
      for (let slot = 0; slot < entries.length; slot++) {
        const parts = readToolCallEntry(entries[slot]);
        if (!parts) continue;
        const callId = parts.id ?? chatSyntheticId(position, slot, parts);
        const truncated = cutOff && !legacy && slot === last;
        if (ctx.dedupe.sighted(callId, parts.name, parts.arguments) === undefined) ctx.dedupe.call(chatCallEvent(parts, callId, false, ctx, truncated ? { ...extra, truncated } : extra), ctx.emit);
      }
    }
    if (legacy) {
      const callId = chatSyntheticId(position, "function_call", legacy);
      if (ctx.dedupe.sighted(callId, legacy.name, legacy.arguments) === undefined) ctx.dedupe.call(chatCallEvent(legacy, callId, true, ctx, { ...extra, truncated: cutOff }), ctx.emit);
    }
  }
}

/** The slot of the message's last readable call: where a cut-off output stopped. */
function lastCallSlot(entries: readonly unknown[]): number {
  for (let slot = entries.length - 1; slot >= 0; slot--) if (readToolCallEntry(entries[slot])) return slot;
  return -1;
}
