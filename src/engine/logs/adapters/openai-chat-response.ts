import { chatCallEvent, chatSyntheticId, readLegacyCall, readToolCallEntry, type ChatRecordContext } from "./openai-chat-calls.js";
import { epochToIso } from "./shared/log-time.js";
import { arrayAt, isRecord, numberAt, recordAt, stringAt, type JsonObject } from "./shared/json-read.js";

/**
 * Reads a (non-streamed) chat completion: every choice's `tool_calls` and legacy `function_call`.
 * `finish_reason: "length"` marks that choice's calls truncated: the model was cut off, most
 * likely inside the arguments.
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
    const extra = {
      truncated: choice.finish_reason === "length",
      ...(model !== undefined && { model }),
      ...(time !== undefined && { time }),
    };
    const entries = message.tool_calls;
    if (Array.isArray(entries)) {
      for (let slot = 0; slot < entries.length; slot++) {
        const parts = readToolCallEntry(entries[slot]);
        if (!parts) continue;
        const callId = parts.id ?? chatSyntheticId(position, slot, parts);
        if (ctx.dedupe.sighted(callId, parts.name, parts.arguments) === undefined) ctx.dedupe.call(chatCallEvent(parts, callId, false, ctx, extra), ctx.emit);
      }
    }
    const legacy = readLegacyCall(message);
    if (legacy) {
      const callId = chatSyntheticId(position, "function_call", legacy);
      if (ctx.dedupe.sighted(callId, legacy.name, legacy.arguments) === undefined) ctx.dedupe.call(chatCallEvent(legacy, callId, true, ctx, extra), ctx.emit);
    }
  }
}
