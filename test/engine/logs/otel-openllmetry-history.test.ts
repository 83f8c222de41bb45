import { describe, expect, it } from "vitest";
import { otelAdapter } from "../../../src/engine/logs/adapters/otel.js";
import { readFixture, readText, type ReadLog } from "./anthropic-autogen-otel-read-log.js";
import { otlpLine, span, type Attributes } from "./otel-test-spans.js";

/**
 * OpenLLMetry chat spans' prompts (`gen_ai.prompt.N.*`, the request's history flattened, as
 * opentelemetry-instrumentation-openai and -langchain write it) checked as a conversation, by the
 * rules the GenAI and OpenInference histories follow (see HistoryCheck).
 */

/** A prompt message: its role, text, calls (`[id, name, arguments]`) and the call a tool message answers. */
interface Message {
  role: string;
  content?: string;
  calls?: [string | undefined, string, string][];
  answers?: string;
}

const user = (content: string): Message => ({ role: "user", content });
const assistant = (...calls: [string | undefined, string, string][]): Message => ({ role: "assistant", calls });
const tool = (answers: string | undefined, content: string): Message => ({ role: "tool", content, ...(answers !== undefined && { answers }) });

/** The flattened attributes of a prompt (or completion) under `prefix`, values left out where the instrumentation leaves them out. */
function flatten(prefix: string, messages: Message[]): Attributes {
  const attributes: Attributes = {};
  messages.forEach((message, index) => {
    const at = `${prefix}.${index}`;
    attributes[`${at}.role`] = message.role;
    if (message.content !== undefined) attributes[`${at}.content`] = message.content;
    if (message.answers !== undefined) attributes[`${at}.tool_call_id`] = message.answers;
    message.calls?.forEach(([id, name, args], callIndex) => {
      if (id !== undefined) attributes[`${at}.tool_calls.${callIndex}.id`] = id;
      attributes[`${at}.tool_calls.${callIndex}.name`] = name;
      attributes[`${at}.tool_calls.${callIndex}.arguments`] = args;
    });
  });
  return attributes;
}

/** An `openai.chat` span: the request's history, and the model's answer (its calls when given). */
const chat = (trace: string, prompt: Message[], completion: Message = { role: "assistant", content: "ok" }): Record<string, unknown> =>
  span(trace, "openai.chat", {
    "llm.request.type": "chat",
    "gen_ai.system": "openai",
    "gen_ai.request.model": "gpt-4o",
    ...flatten("gen_ai.prompt", prompt),
    ...flatten("gen_ai.completion", [completion]),
  });

const oslo: [string, string, string] = ["call_O", "get_weather", '{"city": "Oslo"}'];
const rome: [string, string, string] = ["call_R", "get_weather", '{"city": "Rome"}'];
const issues = (log: ReadLog) => log.issues.map((issue) => [issue.code, issue.callId, issue.tool]);

