import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { openaiChatAdapter } from "../../../src/engine/logs/adapters/openai-chat.js";
import { CallCollector } from "../../../src/engine/logs/call-collector.js";
import type { ScannedCall } from "../../../src/engine/logs/scanned-call.js";
import { jsonl, readFile, readText } from "./openai-read-log.js";

const FIXTURES = join(import.meta.dirname, "../../fixtures/logs");
const fixture = (name: string) => readFile(openaiChatAdapter, join(FIXTURES, name));
const byId = (log: ReturnType<typeof fixture>) => new Map(log.calls.map((call) => [call.callId, call]));

describe("openai-chat: {request, response} pairs under any envelope", () => {
  const log = fixture("openai-chat-pairs.jsonl");
  const calls = byId(log);

  it("reads every envelope ({ts,request,response}, {input,output}, {req,res}, {body,response:{body}}, nested data)", () => {
    expect(log.errors).toEqual([]);
    expect(log.calls.map((call) => [call.callId, call.source.line])).toEqual([
      ["call_w1", 1],
      ["call_s1", 2],
      ["call_w2", 2],
      ["call_s2", 3],
      ["call_w3", 4],
      ["call_w4", 5],
      ["call_m1", 6],
      ["call_last", 6],
    ]);
  });

  it("keeps the raw arguments string byte for byte", () => {
    expect(calls.get("call_w2")?.arguments).toBe('{"city":"Lyon","unit":"c"}');
    expect(calls.get("call_w3")?.arguments).toBe('{"city": "Nice"}');
    expect(log.calls.every((call) => call.argumentsRecorded && !call.syntheticId)).toBe(true);
  });

  it("attaches the request's advertised tools, the response's model and the time", () => {
    const first = calls.get("call_w1");
    expect(first?.advertised?.map((tool) => tool.name)).toEqual(["get_weather", "search_docs"]);
    expect(first?.advertised?.[0]).toMatchObject({ description: "Current weather for a city", parameters: { required: ["city"] } });
    expect(first?.model).toBe("gpt-4o-mini-2024-07-18");
    expect(first?.time).toBe("2025-03-01T10:00:00.000Z");
    expect(first?.source.file).toContain("openai-chat-pairs.jsonl");
    // No `created` in that response: the envelope's epoch `timestamp` is used.
    expect(calls.get("call_w4")?.time).toBe("2025-03-01T10:05:00.000Z");
  });

  it("marks calls of a finish_reason=length choice truncated", () => {
    expect(calls.get("call_s2")).toMatchObject({ truncated: true, arguments: '{"query":"umbrella pol' });
    expect(calls.get("call_w1")?.truncated).toBeUndefined();
  });

  it("emits a call repeated in later histories once, first sighting winning", () => {
    expect(new Set(log.calls.map((call) => call.callId)).size).toBe(log.calls.length);
    expect(calls.get("call_w1")?.source.line).toBe(1);
    // Only seen in a history: the request's model, and a note saying so.
    expect(calls.get("call_m1")).toMatchObject({ model: "gpt-4o-mini", notes: ["first seen in a request's history"] });
  });

  it("reads tool results once each, inferring errors only from text that clearly is one", () => {
    expect(log.results.map((result) => [result.callId, result.source.line, result.isError ?? false])).toEqual([
      ["call_w1", 2, false],
      ["call_s1", 3, true],
      ["call_w2", 3, false],
      ["call_s2", 4, true],
      ["call_ghost", 6, false],
    ]);
    const inferred = log.results.filter((result) => result.isError);
    expect(inferred.every((result) => result.errorInferred === true)).toBe(true);
    expect(log.results.find((result) => result.callId === "call_w2")).toMatchObject({ content: '{"temp": 12, "sky": "cloudy"}', tool: "get_weather" });
  });

  it("flags a call unanswered before a later turn, and a result answering no call; not the trailing turn", () => {
    expect(log.issues.map((issue) => [issue.code, issue.callId, issue.source.line])).toEqual([
      ["missing_tool_result", "call_m1", 6],
      ["orphan_tool_result", "call_ghost", 6],
    ]);
  });
});

