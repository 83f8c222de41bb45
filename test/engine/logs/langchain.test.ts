import { describe, expect, it } from "vitest";
import { langchainAdapter } from "../../../src/engine/logs/adapters/langchain.js";
import { aiMessageCalls, lcMessage } from "../../../src/engine/logs/adapters/langchain-messages.js";
import { readPythonLiteral } from "../../../src/engine/logs/adapters/shared/python-literal.js";
import { detectFromHead } from "../../../src/engine/logs/detect-format.js";
import { fixtureText, jsonl, readFixture, readText } from "./anthropic-autogen-otel-read-log.js";

const lc = (cls: string, kwargs: Record<string, unknown>) => ({ lc: 1, type: "constructor", id: ["langchain", "schema", "messages", cls], kwargs });

describe("langchain: LangSmith runs (fixture langchain-runs.jsonl)", () => {
  const log = readFixture(langchainAdapter, "langchain-runs.jsonl");

  it("reads a chat model run's parallel calls with the provider's raw arguments, tools, model and time", () => {
    const call = log.call("call_p1");
    // The raw string (with its space) from additional_kwargs, not LangChain's parsed `args`.
    expect(call).toMatchObject({ tool: "get_weather", arguments: '{"city": "Paris"}', argumentsRecorded: true, model: "gpt-4o-mini-2024-07-18", source: { line: 1 } });
    // LangSmith writes UTC with no zone: read as UTC on every machine.
    expect(call.time).toBe("2025-06-01T12:00:00.123Z");
    expect(call.conversation).toBe("1b64098b-4ab7-43f6-afee-992304f198d8");
    expect(call.advertised?.map((tool) => tool.name)).toEqual(["get_weather", "get_time", "create_ticket"]);
    expect(call.advertised?.[0]?.parameters).toMatchObject({ required: ["city"], additionalProperties: false });
    expect(log.call("call_t1")).toMatchObject({ tool: "get_time", arguments: '{"tz":"Europe/Paris"}', source: { line: 1 } });
  });

  it("pairs tool runs: by the ToolMessage they returned, and a failed one (no message) by its tool and inputs", () => {
    expect(log.result("call_p1")).toMatchObject({ content: "18C, light rain", isError: false, tool: "get_weather", source: { line: 2 } });
    const failed = log.result("call_t1");
    // The run's own `error` is the format's error signal, traceback and all; the later history's copy is not a second result.
    expect(failed).toMatchObject({ isError: true, tool: "get_time", source: { line: 3 } });
    expect(failed.content).toMatch(/^ValueError\('unknown zone Europe\/Paris'\)\n\nTraceback/);
    expect(failed.errorInferred).toBeUndefined();
    expect(log.results.filter((result) => result.callId === "call_t1")).toHaveLength(1);
  });

  it("reads invalid_tool_calls as calls with their raw malformed arguments, and a cut-off turn as truncated", () => {
    const call = log.call("call_bad");
    expect(call).toMatchObject({ tool: "create_ticket", arguments: '{"summary": "Paris weather question', argumentsRecorded: true, truncated: true, source: { line: 4 } });
    expect(call.notes).toEqual(["LangChain could not parse these arguments (invalid_tool_calls)"]);
  });

  it("emits each call once though later runs' input messages repeat it", () => {
    expect(log.calls.filter((c) => c.callId === "call_p1")).toHaveLength(1);
    expect(log.call("call_p1").notes).toBeUndefined();
  });

  it("reads a run tree: an Anthropic model run (parsed input only) and its tool run, content blocks joined", () => {
    const call = log.call("toolu_01");
    expect(call).toMatchObject({ tool: "lookup_order", arguments: '{"order_id":42}', argumentsRecorded: false, model: "claude-3-5-sonnet-20241022", source: { line: 6 } });
    expect(call.conversation).toBe("7c2e1d40-5b7f-4c3a-9e61-0d9a3c1b2f11");
    expect(call.advertised).toEqual([{ name: "lookup_order", description: "Find an order", parameters: { type: "object", properties: { order_id: { type: "string" } }, required: ["order_id"] } }]);
    expect(log.result("toolu_01")).toMatchObject({ content: "order 42: shipped", isError: false });
    // The graph's final state repeats both: still one call and one result.
    expect(log.calls.filter((c) => c.callId === "toolu_01")).toHaveLength(1);
  });

  it("a tool run no model call made is a call of its own, from its inputs, with a stable synthetic id", () => {
    const call = log.calls.find((c) => c.tool === "charge_card");
    expect(call).toMatchObject({ syntheticId: true, arguments: '{"amount":12.5,"currency":"EUR"}', argumentsRecorded: false, time: "2025-06-02T09:40:00.000Z", source: { line: 7 } });
    expect(call?.notes).toEqual(["a tool run with no model call for it in this log: the arguments shown are the run's inputs"]);
    expect(log.result(call?.callId ?? "")).toMatchObject({ content: "charged", isError: false });
    expect(readFixture(langchainAdapter, "langchain-runs.jsonl").calls.find((c) => c.tool === "charge_card")?.callId).toBe(call?.callId);
  });

  it("reads the OpenAI wrapper's runs: the request's tools and the completion's raw arguments and model", () => {
    expect(log.call("call_w1")).toMatchObject({ arguments: '{"town":"Oslo"}', argumentsRecorded: true, model: "gpt-4.1-2025-04-14", time: "2025-06-03T10:00:00.000Z", source: { line: 9 } });
    expect(log.call("call_w1").advertised?.map((tool) => tool.name)).toEqual(["get_weather"]);
  });

  it("reports the cut line and the unknown record with their lines, and keeps everything else", () => {
    expect(log.errors.map((error) => [error.line, error.message])).toEqual([
      [5, expect.stringMatching(/cut off/)],
      [8, "unrecognized record: not a LangSmith run or a LangChain message"],
    ]);
    expect(log.calls.map((c) => c.tool)).toEqual(["get_weather", "get_time", "create_ticket", "lookup_order", "charge_card", "get_weather"]);
  });

  it("reads an export written as one pretty-printed array of runs, run by run", () => {
    const runs = fixtureText("langchain-runs.jsonl")
      .split("\n")
      .filter((line) => line.startsWith("{") && line.includes('"run_type"') && line.endsWith("}"))
      .map((line) => JSON.parse(line) as unknown);
    const pretty = readText(langchainAdapter, JSON.stringify(runs, null, 2), "runs.json");
    expect(pretty.errors).toEqual([]);
    expect(pretty.calls.map((c) => c.callId).sort()).toEqual(log.calls.map((c) => c.callId).sort());
  });

  it("pairs a failed tool run by the Python text of its inputs, not merely with the latest call of its tool", () => {
    const ai = lc("AIMessage", {
      content: "",
      tool_calls: [
        { name: "get_time", args: { tz: "Europe/Paris" }, id: "c_paris" },
        { name: "get_time", args: { tz: "Asia/Tokyo" }, id: "c_tokyo" },
      ],
    });
    const log = readText(
      langchainAdapter,
      jsonl(
        { id: "m", run_type: "llm", trace_id: "t", inputs: { messages: [[lc("HumanMessage", { content: "times?" })]] }, outputs: { generations: [[{ message: ai }]] }, error: null },
        { id: "r1", name: "get_time", run_type: "tool", trace_id: "t", inputs: { input: "{'tz': 'Europe/Paris'}" }, outputs: null, error: "KeyError('Europe/Paris')" },
        { id: "r2", name: "get_time", run_type: "tool", trace_id: "t", inputs: { input: "{'tz': 'Asia/Tokyo'}" }, outputs: null, error: "KeyError('Asia/Tokyo')" },
      ),
    );
    expect(log.results.map((result) => [result.callId, result.content])).toEqual([
      ["c_paris", "KeyError('Europe/Paris')"],
      ["c_tokyo", "KeyError('Asia/Tokyo')"],
    ]);
    expect(log.calls.map((call) => call.callId)).toEqual(["c_paris", "c_tokyo"]);
  });

  it("a tool run still running (no outputs, no error) answers nothing yet", () => {
    const running = readText(langchainAdapter, jsonl({ id: "r", name: "slow", run_type: "tool", inputs: { a: 1 }, outputs: null, error: null, status: "pending" }));
    expect(running.events).toEqual([]);
  });
});

