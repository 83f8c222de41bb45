import { describe, expect, it } from "vitest";
import { anthropicAdapter, createAnthropicReader } from "../../../src/engine/logs/adapters/anthropic.js";
import type { LogEvent } from "../../../src/engine/logs/log-events.js";
import { fixtureText, jsonl, readFixture, readText, split } from "./anthropic-autogen-otel-read-log.js";

const getWeather = { name: "get_weather", input_schema: { type: "object", properties: { city: { type: "string" } }, required: ["city"] } };
const response = (id: string, extra: Record<string, unknown> = {}) => ({
  id: `msg_${id}`,
  type: "message",
  role: "assistant",
  model: "claude-sonnet-4-5",
  content: [{ type: "tool_use", id, name: "get_weather", input: { city: "Rome" } }],
  stop_reason: "tool_use",
  ...extra,
});

describe("anthropic: the envelope's time", () => {
  it("gives a call the time its record was logged at: Messages responses carry none", () => {
    const request = { model: "claude-sonnet-4-5", max_tokens: 100, tools: [getWeather], messages: [{ role: "user", content: "w?" }] };
    const log = readText(anthropicAdapter, jsonl({ ts: "2026-01-05T10:00:00Z", request, response: response("toolu_T") }));
    expect(log.call("toolu_T").time).toBe("2026-01-05T10:00:00.000Z");
  });

  it("gives a streamed call the time of its stream's first event", () => {
    const events = [
      { ts: "2026-01-05T10:00:01.000Z", event: { type: "message_start", message: { id: "msg_s", type: "message", role: "assistant", model: "claude-sonnet-4-5", content: [] } } },
      { ts: "2026-01-05T10:00:02.000Z", event: { type: "content_block_start", index: 0, content_block: { type: "tool_use", id: "toolu_S", name: "get_weather", input: {} } } },
      { ts: "2026-01-05T10:00:03.000Z", event: { type: "content_block_delta", index: 0, delta: { type: "input_json_delta", partial_json: '{"city":"Rome"}' } } },
      { ts: "2026-01-05T10:00:04.000Z", event: { type: "content_block_stop", index: 0 } },
      { ts: "2026-01-05T10:00:05.000Z", event: { type: "message_stop" } },
    ];
    const log = readText(anthropicAdapter, jsonl(...events));
    expect(log.call("toolu_S")).toMatchObject({ arguments: '{"city":"Rome"}', time: "2026-01-05T10:00:01.000Z" });
  });
});

describe("anthropic: a streamed, chained conversation (fixture anthropic-chain.jsonl)", () => {
  const log = readFixture(anthropicAdapter, "anthropic-chain.jsonl");

  it("emits each call once, from its first sighting, in file order", () => {
    expect(log.calls.map((call) => [call.callId, call.source.line])).toEqual([
      ["toolu_A", 6],
      ["toolu_B", 12],
      ["toolu_C", 18],
      ["toolu_D", 20],
      ["toolu_E", 21],
    ]);
  });

  it("joins input_json_delta fragments into the raw string, byte for byte", () => {
    expect(log.call("toolu_A")).toMatchObject({ tool: "get_weather", arguments: '{"city": "Paris"}', argumentsRecorded: true, model: "claude-sonnet-4-5" });
  });

  it("reads a single empty partial_json as {} (a tool called with no arguments)", () => {
    expect(log.call("toolu_B")).toMatchObject({ arguments: "{}", argumentsRecorded: true });
  });

  it("gives the stream the tools of the request logged just before it", () => {
    expect(log.call("toolu_A").advertised?.map((tool) => tool.name)).toEqual(["get_weather", "get_time"]);
    expect(log.call("toolu_A").advertised?.[0]?.parameters).toMatchObject({ required: ["city"] });
  });

  it("re-serializes a non-streamed response's parsed input and says so", () => {
    expect(log.call("toolu_C")).toMatchObject({ arguments: '{"tz":"Europe/Paris"}', argumentsRecorded: false });
  });

  it("reads tool_result blocks, with is_error as the format's own error flag", () => {
    expect(log.result("toolu_A")).toMatchObject({ content: "18C, cloudy", tool: "get_weather" });
    expect(log.result("toolu_A").isError).toBeUndefined();
    expect(log.result("toolu_B")).toMatchObject({ content: "missing required argument: tz", isError: true, tool: "get_time" });
    expect(log.results.filter((result) => result.callId === "toolu_A")).toHaveLength(1);
  });

  it("flags a tool_use with no tool_result in the next user turn, and a result answering nothing", () => {
    expect(log.issues.map(({ code, callId, source }) => [code, callId, source.line])).toEqual([
      ["missing_tool_result", "toolu_C", 19],
      ["orphan_tool_result", "toolu_ZZZ", 19],
    ]);
  });

  it("marks the block being written when the response stopped at max_tokens", () => {
    expect(log.call("toolu_D")).toMatchObject({ truncated: true, arguments: '{"city":"Ly"}' });
    expect(log.call("toolu_C").truncated).toBeUndefined();
  });

  it("finds a request/response pair in an envelope it does not know, even with the body as a JSON string", () => {
    expect(log.call("toolu_E")).toMatchObject({ model: "claude-haiku-4-5", arguments: '{"city":"Oslo","unit":"c"}' });
    expect(log.call("toolu_E").advertised?.map((tool) => tool.name)).toEqual(["get_weather"]);
  });

  it("reports nothing as broken", () => {
    expect(log.errors).toEqual([]);
  });
});

