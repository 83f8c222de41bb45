import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { boundedResult, MAX_RESULT_CHARS } from "../../../src/engine/logs/bounded-result.js";
import type { LogEvent, LogToolResult } from "../../../src/engine/logs/log-events.js";
import { readLog } from "../../../src/engine/logs/read-log.js";
import { openaiChatAdapter } from "../../../src/engine/logs/adapters/openai-chat.js";
import { otelAdapter } from "../../../src/engine/logs/adapters/otel.js";

const file = (name: string, text: string) => {
  const path = join(mkdtempSync(join(tmpdir(), "tooldbg-large-")), name);
  writeFileSync(path, text);
  return path;
};
const result = (content: string): LogToolResult => ({ kind: "result", callId: "c", content, source: { file: "f", line: 1 } });

describe("boundedResult", () => {
  it("keeps a result up to MAX_RESULT_CHARS as it is, and cuts a longer one with a note", () => {
    const small = result("x".repeat(MAX_RESULT_CHARS));
    expect(boundedResult(small)).toBe(small);
    const cut = boundedResult(result("y".repeat(3 * MAX_RESULT_CHARS)));
    expect(cut.content.startsWith("y".repeat(MAX_RESULT_CHARS))).toBe(true);
    expect(cut.content.slice(MAX_RESULT_CHARS)).toBe("\n… [result truncated by tooldbg: 3.0 MB logged, the first 1.0 MB kept]");
    expect(cut).toMatchObject({ kind: "result", callId: "c", source: { file: "f", line: 1 } });
  });

  it("does not split a surrogate pair at the cut", () => {
    const text = `${"a".repeat(MAX_RESULT_CHARS - 1)}😀${"b".repeat(10)}`;
    const cut = boundedResult(result(text)).content;
    expect(cut.startsWith(`${"a".repeat(MAX_RESULT_CHARS - 1)}\n…`)).toBe(true);
  });
});

describe("readLog with very large lines", () => {
  const attr = (key: string, value: string) => ({ key, value: { stringValue: value } });
  const span = (id: string, output: string) => ({
    traceId: "5b8efff798038103d269b633813fc60c",
    spanId: id.padStart(16, "0"),
    name: "execute_tool read_file",
    attributes: [attr("gen_ai.operation.name", "execute_tool"), attr("gen_ai.tool.name", "read_file"), attr("gen_ai.tool.call.id", `call_${id}`), attr("gen_ai.tool.call.arguments", "{}"), attr("gen_ai.tool.call.result", output)],
    status: {},
  });
  const otlp = (...spans: object[]) => JSON.stringify({ resourceSpans: [{ resource: { attributes: [] }, scopeSpans: [{ scope: { name: "g" }, spans }] }] });

  it("hands on a logged result of several MB cut to MAX_RESULT_CHARS", async () => {
    const events: LogEvent[] = [];
    const summary = await readLog(file("big.jsonl", `${otlp(span("1", "z".repeat(5 * 1048576)), span("2", "small"))}\n`), otelAdapter, (e) => events.push(e));
    expect(summary.errors).toEqual([]);
    const results = events.filter((e): e is LogToolResult => e.kind === "result");
    expect(results.map((r) => [r.callId, r.content.length])).toEqual([
      ["call_1", MAX_RESULT_CHARS + "\n… [result truncated by tooldbg: 5.0 MB logged, the first 1.0 MB kept]".length],
      ["call_2", 5],
    ]);
  });

  it("skips a chat line over 4 MB unread, and a log of nothing else is all bad lines", async () => {
    const messages = [{ role: "user", content: "read it" }, { role: "tool", tool_call_id: "call_1", content: "y".repeat(5 * 1048576) }];
    const big = JSON.stringify({ request: { model: "m", messages }, response: { object: "chat.completion", model: "m", choices: [] } });
    const small = JSON.stringify({ object: "chat.completion", model: "m", choices: [{ index: 0, message: { role: "assistant", tool_calls: [{ id: "call_2", type: "function", function: { name: "f", arguments: "{}" } }] }, finish_reason: "tool_calls" }] });
    const events: LogEvent[] = [];
    const summary = await readLog(file("chat.jsonl", `${big}\n${small}\n`), openaiChatAdapter, (e) => events.push(e));
    expect(summary.errors).toEqual([{ line: 1, message: "line is 5.0 MB, too long to be a record; skipped" }]);
    expect(summary.records).toBe(2);
    expect(summary.allLinesBad).toBeUndefined();
    expect(events.map((e) => e.kind === "call" && e.callId)).toEqual(["call_2"]);
    const only = await readLog(file("only.jsonl", `${big}\n${big}\n`), openaiChatAdapter, () => undefined);
    expect(only).toMatchObject({ records: 2, allLinesBad: true });
  });
});