describe("langchain: message dumps (fixture langchain-messages.jsonl)", () => {
  const log = readFixture(langchainAdapter, "langchain-messages.jsonl");

  it("reads a dumpd conversation: raw arguments, results, and the conversation's problems", () => {
    expect(log.call("call_m1")).toMatchObject({ tool: "add", arguments: '{"a": "11", "b": "13"}', argumentsRecorded: true, model: "meta-llama/llama-3-1-70b-instruct", notes: ["first seen in a message history"] });
    expect(log.result("call_m1")).toMatchObject({ content: "24.0", isError: false, tool: "add" });
    expect(log.issues.map((issue) => [issue.code, issue.callId, issue.source.line])).toEqual([
      ["missing_tool_result", "call_m2", 1],
      ["orphan_tool_result", "call_zzz", 1],
    ]);
  });

  it("reads messages_to_dict dumps, with LangChain's status as the error flag", () => {
    expect(log.call("call_d1")).toMatchObject({ tool: "delete_file", arguments: '{"path":"report.pdf"}', argumentsRecorded: false });
    expect(log.result("call_d1")).toMatchObject({ content: "PermissionError: report.pdf is read-only", isError: true });
    expect(log.result("call_d1").errorInferred).toBeUndefined();
  });

  it("skips a LangGraph stream's partial chunk and reads the whole call from the state that follows", () => {
    expect(log.calls.filter((c) => c.callId === "call_v1")).toHaveLength(1);
    expect(log.call("call_v1")).toMatchObject({ arguments: '{"q": "x"}', argumentsRecorded: true, source: { line: 4 } });
    expect(log.result("call_v1")).toMatchObject({ content: "found 3 results", tool: "search" });
    expect(log.result("call_v1").isError).toBeUndefined();
    expect(log.errors).toEqual([]);
  });

  it("infers the error of a tool message dumped without a status, and says so", () => {
    expect(log.result("call_m2")).toMatchObject({ isError: true, errorInferred: true, tool: "add", source: { line: 5 } });
  });
});

