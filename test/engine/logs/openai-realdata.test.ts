import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { LogAdapter } from "../../../src/engine/logs/log-events.js";
import { openaiChatAdapter } from "../../../src/engine/logs/adapters/openai-chat.js";
import { openaiResponsesAdapter } from "../../../src/engine/logs/adapters/openai-responses.js";
import { readFile } from "./openai-read-log.js";

/** Unchanged copies of /work/shared/realdata (see the README beside them). */
const REALDATA = join(import.meta.dirname, "../../fixtures/logs/openai-realdata");

/** How a loader would pick: `detect` on the first line when it parses, `detectText` on the head otherwise. */
function detectFile(adapter: LogAdapter, path: string): number {
  const head = readFileSync(path, "utf8").slice(0, 64 * 1024);
  const firstLine = head.split("\n", 1)[0] ?? "";
  try {
    return adapter.detect(JSON.parse(firstLine));
  } catch {
    return adapter.detectText?.(head) ?? 0;
  }
}

const CHAT: [file: string, calls: number][] = [
  ["openai-python/chat-stream.get_weather.nonstrict.sse", 1],
  ["openai-python/chat-stream.get_weather.strict.sse", 1],
  ["openai-python/chat-stream.GetWeatherArgs.sse", 1],
  ["openai-python/chat-stream.parallel.GetWeatherArgs+get_stock_price.sse", 2],
  ["openai-python/chat-completion.get_weather.strict.json", 1],
  ["openai-python/chat-completion.parallel.GetWeatherArgs+get_stock_price.json", 2],
  ["openai-python/chat-completion.Query.json", 1],
  ["vercel-ai/deepseek-tool-call.chunks.txt", 1],
  ["vercel-ai/deepseek-tool-call.json", 1],
  ["vercel-ai/groq-tool-call.chunks.txt", 1],
  ["vercel-ai/groq-tool-call.json", 1],
  ["vercel-ai/mistral-tool-call.chunks.txt", 1],
  ["vercel-ai/mistral-incremental-tool-call.chunks.txt", 1],
  ["vercel-ai/openai-compatible.anthropic-fallback-tool-call.sse", 1],
  ["vercel-ai/openai-compatible.xai-tool-call.json", 1],
  ["otel-js-contrib-openai/openai-chat-completions-records-tool-calls.decoded.json", 2],
  ["otel-js-contrib-openai/openai-streaming-chat-completions-records-tool-calls.decoded.json", 2],
];

const RESPONSES: [file: string, calls: number][] = [
  ["vercel-ai/openai-responses.reasoning-encrypted-content.1.chunks.txt", 3],
  ["vercel-ai/openai-responses.tool-search.1.chunks.txt", 1],
  ["otel-js-contrib-openai/openai-responses-records-function-calls.decoded.json", 3],
  ["otel-js-contrib-openai/openai-responses-records-custom-tool-calls.decoded.json", 1],
];

const chat = (file: string) => readFile(openaiChatAdapter, join(REALDATA, file));
const responses = (file: string) => readFile(openaiResponsesAdapter, join(REALDATA, file));

describe("real captured traffic: call counts the realdata README states", () => {
  it.each(CHAT)("openai-chat %s: %i call(s), no errors, detected as chat", (file, count) => {
    const log = chat(file);
    expect(log.errors).toEqual([]);
    expect(log.calls).toHaveLength(count);
    expect(log.calls.every((call) => !call.truncated && call.argumentsRecorded && !call.syntheticId)).toBe(true);
    expect(detectFile(openaiChatAdapter, join(REALDATA, file))).toBeGreaterThan(detectFile(openaiResponsesAdapter, join(REALDATA, file)));
  });

  it.each(RESPONSES)("openai-responses %s: %i call(s), no errors, detected as responses", (file, count) => {
    const log = responses(file);
    expect(log.errors).toEqual([]);
    expect(log.calls).toHaveLength(count);
    expect(detectFile(openaiResponsesAdapter, join(REALDATA, file))).toBeGreaterThan(detectFile(openaiChatAdapter, join(REALDATA, file)));
  });
});