describe("anthropic: interrupted and cut-off streams (fixture anthropic-interrupted.jsonl)", () => {
  const log = readFixture(anthropicAdapter, "anthropic-interrupted.jsonl");

  it.each([
    ["toolu_J", '{"city": "Ber', /error event \(overloaded_error\)/],
    ["toolu_K", '{"city": "Berlin", "unit": "c', /max_tokens/],
    ["toolu_L", '{"tz": "Europe/Ber', /file ended mid-stream/],
  ])("%s is a truncated call with the fragments received", (id, raw, note) => {
    const call = log.call(id);
    expect(call).toMatchObject({ truncated: true, arguments: raw, argumentsRecorded: true });
    expect(call.notes?.join(" ")).toMatch(note);
  });
});

describe("anthropic: raw SSE files", () => {
  it("reads data: lines and skips event: lines", () => {
    const log = readFixture(anthropicAdapter, "anthropic-stream.sse");
    expect(log.calls.map((call) => [call.callId, call.arguments])).toEqual([
      ["toolu_A", '{"city": "Paris"}'],
      ["toolu_B", "{}"],
    ]);
    expect(log.errors).toEqual([]);
  });

  it("detects an SSE file from its first bytes", () => {
    expect(anthropicAdapter.detectText?.(fixtureText("anthropic-stream.sse").slice(0, 500))).toBeGreaterThan(0.8);
    expect(anthropicAdapter.detectText?.("hello\nworld")).toBe(0);
  });
});

describe("anthropic: bad lines are reported with their line number; everything else loads", () => {
  const log = readFixture(anthropicAdapter, "anthropic-bad-lines.jsonl");

  it("still reads the good lines", () => {
    expect(log.calls.map((call) => [call.callId, call.source.line])).toEqual([
      ["toolu_G", 1],
      ["toolu_H", 6],
      ["toolu_I", 9],
    ]);
  });

  it.each([
    [2, /^invalid JSON/],
    [3, /^truncated JSON/],
    [4, /^unrecognized record/],
    [5, /^not JSON: "garbage here"/],
    [8, /^binary data/],
  ])("line %i: %s", (line, message) => {
    expect(log.errors.find((error) => error.line === line)?.message).toMatch(message);
  });

  it("reports a gigantic line by its size without parsing it", () => {
    const events: LogEvent[] = [];
    const reader = createAnthropicReader("big.jsonl", { maxLineChars: 1000 });
    const emit = (event: LogEvent) => events.push(event);
    reader.line(JSON.stringify(response("toolu_small")), 1, emit);
    reader.line(JSON.stringify(response("toolu_big", { padding: "x".repeat(5000) })), 2, emit);
    reader.line(JSON.stringify(response("toolu_after")), 3, emit);
    reader.end(emit);
    const log = split(events);
    expect(log.calls.map((call) => call.callId)).toEqual(["toolu_small", "toolu_after"]);
    expect(log.errors).toEqual([{ kind: "error", line: 2, message: expect.stringMatching(/^line is .* MB long, over the .* limit; skipped$/) }]);
  });
});

