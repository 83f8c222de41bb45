import { describe, expect, it } from "vitest";
import { createOtelReader, otelAdapter } from "../../../src/engine/logs/adapters/otel.js";
import type { SpanRecord } from "../../../src/engine/logs/adapters/otel-spans.js";
import { TraceBuffer } from "../../../src/engine/logs/adapters/otel-trace-buffer.js";
import type { LogEvent } from "../../../src/engine/logs/log-events.js";
import { fixtureText, readFixture, readText, split } from "./anthropic-autogen-otel-read-log.js";
import { spanUnder as span, type Attributes } from "./otel-test-spans.js";

/** A Traceloop tool span (`{tool}.tool`), its entity attributes as the writer under test sets them. */
const traceloopToolSpan = (trace: string, name: string, entity: Attributes, extra: Record<string, unknown> = {}): Record<string, unknown> =>
  span(trace, "root", `${name}.tool`, { "traceloop.span.kind": "tool", "traceloop.entity.name": name, ...entity }, extra);

const otlpLine = (...spans: Record<string, unknown>[]): string =>
  JSON.stringify({ resourceSpans: [{ resource: { attributes: [{ key: "service.name", value: { stringValue: "test" } }] }, scopeSpans: [{ scope: { name: "test" }, spans }] }] });

describe("otel: GenAI semantic conventions, a trace split across lines (fixture otel-genai.jsonl)", () => {
  const log = readFixture(otelAdapter, "otel-genai.jsonl");

  it("reads the chat span's tool calls before the tool spans that ran them, though they were logged first", () => {
    expect(log.events.filter((event) => event.kind !== "error").map((event) => [event.kind, "callId" in event ? event.callId : ""])).toEqual([
      ["call", "call_o1"],
      ["call", "call_o2"],
      ["result", "call_o1"],
      ["result", "call_o2"],
      ["call", "toolu_cut"],
      ["call", expect.stringMatching(/^synthetic_/)],
      ["result", expect.stringMatching(/^synthetic_/)],
    ]);
  });

  it("takes parsed arguments' text from the execute_tool span; keeps string arguments raw", () => {
    expect(log.call("call_o1")).toMatchObject({ arguments: '{"city":"Paris"}', argumentsRecorded: true, source: { line: 2 } });
    expect(log.call("call_o2")).toMatchObject({ arguments: '{"tz": "Europe/Paris"}', argumentsRecorded: true });
  });

  it("carries tool definitions, response model, conversation id and start time", () => {
    const call = log.call("call_o1");
    expect(call.advertised?.map((tool) => tool.name)).toEqual(["get_weather", "get_time"]);
    expect(call.advertised?.[0]).toEqual({ name: "get_weather", description: "Weather for a city", parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] } });
    expect(call).toMatchObject({ model: "gpt-4o-2024-08-06", conversation: "conv_42", time: "2025-06-01T12:00:00.000Z" });
  });

  it("reads execute_tool results; span status ERROR with error.type is a tool error", () => {
    expect(log.result("call_o1")).toMatchObject({ content: "18C", isError: false, tool: "get_weather", source: { line: 1 } });
    expect(log.result("call_o2")).toMatchObject({ content: "unknown timezone: Europe/Paris", isError: true, tool: "get_time" });
  });

  it("marks finish reason length as truncated (the deprecated gen_ai.system span too)", () => {
    expect(log.call("toolu_cut")).toMatchObject({ truncated: true, arguments: '{"city": "Ly', model: "claude-sonnet-4-5" });
  });

  it("reads a tool span alone with a stable synthetic id and the trace id as conversation", () => {
    const call = log.calls.find((candidate) => candidate.syntheticId);
    expect(call).toMatchObject({ tool: "lookup", arguments: '{"q":"x"}', conversation: "5b8efff798038103d269b633813fc60e" });
    expect(readFixture(otelAdapter, "otel-genai.jsonl").calls.find((candidate) => candidate.syntheticId)?.callId).toBe(call?.callId);
  });

  it("reports bad lines with their numbers and keeps the traces around them", () => {
    expect(log.errors.map((error) => [error.line, error.message])).toEqual([
      [3, expect.stringMatching(/^truncated JSON/)],
      [5, 'not JSON: "not json at all"'],
      [6, expect.stringMatching(/^unrecognized record/)],
    ]);
  });
});

