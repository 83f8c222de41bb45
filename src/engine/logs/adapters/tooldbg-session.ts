import type { AdvertisedTool, LogAdapter, LogEvent, LogReader } from "../log-events.js";
import { sessionSchemas, SESSION_VERSION } from "../../session/session-format.js";
import { isRecord } from "../../../tools/json-schema.js";
import { BoundedIdSet } from "./shared/bounded-id-set.js";

// `mcp` lines are JSON-RPC frames (run --mcp): known, so a headerless piece of a session still detects, but never calls.
const EVENT_TYPES = new Set(["user", "assistant", "diagnosis", "execution", "tool_message", "note", "mcp", "end"]);

/** tooldbg's own session files (`session/1`): the header's tools are what the model was shown. */
export const tooldbgSessionAdapter: LogAdapter = {
  format: "tooldbg",
  detect(record) {
    if (!isRecord(record)) return 0;
    if (typeof record.tooldbg === "string" && record.tooldbg.startsWith("session/")) return 1;
    return typeof record.seq === "number" && typeof record.t === "string" && EVENT_TYPES.has(String(record.type)) ? 0.6 : 0;
  },
  createReader: createSessionReader,
};

function createSessionReader(file: string): LogReader {
  let advertised: AdvertisedTool[] | undefined;
  let model: string | undefined;
  // Bounded, as in every adapter: a session file of any length streams in constant memory.
  const seen = new BoundedIdSet();
  // Calls that ran in the worker: a tool message for any other call is tooldbg refusing to run it
  // (findings, a skip, an injected answer), which the call's own findings already say.
  const executed = new BoundedIdSet();
  return {
    line(text, line, emit: (event: LogEvent) => void) {
      if (text.trim() === "") return;
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch {
        emit({ kind: "error", line, message: "not valid JSON (a session line cut off by a killed process?)" });
        return;
      }
      if (isRecord(value) && "tooldbg" in value) {
        const header = sessionSchemas().header.safeParse(value);
        if (!header.success) {
          emit({ kind: "error", line, message: `not a ${SESSION_VERSION} header (this build reads ${SESSION_VERSION})` });
          return;
        }
        advertised = header.data.tools?.map((t) => ({ name: t.name, parameters: t.parameters, ...(t.description ? { description: t.description } : {}) }));
        model = header.data.model;
        return;
      }
      const parsed = sessionSchemas().event.safeParse(value);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        emit({ kind: "error", line, message: `not a session event${issue ? ` (${issue.path.join(".") || "type"}: ${issue.message})` : ""}` });
        return;
      }
      const event = parsed.data;
      const source = { file, line };
      if (event.type === "assistant") {
        for (const call of event.toolCalls ?? []) {
          if (!seen.add(call.id)) continue;
          const callModel = event.model ?? model;
          emit({
            kind: "call",
            callId: call.id,
            syntheticId: false,
            tool: call.name,
            arguments: call.arguments,
            argumentsRecorded: true,
            ...(advertised ? { advertised } : {}),
            ...(callModel ? { model: callModel } : {}),
            time: event.t,
            ...(event.finishReason === "length" ? { truncated: true } : {}),
            source,
          });
        }
      } else if (event.type === "execution") {
        executed.add(event.callId);
      } else if (event.type === "tool_message") {
        const ranAndFailed = event.isError === true && executed.has(event.callId);
        emit({ kind: "result", callId: event.callId, content: event.content, ...(ranAndFailed ? { isError: true } : {}), source });
      }
    },
    end() {
      // Nothing pending: every event is complete on its own line.
    },
  };
}
