import { describe, expect, it } from "vitest";
import { autogenAdapter } from "../../../src/engine/logs/adapters/autogen.js";
import { jsonl, readFixture, readText } from "./anthropic-autogen-otel-read-log.js";

const llmCall = (...ids: string[]) => ({
  type: "LLMCall",
  messages: [],
  response: { model: "m", choices: [{ finish_reason: "tool_calls", message: { role: "assistant", tool_calls: ids.map((id) => ({ id, type: "function", function: { name: "f", arguments: "{}" } })) } }] },
});
const request = (createdAt: string, ...ids: string[]) => ({ source: "a", type: "ToolCallRequestEvent", created_at: createdAt, content: ids.map((id) => ({ id, arguments: "{}", name: "f" })) });

describe("autogen: a call first seen in an LLMCall (no time) takes the time its request event records", () => {
  it("call_ag1 and call_ag2 of the fixture autogen-conversation.jsonl, still read from the LLMCall (its model and tools)", () => {
    const log = readFixture(autogenAdapter, "autogen-conversation.jsonl");
    expect(log.call("call_ag1")).toMatchObject({ time: "2025-03-01T12:00:00.123Z", model: "gpt-4o-2024-08-06", source: { line: 1 } });
    expect(log.call("call_ag2").time).toBe("2025-03-01T12:00:00.123Z");
  });

  it("waits one record only: a call whose request event comes later keeps no time, and is emitted before the next record's events", () => {
    const log = readText(autogenAdapter, jsonl(llmCall("c1"), { type: "ToolCall", tool_name: "f", arguments: {}, result: "ok" }, request("2025-03-01T12:00:00Z", "c1")));
    expect(log.call("c1").time).toBeUndefined();
    expect(log.events.map((event) => [event.kind, "callId" in event ? event.callId : ""])).toEqual([
      ["call", "c1"],
      ["result", "c1"],
    ]);
  });

  it("is emitted at the end of the log when nothing follows", () => {
    expect(readText(autogenAdapter, jsonl(llmCall("c1", "c2"))).calls.map((call) => call.callId)).toEqual(["c1", "c2"]);
  });
});
