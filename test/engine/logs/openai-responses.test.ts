import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { openaiResponsesAdapter } from "../../../src/engine/logs/adapters/openai-responses.js";
import { jsonl, readFile, readText } from "./openai-read-log.js";

const FIXTURES = join(import.meta.dirname, "../../fixtures/logs");
const fixture = (name: string) => readFile(openaiResponsesAdapter, join(FIXTURES, name));
const byId = (log: ReturnType<typeof fixture>) => new Map(log.calls.map((call) => [call.callId, call]));

describe("openai-responses: request/response records", () => {
  const log = fixture("openai-responses-records.jsonl");
  const calls = byId(log);

  it("reads output function calls with call_id, raw arguments, model, time and request tools", () => {
    expect(log.errors).toEqual([]);
    expect(log.calls.map((call) => [call.callId, call.source.line])).toEqual([
      ["call_r1", 1],
      ["call_r2", 1],
      ["call_r3", 2],
      ["call_h1", 4],
      ["call_r5", 5],
      ["call_c1", 6],
      ["call_ts1", 7],
      ["call_ns1", 7],
    ]);
    expect(calls.get("call_r1")).toMatchObject({ tool: "get_weather", arguments: '{"location":"Paris"}', argumentsRecorded: true, model: "gpt-4.1-2025-04-14", time: "2025-03-06T20:47:01.000Z" });
    expect(calls.get("call_r1")?.advertised).toEqual([
      { name: "get_weather", description: "Get the current weather", parameters: expect.objectContaining({ required: ["location"] }) as unknown },
      { name: "send_email", description: "Send an email", parameters: expect.objectContaining({ required: ["to", "body"] }) as unknown },
    ]);
  });

  it("keys a previous_response_id chain by its first response", () => {
    expect(calls.get("call_r1")?.conversation).toBe("resp_1");
    expect(calls.get("call_r3")?.conversation).toBe("resp_1");
  });

  it("reads function_call_output results, inferring errors from the text", () => {
    expect(log.results.map((result) => [result.callId, result.tool, result.isError ?? false, result.source.line])).toEqual([
      ["call_r1", "get_weather", false, 2],
      ["call_r2", "get_weather", true, 2],
      ["call_zz", undefined, false, 3],
      ["call_nobody", undefined, false, 4],
    ]);
    expect(log.results.find((result) => result.callId === "call_zz")?.content).toBe("ok");
  });

  it("judges orphans only when the call could be known: seen earlier, or the chain is not in the file", () => {
    expect(log.issues.map((issue) => [issue.code, issue.callId, issue.source.line])).toEqual([
      ["missing_tool_result", "call_h1", 4],
      ["orphan_tool_result", "call_nobody", 4],
    ]);
  });

  it("marks calls of an incomplete response truncated", () => {
    expect(calls.get("call_r5")).toMatchObject({ truncated: true, arguments: '{"location":"Ber' });
    expect(calls.get("call_r1")?.truncated).toBeUndefined();
  });

  it("reads a custom tool call's free-text input as its arguments, with a note", () => {
    expect(calls.get("call_c1")).toMatchObject({ tool: "code_exec", arguments: "print('hello world')", notes: ["custom tool: free-text input, not JSON"] });
    expect(calls.get("call_c1")?.advertised?.map((tool) => tool.name)).toEqual(["code_exec"]);
  });

  it("reads a client tool_search_call's object arguments re-serialized; skips server-executed ones", () => {
    expect(calls.get("call_ts1")).toMatchObject({ tool: "tool_search", arguments: '{"query":"weather tools"}', argumentsRecorded: false });
    expect(log.calls.some((call) => call.callId === "tsc_server")).toBe(false);
    expect(calls.get("call_ns1")).toMatchObject({ tool: "get_weather", notes: ['namespace "weather"'] });
    expect(calls.get("call_ns1")?.advertised?.map((tool) => tool.name)).toEqual(["get_weather"]);
  });
});

describe("openai-responses: a logging payload flattened around the request", () => {
  it("reads the response beside the request's own fields ({model, input, tools, …, response})", () => {
    const tool = { type: "function", name: "refund", parameters: { type: "object", properties: { invoice_id: { type: "string" } }, required: ["invoice_id"] } };
    const response = {
      id: "resp_flat",
      object: "response",
      created_at: 1762077600,
      model: "gpt-4.1-2025-04-14",
      status: "completed",
      output: [{ type: "function_call", id: "fc_flat", call_id: "call_flat", name: "refund", arguments: '{"invoice":"INV-1"}', status: "completed" }],
    };
    const log = readText(openaiResponsesAdapter, jsonl({ model: "gpt-4.1", instructions: "Be brief.", input: [{ role: "user", content: "refund INV-1" }], tools: [tool], call_type: "aresponses", response }));
    expect(log.errors).toEqual([]);
    expect(log.calls).toHaveLength(1);
    expect(log.calls[0]).toMatchObject({ callId: "call_flat", tool: "refund", arguments: '{"invoice":"INV-1"}', model: "gpt-4.1-2025-04-14" });
    expect(log.calls[0]?.advertised?.map((t) => t.name)).toEqual(["refund"]);
  });
});