describe("otel: OpenInference attributes (fixture otel-openinference.jsonl)", () => {
  const log = readFixture(otelAdapter, "otel-openinference.jsonl");

  it("reads llm.output_messages tool calls with their raw arguments and llm.tools", () => {
    expect(log.call("call_f1")).toMatchObject({ tool: "fetch", arguments: '{"link":"https://opentelemetry.io"}', argumentsRecorded: true, model: "gpt-4o-mini" });
    expect(log.call("call_f1").advertised).toEqual([
      { name: "search", description: "Search docs", parameters: { type: "object", properties: { query: { type: "string" } }, required: ["query"] } },
      { name: "fetch", parameters: { type: "object", properties: { url: { type: "string" } }, required: ["url"] } },
    ]);
  });

  it("reads TOOL spans: output.value as the result, status ERROR as a tool error", () => {
    expect(log.result("call_s1")).toMatchObject({ content: "3 results", isError: false, tool: "search" });
    expect(log.result("call_f1")).toMatchObject({ isError: true, content: expect.stringMatching(/unexpected keyword argument 'link'/) });
  });

  it("reads a TOOL span with no model call as a call from input.value (re-serialized by the framework)", () => {
    const calculator = log.calls.find((call) => call.tool === "calculator");
    expect(calculator).toMatchObject({ syntheticId: true, arguments: '{"expression": "2+2"}', argumentsRecorded: false });
    expect(log.result(calculator?.callId ?? "").content).toBe("4");
  });

  it("reads each distinct llm.tools list once: spans repeating it share one list (identity caches downstream hit)", () => {
    const again = (text: string, n: number) => text.replaceAll("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", String(n).repeat(32)).replace(/"(call_\w+)"/g, `"$1_${n}"`);
    const text = fixtureText("otel-openinference.jsonl");
    const renamed = again(text, 2).replace("Search docs", "Search the docs");
    const twice = readText(otelAdapter, again(text, 1) + again(text, 3) + renamed);
    const [first, repeated, changed] = [1, 3, 2].map((n) => twice.call(`call_f1_${n}`).advertised);
    expect(repeated).toBe(first);
    expect(changed).not.toBe(first);
    expect(changed?.[0]?.description).toBe("Search the docs");
    expect(first).toEqual(log.call("call_f1").advertised);
  });

  it("reads a length finish reason out of output.value", () => {
    expect(log.call("call_cut")).toMatchObject({ truncated: true });
    expect(log.call("call_s1").truncated).toBeUndefined();
    expect(log.errors).toEqual([]);
  });
});

describe("otel: Vercel AI SDK spans and console-exporter spans (fixture otel-vercel.jsonl)", () => {
  const log = readFixture(otelAdapter, "otel-vercel.jsonl");

  it("reads ai.response.toolCalls with ai.prompt.tools advertised", () => {
    expect(log.call("toolu_v2")).toMatchObject({ tool: "weather", arguments: '{"city":"LA"}', argumentsRecorded: true, model: "claude-sonnet-4-5-20250929" });
    expect(log.call("toolu_v2").advertised?.[0]).toMatchObject({ name: "weather", parameters: { required: ["location"] } });
  });

  it("reads ai.toolCall spans: the result, and the exception of a failed one", () => {
    expect(log.result("toolu_v1")).toMatchObject({ content: '{"temperature":72}', isError: false });
    expect(log.result("toolu_v2")).toMatchObject({ isError: true, content: "Invalid input for tool weather: location is required" });
  });

  it("marks finishReason length as truncated and dedupes the prompt history", () => {
    expect(log.call("toolu_v3")).toMatchObject({ truncated: true, arguments: '{"location":"Sa' });
    expect(log.calls.map((call) => call.callId)).toEqual(["toolu_v1", "toolu_v2", "toolu_v3", "call_flat"]);
  });

  it("reads a Python console-exporter span (flat attributes, status_code ERROR)", () => {
    expect(log.call("call_flat")).toMatchObject({ arguments: '{"city":"Rome"}', time: "2025-06-01T12:00:00.000Z" });
    expect(log.result("call_flat")).toMatchObject({ content: "timeout", isError: true });
    expect(log.errors).toEqual([]);
  });
});

