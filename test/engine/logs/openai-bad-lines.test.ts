import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { LogEvent } from "../../../src/engine/logs/log-events.js";
import { openaiChatAdapter } from "../../../src/engine/logs/adapters/openai-chat.js";
import { openaiResponsesAdapter } from "../../../src/engine/logs/adapters/openai-responses.js";
import { jsonl, readFile, readText } from "./openai-read-log.js";

const FIXTURES = join(import.meta.dirname, "../../fixtures/logs");
const completion = (id: string) => ({ object: "chat.completion", created: 1741100000, model: "m", choices: [{ index: 0, message: { role: "assistant", tool_calls: [{ id, type: "function", function: { name: "f", arguments: "{}" } }] }, finish_reason: "tool_calls" }] });

describe("bad lines are reported with their line number and skipped; the rest loads", () => {
  const log = readFile(openaiChatAdapter, join(FIXTURES, "openai-chat-bad-lines.jsonl"));

  it("still reads every good line", () => {
    expect(log.calls.map((call) => [call.callId, call.source.line])).toEqual([
      ["call_g1", 1],
      ["call_g2", 3],
      ["call_g3", 7],
      ["call_g4", 10],
    ]);
  });

  it.each([
    [2, /cut off/],
    [4, /^invalid JSON: /],
    [5, /^binary data/],
    [6, /^unknown shape: .*keys event, pid/],
    [8, /^not JSON: starts with "hello world/],
    [9, /cut off/],
  ])("line %i: %s", (line, message) => {
    const error = log.errors.find((candidate) => candidate.line === line);
    expect(error?.message).toMatch(message);
  });

  it("reports nothing else", () => {
    expect(log.errors.map((error) => error.line)).toEqual([2, 4, 5, 6, 8, 9]);
  });
});

describe("a record of a request that failed", () => {
  it("says so with the API's message on one line (a batch output line), and reads the records around it", () => {
    const failed = { id: "batch_req_2", custom_id: "r2", response: null, error: { code: "rate_limit_exceeded", message: "Rate limit reached.\nTry again later." } };
    const nested = { custom_id: "r3", response: { status_code: 400, body: { error: { message: "Invalid tools[0].function.name", type: "invalid_request_error" } } } };
    const log = readText(openaiChatAdapter, jsonl(completion("c1"), failed, nested, completion("c2")));
    expect(log.calls.map((call) => call.callId)).toEqual(["c1", "c2"]);
    expect(log.errors.map((error) => [error.line, error.message])).toEqual([
      [2, 'a request that failed, with no call in it: the API answered "Rate limit reached. Try again later."'],
      [3, 'a request that failed, with no call in it: the API answered "Invalid tools[0].function.name"'],
    ]);
  });
});

describe("a gigantic line", () => {
  it("is skipped with its size in the message, without parsing it", () => {
    const huge = JSON.stringify({ request: { model: "m", messages: [{ role: "user", content: "x".repeat(5 * 1024 * 1024) }] } });
    const text = [JSON.stringify(completion("c1")), huge, JSON.stringify(completion("c2"))].join("\n");
    const log = readText(openaiChatAdapter, text);
    expect(log.calls.map((call) => call.callId)).toEqual(["c1", "c2"]);
    expect(log.errors).toEqual([{ kind: "error", line: 2, message: expect.stringMatching(/^line is 5\.0 MB, over the 4\.0 MB/) as unknown }]);
  });
});

describe("pretty-printed JSON", () => {
  const pretty = (value: unknown) => JSON.stringify(value, null, 2);

  it("reads a pretty object and the JSONL after it, with the record's first line", () => {
    const log = readText(openaiChatAdapter, `${pretty(completion("c1"))}\n${JSON.stringify(completion("c2"))}\n`);
    expect(log.errors).toEqual([]);
    expect(log.calls.map((call) => [call.callId, call.source.line])).toEqual([
      ["c1", 1],
      ["c2", pretty(completion("c1")).split("\n").length + 1],
    ]);
  });

  it("streams a pretty top-level array element by element", () => {
    const log = readText(openaiChatAdapter, pretty([completion("c1"), { unrelated: true }, completion("c2")]));
    expect(log.calls.map((call) => [call.callId, call.source.line])).toEqual([
      ["c1", 2],
      ["c2", 2 + pretty(completion("c1")).split("\n").length + 3],
    ]);
    expect(log.errors.map((error) => error.message)).toEqual([expect.stringMatching(/^unknown shape/)]);
  });

  it("reports a pretty record cut off by the next record at column 0, and reads that record", () => {
    const cut = pretty(completion("c1")).split("\n").slice(0, 8).join("\n");
    const log = readText(openaiChatAdapter, `${cut}\n${JSON.stringify(completion("c2"))}\n`);
    expect(log.calls.map((call) => call.callId)).toEqual(["c2"]);
    expect(log.errors).toEqual([{ kind: "error", line: 1, lines: 8, message: "pretty-printed record starting here is cut off before line 9" }]);
  });

  it("reports a file that ends inside a pretty record", () => {
    const cut = pretty(completion("c1")).split("\n").slice(0, 8).join("\n");
    const log = readText(openaiChatAdapter, cut);
    expect(log.errors).toEqual([{ kind: "error", line: 1, lines: 8, message: "file ends inside the pretty-printed record starting here" }]);
  });

  it("reports a lone { followed by JSONL as cut off, and reads the JSONL", () => {
    const log = readText(openaiChatAdapter, `{\n${JSON.stringify(completion("c1"))}\n`);
    expect(log.calls.map((call) => call.callId)).toEqual(["c1"]);
    expect(log.errors.map((error) => error.line)).toEqual([1]);
  });
});

describe("lines with a text prefix and CRLF endings", () => {
  it("reads JSON after a timestamp prefix, taking the time from the prefix", () => {
    const { created: _created, ...noCreated } = completion("c1");
    const log = readText(openaiChatAdapter, `2025-04-01T08:00:00Z INFO ${JSON.stringify(noCreated)}\r\n`);
    expect(log.errors).toEqual([]);
    expect(log.calls[0]).toMatchObject({ callId: "c1", time: "2025-04-01T08:00:00.000Z" });
  });
});

describe("readers never throw", () => {
  it("survives an emit that throws, and odd values everywhere", () => {
    const reader = openaiChatAdapter.createReader("x.jsonl");
    const throwing = (): void => {
      throw new Error("consumer broke");
    };
    expect(() => reader.line(JSON.stringify(completion("c1")), 1, throwing)).not.toThrow();
    const odd = ["null", "42", '"text"', "[]", "[null,1]", '{"choices":null}', '{"choices":[null]}', '{"messages":{}}', '{"model":"m","messages":[null,{"role":5}]}', '{"object":"chat.completion","choices":[{"message":{"tool_calls":[null,{"function":null}]}}]}'];
    const events: LogEvent[] = [];
    for (const adapter of [openaiChatAdapter, openaiResponsesAdapter]) {
      const r = adapter.createReader("x.jsonl");
      odd.forEach((line, i) => expect(() => r.line(line, i + 1, (event) => events.push(event))).not.toThrow());
      expect(() => r.end((event) => events.push(event))).not.toThrow();
    }
    expect(events.every((event) => event.kind === "error" || event.kind === "call")).toBe(true);
  });

  it("returns 0 from detect for anything that is not its shape", () => {
    for (const value of [null, 1, "x", [], {}, { messages: "no" }, jsonl({})]) {
      expect(openaiChatAdapter.detect(value)).toBe(0);
      expect(openaiResponsesAdapter.detect(value)).toBe(0);
    }
  });
});
