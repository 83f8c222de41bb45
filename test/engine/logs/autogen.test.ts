import { describe, expect, it } from "vitest";
import { autogenAdapter } from "../../../src/engine/logs/adapters/autogen.js";
import { findReprObjects, readPyString, type PyValue } from "../../../src/engine/logs/adapters/autogen-python-repr.js";
import { fixtureText, jsonl, readFixture, readText } from "./anthropic-autogen-otel-read-log.js";

const request = (id: string, args = "{}") => ({ source: "a", models_usage: null, content: [{ id, arguments: args, name: "f" }], type: "ToolCallRequestEvent" });

describe("autogen: AgentChat events as JSON lines (fixture autogen-agentchat.jsonl)", () => {
  const log = readFixture(autogenAdapter, "autogen-agentchat.jsonl");

  it("reads parallel FunctionCalls with their raw arguments strings", () => {
    expect(log.calls.map((call) => [call.callId, call.tool, call.arguments, call.source.line])).toEqual([
      ["call_w1", "get_weather", '{"city": "Paris"}', 2],
      ["call_t1", "get_time", '{"tz":"Europe/Paris"', 2],
      ["call_h1", "transfer_to_refunds", "{}", 5],
      ["call_env", "lookup", '{"q":1}', 10],
    ]);
    expect(log.call("call_w1")).toMatchObject({ argumentsRecorded: true, time: "2025-06-01T12:00:00.123Z" });
  });

  it("reads results with is_error as the format's own flag", () => {
    expect(log.result("call_w1")).toMatchObject({ content: "18C", isError: false, tool: "get_weather" });
    expect(log.result("call_t1")).toMatchObject({ isError: true, tool: "get_time" });
  });

  it("tolerates FunctionExecutionResult without name and is_error (older versions)", () => {
    const result = log.result("call_h1");
    expect(result).toMatchObject({ content: "Transferred to refunds.", tool: "transfer_to_refunds" });
    expect(result.isError).toBeUndefined();
  });

  it("emits each call and result once, though the summary and the TaskResult dump repeat them", () => {
    expect(log.calls).toHaveLength(4);
    expect(log.results).toHaveLength(3);
  });

  it("flags only the last call, which nothing answers before the log ends: the summary and dump repeat the rest", () => {
    expect(log.issues.map((issue) => [issue.code, issue.callId])).toEqual([["missing_tool_result", "call_env"]]);
  });

  it("reports the truncated and the unknown line, and finds an event inside a logging envelope", () => {
    expect(log.errors.map((error) => [error.line, error.message])).toEqual([
      [8, expect.stringMatching(/^truncated JSON/)],
      [9, expect.stringMatching(/^unrecognized record/)],
    ]);
  });
});