describe("anthropic: records of every shape", () => {
  it("reads a pretty-printed response spread over lines, at its first line", () => {
    const text = `${JSON.stringify(response("toolu_first"))}\n${JSON.stringify(response("toolu_pretty"), null, 2)}\n${JSON.stringify(response("toolu_last"))}\n`;
    const log = readText(anthropicAdapter, text);
    expect(log.calls.map((call) => [call.callId, call.source.line])).toEqual([
      ["toolu_first", 1],
      ["toolu_pretty", 2],
      ["toolu_last", 2 + JSON.stringify(response("x"), null, 2).split("\n").length],
    ]);
  });

  it("reads server_tool_use and MCP blocks as calls with a note, and their results", () => {
    const log = readText(
      anthropicAdapter,
      jsonl({
        type: "message",
        role: "assistant",
        model: "claude-sonnet-4-5",
        stop_reason: "end_turn",
        content: [
          { type: "server_tool_use", id: "srvtoolu_1", name: "web_search", input: { query: "otel" } },
          { type: "web_search_tool_result", tool_use_id: "srvtoolu_1", content: { type: "web_search_tool_result_error", error_code: "max_uses_exceeded" } },
          { type: "mcp_tool_use", id: "mcptoolu_1", name: "echo", server_name: "demo", input: { text: "hi" } },
          { type: "mcp_tool_result", tool_use_id: "mcptoolu_1", is_error: false, content: [{ type: "text", text: "hi" }] },
        ],
      }),
    );
    expect(log.call("srvtoolu_1").notes).toEqual(["server tool: Anthropic ran it, not your code"]);
    expect(log.result("srvtoolu_1").isError).toBe(true);
    expect(log.call("mcptoolu_1").notes?.[0]).toMatch(/MCP/);
    expect(log.result("mcptoolu_1")).toMatchObject({ content: "hi", isError: false });
    expect(log.issues).toEqual([]);
  });

  it("reads the response a logging proxy put beside a request's own fields ({model, messages, tools, …, response})", () => {
    const record = { model: "claude-sonnet-4-5", max_tokens: 1024, system: "Be brief.", tools: [getWeather], messages: [{ role: "user", content: "Weather in Rome?" }], status: "success", response: response("toolu_flat") };
    const log = readText(anthropicAdapter, jsonl(record));
    expect(log.errors).toEqual([]);
    expect(log.calls.map((call) => call.callId)).toEqual(["toolu_flat"]);
    expect(log.call("toolu_flat").advertised?.map((tool) => tool.name)).toEqual(["get_weather"]);
  });

  it("reads calls from a history whose responses were never logged", () => {
    const log = readText(
      anthropicAdapter,
      jsonl({
        model: "claude-sonnet-4-5",
        max_tokens: 100,
        tools: [getWeather],
        messages: [
          { role: "user", content: "weather?" },
          { role: "assistant", content: [{ type: "tool_use", id: "toolu_h", name: "get_weather", input: { town: "Rome" } }] },
          { role: "user", content: [{ type: "tool_result", tool_use_id: "toolu_h", content: "unknown argument town", is_error: true }] },
        ],
      }),
    );
    expect(log.call("toolu_h")).toMatchObject({ arguments: '{"town":"Rome"}', argumentsRecorded: false, model: "claude-sonnet-4-5" });
    expect(log.call("toolu_h").advertised).toEqual([{ name: "get_weather", parameters: getWeather.input_schema }]);
    expect(log.call("toolu_h").notes?.[0]).toMatch(/history/);
    expect(log.result("toolu_h").isError).toBe(true);
    expect(log.issues).toEqual([]);
  });

  it("reports a conversation issue once, however many later requests repeat the history", () => {
    const request = {
      model: "m",
      max_tokens: 10,
      messages: [
        { role: "user", content: "hi" },
        { role: "assistant", content: [{ type: "tool_use", id: "toolu_lost", name: "f", input: {} }] },
        { role: "user", content: "and?" },
      ],
    };
    const log = readText(anthropicAdapter, jsonl(request, request, request));
    expect(log.issues).toEqual([{ kind: "conversation", code: "missing_tool_result", callId: "toolu_lost", tool: "f", source: { file: "test.log", line: 1 } }]);
    expect(log.calls).toHaveLength(1);
  });

  it("reads a JSON array of stream events on one line", () => {
    const events = fixtureText("anthropic-stream.sse")
      .split("\n")
      .filter((line) => line.startsWith("data: "))
      .map((line) => JSON.parse(line.slice(6)) as unknown);
    const log = readText(anthropicAdapter, JSON.stringify(events));
    expect(log.calls.map((call) => call.arguments)).toEqual(['{"city": "Paris"}', "{}"]);
  });

  it("reports an input_json_delta whose block never started, once", () => {
    const delta = { type: "content_block_delta", index: 3, delta: { type: "input_json_delta", partial_json: "{" } };
    const log = readText(anthropicAdapter, jsonl({ type: "message_start", message: { model: "m" } }, delta, delta, { type: "message_stop" }));
    expect(log.errors).toEqual([{ kind: "error", line: 2, message: expect.stringMatching(/never started/) }]);
  });
});