describe("openai-chat: a call id the log gives several calls (servers that number calls per conversation or per turn)", () => {
  const call = (id: string, name: string, args: string) => ({ id, type: "function", function: { name, arguments: args } });
  const assistant = (...calls: unknown[]) => ({ role: "assistant", content: null, tool_calls: calls });
  const tool = (id: string, content: string) => ({ role: "tool", tool_call_id: id, content });
  const completion = (...calls: unknown[]) => ({ object: "chat.completion", model: "llama3", created: 1764000000, choices: [{ index: 0, message: assistant(...calls), finish_reason: calls.length ? "tool_calls" : "stop" }] });
  const paris = call("call_0", "get_weather", '{"city":"Paris"}');
  const rome = call("call_0", "get_weather", '{"town":"Rome"}');
  const time = call("call_1", "get_time", '{"tz":"CET"}');
  const tomorrow = call("call_0", "get_weather", '{"city":"Paris","day":"tomorrow"}');
  const a = [{ role: "user", content: "weather in Paris?" }];
  const b = [{ role: "user", content: "weather in Rome?" }];
  const a2 = [...a, assistant(paris), tool("call_0", "sunny")];
  const a3 = [...a2, assistant(time), tool("call_1", "12:00"), { role: "user", content: "and tomorrow?" }];
  const text = jsonl(
    // Two conversations interleaved, each with its own call_0.
    { request: { model: "llama3", messages: a }, response: completion(paris) },
    { request: { model: "llama3", messages: b }, response: completion(rome) },
    // Conversation A's history sends its call back re-serialized (spaces, an escape): the same call.
    { request: { model: "llama3", messages: [...a, assistant(call("call_0", "get_weather", '{"city": "Par\\u0069s"}')), tool("call_0", "sunny")] }, response: completion(time) },
    { request: { model: "llama3", messages: [...b, assistant(rome), tool("call_0", "error: unknown argument town")] }, response: completion() },
    // A later turn of A numbers its call call_0 again.
    { request: { model: "llama3", messages: a3 }, response: completion(tomorrow) },
    { request: { model: "llama3", messages: [...a3, assistant(tomorrow), tool("call_0", "rain")] }, response: completion() },
    // A third conversation's call_0, never answered.
    { request: { model: "llama3", messages: [{ role: "user", content: "Oslo?" }, assistant(call("call_0", "get_weather", '{"city":"Oslo"}')), { role: "user", content: "never mind" }] } },
  );
  const log = readText(openaiChatAdapter, text);

  it("reads each call as its own: the first keeps the id, the others get #2, #3… and a note", () => {
    expect(log.calls.map((c) => [c.callId, c.arguments, c.source.line])).toEqual([
      ["call_0", '{"city":"Paris"}', 1],
      ["call_0#2", '{"town":"Rome"}', 2],
      ["call_1", '{"tz":"CET"}', 3],
      ["call_0#3", '{"city":"Paris","day":"tomorrow"}', 5],
      ["call_0#4", '{"city":"Oslo"}', 7],
    ]);
    expect(log.calls[1]?.notes).toEqual(["the log gives call id call_0 to another call as well: this one is shown as call_0#2"]);
    expect(log.calls[0]?.notes).toBeUndefined();
  });

  it("pairs each result with the call before it in its own history, and flags the unanswered one by its shown id", () => {
    expect(log.results.map((r) => [r.callId, r.content, r.source.line])).toEqual([
      ["call_0", "sunny", 3],
      ["call_0#2", "error: unknown argument town", 4],
      ["call_1", "12:00", 5],
      ["call_0#3", "rain", 6],
    ]);
    expect(log.issues.map((i) => [i.code, i.callId, i.source.line])).toEqual([["missing_tool_result", "call_0#4", 7]]);
    const scanned: ScannedCall[] = [];
    const collector = new CallCollector({}, (c) => scanned.push(c), () => undefined);
    for (const event of log.events) if (event.kind !== "error") collector.event(event);
    collector.finish();
    expect(scanned.map((c) => [c.callId, c.result?.content])).toEqual([
      ["call_0", "sunny"],
      ["call_0#2", "error: unknown argument town"],
      ["call_1", "12:00"],
      ["call_0#3", "rain"],
      ["call_0#4", undefined],
    ]);
  });
});