describe("autogen: call ids the model client reuses (AutoGen's Ollama client: every call of a response gets its number, from 0 each run)", () => {
  const fc = (name: string, args: string) => ({ id: "0", arguments: args, name });
  const fr = (name: string, content: string) => ({ content, name, call_id: "0", is_error: false });
  const request = (...calls: unknown[]) => ({ source: "assistant", type: "ToolCallRequestEvent", content: calls });
  const executed = (...results: unknown[]) => ({ source: "assistant", type: "ToolCallExecutionEvent", content: results });
  const weather = fc("get_weather", '{"city": "Paris"}');
  const time = fc("get_time", '{"tz": "Europe/Paris"}');
  const text = jsonl(
    // One response, two parallel calls, both numbered 0; their results in the same order.
    request(weather, time),
    executed(fr("get_weather", "18C"), fr("get_time", "12:00")),
    // The summary repeats both calls and both results.
    { source: "assistant", type: "ToolCallSummaryMessage", content: "18C\n12:00", tool_calls: [weather, time], results: [fr("get_weather", "18C"), fr("get_time", "12:00")] },
    // A second run: the client numbers from 0 again.
    request(fc("get_weather", '{"town": "Rome"}')),
    executed(fr("get_weather", "Error: unknown argument town")),
    // A third run, answered as the first was (same text), by a result that names no tool (older versions).
    request(fc("get_weather", '{"city": "Oslo"}')),
    executed({ content: "18C", call_id: "0" }),
  );
  const log = readText(autogenAdapter, text);

  it("reads every call, the ones after the first under 0#2, 0#3 with a note", () => {
    expect(log.calls.map((c) => [c.callId, c.tool, c.arguments])).toEqual([
      ["0", "get_weather", '{"city": "Paris"}'],
      ["0#2", "get_time", '{"tz": "Europe/Paris"}'],
      ["0#3", "get_weather", '{"town": "Rome"}'],
      ["0#4", "get_weather", '{"city": "Oslo"}'],
    ]);
    expect(log.calls[1]?.notes).toEqual(["the log gives call id 0 to another call as well: this one is shown as 0#2"]);
  });

  it("takes a repeat of the id's first call, and the repeat of its answer, for what they are: the other call keeps waiting for its own", () => {
    const unnamed = (content: string) => ({ content, call_id: "0" });
    const repeated = readText(
      autogenAdapter,
      jsonl(
        request(weather, time),
        executed(unnamed("18C")),
        // The first call and its answer logged again (results naming no tool), before the second call's answer.
        request(weather),
        executed(unnamed("18C")),
        executed(unnamed("12:00")),
      ),
    );
    expect(repeated.results.map((r) => [r.callId, r.content])).toEqual([
      ["0", "18C"],
      ["0#2", "12:00"],
    ]);
  });

  it("keeps a response's calls together when another id comes between the two sharing one", () => {
    const other = { id: "1", arguments: "{}", name: "get_date" };
    const log = readText(autogenAdapter, jsonl(request(weather, other, time), executed(fr("get_weather", "18C"), { content: "today", name: "get_date", call_id: "1" }, fr("get_time", "12:00"))));
    expect(log.results.map((r) => [r.callId, r.content])).toEqual([
      ["0", "18C"],
      ["1", "today"],
      ["0#2", "12:00"],
    ]);
  });

  it("gives a later run's answer to that run's call, not to an earlier call never answered", () => {
    const log = readText(autogenAdapter, jsonl(request(weather, time), executed(fr("get_weather", "18C")), request(fc("get_weather", '{"city": "Oslo"}')), executed({ content: "3C", call_id: "0" })));
    expect(log.results.map((r) => [r.callId, r.content])).toEqual([
      ["0", "18C"],
      ["0#3", "3C"],
    ]);
  });

  it("reads the same from Console text (Python reprs)", () => {
    const console = [
      "---------- assistant ----------",
      `[FunctionCall(id='0', arguments='{"city": "Paris"}', name='get_weather'), FunctionCall(id='0', arguments='{"tz": "Europe/Paris"}', name='get_time')]`,
      "[FunctionExecutionResult(content='18C', name='get_weather', call_id='0', is_error=False), FunctionExecutionResult(content='12:00', name='get_time', call_id='0', is_error=False)]",
    ].join("\n");
    const repr = readText(autogenAdapter, console);
    expect(repr.calls.map((c) => [c.callId, c.tool])).toEqual([
      ["0", "get_weather"],
      ["0#2", "get_time"],
    ]);
    expect(repr.results.map((r) => [r.callId, r.content])).toEqual([
      ["0", "18C"],
      ["0#2", "12:00"],
    ]);
  });

  it("answers them in the order they came, the summary's repeats dropped", () => {
    expect(log.results.map((r) => [r.callId, r.content])).toEqual([
      ["0", "18C"],
      ["0#2", "12:00"],
      ["0#3", "Error: unknown argument town"],
      ["0#4", "18C"],
    ]);
    expect(log.results.map((r) => r.tool)).toEqual(["get_weather", "get_time", "get_weather", "get_weather"]);
  });
});