describe("langchain: a LangGraph messages stream (stream_mode=\"messages\")", () => {
  const meta = { langgraph_step: 1, langgraph_node: "agent" };
  // As langchain-openai streams a turn: the first fragment of each call carries its id and name, later ones only `args` and `index`.
  const chunk = (fields: Record<string, unknown>) => [{ content: "", additional_kwargs: {}, response_metadata: {}, type: "AIMessageChunk", id: "run-s1", tool_calls: [], invalid_tool_calls: [], ...fields }, meta];
  const fragment = (index: number, args: string, first?: { id: string; name: string }) => ({ name: first?.name ?? null, args, id: first?.id ?? null, index, type: "tool_call_chunk" });
  const turn = [
    chunk({ tool_call_chunks: [fragment(0, "", { id: "call_s1", name: "search" })] }),
    chunk({ tool_call_chunks: [fragment(0, '{"q": ')] }),
    chunk({ tool_call_chunks: [fragment(1, '{"city"', { id: "call_s2", name: "get_weather" })] }),
    chunk({ tool_call_chunks: [fragment(0, '"x"}')] }),
    chunk({ tool_call_chunks: [fragment(1, ': "Paris"}')] }),
    chunk({ response_metadata: { finish_reason: "tool_calls", model_name: "gpt-4o-mini-2024-07-18" }, chunk_position: "last" }),
    [{ type: "tool", content: "found 3 results", tool_call_id: "call_s1", name: "search", status: "success" }, { langgraph_node: "tools" }],
  ];

  it("joins each call's fragments into the raw arguments the model streamed, parallel calls by index", () => {
    const log = readText(langchainAdapter, jsonl(...turn));
    expect(log.errors).toEqual([]);
    expect(log.calls.map((call) => [call.callId, call.tool, call.arguments, call.argumentsRecorded, call.source.line])).toEqual([
      ["call_s1", "search", '{"q": "x"}', true, 1],
      // A call's line is where its first fragment came.
      ["call_s2", "get_weather", '{"city": "Paris"}', true, 3],
    ]);
    expect(log.call("call_s1")).toMatchObject({ model: "gpt-4o-mini-2024-07-18", notes: ["joined from a streamed message's chunks"] });
    expect(log.call("call_s1").truncated).toBeUndefined();
    expect(log.result("call_s1")).toMatchObject({ content: "found 3 results", isError: false, tool: "search", source: { line: 7 } });
  });

  it("reads a whole streamed turn and its answers, and a turn cut off by the end of the log (fixture langchain-stream.jsonl)", () => {
    const log = readFixture(langchainAdapter, "langchain-stream.jsonl");
    expect(log.errors).toEqual([]);
    expect(log.calls.map((call) => [call.callId, call.arguments, call.source.line, call.truncated === true])).toEqual([
      ["call_s1", '{"query": "otel genai"}', 1, false],
      ["call_s2", '{"city": "Oslo", "unit": "kelvin"}', 3, false],
      ["call_s3", '{"city": "Os', 10, true],
    ]);
    expect(log.call("call_s1").model).toBe("gpt-4o-mini-2024-07-18");
    expect(log.result("call_s1")).toMatchObject({ content: "3 documents", isError: false });
    expect(log.result("call_s2")).toMatchObject({ isError: true, tool: "get_weather" });
  });

  it("reads a message the log cut off mid-stream as it stands, marked truncated", () => {
    const log = readText(langchainAdapter, jsonl(...turn.slice(0, 2)));
    expect(log.calls).toHaveLength(1);
    expect(log.call("call_s1")).toMatchObject({ arguments: '{"q": ', truncated: true });
    expect(log.call("call_s1").notes).toEqual(["joined from a streamed message's chunks", "the stream ended before the message was complete"]);
  });

  it("keeps interleaved messages apart by their id, and a whole message read first wins over its fragments", () => {
    const other = (fields: Record<string, unknown>) => [{ ...(chunk(fields)[0] as object), id: "run-s2" }, meta];
    const log = readText(
      langchainAdapter,
      jsonl(
        chunk({ tool_call_chunks: [fragment(0, '{"q":', { id: "call_a", name: "search" })] }),
        other({ tool_call_chunks: [fragment(0, '{"q":', { id: "call_b", name: "search" })] }),
        other({ tool_call_chunks: [fragment(0, '"b"}')], chunk_position: "last" }),
        // The state streamed with "values" carries run-s1 whole before its last chunk: read from it, and the chunk after it ignored.
        ["values", { messages: [{ type: "human", content: "q" }, { type: "ai", content: "", id: "run-s1", tool_calls: [{ name: "search", args: { q: "a" }, id: "call_a" }] }] }],
        chunk({ tool_call_chunks: [fragment(0, '"a"}')], chunk_position: "last" }),
      ),
    );
    expect(log.calls.map((call) => [call.callId, call.arguments, call.source.line])).toEqual([
      ["call_b", '{"q":"b"}', 2],
      ["call_a", '{"q":"a"}', 4],
    ]);
  });
});