describe("otel: the GenAI semconv examples (open-telemetry/semantic-conventions), wrapped into spans", () => {
  interface Block {
    anchor: string | null;
    value: unknown;
  }
  const blocks = JSON.parse(fixtureText("otel-realdata/examples-llm-calls.extracted.json")) as Block[];
  const block = (anchor: string): string => {
    const found = blocks.find((candidate) => candidate.anchor === anchor);
    if (found === undefined) throw new Error(`no block ${anchor}`);
    return JSON.stringify(found.value);
  };

  it("the malformed example: get_weather called while only get_current_weather (required location, unit) is defined", () => {
    const trace = "4bf92f3577b34da6a3ce929d0e0e4736";
    const text = [
      otlpLine(
        span(trace, "root", "chat gpt-4", {
          "gen_ai.operation.name": "chat",
          "gen_ai.provider.name": "openai",
          "gen_ai.request.model": "gpt-4",
          "gen_ai.response.model": "gpt-4",
          "gen_ai.tool.definitions": block("gen-ai-tool-definitions-tool-call-span-1"),
          "gen_ai.input.messages": block("gen-ai-input-messages-tool-call-span-1"),
          "gen_ai.output.messages": block("gen-ai-output-messages-tool-call-span-1"),
          // The doc's attribute table says tool_calls while the message says tool_call: neither is a cut-off.
          "gen_ai.response.finish_reasons": ["tool_calls"],
        }),
      ),
      otlpLine(
        span(trace, "root", "execute_tool get_weather", {
          "gen_ai.operation.name": "execute_tool",
          "gen_ai.tool.name": "get_weather",
          "gen_ai.tool.call.id": "call_VSPygqKTWdrhaFErNvMV18Yl",
          "gen_ai.tool.call.result": "rainy, 57°F",
        }),
      ),
      otlpLine(
        span(trace, "root", "chat gpt-4", {
          "gen_ai.operation.name": "chat",
          "gen_ai.request.model": "gpt-4",
          "gen_ai.input.messages": block("gen-ai-input-messages-tool-call-span-2"),
          "gen_ai.output.messages": block("gen-ai-output-messages-tool-call-span-2"),
        }),
      ),
    ].join("\n");
    const log = readText(otelAdapter, text);
    expect(log.calls).toEqual([
      expect.objectContaining({
        callId: "call_VSPygqKTWdrhaFErNvMV18Yl",
        tool: "get_weather",
        arguments: '{"location":"Paris"}',
        argumentsRecorded: false,
        model: "gpt-4",
        advertised: [
          {
            name: "get_current_weather",
            description: "Get the current weather in a given location",
            parameters: { type: "object", properties: { location: { type: "string", description: "The city and state, e.g. San Francisco, CA" }, unit: { type: "string", enum: ["celsius", "fahrenheit"] } }, required: ["location", "unit"] },
          },
        ],
      }),
    ]);
    expect(log.calls[0]?.truncated).toBeUndefined();
    expect(log.results).toEqual([expect.objectContaining({ callId: "call_VSPygqKTWdrhaFErNvMV18Yl", content: "rainy, 57°F", isError: false, source: { file: "test.log", line: 2 } })]);
    expect(log.errors).toEqual([]);
  });

  it("content capture off: the tool is named with an empty schema, the call says its arguments were not captured", () => {
    const trace = "1bf92f3577b34da6a3ce929d0e0e4736";
    const log = readText(
      otelAdapter,
      otlpLine(
        span(trace, "", "chat gpt-4", { "gen_ai.operation.name": "chat", "gen_ai.request.model": "gpt-4", "gen_ai.tool.definitions": block("gen-ai-tool-definitions-tool-call-span-0") }),
        span(trace, "", "execute_tool get_weather", { "gen_ai.operation.name": "execute_tool", "gen_ai.tool.name": "get_weather", "gen_ai.tool.call.id": "call_VSPygqKTWdrhaFErNvMV18Yl" }),
      ),
    );
    expect(log.calls).toEqual([
      expect.objectContaining({ arguments: "", argumentsRecorded: false, advertised: [{ name: "get_weather", parameters: {} }], notes: ["read from the execute_tool span", "arguments not captured in the trace"] }),
    ]);
    expect(log.results).toEqual([]);
  });

  it("built-in tools: server_tool_call is a call with a note, server_tool_call_response its result", () => {
    const log = readText(
      otelAdapter,
      otlpLine(span("2bf92f3577b34da6a3ce929d0e0e4736", "", "chat gpt-4o", { "gen_ai.operation.name": "chat", "gen_ai.input.messages": block("gen-ai-input-messages-built-in-tools"), "gen_ai.output.messages": block("gen-ai-output-messages-built-in-tools") })),
    );
    expect(log.calls).toEqual([expect.objectContaining({ tool: "code_interpreter", notes: ["server tool: the provider ran it, not your code"], argumentsRecorded: false })]);
    expect(JSON.parse(log.calls[0]?.arguments ?? "")).toMatchObject({ type: "code_interpreter", container_id: "cntr_690bdbfed8688190884efd4c7ae6435b0db1f006442e8941" });
    expect(log.results).toEqual([expect.objectContaining({ callId: "call_VSPygqKTWdrhaFErNvMV18Yl", content: '{"type":"code_interpreter","outputs":[{"type":"logs","logs":"(10, 20)"}]}' })]);
  });

  it("every other message block reads without calls or errors (jsonc blocks are not JSON and are left out)", () => {
    const messageBlocks = blocks.filter((candidate) => /^gen-ai-(input|output)-messages-(simple|event|instructions|reasoning|choices)$/.test(candidate.anchor ?? ""));
    expect(messageBlocks).toHaveLength(10);
    const log = readText(
      otelAdapter,
      otlpLine(
        ...messageBlocks.map((candidate) =>
          span("3bf92f3577b34da6a3ce929d0e0e4736", "", "chat gpt-4", { [candidate.anchor?.includes("input") === true ? "gen_ai.input.messages" : "gen_ai.output.messages"]: JSON.stringify(candidate.value) }),
        ),
      ),
    );
    expect(log.events).toEqual([]);
  });
});

