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
});
