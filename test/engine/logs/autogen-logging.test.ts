import { describe, expect, it } from "vitest";
import { autogenAdapter } from "../../../src/engine/logs/adapters/autogen.js";
import { prefixTime, splitLogPrefix } from "../../../src/engine/logs/adapters/autogen-log-prefix.js";
import { detectFromHead } from "../../../src/engine/logs/detect-format.js";
import { fixtureText, readFixture, readText } from "./anthropic-autogen-otel-read-log.js";

const toolCall = JSON.stringify({ type: "ToolCall", tool_name: "get_weather", arguments: { city: "NYC" }, result: "Sunny 25C", agent_id: "assistant/default" });
const llmCall = (id: string) =>
  JSON.stringify({
    type: "LLMCall",
    messages: [{ role: "user", content: "weather?" }],
    response: { model: "gpt-4o", choices: [{ finish_reason: "tool_calls", message: { role: "assistant", tool_calls: [{ id, type: "function", function: { name: "get_weather", arguments: '{"city": "NYC"}' } }] } }] },
  });

describe("autogen: events after Python logging headers (logging.basicConfig and handler formats)", () => {
  it("detects `INFO:autogen_core.events:{…}` lines as AutoGen, not as the chat completion an LLMCall holds", () => {
    expect(detectFromHead(fixtureText("autogen-logging-prefixed.txt")).adapter?.format).toBe("autogen");
    expect(detectFromHead(fixtureText("autogen-logging-asctime.txt")).adapter?.format).toBe("autogen");
  });

  it("reads each prefixed line's JSON: the LLMCall's calls, and the ToolCall event paired with its call", () => {
    const log = readFixture(autogenAdapter, "autogen-logging-prefixed.txt");
    expect(log.calls.map((call) => [call.callId, call.tool, call.source.line])).toEqual([
      ["call_ag1", "get_weather", 1],
      ["call_ag2", "refund_flight", 1],
    ]);
    expect(log.call("call_ag2").advertised?.map((tool) => tool.name)).toEqual(["get_weather", "refund_flight"]);
    expect(log.result("call_ag1")).toMatchObject({ content: "Sunny 25C", source: { line: 2 } });
    expect(log.errors).toEqual([]);
  });

  it("reads `%(asctime)s - %(name)s - %(levelname)s - ` lines, a call taking the header's time when its record has none", () => {
    const log = readFixture(autogenAdapter, "autogen-logging-asctime.txt");
    expect(log.calls.map((call) => [call.callId, call.time])).toEqual([
      ["call_ag1", "2025-03-01T12:00:00.123Z"],
      ["call_ag2", "2025-03-01T12:00:00.123Z"],
    ]);
  });

  it("reports a header followed by JSON that cannot be read, with its line; other loggers' prose and tracebacks are not records", () => {
    const log = readText(
      autogenAdapter,
      [
        `INFO:autogen_core.events:${llmCall("call_1")}`,
        'INFO:httpx:HTTP Request: POST https://api.openai.com/v1/chat/completions "HTTP/1.1 200 OK"',
        "INFO:autogen_core:Sending message of type GroupChatStart to group_chat_manager: {'message': None}",
        "Traceback (most recent call last):",
        '  File "app.py", line 3, in <module>',
        `INFO:autogen_core.events:${toolCall.slice(0, 40)}`,
        `WARNING:autogen_core.events:${JSON.stringify({ level: "x" })}`,
      ].join("\n"),
    );
    expect(log.calls.map((call) => call.callId)).toEqual(["call_1"]);
    expect(log.errors.map((error) => [error.line, error.message])).toEqual([
      [6, expect.stringMatching(/^record is cut off.*after the log header "INFO:autogen_core.events:"/)],
      [7, expect.stringMatching(/^unrecognized record/)],
    ]);
  });

  it("takes a log whose first header starts with a bracket for a log, not for JSON lines", () => {
    const log = readText(autogenAdapter, [`[2025-03-01 12:00:00,500] [INFO] autogen_core.events: ${llmCall("call_1")}`, "a line another program printed"].join("\n"));
    expect(log.call("call_1").time).toBe("2025-03-01T12:00:00.500Z");
    expect(log.errors).toEqual([]);
  });

  it("reads a prefixed event in Console text too, and leaves another logger's JSON there alone", () => {
    const log = readText(autogenAdapter, ["---------- user ----------", "hi", `DEBUG:autogen_core.events:${llmCall("call_1")}`, 'INFO:root:{"progress": 1}'].join("\n"));
    expect(log.calls.map((call) => call.callId)).toEqual(["call_1"]);
    expect(log.errors).toEqual([]);
  });

  it("takes an event written bare and then after a header (the docs' handler plus basicConfig's) for one event", () => {
    // Read twice, the ToolCall event would answer the call and then make up a second one.
    const log = readText(autogenAdapter, [llmCall("call_1"), `INFO:autogen_core.events:${llmCall("call_1")}`, toolCall, `INFO:autogen_core.events:${toolCall}`].join("\n"));
    expect(log.calls.map((call) => call.callId)).toEqual(["call_1"]);
    expect(log.results.map((result) => result.callId)).toEqual(["call_1"]);
    // Two bare events alike are two events.
    const twice = readText(autogenAdapter, [llmCall("call_1"), toolCall, toolCall].join("\n"));
    expect(twice.calls).toHaveLength(2);
  });
});

describe("autogen: logging headers", () => {
  it.each([
    ["INFO:autogen_core.events:", "INFO:autogen_core.events:"],
    ["2025-03-01 12:00:00,123 - autogen_core.events - INFO - ", "2025-03-01 12:00:00,123 - autogen_core.events - INFO - "],
    ["[2025-03-01 12:00:00] [INFO] autogen_agentchat.events: ", "[2025-03-01 12:00:00] [INFO] autogen_agentchat.events: "],
    ["2025-03-01 12:00:00,123 INFO     autogen_core.events ", "2025-03-01 12:00:00,123 INFO     autogen_core.events "],
    ["2025-03-01 12:00:00.123 | INFO     | autogen_core.events:emit:42 - ", "2025-03-01 12:00:00.123 | INFO     | autogen_core.events:emit:42 - "],
  ])("%s", (header, prefix) => {
    expect(splitLogPrefix(`${header}{"type": "ToolCall"}`)).toEqual({ prefix, payload: '{"type": "ToolCall"}', autogenLogger: true });
  });

  it.each([
    ["a message in words", "INFO:autogen_core:Sending message of type X to y: {'a': 1}"],
    ["a message with no JSON", 'INFO:httpx:HTTP Request: POST https://x "HTTP/1.1 200 OK"'],
    ["prose with a level word and quotes", 'The "ERROR" said: {"a": 1}'],
    ["a bare JSON line", '{"level": "INFO"}'],
    ["a traceback line", '  File "x.py", line 1, INFO: {"a": 1}'],
  ])("not a header: %s", (_name, line) => {
    expect(splitLogPrefix(line)).toBeUndefined();
  });

  it("reads the header's asctime as UTC, with its milliseconds", () => {
    expect(prefixTime("2025-03-01 12:00:00,123 - x - INFO - ")).toBe("2025-03-01T12:00:00.123Z");
    expect(prefixTime("[2025-03-01T12:00:00.5+02:00] INFO ")).toBe("2025-03-01T10:00:00.500Z");
    expect(prefixTime("INFO:x:")).toBeUndefined();
  });
});