describe("otel: OpenLLMetry flattened attributes", () => {
  it("reads gen_ai.completion.N.tool_calls.M, llm.request.functions and tool answers in gen_ai.prompt", () => {
    const trace = "ee".repeat(16);
    const log = readText(
      otelAdapter,
      otlpLine(
        span(trace, "", "openai.chat", {
          "llm.request.type": "chat",
          "gen_ai.system": "openai",
          "gen_ai.request.model": "gpt-4o",
          "llm.request.functions.0.name": "get_weather",
          "llm.request.functions.0.description": "Weather",
          "llm.request.functions.0.parameters": JSON.stringify({ type: "object", properties: { city: { type: "string" } } }),
          "gen_ai.prompt.0.role": "user",
          "gen_ai.prompt.0.content": "weather?",
          "gen_ai.prompt.1.role": "assistant",
          "gen_ai.prompt.1.tool_calls.0.id": "call_p1",
          "gen_ai.prompt.1.tool_calls.0.name": "get_weather",
          "gen_ai.prompt.1.tool_calls.0.arguments": '{"city":"Oslo"}',
          "gen_ai.prompt.2.role": "tool",
          "gen_ai.prompt.2.tool_call_id": "call_p1",
          "gen_ai.prompt.2.content": "-3C",
          "gen_ai.completion.0.finish_reason": "length",
          "gen_ai.completion.0.tool_calls.0.id": "call_c1",
          "gen_ai.completion.0.tool_calls.0.name": "get_weather",
          "gen_ai.completion.0.tool_calls.0.arguments": '{"city":"Ber',
        }),
      ),
    );
    expect(log.calls.map((call) => [call.callId, call.arguments, call.truncated === true])).toEqual([
      ["call_p1", '{"city":"Oslo"}', false],
      ["call_c1", '{"city":"Ber', true],
    ]);
    expect(log.call("call_c1")).toMatchObject({ model: "gpt-4o", advertised: [{ name: "get_weather", description: "Weather", parameters: { type: "object", properties: { city: { type: "string" } } } }] });
    expect(log.result("call_p1").content).toBe("-3C");
  });
});

