import { mkdtempSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/run-cli.js";
import { chat, executeTool, otlpLine, spanUnder, toolCall, user } from "../engine/logs/otel-test-spans.js";

/**
 * An OTel log large enough to be read on a second thread (4 MB and more) whose every trace has an
 * execute_tool span naming no call id that started before the chat span naming the call: each is
 * one call on one thread as on two, under the model's id with the tool span's result.
 */
const TRACES = 2_500;
let log = "";

/** One trace on one line: its chat span, the tool span that ran the call (started 1 ms before), its root. */
function traceLine(index: number): string {
  const trace = index.toString(16).padStart(32, "0");
  const chatSpan = chat(trace, [user(`weather ${index}? ${"x".repeat(1500)}`)], [toolCall("get_weather", { city: `c${index}` }, `call_${index}`)]);
  const tool = executeTool(trace, "get_weather", index % 5 === 0 ? { error: "ConnectionError" } : { args: `{"city": "c${index}"}`, result: "18C" });
  tool.startTimeUnixNano = String(BigInt(chatSpan.startTimeUnixNano as string) - 1_000_000n);
  const root = { ...spanUnder(trace, "", "invoke_agent", { "gen_ai.operation.name": "invoke_agent" }), spanId: "root" };
  return otlpLine(chatSpan, tool, root);
}

beforeAll(() => {
  log = join(mkdtempSync(join(tmpdir(), "tooldbg-otel-threads-")), "otel.jsonl");
  writeFileSync(log, Array.from({ length: TRACES }, (_, index) => traceLine(index)).join("\n") + "\n");
  expect(statSync(log).size).toBeGreaterThan(4 * 1024 * 1024);
});

describe("otel scan on one thread and on two: tool spans read before their chat spans", () => {
  it("gives the same --jsonl output, one call per trace under the model's id", async () => {
    const one = await runCli(["scan", log, "--jsonl"], { env: { TOOLDBG_SCAN_THREADS: "1" }, timeoutMs: 60_000 });
    const two = await runCli(["scan", log, "--jsonl"], { env: { TOOLDBG_SCAN_THREADS: "2" }, timeoutMs: 60_000 });
    expect(one.code, one.stderr).toBe(1);
    expect(two.code).toBe(one.code);
    expect(two.stderr).toBe(one.stderr);
    expect(two.stdout === one.stdout).toBe(true);
    const lines = one.stdout.trim().split("\n");
    const calls = lines.slice(0, -1).map((line) => JSON.parse(line) as { callId: string; diagnoses: { code: string }[] });
    expect(calls).toHaveLength(TRACES);
    expect(calls.every((call, index) => call.callId === `call_${index}`)).toBe(true);
    expect(calls.filter((call) => call.diagnoses.some((finding) => finding.code === "tool_error"))).toHaveLength(TRACES / 5);
  }, 120_000);
});