describe("real captured traffic: exact raw arguments", () => {
  const argsOf = (log: ReturnType<typeof chat>) => log.calls.map((call) => [call.tool, call.arguments]);

  it("joins gpt-4o's SSE fragments byte for byte, parallel calls apart", () => {
    expect(argsOf(chat("openai-python/chat-stream.parallel.GetWeatherArgs+get_stock_price.sse"))).toEqual([
      ["GetWeatherArgs", '{"city": "Edinburgh", "country": "GB", "units": "c"}'],
      ["get_stock_price", '{"ticker": "AAPL", "exchange": "NASDAQ"}'],
    ]);
    expect(chat("openai-python/chat-stream.get_weather.nonstrict.sse").calls[0]).toMatchObject({
      callId: "call_4XzlGBLtUe9dy3GVNV4jhq7h",
      arguments: '{"city":"New York City"}',
      model: "gpt-4o-2024-08-06",
      time: "2024-09-26T10:23:02.000Z",
    });
  });

  it("reads the Query completion's nested arguments unchanged", () => {
    const call = chat("openai-python/chat-completion.Query.json").calls[0];
    expect(call?.arguments.startsWith('{"name":"May 2022 Fulfilled Orders Not Delivered on Time","table_name":"orders"')).toBe(true);
    expect(call?.arguments.endsWith('"value":{"column_name":"expected_delivery_date"}}],"order_by":"asc"}')).toBe(true);
  });

  it("joins deepseek's 11 fragments after its reasoning_content", () => {
    expect(chat("vercel-ai/deepseek-tool-call.chunks.txt").calls[0]).toMatchObject({ callId: "call_00_ioIn7yN9p1ZOMNpDLwd4MgAF", tool: "weather", arguments: '{"location": "San Francisco"}', model: "deepseek-reasoner" });
  });

  it("reads groq's empty-object arguments as they are", () => {
    expect(argsOf(chat("vercel-ai/groq-tool-call.chunks.txt"))).toEqual([["weather", "{}"]]);
  });

  it("reads mistral deltas with no type and no index", () => {
    expect(chat("vercel-ai/mistral-tool-call.chunks.txt").calls[0]).toMatchObject({ callId: "gSIMJiOkT", tool: "weather", arguments: '{"location": "San Francisco"}' });
  });

  it("keeps the name when a second delta says name \"\" with no id", () => {
    expect(chat("vercel-ai/mistral-incremental-tool-call.chunks.txt").calls[0]).toMatchObject({ callId: "chatcmpl-tool-9f149c74c42f265b", tool: "webSearchTool", arguments: '{"query": "current Berlin weather"}' });
  });

  it("reads a tool index starting at 1 with empty argument deltas, and created:0 as no time", () => {
    const call = chat("vercel-ai/openai-compatible.anthropic-fallback-tool-call.sse").calls[0];
    expect(call).toMatchObject({ callId: "toolu_sanitized", tool: "read_file", arguments: '{"path": "a.txt"}', model: "claude-haiku-4-5-20251001" });
    expect(call?.time).toBeUndefined();
  });

  it("reads the otel-js recordings' request tools, both calls once, and their results", () => {
    for (const file of ["otel-js-contrib-openai/openai-chat-completions-records-tool-calls.decoded.json", "otel-js-contrib-openai/openai-streaming-chat-completions-records-tool-calls.decoded.json"]) {
      const log = chat(file);
      expect(log.calls.map((call) => call.arguments)).toEqual(['{"location": "New York City"}', '{"location": "London"}']);
      expect(log.calls.every((call) => call.advertised?.[0]?.name === "get_weather" && call.model === "gpt-4o-mini-2024-07-18")).toBe(true);
      expect(log.results.map((result) => result.content)).toEqual(["25 degrees and sunny", "15 degrees and raining"]);
      expect(log.results.every((result) => result.tool === "get_weather" && !result.isError)).toBe(true);
      expect(log.issues).toEqual([]);
    }
  });

  it("joins the Responses streams concatenated in one file, one conversation each", () => {
    const log = responses("vercel-ai/openai-responses.reasoning-encrypted-content.1.chunks.txt");
    expect(log.calls.map((call) => [call.callId, call.arguments])).toEqual([
      ["call_AB6AaRZ1FYZB2RwS6A5vbdqn", '{"a":12,"b":7,"op":"add"}'],
      ["call_Q6pW65MUgW9vF59BmItYGos3", '{"a":19,"b":3,"op":"multiply"}'],
      ["call_Zl5vIMnD7dVAjgU6FkhmiCZh", '{"a":57,"b":10,"op":"multiply"}'],
    ]);
    expect(log.calls.every((call) => call.advertised?.map((tool) => tool.name).join() === "calculator")).toBe(true);
    expect(new Set(log.calls.map((call) => call.conversation)).size).toBe(3);
  });

  it("reads the tool-search stream's one function call despite object arguments and a namespace", () => {
    const log = responses("vercel-ai/openai-responses.tool-search.1.chunks.txt");
    expect(log.calls[0]).toMatchObject({ callId: "call_pddfxhfOx4gY56zn4vIIEbFp", tool: "get_weather", arguments: '{"location":"San Francisco, CA","unit":"fahrenheit"}', argumentsRecorded: true, model: "gpt-5.4-2026-03-05", source: { line: 7 } });
    expect(log.calls[0]?.advertised?.map((tool) => tool.name)).toEqual(["get_weather", "search_files", "send_email"]);
  });

  it("reads the otel-js Responses recordings: hand-edited ids, and a custom tool's free text", () => {
    const fns = responses("otel-js-contrib-openai/openai-responses-records-function-calls.decoded.json");
    expect(fns.calls.map((call) => [call.callId, call.tool, call.arguments])).toEqual([
      ["call_12345xyz", "get_weather", '{"location":"Paris, France"}'],
      ["call_67890abc", "get_weather", '{"location":"Bogotá, Colombia"}'],
      ["call_99999def", "send_email", '{"to":"bob@email.com","body":"Hi bob"}'],
    ]);
    const custom = responses("otel-js-contrib-openai/openai-responses-records-custom-tool-calls.decoded.json");
    expect(custom.calls[0]).toMatchObject({ callId: "call_aGiFQkRWSWAIsMQ19fKqxUgb", tool: "code_exec", arguments: 'print("hello world")', notes: ["custom tool: free-text input, not JSON"] });
  });
});
