import { describe, expect, it } from "vitest";
import { otelAdapter } from "../../../src/engine/logs/adapters/otel.js";
import { readText, type ReadLog } from "./anthropic-autogen-otel-read-log.js";
import { assistant, chat, openInference, otlpLine, response, toolCall, toolMessage, user } from "./otel-test-spans.js";

const issues = (log: ReadLog) => log.issues.map((issue) => [issue.code, issue.callId, issue.tool]);
const paris = toolCall("get_weather", { location: "Paris" }, "call_M1");

describe("otel: a chat span's input history is checked as a conversation", () => {
  it("GenAI: a call unanswered before a later user turn is missing; an answer to no call is an orphan; each once (otel-missing-orphan.jsonl)", () => {
    const trace = "e1".repeat(16);
    const history = [user("Weather in Paris?"), assistant(paris), user("hello?"), toolMessage(response("57F", "call_ORPHAN"))];
    const log = readText(otelAdapter, otlpLine(chat(trace, history, [{ type: "text", content: "hi" }]), chat(trace, [...history, assistant({ type: "text", content: "hi" }), user("and now?")], [])));
    expect(issues(log)).toEqual([
      ["missing_tool_result", "call_M1", "get_weather"],
      ["orphan_tool_result", "call_ORPHAN", undefined],
    ]);
  });

  it("a last turn nothing follows is not judged; a history ending in only some of its turn's answers is", () => {
    const trace = "e2".repeat(16);
    const rome = toolCall("get_weather", { location: "Rome" }, "call_R");
    const log = readText(
      otelAdapter,
      otlpLine(chat(trace, [user("Paris?"), assistant(paris)], []), chat(trace, [user("Paris and Rome?"), assistant(paris, rome), toolMessage(response("rainy", "call_M1"))], [])),
    );
    expect(issues(log)).toEqual([["missing_tool_result", "call_R", "get_weather"]]);
  });

  it("answers in a user message (Anthropic's tool_result blocks), and answers naming no call, answer the turn's calls in order", () => {
    const trace = "e3".repeat(16);
    const oslo = toolCall("get_weather", { location: "Oslo" });
    const rome = toolCall("get_weather", { location: "Rome" });
    const log = readText(otelAdapter, otlpLine(chat(trace, [user("?"), assistant(oslo, rome), { role: "user", parts: [response("3C"), response("20C")] }, user("thanks")], [])));
    expect(log.issues).toEqual([]);
    expect(log.calls.map((call) => log.results.find((result) => result.callId === call.callId)?.content)).toEqual(["3C", "20C"]);
  });

  it("an answer naming no call, with none waiting, is an orphan under a synthetic id", () => {
    const log = readText(otelAdapter, otlpLine(chat("e6".repeat(16), [user("?"), toolMessage(response("3C"))], [])));
    expect(issues(log)).toEqual([["orphan_tool_result", expect.stringMatching(/^synthetic_/), undefined]]);
    expect(log.results).toEqual([expect.objectContaining({ callId: log.issues[0]?.callId, content: "3C" })]);
  });

  it("an answer whose call another span of the trace made is no orphan, though the span's input leaves that turn out", () => {
    const trace = "e4".repeat(16);
    const log = readText(otelAdapter, otlpLine(chat(trace, [user("Paris?")], [paris]), chat(trace, [toolMessage(response("rainy", "call_M1"))], [])));
    expect(log.issues).toEqual([]);
  });

  it("OpenInference llm.input_messages by the same rules", () => {
    const trace = "e5".repeat(16);
    const log = readText(
      otelAdapter,
      otlpLine(
        openInference(trace, "ChatCompletion", "LLM", {
          "llm.input_messages.0.message.role": "user",
          "llm.input_messages.0.message.content": "status of INV-9?",
          "llm.input_messages.1.message.role": "assistant",
          "llm.input_messages.1.message.tool_calls.0.tool_call.id": "call_oi1",
          "llm.input_messages.1.message.tool_calls.0.tool_call.function.name": "get_invoice_status",
          "llm.input_messages.1.message.tool_calls.0.tool_call.function.arguments": '{"invoice_id": "INV-9"}',
          "llm.input_messages.2.message.role": "user",
          "llm.input_messages.2.message.content": "well?",
          "llm.input_messages.3.message.role": "tool",
          "llm.input_messages.3.message.tool_call_id": "call_nobody",
          "llm.input_messages.3.message.content": "paid",
        }),
      ),
    );
    expect(issues(log)).toEqual([
      ["missing_tool_result", "call_oi1", "get_invoice_status"],
      ["orphan_tool_result", "call_nobody", undefined],
    ]);
  });
});