describe("otel: an OpenLLMetry chat span's prompt is checked as a conversation", () => {
  const cases: { name: string; spans: (trace: string) => Record<string, unknown>[]; issues: unknown[] }[] = [
    {
      name: "a call unanswered before a later user message is missing",
      spans: (trace) => [chat(trace, [user("Weather in Oslo?"), assistant(oslo), user("hello?")])],
      issues: [["missing_tool_result", "call_O", "get_weather"]],
    },
    {
      name: "a tool message answering no call is an orphan",
      spans: (trace) => [chat(trace, [user("Weather?"), tool("call_NOBODY", "-3C"), user("thanks")])],
      issues: [["orphan_tool_result", "call_NOBODY", undefined]],
    },
    {
      name: "a complete history: nothing",
      spans: (trace) => [chat(trace, [user("Oslo and Rome?"), assistant(oslo, rome), tool("call_O", "-3C"), tool("call_R", "21C"), user("and tomorrow?")])],
      issues: [],
    },
    {
      name: "the same history over three chat spans: each issue once",
      spans: (trace) => {
        const history = [user("Weather in Oslo?"), assistant(oslo), user("hello?"), tool("call_NOBODY", "-3C")];
        return [chat(trace, history), chat(trace, [...history, { role: "assistant", content: "hi" }, user("and now?")]), chat(trace, [...history, { role: "assistant", content: "hi" }, user("and now?"), { role: "assistant", content: "?" }, user("bye")])];
      },
      issues: [
        ["missing_tool_result", "call_O", "get_weather"],
        ["orphan_tool_result", "call_NOBODY", undefined],
      ],
    },
    {
      name: "a last turn with calls and nothing after: not judged (the span may be the one about to send their answers)",
      spans: (trace) => [chat(trace, [user("Oslo and Rome?"), assistant(oslo, rome)])],
      issues: [],
    },
    {
      name: "a history ending in only some of its turn's answers: the others are missing",
      spans: (trace) => [chat(trace, [user("Oslo and Rome?"), assistant(oslo, rome), tool("call_O", "-3C")])],
      issues: [["missing_tool_result", "call_R", "get_weather"]],
    },
    {
      name: "an answer to a call another span of the trace made is no orphan, though the prompt leaves that turn out",
      spans: (trace) => [chat(trace, [user("Oslo?")], assistant(oslo)), chat(trace, [tool("call_O", "-3C")])],
      issues: [],
    },
    {
      name: "a tool message naming no call answers the oldest call of its turn still waiting",
      spans: (trace) => [chat(trace, [user("Oslo and Rome?"), assistant(oslo, rome), tool(undefined, "-3C"), user("and Rome?")])],
      issues: [["missing_tool_result", "call_R", "get_weather"]],
    },
  ];

  it.each(cases.map((entry, index) => ({ ...entry, trace: `f${index}`.repeat(16) })))("$name", ({ spans, trace, issues: expected }) => {
    const log = readText(otelAdapter, otlpLine(...spans(trace)));
    expect(log.errors).toEqual([]);
    expect(issues(log)).toEqual(expected);
  });

  it("the calls and answers read are those read before: the checks only add issues", () => {
    const log = readText(otelAdapter, otlpLine(chat("a0".repeat(16), [user("Oslo and Rome?"), assistant(oslo, rome), tool("call_O", "-3C"), user("hello?")], assistant(["call_N", "get_weather", '{"city": "Nice"}']))));
    expect(log.calls.map((call) => [call.callId, call.arguments, call.notes])).toEqual([
      ["call_O", '{"city": "Oslo"}', ["seen in a later LLM span's prompt"]],
      ["call_R", '{"city": "Rome"}', ["seen in a later LLM span's prompt"]],
      ["call_N", '{"city": "Nice"}', undefined],
    ]);
    expect(log.results.map((result) => [result.callId, result.content])).toEqual([["call_O", "-3C"]]);
  });

  it("an answer naming no call lands on the call it answers; with none waiting, it is an orphan under a synthetic id", () => {
    const answered = readText(otelAdapter, otlpLine(chat("a1".repeat(16), [user("Oslo?"), assistant(oslo), tool(undefined, "-3C"), user("thanks")])));
    expect(answered.results.map((result) => [result.callId, result.content])).toEqual([["call_O", "-3C"]]);
    expect(answered.issues).toEqual([]);

    const orphan = readText(otelAdapter, otlpLine(chat("a2".repeat(16), [user("?"), tool(undefined, "-3C"), user("thanks")])));
    expect(issues(orphan)).toEqual([["orphan_tool_result", expect.stringMatching(/^synthetic_/), undefined]]);
    expect(orphan.results).toEqual([expect.objectContaining({ callId: orphan.issues[0]?.callId, content: "-3C" })]);
  });

  it("Anthropic's turns (opentelemetry-instrumentation-anthropic): tool_result blocks of a user message answer the calls they name", () => {
    const toolResults = (...ids: string[]) => ({ role: "user", content: JSON.stringify(ids.map((id) => ({ type: "tool_result", tool_use_id: id, content: "-3C" }))) });
    const toolUse = (...calls: [string, string, string][]): Message => ({
      role: "assistant",
      content: JSON.stringify(calls.map(([id, name, args]) => ({ type: "tool_use", id, name, input: JSON.parse(args) as unknown }))),
      calls,
    });
    const answered = readText(otelAdapter, otlpLine(chat("a3".repeat(16), [user("Oslo and Rome?"), toolUse(oslo, rome), toolResults("call_O", "call_R"), user("thanks")])));
    expect(answered.issues).toEqual([]);
    // They are the calls' results too, with their own error flag and their text blocks' text.
    const blocks = {
      role: "user",
      content: JSON.stringify([
        { type: "tool_result", tool_use_id: "call_O", content: [{ type: "text", text: "-3C" }] },
        { type: "tool_result", tool_use_id: "call_R", content: "city not found", is_error: true },
      ]),
    };
    const results = readText(otelAdapter, otlpLine(chat("a5".repeat(16), [user("Oslo and Rome?"), toolUse(oslo, rome), blocks, user("thanks")])));
    expect(results.results.map((r) => [r.callId, r.content, r.isError, r.errorInferred])).toEqual([
      ["call_O", "-3C", undefined, undefined],
      ["call_R", "city not found", true, undefined],
    ]);
    const missing = readText(otelAdapter, otlpLine(chat("a4".repeat(16), [user("Oslo and Rome?"), toolUse(oslo, rome), toolResults("call_O", "toolu_NOBODY"), user("thanks")])));
    expect(issues(missing)).toEqual([
      ["orphan_tool_result", "toolu_NOBODY", undefined],
      ["missing_tool_result", "call_R", "get_weather"],
    ]);
  });

  it("fixture otel-openllmetry-history.jsonl: an agent's three chat spans, a dropped result and an answer under a wrong id, each reported once", () => {
    const log = readFixture(otelAdapter, "otel-openllmetry-history.jsonl");
    expect(log.errors).toEqual([]);
    expect(log.calls.map((call) => call.callId)).toEqual(["call_k1", "call_k2", "call_k3"]);
    expect(issues(log)).toEqual([
      ["missing_tool_result", "call_k2", "get_weather"],
      ["orphan_tool_result", "call_k9", undefined],
      // The history ends in an answer to its turn that is not this call's: the request went out without it.
      ["missing_tool_result", "call_k3", "get_weather"],
    ]);
  });
});
