import { responseId, type AwaitedCall, type ResponsesContext } from "./openai-responses-context.js";
import { callParts, emitCall, type ResponsesCallParts } from "./openai-responses-items.js";
import { arrayAt, isRecord, type JsonObject } from "./shared/json-read.js";

/**
 * Reads a response object's `output[]` calls. `status: "incomplete"` means the model was cut off:
 * the items the API marks incomplete are truncated; when no item says which, every call of the
 * response is, since any of them may be cut.
 */
export function readResponseOutput(response: Record<string, unknown>, ctx: ResponsesContext, lineOf?: (item: JsonObject) => number | undefined): void {
  const output = arrayAt(response, "output") ?? [];
  const calls: { parts: ResponsesCallParts; line: number | undefined }[] = [];
  for (const item of output) {
    if (!isRecord(item)) continue;
    const parts = callParts(item);
    if (parts) calls.push({ parts, line: lineOf?.(item) });
  }
  if (calls.length === 0) return;
  const incomplete = response.status === "incomplete";
  const anyItemSays = calls.some((call) => call.parts.incomplete);
  const made: AwaitedCall[] = [];
  for (const { parts, line } of calls) {
    const emitted = emitCall(parts, ctx, { truncated: incomplete && !anyItemSays, ...(line !== undefined && { line }) });
    made.push({ callId: parts.callId, emitted, tool: parts.tool });
  }
  // A complete response's calls are owed their outputs by the request that continues it.
  const id = responseId(response);
  if (!incomplete && id !== undefined) ctx.state.awaiting.set(id, made);
}
