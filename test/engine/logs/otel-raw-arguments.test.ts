import { describe, expect, it } from "vitest";
import { otelAdapter } from "../../../src/engine/logs/adapters/otel.js";
import { readText } from "./anthropic-autogen-otel-read-log.js";
import { assistant, chat, executeTool, otlpLine, response, toolCall, toolMessage, user } from "./otel-test-spans.js";

describe("otel: a chat span's parsed arguments and the execute_tool span's text", () => {
  it("shows the execute_tool span's gen_ai.tool.call.arguments string as the raw arguments, recorded", () => {
    const trace = "a1".repeat(16);
    const call = toolCall("get_weather", { location: "Paris" }, "call_1");
    const log = readText(
      otelAdapter,
      otlpLine(
        chat(trace, [user("Paris?")], [call]),
        executeTool(trace, "get_weather", { id: "call_1", args: '{"location": "Paris"}', result: "rainy" }),
        chat(trace, [user("Paris?"), assistant(call), toolMessage(response("rainy", "call_1"))], []),
      ),
    );
    expect(log.calls).toEqual([expect.objectContaining({ callId: "call_1", arguments: '{"location": "Paris"}', argumentsRecorded: true })]);
    expect(log.calls[0]?.notes).toEqual(["arguments text from the execute_tool span (the chat span kept them parsed)"]);
  });

  it("keeps the chat span's arguments, re-serialized, where the span's text parses to other arguments or is not JSON", () => {
    const trace = "a3".repeat(16);
    const log = readText(
      otelAdapter,
      otlpLine(
        chat(trace, [user("?")], [toolCall("get_weather", { location: "Paris" }, "call_d"), toolCall("get_time", { tz: "CET" }, "call_t")]),
        executeTool(trace, "get_weather", { id: "call_d", args: '{"location": "Paris", "unit": "celsius"}', result: "rainy" }),
        executeTool(trace, "get_time", { id: "call_t", args: "{'tz': 'CET'}", result: "10:00" }),
      ),
    );
    expect(log.calls.map((call) => [call.callId, call.arguments, call.argumentsRecorded])).toEqual([
      ["call_d", '{"location":"Paris"}', false],
      ["call_t", '{"tz":"CET"}', false],
    ]);
  });
});