describe("openai-chat: a logging payload flattened around the request (LiteLLM's StandardLoggingPayload)", () => {
  // `model` and `messages` at the top, beside `response`, `model_parameters` (the tools) and the call's metadata.
  const log = fixture("openai-chat-litellm.jsonl");
  const calls = byId(log);

  it("reads the response beside the request's messages, also when it is stored as JSON text", () => {
    expect(log.errors).toEqual([]);
    expect(log.calls.map((call) => [call.callId, call.tool, call.source.line])).toEqual([
      ["call_lt1", "get_invoice", 1],
      ["call_lt2", "refund", 2],
      ["call_lt3", "refund", 4],
    ]);
    expect(calls.get("call_lt3")?.arguments).toBe('{"invoice_id":"INV-42","amount_cents":"1999"}');
  });

  it("takes the advertised tools from the object that holds them (model_parameters), and the response's model and time", () => {
    const first = calls.get("call_lt1");
    expect(first?.advertised?.map((tool) => tool.name)).toEqual(["get_invoice", "refund"]);
    expect(first?.advertised?.[0]?.parameters).toMatchObject({ required: ["invoice_id"], additionalProperties: false });
    expect(first).toMatchObject({ model: "gpt-4o-2024-08-06", time: "2025-11-02T10:00:00.000Z" });
    // The same list for every record: one object, so per-list caches downstream hit.
    expect(calls.get("call_lt2")?.advertised).toBe(first?.advertised);
  });

  it("looks for the tools in a child object only when the request has no list of its own", () => {
    const tool = (name: string) => ({ type: "function", function: { name, parameters: { type: "object", properties: {} } } });
    const completion = { object: "chat.completion", model: "m", choices: [{ index: 0, message: { role: "assistant", tool_calls: [{ id: "call_x", type: "function", function: { name: "a", arguments: "{}" } }] } }] };
    const advertised = (record: Record<string, unknown>) => readText(openaiChatAdapter, jsonl({ model: "m", messages: [{ role: "user", content: "hi" }], ...record, response: completion })).calls[0]?.advertised?.map((t) => t.name);
    expect(advertised({ tools: null, model_parameters: { tools: [tool("a")] } })).toEqual(["a"]);
    expect(advertised({ tools: [tool("own")], model_parameters: { tools: [tool("a")] } })).toEqual(["own"]);
    expect(advertised({ model_parameters: { temperature: 0 } })).toBeUndefined();
  });

  it("pairs the results of later histories, and a failed request (no response) adds nothing", () => {
    expect(log.results.map((result) => [result.callId, result.source.line, result.isError ?? false])).toEqual([
      ["call_lt1", 2, false],
      ["call_lt2", 3, true],
    ]);
    expect(log.issues).toEqual([]);
  });
});

describe("openai-chat: bare requests and responses", () => {
  const log = fixture("openai-chat-bare.jsonl");

  it("reads calls of every choice, truncation per choice, and results from later bare requests", () => {
    expect(log.errors).toEqual([]);
    expect(log.calls.map((call) => [call.callId, call.truncated ?? false])).toEqual([
      ["call_b1", false],
      ["call_b2", false],
      ["call_b3", true],
    ]);
    expect(log.results).toHaveLength(1);
    expect(log.results[0]).toMatchObject({ callId: "call_b1", isError: true, errorInferred: true, tool: "search_docs" });
  });
});

