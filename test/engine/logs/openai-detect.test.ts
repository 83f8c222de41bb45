import { describe, expect, it } from "vitest";
import { readdirSync, readFileSync } from "node:fs";
import { classifyChatPayload, scoreChatPayload } from "../../../src/engine/logs/adapters/openai-chat-shapes.js";
import { openaiChatAdapter } from "../../../src/engine/logs/adapters/openai-chat.js";
import { openaiResponsesAdapter } from "../../../src/engine/logs/adapters/openai-responses.js";

const chatRequest = { model: "gpt-4o", messages: [{ role: "system", content: "s" }, { role: "user", content: "q" }], tools: [{ type: "function", function: { name: "f", parameters: {} } }] };
const completion = { id: "chatcmpl-1", object: "chat.completion", created: 1, model: "gpt-4o", choices: [{ index: 0, message: { role: "assistant", content: "hi" }, finish_reason: "stop" }] };
const chunk = { id: "chatcmpl-1", object: "chat.completion.chunk", created: 1, model: "gpt-4o", choices: [{ index: 0, delta: { content: "h" }, finish_reason: null }] };
const response = { id: "resp_1", object: "response", created_at: 1, status: "completed", model: "gpt-4.1", output: [] };
const responsesRequest = { model: "gpt-4.1", input: [{ role: "user", content: "q" }], tools: [{ type: "function", name: "f", parameters: {} }] };
const streamEvent = { type: "response.output_item.added", sequence_number: 3, output_index: 0, item: { type: "function_call", call_id: "c", name: "f", arguments: "" } };

describe("detection judges the payload's shape, never envelope key names", () => {
  it.each([
    ["bare completion", completion],
    ["bare chunk", chunk],
    ["chunk array", [chunk, chunk]],
    ["{ts, request, response}", { ts: "2025-01-01T00:00:00Z", request: chatRequest, response: completion }],
    ["{input, output}", { input: chatRequest, output: completion }],
    ["{req, res}", { req: chatRequest, res: completion }],
    ["{body, response: {body}}", { body: chatRequest, response: { status: 200, body: completion } }],
    ["body stored as JSON text", { x: { y: JSON.stringify(completion) } }],
    ["SSE stored as text", { resp: `data: ${JSON.stringify(chunk)}\n\ndata: [DONE]\n\n` }],
    ["deep envelope", { a: { b: { c: { response: completion } } } }],
  ])("openai-chat is certain about %s", (_name, record) => {
    expect(openaiChatAdapter.detect(record)).toBe(1);
    expect(openaiResponsesAdapter.detect(record)).toBe(0);
  });

  it("is fairly sure about an OpenAI-style request alone", () => {
    expect(openaiChatAdapter.detect(chatRequest)).toBeGreaterThanOrEqual(0.9);
    expect(openaiChatAdapter.detect({ model: "m", messages: [{ role: "user", content: "q" }] })).toBeCloseTo(0.6);
  });

  it("backs off an Anthropic request that also has messages + model", () => {
    const anthropic = { model: "claude-sonnet-4-5", max_tokens: 1024, system: "s", messages: [{ role: "user", content: [{ type: "text", text: "q" }] }], tools: [{ name: "f", input_schema: { type: "object" } }] };
    expect(openaiChatAdapter.detect(anthropic)).toBeLessThan(0.3);
  });

  it.each([
    ["response object", response],
    ["request with flat tools", responsesRequest],
    ["stream event", streamEvent],
    ["events array", [streamEvent, streamEvent]],
    ["proxy pair", { request_body: responsesRequest, response_body: response }],
  ])("openai-responses is sure about a %s", (_name, record) => {
    expect(openaiResponsesAdapter.detect(record)).toBeGreaterThanOrEqual(0.9);
    expect(openaiChatAdapter.detect(record)).toBe(0);
  });

  it("detects SSE and pretty-printed heads from text", () => {
    expect(openaiChatAdapter.detectText?.(`: ping\n\ndata: ${JSON.stringify(chunk)}\n\n`)).toBe(1);
    expect(openaiResponsesAdapter.detectText?.(`event: response.output_item.added\ndata: ${JSON.stringify(streamEvent)}\n\n`)).toBe(1);
    expect(openaiChatAdapter.detectText?.(JSON.stringify(completion, null, 2))).toBe(1);
    // A head cut inside a pretty document: the markers decide.
    expect(openaiChatAdapter.detectText?.(JSON.stringify(completion, null, 2).slice(0, 60))).toBe(0.9);
    expect(openaiResponsesAdapter.detectText?.(JSON.stringify([{ response_body: response }], null, 2).slice(0, 120))).toBe(0.9);
    expect(openaiChatAdapter.detectText?.("hello\nworld\n")).toBe(0);
    expect(openaiResponsesAdapter.detectText?.("hello\nworld\n")).toBe(0);
  });
});

describe("classifyChatPayload", () => {
  /** Every object and array inside a value, the value first. */
  const nodes = (value: unknown, out: unknown[] = []): unknown[] => {
    out.push(value);
    if (Array.isArray(value)) for (const item of value) nodes(item, out);
    else if (value !== null && typeof value === "object") for (const item of Object.values(value)) nodes(item, out);
    return out;
  };

  it("gives the kind scoreChatPayload gives, for every object of every fixture log and for edge shapes", () => {
    const values: unknown[] = [
      chatRequest, completion, chunk, [chunk, chunk], [chunk, completion], [], response, responsesRequest, streamEvent,
      { messages: [] }, { messages: [{}] }, { messages: [{ role: 3 }] }, { model: 1, messages: [{ role: "user" }] }, { model: "m", messages: [] },
      { model: "m", messages: [], input: "x" }, { messages: [{ role: "user", content: [{ type: "tool_use" }] }], system: "s" },
      { model: "m", messages: [{ role: "user" }], tools: [{ input_schema: {} }] }, { choices: [] }, { choices: [{ message: 1 }] }, { choices: [{ delta: {} }] },
      { object: "chat.completion", choices: "x" }, null, "text", 3,
    ];
    const dir = new URL("../../fixtures/logs/", import.meta.url);
    for (const name of readdirSync(dir)) {
      if (!name.endsWith(".jsonl")) continue;
      for (const line of readFileSync(new URL(name, dir), "utf8").split("\n")) {
        try {
          values.push(...nodes(JSON.parse(line)));
        } catch {
          // Bad lines are the fixtures' point; only what parses is compared.
        }
      }
    }
    let requests = 0;
    for (const value of values) {
      const kind = classifyChatPayload(value);
      expect(kind).toBe(scoreChatPayload(value)?.kind);
      if (kind === "request") requests++;
    }
    expect(requests).toBeGreaterThan(20);
  });
});