describe("langchain: a call id the log gives several calls (TGI numbers every turn's calls from 0)", () => {
  const human = (content: string) => ({ type: "human", content });
  const ai = (id: string, name: string, args: Record<string, unknown>) => ({ type: "ai", content: "", tool_calls: [{ name, args, id, type: "tool_call" }] });
  const tool = (id: string, name: string, content: string) => ({ type: "tool", content, tool_call_id: id, name, status: content.startsWith("Error") ? "error" : "success" });
  const pairs = (log: ReturnType<typeof readText>) => log.calls.map((call) => [call.callId, call.arguments, log.results.find((result) => result.callId === call.callId)?.content]);

  it("reads each dumped conversation's call under the shared id as its own, answered in its own history", () => {
    const conversation = (city: string, key: string, answer: string) => [human(`Weather in ${city}?`), ai("0", "get_weather", { [key]: city }), tool("0", "get_weather", answer)];
    const log = readText(
      langchainAdapter,
      jsonl(
        conversation("Paris", "city", "18C"),
        conversation("Lyon", "town", "Error: city is required"),
        // The first conversation again, one turn longer: its call and answer are not new.
        [...conversation("Paris", "city", "18C"), { type: "ai", content: "18C in Paris." }, human("thanks")],
        conversation("Nice", "city", "22C"),
      ),
    );
    expect(pairs(log)).toEqual([
      ["0", '{"city":"Paris"}', "18C"],
      ["0#2", '{"town":"Lyon"}', "Error: city is required"],
      ["0#3", '{"city":"Nice"}', "22C"],
    ]);
    expect(log.results).toHaveLength(3);
    expect(log.results[1]).toMatchObject({ isError: true, tool: "get_weather", source: { line: 2 } });
    expect(log.calls[1]?.notes).toContain("the log gives call id 0 to another call as well: this one is shown as 0#2");
  });

  it("within one history: each turn's call, and the issue names the one never answered by the id it is shown under", () => {
    const log = readText(langchainAdapter, jsonl([human("weather, then time"), ai("0", "get_weather", { city: "Paris" }), tool("0", "get_weather", "18C"), ai("0", "get_time", { tz: "CET" }), human("never mind")]));
    expect(pairs(log)).toEqual([
      ["0", '{"city":"Paris"}', "18C"],
      ["0#2", '{"tz":"CET"}', undefined],
    ]);
    expect(log.events.filter((event) => event.kind === "conversation").map((event) => [event.code, "callId" in event ? event.callId : ""])).toEqual([["missing_tool_result", "0#2"]]);
  });

  it("LangSmith traces: a tool run answers its own trace's call, by its ToolMessage or, failed, by its tool and inputs", () => {
    const llmRun = (trace: string, args: Record<string, unknown>) => ({
      id: `llm-${trace}`,
      trace_id: trace,
      name: "ChatHuggingFace",
      run_type: "llm",
      inputs: { messages: [[lc("HumanMessage", { content: `weather ${trace}`, type: "human" })]] },
      outputs: { generations: [[{ message: lc("AIMessage", { content: "", type: "ai", tool_calls: [{ name: "get_weather", args, id: "0", type: "tool_call" }] }) }]] },
    });
    const toolRun = (trace: string, input: string, outcome: { content: string } | { error: string }) => ({
      id: `tool-${trace}`,
      trace_id: trace,
      name: "get_weather",
      run_type: "tool",
      inputs: { input },
      ...("error" in outcome ? { error: outcome.error, outputs: null } : { outputs: { output: lc("ToolMessage", { content: outcome.content, type: "tool", tool_call_id: "0", status: "success" }) } }),
    });
    const log = readText(
      langchainAdapter,
      jsonl(llmRun("t1", { city: "Paris" }), toolRun("t1", "{'city': 'Paris'}", { content: "18C" }), llmRun("t2", { town: "Lyon" }), toolRun("t2", "{'town': 'Lyon'}", { error: "KeyError('city')" })),
    );
    expect(pairs(log)).toEqual([
      ["0", '{"city":"Paris"}', "18C"],
      ["0#2", '{"town":"Lyon"}', "KeyError('city')"],
    ]);
    expect(log.calls.map((call) => call.conversation)).toEqual(["t1", "t2"]);
    expect(log.results[1]).toMatchObject({ isError: true, tool: "get_weather", source: { line: 4 } });
  });
  it("a chain run's output repeating its model run's call is that call, though it kept only the parsed arguments", () => {
    const raw = { content: "", type: "ai", additional_kwargs: { tool_calls: [{ id: "0", type: "function", function: { name: "get_weather", arguments: '{"city": "Paris", "unit": "C"}' } }] }, tool_calls: [{ name: "get_weather", args: { city: "Paris", unit: "C" }, id: "0", type: "tool_call" }] };
    const llm = { id: "llm-1", trace_id: "t1", name: "ChatHuggingFace", run_type: "llm", inputs: { messages: [[lc("HumanMessage", { content: "weather", type: "human" })]] }, outputs: { generations: [[{ message: lc("AIMessage", raw) }]] } };
    // The graph's output: the same message as the agent's state kept it, its arguments re-ordered by a reducer.
    const chain = { id: "chain-1", trace_id: "t1", name: "LangGraph", run_type: "chain", inputs: {}, outputs: { output: lc("AIMessage", { content: "", type: "ai", tool_calls: [{ name: "get_weather", args: { unit: "C", city: "Paris" }, id: "0", type: "tool_call" }] }) } };
    const log = readText(langchainAdapter, jsonl(llm, chain));
    expect(log.calls.map((call) => [call.callId, call.arguments])).toEqual([["0", '{"city": "Paris", "unit": "C"}']]);
  });
});

