import { describe, expect, it } from "vitest";
import { otelAdapter } from "../../../src/engine/logs/adapters/otel.js";
import { readText, type ReadLog } from "./anthropic-autogen-otel-read-log.js";
import { assistant, chat, executeTool, openInference, otlpLine, response, toolCall, toolMessage, user } from "./otel-test-spans.js";

/** Each call with its result's content and error flag. */
const outcomes = (log: ReadLog) =>
  log.calls.map((call) => {
    const result = log.results.find((candidate) => candidate.callId === call.callId);
    return [call.callId, call.tool, result?.content, result?.isError];
  });

describe("otel: a tool span or message part naming no call id is the call of its trace it stands for", () => {
  it("an execute_tool span with no gen_ai.tool.call.id answers the trace's call with the same arguments", () => {
    const trace = "c1".repeat(16);
    const call = toolCall("get_weather", { location: "Paris" }, "call_1");
    const log = readText(
      otelAdapter,
      otlpLine(
        chat(trace, [user("Paris?")], [call]),
        executeTool(trace, "get_weather", { args: '{"location":"Paris"}', result: "rainy" }),
        chat(trace, [user("Paris?"), assistant(call), toolMessage(response("rainy, 57°F", "call_1"))], []),
      ),
    );
    expect(outcomes(log)).toEqual([["call_1", "get_weather", "rainy", false]]);
    expect(log.issues).toEqual([]);
  });

  it("one that kept no arguments answers the latest call of its tool still waiting: its error lands there", () => {
    const trace = "c2".repeat(16);
    const log = readText(
      otelAdapter,
      otlpLine(
        chat(trace, [user("?")], [toolCall("get_weather", { location: "Oslo" }, "call_o")]),
        executeTool(trace, "get_weather", { result: "3C" }),
        chat(trace, [user("?")], [toolCall("get_weather", { location: "Paris" }, "call_p")]),
        executeTool(trace, "get_weather", { error: "ConnectionError: weather api" }),
      ),
    );
    expect(outcomes(log)).toEqual([
      ["call_o", "get_weather", "3C", false],
      ["call_p", "get_weather", "ConnectionError: weather api", true],
    ]);
  });

  it("arguments are compared parsed (formatting and key order aside), before the latest call waiting", () => {
    const trace = "c3".repeat(16);
    const log = readText(
      otelAdapter,
      otlpLine(
        chat(trace, [user("?")], [toolCall("convert", '{"a":1,"b":2}', "call_ab"), toolCall("convert", '{"a":3}', "call_a3")]),
        executeTool(trace, "convert", { args: '{ "b": 2, "a": 1 }', result: "3" }),
        executeTool(trace, "convert", { args: '{"a": 3}', result: "3" }),
      ),
    );
    expect(outcomes(log)).toEqual([
      ["call_ab", "convert", "3", false],
      ["call_a3", "convert", "3", false],
    ]);
  });

  it("OpenInference: a TOOL span with no tool_call.id is the LLM span's call of the same input, not the latest (openinference.jsonl)", () => {
    const trace = "c4".repeat(16);
    const calls = {
      "llm.output_messages.0.message.role": "assistant",
      "llm.output_messages.0.message.tool_calls.0.tool_call.id": "call_oi1",
      "llm.output_messages.0.message.tool_calls.0.tool_call.function.name": "get_invoice_status",
      "llm.output_messages.0.message.tool_calls.0.tool_call.function.arguments": '{"id": "INV-9"}',
      "llm.output_messages.0.message.tool_calls.1.tool_call.id": "call_oi2",
      "llm.output_messages.0.message.tool_calls.1.tool_call.function.name": "get_invoice_status",
      "llm.output_messages.0.message.tool_calls.1.tool_call.function.arguments": '{"invoice_id": "INV-10"}',
    };
    const log = readText(
      otelAdapter,
      otlpLine(
        openInference(trace, "ChatCompletion", "LLM", calls),
        openInference(trace, "get_invoice_status", "TOOL", { "tool.name": "get_invoice_status", "input.value": '{"id": "INV-9"}', "output.value": "KeyError: 'invoice_id'" }, { status: { code: 2, message: "KeyError: 'invoice_id'" } }),
        openInference(trace, "ChatCompletion", "LLM", {
          ...Object.fromEntries(Object.entries(calls).map(([key, value]) => [key.replace("llm.output_messages.0", "llm.input_messages.0"), value])),
          "llm.input_messages.1.message.role": "tool",
          "llm.input_messages.1.message.tool_call_id": "call_oi1",
          "llm.input_messages.1.message.content": "KeyError: 'invoice_id'",
          "llm.input_messages.2.message.role": "tool",
          "llm.input_messages.2.message.tool_call_id": "call_oi2",
          "llm.input_messages.2.message.content": '{"status":"paid"}',
        }),
      ),
    );
    expect(outcomes(log)).toEqual([
      ["call_oi1", "get_invoice_status", "KeyError: 'invoice_id'", true],
      ["call_oi2", "get_invoice_status", '{"status":"paid"}', undefined],
    ]);
  });

  it("no ids anywhere (Gemini): the output part, its execute_tool span and the later history's part and response are one call with its result", () => {
    const trace = "c5".repeat(16);
    const call = toolCall("get_weather", { location: "Paris" });
    const log = readText(
      otelAdapter,
      otlpLine(
        chat(trace, [user("Paris?")], [call]),
        executeTool(trace, "get_weather"),
        chat(trace, [user("Paris?"), assistant(call), toolMessage(response("rainy, 57°F"))], []),
      ),
    );
    expect(outcomes(log)).toEqual([[expect.stringMatching(/^synthetic_/), "get_weather", "rainy, 57°F", undefined]]);
    expect(log.issues).toEqual([]);
  });

  it("identical calls with no ids stay two, each answered once, in order, however often histories repeat them", () => {
    const trace = "c6".repeat(16);
    const call = toolCall("roll_die", { sides: 6 });
    const turn = [user("roll twice"), assistant(call, call), toolMessage(response("4"), response("2"))];
    const log = readText(
      otelAdapter,
      otlpLine(
        chat(trace, [user("roll twice")], [call, call]),
        executeTool(trace, "roll_die", { args: '{"sides": 6}', result: "4" }),
        executeTool(trace, "roll_die", { args: '{"sides": 6}', result: "2" }),
        chat(trace, turn, [call]),
        executeTool(trace, "roll_die", { args: '{"sides": 6}', result: "5" }),
        chat(trace, [...turn, assistant(call), toolMessage(response("5"))], []),
      ),
    );
    expect(outcomes(log).map(([, tool, content]) => [tool, content])).toEqual([
      ["roll_die", "4"],
      ["roll_die", "2"],
      ["roll_die", "5"],
    ]);
    expect(new Set(log.calls.map((one) => one.callId)).size).toBe(3);
  });

  it("a side-effecting call logged once is one call (refund-noid.jsonl: scan --execute ran it twice)", () => {
    const trace = "8d".repeat(16);
    const log = readText(
      otelAdapter,
      otlpLine(chat(trace, [], [toolCall("refund_flight", { flight_id: "F7" }, "call_rf1")]), executeTool(trace, "refund_flight", { args: '{"flight_id":"F7"}', result: '{"refunded":"F7"}' })),
    );
    expect(outcomes(log)).toEqual([["call_rf1", "refund_flight", '{"refunded":"F7"}', false]]);
  });

  it("file order does not matter: a trace's tool span on a line before its chat span's", () => {
    const trace = "c7".repeat(16);
    const chatSpan = chat(trace, [user("?")], [toolCall("get_weather", { location: "Paris" })]);
    const log = readText(otelAdapter, [otlpLine(executeTool(trace, "get_weather", { args: '{"location": "Paris"}', result: "rainy" })), otlpLine(chatSpan)].join("\n"));
    expect(outcomes(log)).toEqual([[expect.stringMatching(/^synthetic_/), "get_weather", "rainy", false]]);
  });

  it("a tool span that started before its chat span (clocks apart) is still the model's call, which names no id either", () => {
    const trace = "c8".repeat(16);
    const tool = executeTool(trace, "get_weather", { args: '{"location": "Paris"}', result: "rainy" });
    const chatSpan = chat(trace, [user("?")], [toolCall("get_weather", { location: "Paris" })]);
    const log = readText(otelAdapter, otlpLine({ ...chatSpan, startTimeUnixNano: String(BigInt(tool.startTimeUnixNano as string) + 1n) }, tool));
    expect(outcomes(log)).toEqual([[expect.stringMatching(/^synthetic_/), "get_weather", "rainy", false]]);
    expect(log.calls[0]?.notes).toContain("read from the execute_tool span");
  });

  it("a call the model makes again with the same arguments, in a later turn, is another call", () => {
    const trace = "c9".repeat(16);
    const call = toolCall("get_weather", { location: "Paris" });
    const log = readText(
      otelAdapter,
      otlpLine(
        chat(trace, [user("?")], [call]),
        executeTool(trace, "get_weather", { args: '{"location": "Paris"}', error: "timeout" }),
        chat(trace, [user("?"), assistant(call), toolMessage(response("timeout"))], [call]),
        executeTool(trace, "get_weather", { args: '{"location": "Paris"}', result: "rainy" }),
      ),
    );
    expect(outcomes(log).map(([, , content, isError]) => [content, isError])).toEqual([
      ["timeout", true],
      ["rainy", false],
    ]);
  });

  it("only within its trace: another trace's span naming no call is a call of its own", () => {
    const call = toolCall("get_weather", { location: "Paris" }, "call_t1");
    const log = readText(otelAdapter, [otlpLine(chat("d1".repeat(16), [user("?")], [call])), otlpLine(executeTool("d2".repeat(16), "get_weather", { args: '{"location":"Paris"}', result: "rainy" }))].join("\n"));
    expect(outcomes(log)).toEqual([
      ["call_t1", "get_weather", undefined, undefined],
      [expect.stringMatching(/^synthetic_/), "get_weather", "rainy", false],
    ]);
  });

  it("and lends its arguments text to the call of its tool with the same arguments", () => {
    const trace = "a2".repeat(16);
    const log = readText(
      otelAdapter,
      otlpLine(
        chat(trace, [user("Paris and Rome?")], [toolCall("get_weather", { location: "Paris" }, "call_p"), toolCall("get_weather", { location: "Rome" }, "call_r")]),
        executeTool(trace, "get_weather", { args: '{ "location" : "Rome" }', result: "sunny" }),
      ),
    );
    expect(log.calls.map((call) => [call.callId, call.arguments, call.argumentsRecorded])).toEqual([
      ["call_p", '{"location":"Paris"}', false],
      ["call_r", '{ "location" : "Rome" }', true],
    ]);
  });

});
