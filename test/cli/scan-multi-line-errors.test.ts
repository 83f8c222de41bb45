import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/run-cli.js";

const file = (name: string, text: string) => {
  const path = join(mkdtempSync(join(tmpdir(), "tooldbg-multi-line-")), name);
  writeFileSync(path, text);
  return path;
};

describe("scan, a log that is one pretty-printed record that cannot be read", () => {
  // One bad record of 15 lines is one error: it was "1 bad line skipped, 0 tool calls", exit 0.
  const oversized = () => file("otlp.json", `${JSON.stringify({ resourceSpans: [{ scopeSpans: [{ spans: [{ name: "x".repeat(9e6) }] }] }] }, null, 2)}\n`);

  it.each(["1", "2"])("a pretty OTLP document over the multi-line limit: nothing was scanned, exit 2 (%s threads)", async (threads) => {
    const path = oversized();
    const result = await runCli(["scan", "--format", "otel", path], { env: { ...process.env, TOOLDBG_SCAN_THREADS: threads }, timeoutMs: 60_000 });
    expect(result.stdout).toContain("multi-line JSON record is over the 8.0 MB limit; skipped");
    expect(result.stderr).toBe(`tooldbg: no line of ${path} could be read as otel (--format): nothing in it was scanned\n`);
    expect(result.code).toBe(2);
  }, 60_000);

  it("a pretty chat completion cut in its middle: exit 2", async () => {
    const completion = { object: "chat.completion", created: 1, model: "m", choices: [{ index: 0, message: { role: "assistant", tool_calls: [{ id: "c1", type: "function", function: { name: "f", arguments: "{}" } }] }, finish_reason: "tool_calls" }] };
    const path = file("chat.json", `${JSON.stringify(completion, null, 2).split("\n").slice(0, 8).join("\n")}\n`);
    const result = await runCli(["scan", "--format", "openai-chat", path]);
    expect(result.stderr).toBe(`tooldbg: no line of ${path} could be read as openai-chat (--format): nothing in it was scanned\n`);
    expect(result.code).toBe(2);
  });
});