describe("otel: OpenLLMetry's LangChain tool spans (traceloop.entity.*)", () => {
  // As opentelemetry-instrumentation-langchain writes them: a `{tool}.tool` span whose output is
  // the ToolMessage the tool returned, serialized by LangChain's to_json; a raised tool leaves the
  // span in error with an exception event.
  const toolMessage = (kwargs: Record<string, unknown>) => ({ lc: 1, type: "constructor", id: ["langchain", "schema", "messages", "ToolMessage"], kwargs: { type: "tool", ...kwargs } });
  const toolSpan = (trace: string, name: string, input: Record<string, unknown>, output: unknown, extra: Record<string, unknown> = {}) =>
    traceloopToolSpan(
      trace,
      name,
      {
        "traceloop.workflow.name": "LangGraph",
        "traceloop.entity.input": JSON.stringify({ tags: [], metadata: {}, kwargs: { color: "green", name }, ...input }),
        ...(output !== undefined && { "traceloop.entity.output": JSON.stringify({ output, kwargs: { color: "green", name } }) }),
      },
      extra,
    );
  const chat = (trace: string) =>
    span(trace, "root", "ChatOpenAI.chat", {
      "llm.request.type": "chat",
      "gen_ai.request.model": "gpt-4o-mini",
      "gen_ai.prompt.0.role": "user",
      "gen_ai.prompt.0.content": "weather in Oslo, then Bergen",
      "gen_ai.completion.0.tool_calls.0.id": "call_t1",
      "gen_ai.completion.0.tool_calls.0.name": "get_weather",
      "gen_ai.completion.0.tool_calls.0.arguments": '{"city": "Oslo"}',
      "gen_ai.completion.0.tool_calls.1.id": "call_t2",
      "gen_ai.completion.0.tool_calls.1.name": "get_weather",
      "gen_ai.completion.0.tool_calls.1.arguments": '{"city": "Bergen"}',
    });

  it("answers the model's calls with the ToolMessages the tool spans returned, their status the error flag", () => {
    const trace = "ab".repeat(16);
    const log = readText(
      otelAdapter,
      otlpLine(
        chat(trace),
        toolSpan(trace, "get_weather", { input_str: "{'city': 'Oslo'}", inputs: { city: "Oslo" } }, toolMessage({ content: "-3C", name: "get_weather", tool_call_id: "call_t1", status: "success" })),
        toolSpan(trace, "get_weather", { input_str: "{'city': 'Bergen'}", inputs: { city: "Bergen" } }, toolMessage({ content: "Error: station offline", name: "get_weather", tool_call_id: "call_t2", status: "error" })),
      ),
    );
    expect(log.calls.map((call) => [call.callId, call.arguments, call.argumentsRecorded])).toEqual([
      ["call_t1", '{"city": "Oslo"}', true],
      ["call_t2", '{"city": "Bergen"}', true],
    ]);
    expect(log.result("call_t1")).toMatchObject({ content: "-3C", isError: false, tool: "get_weather" });
    expect(log.result("call_t2")).toMatchObject({ content: "Error: station offline", isError: true });
    expect(log.result("call_t2").errorInferred).toBeUndefined();
    expect(log.errors).toEqual([]);
  });

  it("pairs the span of a tool that raised with the model's call of the same inputs (fixture otel-traceloop.jsonl)", () => {
    const log = readFixture(otelAdapter, "otel-traceloop.jsonl");
    expect(log.errors).toEqual([]);
    expect(log.calls.map((call) => [call.callId, call.arguments])).toEqual([
      ["call_w1", '{"city": "Oslo"}'],
      ["call_w2", '{"town": "Bergen"}'],
    ]);
    expect(log.call("call_w1").advertised?.map((tool) => tool.name)).toEqual(["get_weather"]);
    expect(log.result("call_w1")).toMatchObject({ content: "-3C, snow", isError: false, tool: "get_weather" });
    expect(log.result("call_w2")).toMatchObject({ content: "get_weather() got an unexpected keyword argument 'town'", isError: true, tool: "get_weather" });
  });

  it("reads a tool that raised (no output, span in error) and one with no model call, from its inputs", () => {
    const trace = "cd".repeat(16);
    const log = readText(
      otelAdapter,
      otlpLine(
        toolSpan(trace, "charge_card", { input_str: "{'amount': 12.5, 'currency': 'EUR'}", inputs: null }, undefined, {
          status: { code: 2, message: "ValueError: card declined" },
          events: [{ name: "exception", attributes: [{ key: "exception.type", value: { stringValue: "ValueError" } }, { key: "exception.message", value: { stringValue: "card declined" } }] }],
        }),
      ),
    );
    expect(log.calls).toHaveLength(1);
    // input_str is Python's str() of the inputs dict: read as the literal it is, never evaluated.
    expect(log.calls[0]).toMatchObject({ tool: "charge_card", syntheticId: true, arguments: '{"amount":12.5,"currency":"EUR"}', argumentsRecorded: false, notes: ["read from the Traceloop tool span"] });
    expect(log.result(log.calls[0]?.callId ?? "")).toMatchObject({ content: "card declined", isError: true, tool: "charge_card" });
  });
});