describe("openai-responses: streamed events", () => {
  const log = fixture("openai-responses-stream.jsonl");
  const calls = byId(log);

  it("re-joins argument deltas per item, parallel calls interleaved", () => {
    expect(log.errors).toEqual([]);
    expect(calls.get("call_s1")).toMatchObject({ tool: "get_weather", arguments: '{"location":"Paris"}', source: { line: 3 }, conversation: "resp_s1", model: "gpt-4.1-2025-04-14" });
    expect(calls.get("call_s2")).toMatchObject({ tool: "send_email", arguments: '{"to":"bo@example.com","body":"hi \\"bo\\""}', source: { line: 4 } });
    expect(calls.get("call_s1")?.advertised?.map((tool) => tool.name)).toEqual(["get_weather", "send_email"]);
  });

  it("re-joins custom tool input deltas", () => {
    expect(calls.get("call_s3")).toMatchObject({ tool: "code_exec", arguments: "print(1 + 1)" });
  });

  it("marks a call cut by response.incomplete truncated, pointing at where it started", () => {
    expect(calls.get("call_s4")).toMatchObject({ truncated: true, arguments: '{"location":"Os', source: { line: 21 }, conversation: "resp_s1" });
  });

  it("closes a stream the log cut off as a truncated call", () => {
    expect(calls.get("call_s5")).toMatchObject({ truncated: true, arguments: '{"location":"Ber', notes: ["stream ended before this call was done"] });
    expect(log.calls).toHaveLength(5);
  });

  it("reads SSE with event: lines", () => {
    const sse = fixture("openai-responses-stream.sse");
    expect(sse.errors).toEqual([]);
    expect(sse.calls.map((call) => [call.callId, call.arguments, call.truncated ?? false])).toEqual([["call_e1", '{"location":"Lisbon"}', false]]);
  });

  it("reads a stored array of events as one whole stream", () => {
    const events = [
      { type: "response.created", sequence_number: 0, response: { id: "resp_a", object: "response", model: "m", output: [], tools: [] } },
      { type: "response.output_item.added", sequence_number: 1, output_index: 0, item: { id: "fc_a", type: "function_call", call_id: "call_a", name: "f", arguments: "" } },
      { type: "response.function_call_arguments.delta", sequence_number: 2, item_id: "fc_a", output_index: 0, delta: '{"x":' },
      { type: "response.function_call_arguments.delta", sequence_number: 3, item_id: "fc_a", output_index: 0, delta: "1}" },
    ];
    const log = readText(openaiResponsesAdapter, jsonl({ request: { model: "m", input: "hi", stream: true }, response: events }));
    expect(log.calls.map((call) => [call.callId, call.arguments, call.truncated ?? false])).toEqual([["call_a", '{"x":1}', true]]);
  });
});

describe("openai-responses: pretty-printed proxy records", () => {
  it("reads a pretty array of {request_body, response_body} records element by element", () => {
    const log = fixture("openai-responses-pretty.json");
    expect(log.errors).toEqual([]);
    expect(log.calls.map((call) => call.callId)).toEqual(["call_r1", "call_r2", "call_r3"]);
    expect(log.calls[0]?.source.line).toBe(2);
    expect(log.results.map((result) => result.callId)).toEqual(["call_r1", "call_r2"]);
    expect(log.issues).toEqual([]);
  });
});