describe("openai-chat: streamed chunks", () => {
  it("re-joins interleaved streams and parallel calls per index, line per chunk", () => {
    const log = fixture("openai-chat-chunks.jsonl");
    const calls = byId(log);
    expect(log.errors).toEqual([]);
    expect(calls.get("call_a1")).toMatchObject({ tool: "get_weather", arguments: '{"city":"Oslo"}', source: { line: 2 }, model: "gpt-4o-mini-2024-07-18" });
    expect(calls.get("call_a2")).toMatchObject({ tool: "search_docs", arguments: '{"query":"fjords"}', source: { line: 4 } });
    expect(calls.get("call_a1")?.truncated).toBeUndefined();
  });

  it("reads a streamed legacy function_call with a synthetic id", () => {
    const legacy = fixture("openai-chat-chunks.jsonl").calls.find((call) => call.syntheticId);
    expect(legacy).toMatchObject({ tool: "get_weather", arguments: '{"city":"Bergen"}', notes: ["legacy function_call"], model: "gpt-3.5-turbo-0613" });
    expect(legacy?.callId).toMatch(/^synthetic_[0-9a-f]{16}$/);
  });

  it("handles index 1, empty fragments, a later name:\"\" delta, reasoning first, and finish_reason length", () => {
    const call = byId(fixture("openai-chat-chunks.jsonl")).get("call_c1");
    expect(call).toMatchObject({ tool: "get_weather", arguments: '{"city":"Tromsø","unit', truncated: true, model: "deepseek-reasoner" });
  });

  it("closes a stream the log cut off as a truncated call", () => {
    const call = byId(fixture("openai-chat-chunks.jsonl")).get("call_d1");
    expect(call).toMatchObject({ arguments: '{"city":"Tro', truncated: true, notes: ["stream ended without finish_reason"] });
  });

  it("reads a response stored as an array of chunks, and as SSE text inside the record", () => {
    const log = fixture("openai-chat-chunk-array.jsonl");
    expect(log.errors).toEqual([]);
    expect(log.calls.map((call) => [call.callId, call.arguments, call.source.line])).toEqual([
      ["call_ca1", '{"query": "returns"}', 1],
      ["call_ca2", '{"city":"Oslo"}', 2],
    ]);
    expect(log.calls[0]?.advertised?.map((tool) => tool.name)).toEqual(["get_weather", "search_docs"]);
  });

  it("reads an SSE file: data lines, [DONE], comments, data: with and without a space", () => {
    const log = fixture("openai-chat-stream.sse");
    expect(log.errors).toEqual([]);
    expect(log.calls.map((call) => [call.callId, call.arguments])).toEqual([
      ["call_sse1", '{"city":"Berlin"}'],
      ["call_sse2", '{"city":"Rome"}'],
      ["call_sse3", '{"query":"rome \\"old town\\""}'],
    ]);
    expect(log.calls.every((call) => !call.truncated)).toBe(true);
  });
});

describe("openai-chat: legacy functions", () => {
  it("gives function_call a stable synthetic id that a later history and its function result share", () => {
    const log = fixture("openai-chat-legacy.jsonl");
    expect(log.errors).toEqual([]);
    expect(log.calls).toHaveLength(1);
    const call = log.calls[0];
    expect(call).toMatchObject({ syntheticId: true, tool: "get_current_weather", arguments: '{\n  "location": "Boston, MA"\n}', notes: ["legacy function_call"] });
    expect(call?.advertised?.map((tool) => tool.name)).toEqual(["get_current_weather"]);
    expect(log.results[0]).toMatchObject({ callId: call?.callId, tool: "get_current_weather", content: '{"temperature": "72", "unit": "fahrenheit"}' });
    expect(log.issues).toEqual([expect.objectContaining({ code: "orphan_tool_result", tool: "get_current_weather", source: expect.objectContaining({ line: 3 }) })]);
  });

  it("derives the same synthetic id every time the same call is read", () => {
    const first = fixture("openai-chat-legacy.jsonl").calls[0]?.callId;
    const again = fixture("openai-chat-legacy.jsonl").calls[0]?.callId;
    expect(first).toBe(again);
    const onlyHistory = readText(openaiChatAdapter, jsonl({ model: "m", messages: [{ role: "user", content: "q" }, { role: "assistant", content: null, function_call: { name: "get_current_weather", arguments: '{\n  "location": "Boston, MA"\n}' } }] }));
    expect(onlyHistory.calls[0]?.callId).toBe(first);
  });
});