describe("autogen: autogen_core events (fixture autogen-core-events.jsonl)", () => {
  const log = readFixture(autogenAdapter, "autogen-core-events.jsonl");

  it("reads LLMCall responses with their tools advertised and the model", () => {
    expect(log.call("call_r1")).toMatchObject({ tool: "get_weather", arguments: '{"city":"Rome"}', argumentsRecorded: true, model: "gpt-4o-2024-08-06", source: { line: 2 } });
    expect(log.call("call_r1").advertised).toEqual([
      { name: "get_weather", description: "Weather", parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"], additionalProperties: false } },
    ]);
  });

  it("pairs a ToolCall event (no call id) with the model call it ran", () => {
    expect(log.result("call_r1")).toMatchObject({ content: "22C sunny", tool: "get_weather", source: { line: 3 } });
  });

  it("gives an unmatched ToolCall event a stable synthetic id", () => {
    const synthetic = log.calls.find((call) => call.syntheticId);
    expect(synthetic).toMatchObject({ tool: "get_weather", arguments: '{"city":"Nowhere"}', argumentsRecorded: false, callId: expect.stringMatching(/^synthetic_[0-9a-f]{16}$/) });
    expect(log.result(synthetic?.callId ?? "")).toMatchObject({ content: "unknown city" });
    const again = readFixture(autogenAdapter, "autogen-core-events.jsonl");
    expect(again.calls.find((call) => call.syntheticId)?.callId).toBe(synthetic?.callId);
  });

  it("pairs ToolCall events with identical parallel calls one each, and a call already answered takes no second result", () => {
    const call = (id: string) => ({ id, type: "function", function: { name: "get_weather", arguments: '{"city":"Rome"}' } });
    const llmCall = { type: "LLMCall", messages: [], response: { model: "gpt-4o", choices: [{ finish_reason: "tool_calls", message: { role: "assistant", tool_calls: [call("w1"), call("w2")] } }] } };
    const toolCall = (result: string) => ({ type: "ToolCall", tool_name: "get_weather", arguments: { city: "Rome" }, result });
    const read = readText(autogenAdapter, jsonl(llmCall, toolCall("first"), toolCall("second")));
    expect(read.calls.map((c) => c.callId)).toEqual(["w1", "w2"]);
    // Newest first, as each answer came: no call is left unanswered and none is made up.
    expect(read.results.map((r) => [r.callId, r.content])).toEqual([
      ["w2", "first"],
      ["w1", "second"],
    ]);
    // AgentChat's execution event answered the call (with its id) before autogen_core's ToolCall event of the same run.
    const execution = { type: "ToolCallExecutionEvent", source: "a", content: [{ call_id: "w1", content: "22C", name: "get_weather" }] };
    const single = { ...llmCall, response: { ...llmCall.response, choices: [{ finish_reason: "tool_calls", message: { role: "assistant", tool_calls: [call("w1")] } }] } };
    const both = readText(autogenAdapter, jsonl(single, execution, toolCall("22C")));
    expect(both.calls.map((c) => c.callId)).toEqual(["w1"]);
    expect(both.results.map((r) => [r.callId, r.content])).toEqual([["w1", "22C"]]);
  });

  it("marks finish_reason length as truncated and does not repeat calls from the history", () => {
    expect(log.call("call_r2")).toMatchObject({ truncated: true, arguments: '{"city":"Mil' });
    expect(log.calls.map((call) => call.callId).filter((id) => id === "call_r1")).toHaveLength(1);
    expect(log.errors).toEqual([]);
  });
});

describe("autogen: Console text and Python reprs (fixture autogen-console.txt)", () => {
  const log = readFixture(autogenAdapter, "autogen-console.txt");

  it("reads FunctionCall reprs with single- and double-quoted literals and escapes", () => {
    expect(log.calls.map((call) => [call.callId, call.tool, call.arguments])).toEqual([
      ["call_c1", "add", '{"a": 2, "b": 2}'],
      ["call_c2", "read_file", '{"path": "notes.txt", "note": "it\'s"}'],
      ["call_c3", "echo", '{"text": "café ☃ \\n tab\t"}'],
    ]);
  });

  it("reads FunctionExecutionResult reprs with is_error", () => {
    expect(log.result("call_c2")).toMatchObject({ isError: true, content: "FileNotFoundError: [Errno 2] No such file: 'notes.txt'\n", tool: "read_file" });
  });

  it("ignores repr-looking text inside string literals, and prose lines", () => {
    expect(log.calls.map((call) => call.callId)).not.toContain("fake");
    expect(log.errors).toEqual([]);
  });

  it("detects such text from its first bytes", () => {
    expect(autogenAdapter.detectText?.(fixtureText("autogen-console.txt"))).toBeGreaterThanOrEqual(0.9);
    expect(autogenAdapter.detectText?.("---------- user ----------\nhello")).toBe(0.4);
    expect(autogenAdapter.detectText?.("just text")).toBe(0);
  });
});

describe("autogen: the Python literal tokenizer never evaluates", () => {
  const kwargs = (text: string): Record<string, PyValue>[] => {
    const found: Record<string, PyValue>[] = [];
    findReprObjects(text, (_kind, args) => found.push(Object.fromEntries(args)));
    return found;
  };

  it.each([
    ["'plain'", "plain"],
    ['"dq \\" inside"', 'dq " inside'],
    ["'\\x41\\u00e9\\U0001F600\\101'", "Aé😀A"],
    ["r'raw\\n'", "raw\\n"],
    ["'unknown \\q escape'", "unknown \\q escape"],
    ["'''triple ' quote'''", "triple ' quote"],
  ])("decodes %s", (literal, value) => {
    expect(readPyString(literal, 0)?.value).toBe(value);
  });

  it("rejects an unterminated literal", () => {
    expect(readPyString("'never closes", 0)).toBeUndefined();
  });

  it("reads None/True/False/numbers and skips nested calls without running anything", () => {
    expect(kwargs("FunctionExecutionResult(content='x', call_id='c', is_error=True, extra=__import__('os').system('boom'), n=3, m=None)")).toEqual([
      { content: "x", call_id: "c", is_error: true, extra: undefined, n: 3, m: null },
    ]);
  });

  it("skips an unreadable occurrence and still reads the rest of the line", () => {
    expect(kwargs("FunctionCall(id='a' name='x') FunctionCall(id='b', arguments='{}', name='f')")).toEqual([{ id: "b", arguments: "{}", name: "f" }]);
  });
});

describe("autogen: JSON records of every shape", () => {
  it("reads a serialized autogen-core history and an LLMCall in an Anthropic shape", () => {
    const log = readText(
      autogenAdapter,
      jsonl(
        { type: "LLMCall", messages: [], prompt_tokens: 1, completion_tokens: 1, response: { model: "claude-sonnet-4-5", stop_reason: "max_tokens", content: [{ type: "tool_use", id: "toolu_1", name: "f", input: { a: 1 } }] } },
        { messages: [{ type: "AssistantMessage", source: "a", content: [{ id: "call_m", arguments: '{"x": 1}', name: "g" }] }, { type: "FunctionExecutionResultMessage", content: [{ call_id: "call_m", content: "ok", is_error: false }] }] },
      ),
    );
    expect(log.call("toolu_1")).toMatchObject({ arguments: '{"a":1}', argumentsRecorded: false, truncated: true });
    expect(log.result("call_m")).toMatchObject({ tool: "g", content: "ok", isError: false });
  });

  it("reads a JSON array of events on one line", () => {
    const log = readText(autogenAdapter, JSON.stringify([request("call_1"), request("call_2")]));
    expect(log.calls.map((call) => call.callId)).toEqual(["call_1", "call_2"]);
  });

  it("reports non-JSON lines in a JSON log but not in console text", () => {
    expect(readText(autogenAdapter, `${JSON.stringify(request("call_1"))}\nnot json\n`).errors).toEqual([{ kind: "error", line: 2, message: 'not JSON: "not json"' }]);
    expect(readText(autogenAdapter, "---------- a ----------\nnot json\n85.9\n").errors).toEqual([]);
  });
});

describe("autogen: detection from the payload's shape", () => {
  it.each([
    ["ToolCallRequestEvent", request("c"), 0.95],
    ["ToolCallExecutionEvent", { type: "ToolCallExecutionEvent", content: [{ call_id: "c", content: "x" }] }, 0.95],
    ["LLMCall", { type: "LLMCall", messages: [], response: {} }, 0.9],
    ["ToolCall", { type: "ToolCall", tool_name: "f", arguments: {} }, 0.9],
    ["a history", { messages: [{ type: "AssistantMessage", source: "a", content: "hi" }] }, 0.8],
    ["an event in an envelope", { msg: JSON.stringify(request("c")) }, 0.9],
  ])("%s", (_name, record, floor) => {
    expect(autogenAdapter.detect(record)).toBeGreaterThanOrEqual(floor);
  });

  it.each([
    ["an Anthropic response", { type: "message", role: "assistant", content: [], stop_reason: "end_turn" }],
    ["an OpenAI request", { model: "m", messages: [{ role: "user", content: "hi" }] }],
    ["an OTLP export", { resourceSpans: [] }],
  ])("%s scores 0", (_name, record) => {
    expect(autogenAdapter.detect(record)).toBe(0);
  });
});

describe("autogen: real AutoGen output (microsoft/autogen docs and samples)", () => {
  const read = (name: string) => readFixture(autogenAdapter, `autogen-realdata/${name}`);
  const unique = (ids: string[]) => new Set(ids).size;

  it.each([
    ["swarm.ipynb-outputs.txt", 12],
    ["selector-group-chat.ipynb-outputs.txt", 21],
    ["agents.ipynb-outputs.txt", 2],
    ["history-wile_e_coyote_1.json", 1],
  ])("%s: %i unique calls, each emitted once, each answered, no errors and no conversation issue", (name, count) => {
    const log = read(name);
    expect(log.calls).toHaveLength(count);
    expect(unique(log.calls.map((call) => call.callId))).toBe(count);
    expect(log.results.map((result) => result.callId).sort()).toEqual(log.calls.map((call) => call.callId).sort());
    expect(log.errors).toEqual([]);
    expect(log.issues).toEqual([]);
    // Real results with no is_error (swarm's) read as no error.
    expect(log.results.some((result) => result.errorInferred === true)).toBe(false);
  });

  it("swarm: 9 transfer_to_* handoffs with {}; results without name/is_error", () => {
    const log = read("swarm.ipynb-outputs.txt");
    const handoffs = log.calls.filter((call) => call.tool.startsWith("transfer_to_"));
    expect(handoffs).toHaveLength(9);
    expect(handoffs.every((call) => call.arguments === "{}")).toBe(true);
    expect(log.results.every((result) => result.isError === undefined && result.tool !== undefined)).toBe(true);
    expect(log.result("call_Owjw6ZbiPdJgNWMHWxhCKgsp").content).toContain(`"Tesla's Model Y becomes`);
  });

  it("selector-group-chat: percentage_change_tool receives ints, kept as the raw text", () => {
    const log = read("selector-group-chat.ipynb-outputs.txt");
    const percentage = log.calls.filter((call) => call.tool === "percentage_change_tool");
    expect(percentage.map((call) => call.arguments)).toContain('{"start":214,"end":398}');
    expect(percentage.map((call) => call.arguments)).toContain('{"start": 432, "end": 527}');
  });

  it("history: the FunctionCall and its result from a pretty-printed autogen-core history", () => {
    const log = read("history-wile_e_coyote_1.json");
    expect(log.calls[0]).toMatchObject({ callId: "call_iRnHdOjAk80LBNwPxMdxwwqM", tool: "transfer_to_issues_and_repairs", arguments: "{}", source: { line: 1 } });
    expect(log.result("call_iRnHdOjAk80LBNwPxMdxwwqM").isError).toBe(false);
  });

  it("detects the notebook text and the history", () => {
    expect(autogenAdapter.detectText?.(fixtureText("autogen-realdata/swarm.ipynb-outputs.txt").slice(0, 4096))).toBeGreaterThanOrEqual(0.9);
    expect(autogenAdapter.detect(JSON.parse(fixtureText("autogen-realdata/history-wile_e_coyote_1.json")))).toBeGreaterThanOrEqual(0.9);
  });
});