describe("anthropic: a tool_use id the log gives several calls (ids numbered per conversation)", () => {
  const user = (text: string) => ({ role: "user", content: text });
  const toolUse = (id: string, name: string, input: Record<string, unknown>) => ({ type: "tool_use", id, name, input });
  const answer = (id: string, content: string) => ({ role: "user", content: [{ type: "tool_result", tool_use_id: id, content }] });
  const request = (...messages: unknown[]) => ({ model: "claude-sonnet-4-5", max_tokens: 256, tools: [getWeather], messages });
  const reply = (...content: unknown[]) => ({ id: "msg", type: "message", role: "assistant", model: "claude-sonnet-4-5", content, stop_reason: "tool_use" });
  const pairs = (log: ReturnType<typeof readText>) => log.calls.map((call) => [call.callId, call.arguments, log.results.find((result) => result.callId === call.callId)?.content]);

  it("reads each conversation's call under the shared id as its own, answered in its own history", () => {
    const turn = (question: string, input: Record<string, unknown>, result: string) => [
      { request: request(user(question)), response: reply(toolUse("toolu_0", "get_weather", input)) },
      { request: request(user(question), { role: "assistant", content: [toolUse("toolu_0", "get_weather", input)] }, answer("toolu_0", result)), response: { ...reply({ type: "text", text: "done" }), stop_reason: "end_turn" } },
    ];
    const log = readText(anthropicAdapter, jsonl(...turn("Paris?", { city: "Paris" }, "18C"), ...turn("Lyon?", { town: "Lyon" }, "error: city is required"), ...turn("Oslo?", { city: "Oslo" }, "-3C")));
    expect(pairs(log)).toEqual([
      ["toolu_0", '{"city":"Paris"}', "18C"],
      ["toolu_0#2", '{"town":"Lyon"}', "error: city is required"],
      ["toolu_0#3", '{"city":"Oslo"}', "-3C"],
    ]);
    expect(log.calls[1]?.notes).toContain("the log gives call id toolu_0 to another call as well: this one is shown as toolu_0#2");
  });

  it("within one conversation: each response's call, and the issue names the one never answered by the id it is shown under", () => {
    const first = toolUse("toolu_0", "get_weather", { city: "Paris" });
    const second = toolUse("toolu_0", "get_time", { tz: "CET" });
    const log = readText(
      anthropicAdapter,
      jsonl(
        { request: request(user("weather, then time")), response: reply(first) },
        { request: request(user("weather, then time"), { role: "assistant", content: [first] }, answer("toolu_0", "18C")), response: reply(second) },
        { request: request(user("weather, then time"), { role: "assistant", content: [first] }, answer("toolu_0", "18C"), { role: "assistant", content: [second] }, user("never mind")) },
      ),
    );
    expect(pairs(log)).toEqual([
      ["toolu_0", '{"city":"Paris"}', "18C"],
      ["toolu_0#2", '{"tz":"CET"}', undefined],
    ]);
    expect(log.events.filter((event) => event.kind === "conversation").map((event) => [event.code, "callId" in event ? event.callId : ""])).toEqual([["missing_tool_result", "toolu_0#2"]]);
  });

  it("a call cut off at max_tokens, sent back parsed in the next request of its conversation, is one call with its answer", () => {
    const log = readText(
      anthropicAdapter,
      [
        JSON.stringify(request(user("weather in Paris"))),
        ...[
          { type: "message_start", message: { id: "msg_1", type: "message", role: "assistant", content: [], model: "claude-sonnet-4-5" } },
          { type: "content_block_start", index: 0, content_block: { type: "tool_use", id: "toolu_cut", name: "get_weather", input: {} } },
          { type: "content_block_delta", index: 0, delta: { type: "input_json_delta", partial_json: '{"city": "Pa' } },
          { type: "content_block_stop", index: 0 },
          { type: "message_delta", delta: { stop_reason: "max_tokens" } },
          { type: "message_stop" },
        ].map((event) => JSON.stringify(event)),
        JSON.stringify(request(user("weather in Paris"), { role: "assistant", content: [toolUse("toolu_cut", "get_weather", { city: "Pa" })] }, answer("toolu_cut", "no such city: Pa"))),
      ].join("\n"),
    );
    expect(pairs(log)).toEqual([["toolu_cut", '{"city": "Pa', "no such city: Pa"]]);
    expect(log.calls[0]?.truncated).toBe(true);
  });
});