describe("langchain: message shapes", () => {
  it("reads the same AI message serialized three ways", () => {
    const kwargs = { content: "", type: "ai", tool_calls: [{ name: "f", args: { x: 1 }, id: "c1", type: "tool_call" }] };
    for (const shape of [lc("AIMessage", kwargs), { type: "ai", data: kwargs }, kwargs]) {
      const message = lcMessage(shape);
      expect(message?.role).toBe("ai");
      expect(aiMessageCalls(message?.fields ?? {})).toEqual([{ id: "c1", name: "f", arguments: '{"x":1}', recorded: false }]);
    }
  });

  it("takes the raw arguments by id, not by position, and an unmatched id falls back to the parsed args", () => {
    const calls = aiMessageCalls({
      tool_calls: [
        { name: "a", args: { v: 1 }, id: "c1" },
        { name: "b", args: { v: 2 }, id: "c2" },
      ],
      additional_kwargs: { tool_calls: [{ id: "c2", function: { name: "b", arguments: '{"v": 2}' } }] },
    });
    expect(calls.map((call) => [call.id, call.arguments, call.recorded])).toEqual([
      ["c1", '{"v":1}', false],
      ["c2", '{"v": 2}', true],
    ]);
  });

  it("reads calls from additional_kwargs alone (LangChain before tool_calls) and a legacy function_call", () => {
    expect(aiMessageCalls({ additional_kwargs: { tool_calls: [{ id: "c1", function: { name: "f", arguments: "{}" } }] } })).toEqual([{ id: "c1", name: "f", arguments: "{}", recorded: true }]);
    expect(aiMessageCalls({ additional_kwargs: { function_call: { name: "g", arguments: '{"q":1}' } } })).toEqual([{ id: undefined, name: "g", arguments: '{"q":1}', recorded: true, legacy: true }]);
  });

  it("gives a call with no id a synthetic id that stays the same when a later history repeats the message", () => {
    const ai = lc("AIMessage", { content: "", id: "run-9", additional_kwargs: { function_call: { name: "g", arguments: "{}" } } });
    const log = readText(langchainAdapter, jsonl([lc("HumanMessage", { content: "hi" }), ai], [lc("HumanMessage", { content: "hi" }), ai, lc("HumanMessage", { content: "again" })]));
    expect(log.calls).toHaveLength(1);
    expect(log.calls[0]).toMatchObject({ syntheticId: true, tool: "g" });
    expect(log.calls[0]?.notes).toContain("legacy function_call (no call id: a synthetic one is given)");
  });

  it("does not take OpenAI chat messages or other records for LangChain ones when detecting", () => {
    expect(langchainAdapter.detect({ role: "assistant", tool_calls: [] })).toBe(0);
    expect(langchainAdapter.detect({ type: "text", text: "hi" })).toBe(0);
    expect(langchainAdapter.detect({ request: { messages: [{ role: "user", content: "x" }] } })).toBe(0);
    expect(langchainAdapter.detect({ type: "ai", content: "x" })).toBeGreaterThan(0.5);
  });
});