describe("otel: a call id the log gives several calls (ids numbered per conversation or per response)", () => {
  const chat = (trace: string, output: { id: string; name: string; arguments: unknown }[], input: unknown[] = []) =>
    span(trace, "", "chat llama3", {
      "gen_ai.operation.name": "chat",
      "gen_ai.request.model": "llama3",
      "gen_ai.conversation.id": `conv_${trace}`,
      "gen_ai.input.messages": JSON.stringify(input),
      "gen_ai.output.messages": JSON.stringify([{ role: "assistant", parts: output.map((part) => ({ type: "tool_call", ...part })), finish_reason: "tool_call" }]),
    });
  const run = (trace: string, id: string, tool: string, result: string, args?: string) =>
    span(trace, "", `execute_tool ${tool}`, {
      "gen_ai.operation.name": "execute_tool",
      "gen_ai.tool.name": tool,
      "gen_ai.tool.call.id": id,
      "gen_ai.tool.call.result": result,
      ...(args !== undefined ? { "gen_ai.tool.call.arguments": args } : {}),
    });
  const pairs = (log: ReturnType<typeof readText>) => log.calls.map((call) => [call.callId, call.tool, call.arguments, log.results.find((result) => result.callId === call.callId)?.content]);

  it("reads execute_tool spans of other traces under the same id as calls of their own, each with its result", () => {
    const log = readText(
      otelAdapter,
      [otlpLine(run("t1", "call_0", "get_weather", "18C", '{"city":"Paris"}')), otlpLine(run("t2", "call_0", "get_time", "10:00", '{"tz":"UTC"}')), otlpLine(run("t3", "call_0", "get_weather", "unknown town", '{"town":"Lyon"}'))].join("\n"),
    );
    expect(pairs(log)).toEqual([
      ["call_0", "get_weather", '{"city":"Paris"}', "18C"],
      ["call_0#2", "get_time", '{"tz":"UTC"}', "10:00"],
      ["call_0#3", "get_weather", '{"town":"Lyon"}', "unknown town"],
    ]);
    expect(log.calls[1]?.notes).toContain("the log gives call id call_0 to another call as well: this one is shown as call_0#2");
  });

  it("a later trace repeating an earlier call in its history is no new call; its own call under the id is, and its execution answers it", () => {
    const paris = { id: "call_0", name: "get_weather", arguments: { city: "Paris" } };
    const history = [
      { role: "user", parts: [{ type: "text", content: "Paris?" }] },
      { role: "assistant", parts: [{ type: "tool_call", ...paris }] },
      { role: "tool", parts: [{ type: "tool_call_response", id: "call_0", response: "18C" }] },
      { role: "user", parts: [{ type: "text", content: "And Lyon?" }] },
    ];
    const log = readText(
      otelAdapter,
      [
        otlpLine(chat("a1", [paris]), run("a1", "call_0", "get_weather", "18C")),
        // The next turn is a trace of its own: its history repeats the first call and answer (re-serialized), then the model numbers from 0 again.
        otlpLine(chat("b2", [{ id: "call_0", name: "get_weather", arguments: '{"city": "Lyon"}' }], history), run("b2", "call_0", "get_weather", "21C", "{'city': 'Lyon'}")),
      ].join("\n"),
    );
    expect(pairs(log)).toEqual([
      ["call_0", "get_weather", '{"city":"Paris"}', "18C"],
      ["call_0#2", "get_weather", '{"city": "Lyon"}', "21C"],
    ]);
  });

  it("within one trace: each response's call under the shared id, and the execution that records no arguments is the latest call of its tool", () => {
    const log = readText(
      otelAdapter,
      otlpLine(
        chat("c3", [{ id: "0", name: "get_weather", arguments: '{"city":"Paris"}' }]),
        run("c3", "0", "get_weather", "18C"),
        chat("c3", [{ id: "0", name: "get_time", arguments: '{"tz":"CET"}' }]),
        run("c3", "0", "get_time", "12:00"),
        chat("c3", [{ id: "0", name: "get_weather", arguments: '{"city":"Oslo"}' }]),
        run("c3", "0", "get_weather", "3C", '{"city": "Oslo"}'),
      ),
    );
    expect(pairs(log)).toEqual([
      ["0", "get_weather", '{"city":"Paris"}', "18C"],
      ["0#2", "get_time", '{"tz":"CET"}', "12:00"],
      ["0#3", "get_weather", '{"city":"Oslo"}', "3C"],
    ]);
  });

  it("OpenInference and Vercel AI SDK spans alike: another trace's call under the id, answered by its own tool span", () => {
    const llm = (trace: string, args: string) =>
      span(trace, "", "ChatOpenAI", {
        "openinference.span.kind": "LLM",
        "llm.output_messages.0.message.role": "assistant",
        "llm.output_messages.0.message.tool_calls.0.tool_call.id": "call_0",
        "llm.output_messages.0.message.tool_calls.0.tool_call.function.name": "get_weather",
        "llm.output_messages.0.message.tool_calls.0.tool_call.function.arguments": args,
      });
    const tool = (trace: string, input: string, output: string) =>
      span(trace, "", "get_weather", { "openinference.span.kind": "TOOL", "tool.name": "get_weather", "tool_call.id": "call_0", "input.value": input, "output.value": output });
    const openInference = readText(otelAdapter, [otlpLine(llm("e5", '{"city":"Paris"}'), tool("e5", "Paris", "18C")), otlpLine(llm("f6", '{"city":"Oslo"}'), tool("f6", "Oslo", "3C"))].join("\n"));
    expect(pairs(openInference)).toEqual([
      ["call_0", "get_weather", '{"city":"Paris"}', "18C"],
      ["call_0#2", "get_weather", '{"city":"Oslo"}', "3C"],
    ]);

    const step = (trace: string, args: string) =>
      span(trace, "", "ai.generateText.doGenerate", { "ai.response.toolCalls": JSON.stringify([{ toolCallType: "function", toolCallId: "call_0", toolName: "get_weather", input: args }]) });
    const toolCall = (trace: string, args: string, result: string) =>
      span(trace, "", "ai.toolCall", { "ai.toolCall.name": "get_weather", "ai.toolCall.id": "call_0", "ai.toolCall.args": args, "ai.toolCall.result": result });
    const vercel = readText(otelAdapter, [otlpLine(step("g7", '{"city": "Paris"}'), toolCall("g7", '{"city":"Paris"}', "18C")), otlpLine(step("h8", '{"city": "Oslo"}'), toolCall("h8", '{"city":"Oslo"}', "3C"))].join("\n"));
    expect(pairs(vercel)).toEqual([
      ["call_0", "get_weather", '{"city": "Paris"}', "18C"],
      ["call_0#2", "get_weather", '{"city": "Oslo"}', "3C"],
    ]);
  });

  it("an execution read before the model's call (it started first) is the same call, not another", () => {
    const trace = "d4";
    const log = readText(otelAdapter, otlpLine(run(trace, "call_9", "get_weather", "18C"), chat(trace, [{ id: "call_9", name: "get_weather", arguments: '{"city":"Paris"}' }])));
    expect(log.calls.map((call) => [call.callId, call.arguments])).toEqual([["call_9", ""]]);
    expect(log.results.map((result) => [result.callId, result.content])).toEqual([["call_9", "18C"]]);
  });
});

