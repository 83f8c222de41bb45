import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { detectFormat } from "../../../src/engine/logs/detect-format.js";

const file = (name: string, text: string | Buffer) => {
  const path = join(mkdtempSync(join(tmpdir(), "tooldbg-detect-")), name);
  writeFileSync(path, text);
  return path;
};

const anthropicRequest = (text: string) =>
  JSON.stringify({ model: "claude-sonnet-4-5", messages: [{ role: "user", content: [{ type: "text", text }] }, { role: "assistant", content: [{ type: "tool_use", id: "toolu_1", name: "f", input: {} }] }] });
const chatCompletion = JSON.stringify({ object: "chat.completion", model: "m", choices: [{ index: 0, message: { role: "assistant", tool_calls: [] }, finish_reason: "stop" }] });

describe("detectFormat", () => {
  it("judges a first record longer than the detection window by reading it whole", async () => {
    const path = file("big-first.jsonl", `${anthropicRequest("x".repeat(600_000))}\n${anthropicRequest("short")}\n`);
    expect((await detectFormat(path)).adapter?.format).toBe("anthropic");
  });

  it("judges JSON lines, a pretty-printed document and SSE text", async () => {
    expect((await detectFormat(file("lines.jsonl", `${chatCompletion}\n${chatCompletion}\n`))).adapter?.format).toBe("openai-chat");
    expect((await detectFormat(file("pretty.json", JSON.stringify(JSON.parse(chatCompletion), null, 2)))).adapter?.format).toBe("openai-chat");
    const sse = `event: message_start\ndata: ${JSON.stringify({ type: "message_start", message: { id: "msg_1", type: "message", role: "assistant", model: "claude", content: [] } })}\n\n`;
    expect((await detectFormat(file("stream.sse", sse))).adapter?.format).toBe("anthropic");
  });

  it("tells a gzip file cut short or corrupt before its first line ends from a whole one that is no log", async () => {
    const whole = gzipSync(`${anthropicRequest("a long first record ".repeat(40) + Array.from({ length: 300 }, (_, i) => ((i * 7919) % 1000).toString(36)).join(""))}\n`);
    // Cut inside the first line: no format, no whole line, and the text short of the trailer's size.
    const cut = await detectFormat(file("cut.jsonl.gz", whole.subarray(0, Math.floor(whole.length / 2))));
    expect(cut).toMatchObject({ adapter: undefined, brokenGzip: true });
    const flipped = Buffer.from(whole);
    flipped[20] = (flipped[20] ?? 0) ^ 0xff;
    expect((await detectFormat(file("corrupt.jsonl.gz", flipped))).brokenGzip).toBe(true);
    // A whole gzip file of one line of plain text is no log, not a broken one.
    const plain = await detectFormat(file("hello.gz", gzipSync("hello world")));
    expect(plain.adapter).toBeUndefined();
    expect(plain.brokenGzip).toBeUndefined();
    // Cut after its first line: told by what came out.
    const many = gzipSync(Array.from({ length: 50 }, () => chatCompletion).join("\n"));
    expect((await detectFormat(file("long-cut.jsonl.gz", many.subarray(0, many.length - 30)))).adapter?.format).toBe("openai-chat");
  });

  it("judges a gzip file by its decompressed text, a long first record included, and a cut one by what came out", async () => {
    expect((await detectFormat(file("lines.jsonl.gz", gzipSync(`${chatCompletion}\n${chatCompletion}\n`)))).adapter?.format).toBe("openai-chat");
    const long = gzipSync(`${anthropicRequest("x".repeat(600_000))}\n${anthropicRequest("short")}\n`);
    expect((await detectFormat(file("big-first.jsonl.gz", long))).adapter?.format).toBe("anthropic");
    const many = gzipSync(Array.from({ length: 5000 }, () => chatCompletion).join("\n"));
    expect((await detectFormat(file("cut.jsonl.gz", many.subarray(0, many.length >> 1)))).adapter?.format).toBe("openai-chat");
    expect((await detectFormat(file("notes.md.gz", gzipSync("# Notes\n")))).adapter).toBeUndefined();
  });

  it("judges a request-shaped logging payload by the request, and an autogen_core LLMCall (messages beside a response) as AutoGen", async () => {
    const fixtures = join(import.meta.dirname, "../../fixtures/logs");
    expect((await detectFormat(join(fixtures, "openai-chat-litellm.jsonl"))).adapter?.format).toBe("openai-chat");
    expect((await detectFormat(join(fixtures, "autogen-core-events.jsonl"))).adapter?.format).toBe("autogen");
  });

  it("claims nothing for text that is no log, and says how sure each adapter was", async () => {
    const d = await detectFormat(file("notes.md", "# Notes\n\nNothing to see.\n"));
    expect(d.adapter).toBeUndefined();
    expect(d.scores.map((s) => s.format)).toContain("openai-chat");
  });

  it("judges a first line too long to read whole by its repaired start and by the lines after it", async () => {
    // 3 MB: past WHOLE_FIRST_LINE_BYTES, so neither is parsed whole.
    const huge = anthropicRequest("x".repeat(3 * 1024 * 1024));
    expect((await detectFormat(file("huge-first.jsonl", `${huge}\n${anthropicRequest("short")}\n`))).adapter?.format).toBe("anthropic");
    // The start alone, when the file is that one line and its start shows the format (a tool's
    // result holding a whole file, after the call).
    const bigResult = JSON.stringify({
      model: "claude-sonnet-4-5",
      messages: [
        { role: "assistant", content: [{ type: "tool_use", id: "toolu_1", name: "read_file", input: { path: "a" } }] },
        { role: "user", content: [{ type: "tool_result", tool_use_id: "toolu_1", content: "x".repeat(3 * 1024 * 1024) }] },
      ],
    });
    expect((await detectFormat(file("huge-only.jsonl", bigResult))).adapter?.format).toBe("anthropic");
    // The lines after it, when the start is no record (a text prefix, say).
    expect((await detectFormat(file("prefixed.jsonl", `note ${"y".repeat(3 * 1024 * 1024)}\n${chatCompletion}\n${chatCompletion}\n`))).adapter?.format).toBe("openai-chat");
    // The same in a gzip file.
    expect((await detectFormat(file("huge-first.jsonl.gz", gzipSync(`${huge}\n${anthropicRequest("short")}\n`)))).adapter?.format).toBe("anthropic");
    expect((await detectFormat(file("prefixed.jsonl.gz", gzipSync(`note ${"y".repeat(3 * 1024 * 1024)}\n${chatCompletion}\n`)))).adapter?.format).toBe("openai-chat");
  });

  it("judges a pretty-printed document longer than the head by its repaired start", async () => {
    // An OTLP export of one trace, pretty-printed: no line of it is a record, and its text names
    // no format.
    const attr = (key: string, value: string) => ({ key, value: { stringValue: value } });
    const span = (i: number) => ({
      traceId: "5b8efff798038103d269b633813fc60c",
      spanId: i.toString(16).padStart(16, "0"),
      name: "execute_tool read_file",
      attributes: [attr("gen_ai.operation.name", "execute_tool"), attr("gen_ai.tool.name", "read_file"), attr("gen_ai.tool.call.result", "z".repeat(4096))],
    });
    const doc = JSON.stringify({ resourceSpans: [{ resource: { attributes: [] }, scopeSpans: [{ scope: { name: "genai" }, spans: Array.from({ length: 100 }, (_, i) => span(i)) }] }] }, null, 2);
    expect(doc.length).toBeGreaterThan(256 * 1024);
    expect((await detectFormat(file("trace.json", doc))).adapter?.format).toBe("otel");
    expect((await detectFormat(file("trace.json.gz", gzipSync(doc)))).adapter?.format).toBe("otel");
  });

  it("judges pretty-printed records one after another, as Python's ConsoleSpanExporter prints spans", async () => {
    const span = (i: number, name: string, attributes: Record<string, unknown>) =>
      JSON.stringify(
        {
          name,
          context: { trace_id: "0x5b8efff798038103d269b633813fc60c", span_id: `0x${i.toString(16).padStart(16, "0")}`, trace_state: "[]" },
          kind: "SpanKind.INTERNAL",
          parent_id: "0x00000000000000aa",
          start_time: "2025-06-01T12:00:00.000000Z",
          end_time: "2025-06-01T12:00:01.000000Z",
          status: { status_code: "UNSET" },
          attributes,
          events: [],
          links: [],
          resource: { attributes: { "service.name": "agent" }, schema_url: "" },
        },
        null,
        4,
      );
    const text = `${span(1, "execute_tool get_weather", { "gen_ai.operation.name": "execute_tool", "gen_ai.tool.name": "get_weather", "gen_ai.tool.call.id": "call_1", "gen_ai.tool.call.arguments": '{"city":"Paris"}' })}\n${span(2, "chat gpt-4o", { "gen_ai.operation.name": "chat" })}\n`;
    expect((await detectFormat(file("spans.txt", text))).adapter?.format).toBe("otel");
  });

  it("judges a small gzip file whose trailer is corrupt by its text", async () => {
    const zipped = gzipSync(`${chatCompletion}\n${chatCompletion}\n`);
    for (const at of [zipped.length - 8, zipped.length - 1]) {
      const damaged = Buffer.from(zipped);
      damaged[at] = (damaged[at] ?? 0) ^ 0xff;
      expect((await detectFormat(file("bad-trailer.jsonl.gz", damaged))).adapter?.format).toBe("openai-chat");
    }
  });
});