describe("python-literal: the text Python's str() writes for a tool's inputs", () => {
  it("reads dicts, lists, tuples, strings, numbers, True, False and None as JSON values", () => {
    expect(readPythonLiteral("{'city': 'Paris', 'days': 3, 'ratio': -1.5e2, 'ok': True, 'no': False, 'none': None}")).toEqual({ city: "Paris", days: 3, ratio: -150, ok: true, no: false, none: null });
    expect(readPythonLiteral("{'items': [{'sku': 'A', 'qty': 2}, ('x', 1)], 1: 'one',}")).toEqual({ items: [{ sku: "A", qty: 2 }, ["x", 1]], 1: "one" });
    expect(readPythonLiteral(`{"it's": 'say "hi"\\n', 'u': '\\u00e9'}`)).toEqual({ "it's": 'say "hi"\n', u: "é" });
    expect(readPythonLiteral("  { }  ")).toEqual({});
  });

  it("keeps a key named __proto__ a key, and reads nothing that would need evaluating", () => {
    const value = readPythonLiteral("{'__proto__': {'polluted': 1}}") as Record<string, unknown>;
    expect(Object.keys(value)).toEqual(["__proto__"]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    for (const text of ["{'a': f(1)}", "{'a': datetime.now()}", "{1, 2}", "{'a': 1} trailing", "{'a': 1", "{'a' 1}", "{[1]: 2}", "inf", "x", ""]) {
      expect([text, readPythonLiteral(text)]).toEqual([text, undefined]);
    }
    expect(readPythonLiteral("[".repeat(200) + "]".repeat(200))).toBeUndefined();
  });
});

describe("langchain: detection", () => {
  it("claims both fixtures, and LangSmith runs over OpenAI chat (whose wrapper's runs hold chat payloads)", () => {
    expect(detectFromHead(fixtureText("langchain-runs.jsonl")).adapter?.format).toBe("langchain");
    expect(detectFromHead(fixtureText("langchain-messages.jsonl")).adapter?.format).toBe("langchain");
  });

  it("leaves every other format's fixtures to their own adapter", () => {
    for (const [name, format] of [
      ["openai-chat-pairs.jsonl", "openai-chat"],
      ["openai-chat-bare.jsonl", "openai-chat"],
      ["openai-responses-records.jsonl", "openai-responses"],
      ["anthropic-chain.jsonl", "anthropic"],
      ["autogen-agentchat.jsonl", "autogen"],
      ["autogen-core-events.jsonl", "autogen"],
      ["otel-genai.jsonl", "otel"],
      ["otel-openinference.jsonl", "otel"],
      ["otel-vercel.jsonl", "otel"],
    ] as const) {
      const detection = detectFromHead(fixtureText(name));
      expect([name, detection.adapter?.format]).toEqual([name, format]);
      expect([name, detection.scores.find((s) => s.format === "langchain")?.score]).toEqual([name, 0]);
    }
  });
});
