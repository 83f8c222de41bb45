import { describe, expect, it } from "vitest";
import { otelAdapter } from "../../../src/engine/logs/adapters/otel.js";
import { readText, type ReadLog } from "./anthropic-autogen-otel-read-log.js";
import { assistant, chat, executeTool, openInference, otlpLine, response, toolCall, toolMessage, user } from "./otel-test-spans.js";

/** Each call with its arguments, and its result's content and error flag. */
const outcomes = (log: ReadLog) =>
  log.calls.map((call) => {
    const result = log.results.find((candidate) => candidate.callId === call.callId);
    return [call.callId, call.tool, call.arguments, result?.content, result?.isError];
  });

/** The span as if it started `ms` before `other` (its host's clock behind, or spans written in end-time order). */
const startedBefore = (span: Record<string, unknown>, other: Record<string, unknown>, ms = 1): Record<string, unknown> => ({
  ...span,
  startTimeUnixNano: String(BigInt(other.startTimeUnixNano as string) - BigInt(ms) * 1_000_000n),
});

describe("otel: a tool span naming no call id read before the chat span whose output names the call", () => {
  it("is that call: one call under the model's id, with the tool span's result, where the tool span was read", () => {
    const trace = "e1".repeat(16);
    const chatSpan = chat(trace, [user("Paris?")], [toolCall("get_weather", { location: "Paris" }, "call_1")]);
    const tool = startedBefore(executeTool(trace, "get_weather", { args: '{"location": "Paris"}', result: "rainy" }), chatSpan);
    const log = readText(otelAdapter, otlpLine(chatSpan, tool));
    expect(outcomes(log)).toEqual([["call_1", "get_weather", '{"location": "Paris"}', "rainy", false]]);
    expect(log.events.map((event) => [event.kind, "callId" in event ? event.callId : ""])).toEqual([
      ["call", "call_1"],
      ["result", "call_1"],
    ]);
    // The call is the chat span's, as when it is read first: its model, its id, the tool span's text.
    expect(log.calls[0]).toMatchObject({ syntheticId: false, model: "gpt-4o", argumentsRecorded: true });
    expect(log.issues).toEqual([]);
  });

  it("split across lines, the tool span keeping no arguments: its error is the call's, and a later history's answer is a repeat", () => {
    const trace = "e2".repeat(16);
    const call = toolCall("get_weather", { location: "Paris" }, "call_1");
    const chatSpan = chat(trace, [user("Paris?")], [call]);
    const text = [
      otlpLine(startedBefore(executeTool(trace, "get_weather", { error: "ConnectionError: weather api" }), chatSpan)),
      otlpLine(chatSpan),
      otlpLine(chat(trace, [user("Paris?"), assistant(call), toolMessage(response("ConnectionError: weather api", "call_1"))], [])),
    ].join("\n");
    const log = readText(otelAdapter, text);
    expect(outcomes(log)).toEqual([["call_1", "get_weather", '{"location":"Paris"}', "ConnectionError: weather api", true]]);
    expect(log.results).toHaveLength(1);
    expect(log.calls[0]?.source.line).toBe(2);
    expect(log.issues).toEqual([]);
  });

  it("by the rule an output part naming no id is matched by: other arguments are another call", () => {
    const trace = "e3".repeat(16);
    const chatSpan = chat(trace, [user("?")], [toolCall("get_weather", { location: "Paris" }, "call_p")]);
    const tool = startedBefore(executeTool(trace, "get_weather", { args: '{"location": "Rome"}', result: "sunny" }), chatSpan);
    const log = readText(otelAdapter, otlpLine(chatSpan, tool));
    expect(outcomes(log)).toEqual([
      [expect.stringMatching(/^synthetic_/), "get_weather", '{"location": "Rome"}', "sunny", false],
      ["call_p", "get_weather", '{"location":"Paris"}', undefined, undefined],
    ]);
  });

  it("parallel calls: each tool span is the call with its arguments, in the order the tool spans were read", () => {
    const trace = "e4".repeat(16);
    const chatSpan = chat(trace, [user("Paris and Rome?")], [toolCall("get_weather", { location: "Paris" }, "call_p"), toolCall("get_weather", { location: "Rome" }, "call_r")]);
    const rome = startedBefore(executeTool(trace, "get_weather", { args: '{"location":"Rome"}', result: "sunny" }), chatSpan, 2);
    const paris = startedBefore(executeTool(trace, "get_weather", { args: '{"location":"Paris"}', result: "rainy" }), chatSpan);
    const log = readText(otelAdapter, otlpLine(chatSpan, paris, rome));
    expect(outcomes(log)).toEqual([
      ["call_r", "get_weather", '{"location":"Rome"}', "sunny", false],
      ["call_p", "get_weather", '{"location":"Paris"}', "rainy", false],
    ]);
  });

  it("under an id another trace gave its call first, it is that id's next call (call_0#2)", () => {
    const first = "e5".repeat(16);
    const second = "e6".repeat(16);
    const chatSpan = chat(second, [user("?")], [toolCall("get_time", { tz: "UTC" }, "call_0")]);
    const log = readText(
      otelAdapter,
      [
        otlpLine(chat(first, [user("?")], [toolCall("get_weather", { city: "Paris" }, "call_0")]), executeTool(first, "get_weather", { id: "call_0", result: "18C" })),
        otlpLine(chatSpan, startedBefore(executeTool(second, "get_time", { args: '{"tz":"UTC"}', result: "10:00" }), chatSpan)),
      ].join("\n"),
    );
    expect(outcomes(log)).toEqual([
      ["call_0", "get_weather", '{"city":"Paris"}', "18C", false],
      ["call_0#2", "get_time", '{"tz":"UTC"}', "10:00", false],
    ]);
  });

  it("OpenInference: a TOOL span with no tool_call.id read before the LLM span that named the call", () => {
    const trace = "e7".repeat(16);
    const llm = openInference(trace, "ChatCompletion", "LLM", {
      "llm.output_messages.0.message.role": "assistant",
      "llm.output_messages.0.message.tool_calls.0.tool_call.id": "call_oi",
      "llm.output_messages.0.message.tool_calls.0.tool_call.function.name": "get_invoice_status",
      "llm.output_messages.0.message.tool_calls.0.tool_call.function.arguments": '{"id": "INV-9"}',
    });
    const tool = openInference(trace, "get_invoice_status", "TOOL", { "tool.name": "get_invoice_status", "input.value": '{"id": "INV-9"}', "output.value": "KeyError: 'invoice_id'" }, { status: { code: 2, message: "KeyError: 'invoice_id'" } });
    const log = readText(otelAdapter, otlpLine(llm, startedBefore(tool, llm)));
    expect(outcomes(log)).toEqual([["call_oi", "get_invoice_status", '{"id": "INV-9"}', "KeyError: 'invoice_id'", true]]);
  });

  it("read in order, nothing changes: the tool span answers the chat span's call", () => {
    const trace = "e8".repeat(16);
    const log = readText(otelAdapter, otlpLine(chat(trace, [user("?")], [toolCall("get_weather", { location: "Paris" }, "call_1")]), executeTool(trace, "get_weather", { args: '{"location": "Paris"}', result: "rainy" })));
    expect(outcomes(log)).toEqual([["call_1", "get_weather", '{"location": "Paris"}', "rainy", false]]);
  });
});