describe("openai-responses: input conversation checks", () => {
  const call = (id: string) => ({ type: "function_call", call_id: id, name: "f", arguments: "{}" });
  const output = (id: string) => ({ type: "function_call_output", call_id: id, output: "ok" });

  it("does not judge outputs when the input holds item references", () => {
    const log = readText(openaiResponsesAdapter, jsonl({ model: "m", input: [{ type: "item_reference", id: "fc_1" }, output("c1")] }));
    expect(log.issues).toEqual([]);
    expect(log.results).toHaveLength(1);
  });

  it("emits calls repeated in later inputs once", () => {
    const first = { model: "m", input: [{ role: "user", content: "q" }, call("c1"), output("c1")] };
    const second = { model: "m", input: [...first.input, { role: "assistant", content: "a" }, { role: "user", content: "q2" }] };
    const log = readText(openaiResponsesAdapter, jsonl(first, second));
    expect(log.calls.map((c) => [c.callId, c.source.line])).toEqual([["c1", 1]]);
    expect(log.results).toHaveLength(1);
    expect(log.issues).toEqual([]);
  });

  it("reads a call_id the log gives two different calls as two calls, each answered by the output after it", () => {
    const weather = (args: string) => ({ type: "function_call", call_id: "call_0", name: "get_weather", arguments: args });
    const first = { model: "m", input: [{ role: "user", content: "Paris?" }, weather('{"city":"Paris"}'), { ...output("call_0"), output: "sunny" }] };
    const second = { model: "m", input: [{ role: "user", content: "Rome?" }, weather('{"town":"Rome"}'), { ...output("call_0"), output: "no such argument" }, { role: "user", content: "ok" }] };
    const log = readText(openaiResponsesAdapter, jsonl(first, second, first));
    expect(log.calls.map((c) => [c.callId, c.arguments])).toEqual([
      ["call_0", '{"city":"Paris"}'],
      ["call_0#2", '{"town":"Rome"}'],
    ]);
    expect(log.results.map((r) => [r.callId, r.content])).toEqual([
      ["call_0", "sunny"],
      ["call_0#2", "no such argument"],
    ]);
    expect(log.issues).toEqual([]);
  });

  it("keeps a chain's key when the logged response does not echo previous_response_id", () => {
    const first = { request: { model: "m", input: "q" }, response: { id: "resp_a", object: "response", output: [call("c1")] } };
    const second = { request: { model: "m", previous_response_id: "resp_a", input: [output("c1")] }, response: { id: "resp_b", object: "response", output: [call("c2")] } };
    const third = { request: { model: "m", previous_response_id: "resp_b", input: [output("c2")] }, response: { id: "resp_c", object: "response", output: [call("c3")] } };
    const log = readText(openaiResponsesAdapter, jsonl(first, second, third));
    expect(log.calls.map((c) => [c.callId, c.conversation])).toEqual([
      ["c1", "resp_a"],
      ["c2", "resp_a"],
      ["c3", "resp_a"],
    ]);
    expect(log.issues).toEqual([]);
  });

  it("checks a bare response against the bare request logged before it, unless it echoes tools of its own", () => {
    const tools = [{ type: "function", name: "get_weather", parameters: { type: "object", properties: { city: { type: "string" } } } }];
    const echoed = [{ type: "function", name: "get_time", parameters: { type: "object", properties: {} } }];
    const bare = (id: string, extra: Record<string, unknown> = {}) => ({ id, object: "response", status: "completed", output: [call(`call_${id}`)], ...extra });
    const log = readText(openaiResponsesAdapter, jsonl({ model: "m", input: "q", tools }, bare("resp_1"), { model: "m", input: "q", tools }, bare("resp_2", { tools: echoed }), bare("resp_3")));
    expect(log.calls.map((c) => [c.callId, c.advertised?.map((tool) => tool.name)])).toEqual([
      ["call_resp_1", ["get_weather"]],
      ["call_resp_2", ["get_time"]],
      ["call_resp_3", undefined],
    ]);
  });

  it("flags a call of the response a request continues that its input leaves unanswered", () => {
    // OpenAI rejects the second request: "No tool output found for function call c2."
    const first = { request: { model: "m", input: "q" }, response: { id: "resp_a", object: "response", status: "completed", output: [call("c1"), call("c2")] } };
    const second = { request: { model: "m", previous_response_id: "resp_a", input: [output("c1")] } };
    const textOnly = { request: { model: "m", previous_response_id: "resp_b", input: "never mind" } };
    const log = readText(openaiResponsesAdapter, jsonl(first, second, { ...first, response: { ...first.response, id: "resp_b", output: [call("c3")] } }, textOnly));
    expect(log.issues.map((issue) => [issue.code, issue.callId, issue.source.line])).toEqual([
      ["missing_tool_result", "c2", 2],
      ["missing_tool_result", "c3", 4],
    ]);
  });

  it("does not judge a continuation whose input references stored items, nor calls of an incomplete response", () => {
    const first = { request: { model: "m", input: "q" }, response: { id: "resp_a", object: "response", output: [call("c1")] } };
    const referencing = { request: { model: "m", previous_response_id: "resp_a", input: [{ type: "item_reference", id: "fco_1" }] } };
    const cut = { request: { model: "m", input: "q" }, response: { id: "resp_i", object: "response", status: "incomplete", output: [call("c9")] } };
    const after = { request: { model: "m", previous_response_id: "resp_i", input: "go on" } };
    const log = readText(openaiResponsesAdapter, jsonl(first, referencing, cut, after));
    expect(log.issues).toEqual([]);
  });

  it("keys by a Conversations API id and does not judge outputs whose calls live server-side", () => {
    const log = readText(openaiResponsesAdapter, jsonl({ request: { model: "m", conversation: { id: "conv_9" }, input: [output("c_server")] }, response: { id: "resp_x", object: "response", output: [call("c4")] } }));
    expect(log.calls[0]?.conversation).toBe("conv_9");
    expect(log.issues).toEqual([]);
  });

  it("says a chat record is not a Responses record", () => {
    const log = readText(openaiResponsesAdapter, jsonl({ object: "chat.completion", choices: [{ message: { role: "assistant", content: "hi" } }] }));
    expect(log.errors[0]?.message).toMatch(/read this file as openai-chat/);
  });

  it("says an Anthropic record is Anthropic's, though its request is chat-shaped too", () => {
    const request = { model: "claude-sonnet-4-5", max_tokens: 100, tools: [{ name: "f", input_schema: { type: "object" } }], messages: [{ role: "user", content: "q" }] };
    const log = readText(openaiResponsesAdapter, jsonl({ request, response: { id: "msg_1", type: "message", role: "assistant", content: [{ type: "tool_use", id: "toolu_1", name: "f", input: {} }] } }));
    expect(log.errors[0]?.message).toMatch(/an Anthropic Messages record, .*read this file as anthropic/);
  });
});