describe("anthropic: detection from the payload's shape", () => {
  it.each([
    ["a response", response("toolu_1"), 0.9],
    ["a stream event", { type: "content_block_start", index: 0, content_block: { type: "tool_use", id: "t", name: "f", input: {} } }, 0.9],
    ["a request with tool blocks", { model: "m", messages: [{ role: "assistant", content: [{ type: "tool_use", id: "t", name: "f", input: {} }] }] }, 0.9],
    ["a request with input_schema tools", { model: "m", tools: [getWeather], messages: [{ role: "user", content: "hi" }] }, 0.9],
    ["a pair under made-up keys", { zz: { qq: response("toolu_1") } }, 0.85],
  ])("%s scores high", (_name, record, floor) => {
    expect(anthropicAdapter.detect(record)).toBeGreaterThanOrEqual(floor);
  });

  it("keeps an OpenAI request with function tools (same roles, another API) far below OpenAI's adapter", () => {
    const request = { model: "gpt-4o", messages: [{ role: "user", content: "hi" }], tools: [{ type: "function", function: { name: "f", parameters: {} } }] };
    expect(anthropicAdapter.detect(request)).toBeLessThanOrEqual(0.1);
  });

  it.each([
    ["an OpenAI chat request", { model: "gpt-4o", messages: [{ role: "system", content: "s" }, { role: "user", content: "hi" }] }],
    ["an OpenAI completion", { object: "chat.completion", choices: [{ message: { role: "assistant", tool_calls: [] } }] }],
    ["an OTLP export", { resourceSpans: [] }],
    ["an AutoGen event", { type: "ToolCallRequestEvent", source: "a", content: [{ id: "c", name: "f", arguments: "{}" }] }],
    ["a scalar", 42],
  ])("%s scores 0", (_name, record) => {
    expect(anthropicAdapter.detect(record)).toBe(0);
  });
});

describe("anthropic: real streams (vercel/ai fixtures)", () => {
  const read = (name: string) => readFixture(anthropicAdapter, `anthropic-realdata/${name}`);

  it("spliced message_start: 1 truncated call with the partial raw string, 1 valid", () => {
    const log = read("anthropic-SYNTHETIC-spliced-message-start.chunks.txt");
    expect(log.calls.map(({ callId, arguments: args, truncated }) => [callId, args, truncated === true])).toEqual([
      ["toolu_first", '{"value":"Spark', true],
      ["toolu_second", '{"value":"Sparkle Day"}', false],
    ]);
    expect(log.errors).toEqual([]);
  });

  it("json-other-tool: 1 call joined from fragments (an empty first one included)", () => {
    const log = read("anthropic-json-other-tool.1.chunks.txt");
    expect(log.calls.map((call) => [call.tool, call.arguments, call.argumentsRecorded])).toEqual([["weather", '{"location": "San Francisco"}', true]]);
  });

  it("tool-no-args: a single partial_json \"\" is {}; the non-streamed JSON keeps input {}", () => {
    expect(read("anthropic-tool-no-args.chunks.txt").calls.map((call) => [call.arguments, call.argumentsRecorded])).toEqual([["{}", true]]);
    const pretty = read("anthropic-tool-no-args.json");
    expect(pretty.calls.map((call) => [call.callId, call.arguments, call.argumentsRecorded, call.source.line])).toEqual([["toolu_01LRmxn9vGM1d2DZSDBowdZ1", "{}", false, 1]]);
  });

  it("tool-search-deferred-bm25: 3 streams, 2 tool_use calls and 1 server_tool_use with its result", () => {
    const log = read("anthropic-tool-search-deferred-bm25.chunks.txt");
    expect(log.calls.map((call) => [call.tool, call.notes?.length ?? 0])).toEqual([
      ["readNoteTree", 0],
      ["tool_search_tool_bm25", 1],
      ["executeEditorOperation", 0],
    ]);
    expect(JSON.parse(log.call("toolu_01QoRrvXNv6w4vZSyo9cnxP2").arguments)).toMatchObject({ operations: [{ op: "insert_node", text: "bye" }] });
    expect(log.results.map((result) => result.callId)).toEqual(["srvtoolu_01FjZe9o4YXXJjGxLmfj44Rf"]);
    expect(log.errors).toEqual([]);
  });

  it("detects every real file from its first record", () => {
    for (const name of ["anthropic-SYNTHETIC-spliced-message-start.chunks.txt", "anthropic-json-other-tool.1.chunks.txt", "anthropic-tool-search-deferred-bm25.chunks.txt"]) {
      const first = fixtureText(`anthropic-realdata/${name}`).split("\n")[0] ?? "";
      expect(anthropicAdapter.detect(JSON.parse(first))).toBeGreaterThan(0.9);
    }
  });
});