describe("otel: Traceloop tool spans from the SDK's @tool decorator and from Spring AI", () => {
  const toolSpan = (trace: string, name: string, input: string | undefined, output: string | undefined, extra: Record<string, unknown> = {}) =>
    traceloopToolSpan(trace, name, { ...(input !== undefined && { "traceloop.entity.input": input }), ...(output !== undefined && { "traceloop.entity.output": output }) }, extra);
  const chat = (trace: string, calls: [string, string, string][]) =>
    span(trace, "root", "openai.chat", {
      "llm.request.type": "chat",
      "gen_ai.request.model": "gpt-4o-mini",
      ...Object.fromEntries(
        calls.flatMap(([id, name, args], index) => [
          [`gen_ai.completion.0.tool_calls.${index}.id`, id],
          [`gen_ai.completion.0.tool_calls.${index}.name`, name],
          [`gen_ai.completion.0.tool_calls.${index}.arguments`, args],
        ]),
      ),
    });

  it("@tool: json.dumps({args, kwargs}) and of the return value answer the model's call of the same inputs", () => {
    const trace = "ef".repeat(16);
    const log = readText(
      otelAdapter,
      otlpLine(
        chat(trace, [
          ["call_k1", "get_weather", '{"city": "Oslo"}'],
          ["call_k2", "get_weather", '{"city": "Rome"}'],
        ]),
        // The second call's span first: paired by its inputs, not its place.
        toolSpan(trace, "get_weather", JSON.stringify({ args: [], kwargs: { city: "Rome" } }), JSON.stringify({ temp: 21, sky: "clear" })),
        toolSpan(trace, "get_weather", JSON.stringify({ args: [], kwargs: { city: "Oslo" } }), JSON.stringify("-3C, snow")),
      ),
    );
    expect(log.calls.map((call) => call.callId)).toEqual(["call_k1", "call_k2"]);
    expect(log.result("call_k1")).toMatchObject({ content: "-3C, snow", tool: "get_weather" });
    expect(log.result("call_k2")).toMatchObject({ content: '{"temp":21,"sky":"clear"}' });
  });

  it("@tool with no model call: the kwargs, one dict passed positionally, or positional values said to be unnamed; a raise is the error", () => {
    const trace = "0a".repeat(16);
    const log = readText(
      otelAdapter,
      otlpLine(
        toolSpan(trace, "get_weather", JSON.stringify({ args: [], kwargs: { city: "Paris" } }), JSON.stringify("18C")),
        toolSpan(trace, "book_room", JSON.stringify({ args: [{ room: "A", nights: 2 }], kwargs: {} }), undefined, { status: { code: 2, message: "RoomTaken: room A is taken" } }),
        toolSpan(trace, "get_time", JSON.stringify({ args: ["Europe/Paris"], kwargs: {} }), JSON.stringify({ time: "10:00" })),
      ),
    );
    expect(log.calls.map((call) => [call.tool, call.arguments, call.argumentsRecorded])).toEqual([
      ["get_weather", '{"city":"Paris"}', false],
      ["book_room", '{"room":"A","nights":2}', false],
      ["get_time", '{"args":["Europe/Paris"],"kwargs":{}}', false],
    ]);
    expect(log.calls[2]?.notes).toContain("the tool was called with positional arguments: their names are not recorded");
    expect(log.calls.map((call) => [log.result(call.callId).content, log.result(call.callId).isError])).toEqual([
      ["18C", false],
      ["RoomTaken: room A is taken", true],
      ['{"time":"10:00"}', false],
    ]);
  });

  it("Spring AI: the tool call's arguments and result as text, the arguments the model's own", () => {
    const log = readText(otelAdapter, otlpLine(toolSpan("1b".repeat(16), "get_weather", '{"location": "Paris}', "rainy, 57°F")));
    expect(log.calls.map((call) => [call.tool, call.arguments, call.argumentsRecorded])).toEqual([["get_weather", '{"location": "Paris}', true]]);
    expect(log.result(log.calls[0]?.callId ?? "")).toMatchObject({ content: "rainy, 57°F" });
  });
});

