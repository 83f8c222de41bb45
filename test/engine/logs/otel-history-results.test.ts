import { describe, expect, it } from "vitest";
import { otelAdapter } from "../../../src/engine/logs/adapters/otel.js";
import { readText } from "./anthropic-autogen-otel-read-log.js";
import { assistant, chat, executeTool, openInference, otlpLine, response, span, toolCall, toolMessage, user } from "./otel-test-spans.js";

const TRACEBACK = "Traceback (most recent call last):\n  File \"w.py\", line 3\nKeyError: 'unit'";

describe("otel: results in a chat span's history carry no error flag", () => {
  it("GenAI: a tool_call_response whose text reads as an error is one, inferred; others are not judged", () => {
    const trace = "b1".repeat(16);
    const calls = [toolCall("get_weather", { location: "Paris" }, "call_e"), toolCall("get_weather", { location: "Rome" }, "call_ok")];
    const log = readText(
      otelAdapter,
      otlpLine(chat(trace, [user("?")], calls), chat(trace, [user("?"), assistant(...calls), toolMessage(response(TRACEBACK, "call_e"), response("sunny", "call_ok"))], [])),
    );
    expect(log.result("call_e")).toMatchObject({ content: TRACEBACK, isError: true, errorInferred: true });
    expect(log.result("call_ok").isError).toBeUndefined();
    expect(log.result("call_ok").errorInferred).toBeUndefined();
  });

  it("an execute_tool span's status is the format's error signal: its text is not judged, and it answers first", () => {
    const trace = "b2".repeat(16);
    const call = toolCall("get_weather", { location: "Oslo" }, "call_s");
    const log = readText(
      otelAdapter,
      otlpLine(
        chat(trace, [user("?")], [call]),
        executeTool(trace, "get_weather", { id: "call_s", result: "Error: city not found" }),
        chat(trace, [user("?"), assistant(call), toolMessage(response("Error: city not found", "call_s"))], []),
      ),
    );
    expect(log.results).toEqual([expect.objectContaining({ callId: "call_s", isError: false })]);
    expect(log.results[0]?.errorInferred).toBeUndefined();
  });

  it("OpenInference role=tool messages and OpenLLMetry prompt tool messages alike", () => {
    const trace = "b3".repeat(16);
    const log = readText(
      otelAdapter,
      otlpLine(
        openInference(trace, "ChatCompletion", "LLM", {
          "llm.input_messages.0.message.role": "assistant",
          "llm.input_messages.0.message.tool_calls.0.tool_call.id": "call_oi",
          "llm.input_messages.0.message.tool_calls.0.tool_call.function.name": "get_invoice_status",
          "llm.input_messages.0.message.tool_calls.0.tool_call.function.arguments": '{"id": "INV-9"}',
          "llm.input_messages.1.message.role": "tool",
          "llm.input_messages.1.message.tool_call_id": "call_oi",
          "llm.input_messages.1.message.content": "KeyError: 'invoice_id'",
        }),
        span(trace, "openai.chat", {
          "llm.request.type": "chat",
          "gen_ai.prompt.0.role": "assistant",
          "gen_ai.prompt.0.tool_calls.0.id": "call_ol",
          "gen_ai.prompt.0.tool_calls.0.name": "get_weather",
          "gen_ai.prompt.0.tool_calls.0.arguments": '{"city":"Oslo"}',
          "gen_ai.prompt.1.role": "tool",
          "gen_ai.prompt.1.tool_call_id": "call_ol",
          "gen_ai.prompt.1.content": '{"error": "station offline"}',
        }),
      ),
    );
    expect(log.result("call_oi")).toMatchObject({ isError: true, errorInferred: true });
    expect(log.result("call_ol")).toMatchObject({ isError: true, errorInferred: true });
  });
});