describe("openai-chat: a bare response after a bare request", () => {
  const tools = [{ type: "function", function: { name: "get_weather", parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"], additionalProperties: false } } }];
  const completion = (id: string) => ({ id: `c-${id}`, object: "chat.completion", created: 1764000000, model: "gpt-4o", choices: [{ index: 0, message: { role: "assistant", content: null, tool_calls: [{ id, type: "function", function: { name: "get_weather", arguments: '{"location":"Paris"}' } }] }, finish_reason: "tool_calls" }] });

  it("is checked against the request's tools: the request was logged first, its response on the next line", () => {
    const log = readText(openaiChatAdapter, jsonl({ model: "gpt-4o", messages: [{ role: "user", content: "w" }], tools }, completion("call_x"), completion("call_y")));
    expect(log.calls.map((call) => [call.callId, call.advertised?.map((tool) => tool.name)])).toEqual([
      ["call_x", ["get_weather"]],
      // A second bare response is not taken for the same request's.
      ["call_y", undefined],
    ]);
  });

  it("keeps them for every chunk of a stream logged after the request", () => {
    const chunk = (delta: unknown, finish: string | null = null) => ({ id: "s", object: "chat.completion.chunk", created: 1764000000, model: "gpt-4o", choices: [{ index: 0, delta, finish_reason: finish }] });
    const text = jsonl(
      { model: "gpt-4o", messages: [{ role: "user", content: "w" }], tools },
      chunk({ role: "assistant", tool_calls: [{ index: 0, id: "call_s", type: "function", function: { name: "get_weather", arguments: "" } }] }),
      chunk({ tool_calls: [{ index: 0, function: { arguments: '{"city":"Rome"}' } }] }),
      chunk({}, "tool_calls"),
    );
    expect(readText(openaiChatAdapter, text).calls[0]?.advertised?.map((tool) => tool.name)).toEqual(["get_weather"]);
  });
});

describe("openai-chat: finish_reason length cuts the last call only", () => {
  const entry = (id: string, args: string) => ({ id, type: "function", function: { name: "f", arguments: args } });

  it("marks only a completion's last call truncated: the calls before it were complete", () => {
    const completion = { id: "c", object: "chat.completion", created: 1764000000, model: "gpt-4o", choices: [{ index: 0, message: { role: "assistant", content: null, tool_calls: [entry("call_1", '{"a":1}'), entry("call_2", '{"a":')] }, finish_reason: "length" }] };
    const log = readText(openaiChatAdapter, jsonl(completion));
    expect(log.calls.map((call) => [call.callId, call.truncated ?? false])).toEqual([
      ["call_1", false],
      ["call_2", true],
    ]);
  });

  it("marks only a stream's last call truncated", () => {
    const chunk = (delta: unknown, finish: string | null = null) => ({ id: "s", object: "chat.completion.chunk", created: 1764000000, model: "gpt-4o", choices: [{ index: 0, delta, finish_reason: finish }] });
    const text = jsonl(
      chunk({ role: "assistant", tool_calls: [{ index: 0, id: "call_1", type: "function", function: { name: "f", arguments: '{"a":1}' } }] }),
      chunk({ tool_calls: [{ index: 1, id: "call_2", type: "function", function: { name: "f", arguments: '{"a":' } }] }),
      chunk({}, "length"),
    );
    const log = readText(openaiChatAdapter, text);
    expect(log.calls.map((call) => [call.callId, call.truncated ?? false])).toEqual([
      ["call_1", false],
      ["call_2", true],
    ]);
  });
});

describe("openai-chat: conversation checks stay inside one request", () => {
  const call = (id: string) => ({ id, type: "function", function: { name: "f", arguments: "{}" } });
  const request = (...messages: unknown[]) => ({ model: "m", messages });

  it("does not flag a last assistant turn that nothing follows: its answers may be on their way", () => {
    const log = readText(openaiChatAdapter, jsonl(request({ role: "user", content: "q" }, { role: "assistant", tool_calls: [call("c1"), call("c2")] })));
    expect(log.issues).toEqual([]);
  });

  it("flags a call still unanswered where the history ends in its turn's answers: the request went out without it", () => {
    // OpenAI rejects such a request ("tool_call_ids did not have response messages: c2"); the
    // log's next request repeating the history flags nothing twice.
    const history = [{ role: "user", content: "q" }, { role: "assistant", tool_calls: [call("c1"), call("c2")] }, { role: "tool", tool_call_id: "c1", content: "ok" }];
    const log = readText(openaiChatAdapter, jsonl(request(...history), request(...history, { role: "assistant", content: "done" })));
    expect(log.issues.map((issue) => [issue.code, issue.callId, issue.tool, issue.source.line])).toEqual([["missing_tool_result", "c2", "f", 1]]);
  });

  it("flags the same way when the history's start is spliced from an earlier line", () => {
    // Line 2 continues line 1's history (read as a placeholder), its end answering only c1 of the new turn.
    const start = [{ role: "user", content: "q" }, { role: "assistant", tool_calls: [call("c0")] }, { role: "tool", tool_call_id: "c0", content: "ok" }];
    const turn = [{ role: "assistant", tool_calls: [call("c1"), call("c2")] }, { role: "tool", tool_call_id: "c1", content: "ok" }];
    const text = jsonl(request(...start), request(...start, ...turn), request(...start, ...turn));
    const log = readText(openaiChatAdapter, text);
    expect(log.issues.map((issue) => [issue.code, issue.callId, issue.source.line])).toEqual([["missing_tool_result", "c2", 2]]);
  });

  it("flags each unanswered call of a turn the history continues past, once per file", () => {
    const history = [{ role: "user", content: "q" }, { role: "assistant", tool_calls: [call("c1"), call("c2")] }, { role: "tool", tool_call_id: "c1", content: "ok" }, { role: "assistant", content: "done" }];
    const log = readText(openaiChatAdapter, jsonl(request(...history), request(...history, { role: "user", content: "again" })));
    expect(log.issues.map((issue) => [issue.code, issue.callId, issue.tool, issue.source.line])).toEqual([["missing_tool_result", "c2", "f", 1]]);
  });

  it("treats a tool message before its call as an orphan", () => {
    const log = readText(openaiChatAdapter, jsonl(request({ role: "tool", tool_call_id: "c9", content: "x" }, { role: "assistant", tool_calls: [call("c9")] })));
    expect(log.issues.map((issue) => issue.code)).toEqual(["orphan_tool_result"]);
  });

  it("re-serializes parsed arguments and says they were not recorded", () => {
    const log = readText(openaiChatAdapter, jsonl({ object: "chat.completion", choices: [{ message: { tool_calls: [{ id: "c1", function: { name: "f", arguments: { a: 1 } } }] }, finish_reason: "tool_calls" }] }));
    expect(log.calls[0]).toMatchObject({ arguments: '{"a":1}', argumentsRecorded: false });
    // The scan says so once, in its own words (CallCollector), for every format alike.
    const out: ScannedCall[] = [];
    const collector = new CallCollector({}, (scanned) => out.push(scanned), () => undefined);
    for (const call of log.calls) collector.event(call);
    collector.finish();
    expect(out[0]?.notes?.filter((note) => note.startsWith("raw arguments not recorded"))).toEqual(["raw arguments not recorded: shown re-serialized from the parsed arguments"]);
  });

  it("reads a chat custom tool call as free text", () => {
    const log = readText(openaiChatAdapter, jsonl({ object: "chat.completion", choices: [{ message: { tool_calls: [{ id: "c1", type: "custom", custom: { name: "sql", input: "SELECT 1" } }] }, finish_reason: "tool_calls" }] }));
    expect(log.calls[0]).toMatchObject({ tool: "sql", arguments: "SELECT 1", argumentsRecorded: true, notes: ["custom tool: free-text input, not JSON"] });
  });
});