describe("otel: bounded memory", () => {
  const fakeSpan = (traceId: string, order: number): SpanRecord => ({ traceId, spanId: `s${order}`, name: "x", startNanos: BigInt(100 - order), attributes: new Map(), error: false, line: order, order });

  it("reads the oldest open trace early once too many are open, each trace in start order", () => {
    const read: string[][] = [];
    const buffer = new TraceBuffer((spans) => read.push(spans.map((one) => one.spanId)), 100, 2);
    buffer.add(fakeSpan("a", 1));
    buffer.add(fakeSpan("a", 2));
    buffer.add(fakeSpan("b", 3));
    expect(read).toEqual([]);
    buffer.add(fakeSpan("c", 4));
    expect(read).toEqual([["s2", "s1"]]);
    buffer.closeAll();
    expect(read).toEqual([["s2", "s1"], ["s3"], ["s4"]]);
  });

  it("reads the oldest open trace early once the spans held carry too much text", () => {
    const read: string[][] = [];
    const withResult = (traceId: string, order: number, chars: number): SpanRecord => ({ ...fakeSpan(traceId, order), attributes: new Map([["gen_ai.tool.call.result", "r".repeat(chars)]]) });
    const buffer = new TraceBuffer((spans) => read.push(spans.map((one) => one.spanId)), 100, 10, 10_000);
    buffer.add(withResult("a", 1, 4000));
    buffer.add(withResult("b", 2, 4000));
    expect(read).toEqual([]);
    // Past 10,000 characters: trace a is read as it is; b stays open, and its root closes it later.
    buffer.add(withResult("b", 3, 4000));
    expect(read).toEqual([["s1"]]);
    buffer.close("b");
    expect(read).toEqual([["s1"], ["s3", "s2"]]);
    // What a read trace held is given back: two more fit.
    buffer.add(withResult("c", 4, 4000));
    buffer.add(withResult("c", 5, 4000));
    expect(read).toHaveLength(2);
  });

  it("reports a gigantic line by its size and reads the next", () => {
    const events: LogEvent[] = [];
    const emit = (event: LogEvent) => events.push(event);
    const reader = createOtelReader("big.jsonl", { maxLineChars: 2000 });
    const tool = (id: string, result: string) => otlpLine(span(id, "", "execute_tool f", { "gen_ai.operation.name": "execute_tool", "gen_ai.tool.name": "f", "gen_ai.tool.call.id": id, "gen_ai.tool.call.arguments": "{}", "gen_ai.tool.call.result": result }));
    reader.line(tool("call_big", "x".repeat(5000)), 1, emit);
    reader.line(tool("call_ok", "ok"), 2, emit);
    reader.end(emit);
    const log = split(events);
    expect(log.errors.map((error) => error.line)).toEqual([1]);
    expect(log.calls.map((call) => call.callId)).toEqual(["call_ok"]);
  });
});

describe("otel: detection from the payload's shape", () => {
  it.each([
    ["OTLP with GenAI attributes", JSON.parse(fixtureText("otel-genai.jsonl").split("\n")[1] ?? "{}") as unknown, 1],
    ["OTLP with OpenInference attributes", JSON.parse(fixtureText("otel-openinference.jsonl").split("\n")[0] ?? "{}") as unknown, 1],
    ["OTLP without AI attributes", JSON.parse(otlpLine(span("t", "", "GET /", { "http.method": "GET" }))) as unknown, 0.6],
    ["an empty OTLP export", { resourceSpans: [] }, 0.5],
  ])("%s", (_name, record, score) => {
    expect(otelAdapter.detect(record)).toBe(score);
  });

  it.each([
    ["an Anthropic response", { type: "message", role: "assistant", content: [] }],
    ["an AutoGen event", { type: "ToolCallRequestEvent", content: [] }],
    ["an OpenAI request", { model: "m", messages: [] }],
  ])("%s scores 0", (_name, record) => {
    expect(otelAdapter.detect(record)).toBe(0);
  });
});
