import { mkdirSync, mkdtempSync, writeFileSync, readFileSync, readdirSync, chmodSync } from "node:fs";
import { spawn } from "node:child_process";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { runCli, parseJsonOutput, REPO, BIN } from "../helpers/run-cli.js";

const LOG = "examples/logs/prod-openai-chat.jsonl";
const BILLING = "examples/billing/tools.ts";
const REAL = join(REPO, "test/fixtures/logs");

interface ScanDoc {
  tooldbg: string;
  files: { path: string; format: string; records: number; errors: { line: number; message: string }[]; allLinesBad?: true }[];
  calls: { callId: string; tool: string; arguments: string; ok: boolean; model?: string; source: { file: string; line: number }; diagnoses: { code: string; severity: string; suggestion?: Record<string, unknown> }[]; execution?: { status: string }; notes?: string[] }[];
  summary: { calls: number; failing: number; byCode: Record<string, number>; byTool: Record<string, { calls: number; failing: number }>; byModel: Record<string, { calls: number; failing: number }> };
}

const scanJson = async (args: string[]) => {
  const r = await runCli(["scan", ...args, "--json"]);
  return { r, doc: parseJsonOutput<ScanDoc>(r) };
};
const byId = (doc: ScanDoc, id: string) => doc.calls.find((c) => c.callId === id);
const codesOf = (doc: ScanDoc, id: string) => byId(doc, id)?.diagnoses.map((d) => d.code);

describe("tooldbg scan (real binary)", () => {
  it("triages a production openai-chat log against the schemas it advertised", async () => {
    const { r, doc } = await scanJson([LOG]);
    expect(r.code).toBe(1);
    expect(doc.tooldbg).toBe("scan/1");
    expect(doc.files).toEqual([expect.objectContaining({ path: LOG, format: "openai-chat", records: 6 })]);
    expect(doc.files[0]?.errors).toEqual([expect.objectContaining({ line: 4 })]);
    expect(doc.summary).toMatchObject({ calls: 6, failing: 4 });
    expect(codesOf(doc, "call_9f2a")).toEqual(["unexpected_argument", "missing_argument", "tool_error"]);
    expect(byId(doc, "call_9f2a")?.diagnoses[0]?.suggestion).toEqual({ rename: "invoice_id" });
    expect(byId(doc, "call_9f2a")?.diagnoses[2]?.severity).toBe("warning"); // inferred from text: chat has no error flag
    expect(codesOf(doc, "call_7c01")).toEqual(["type_mismatch"]);
    expect(codesOf(doc, "call_5d11")).toEqual(["unknown_tool"]);
    expect(codesOf(doc, "call_5d12")).toEqual(["malformed_arguments"]);
    expect(byId(doc, "call_5d12")?.notes?.join(" ")).toMatch(/cut off/);
    expect(byId(doc, "call_9f2b")?.ok).toBe(true);
    expect(doc.summary.byModel["gpt-4.1-2025-04-14"]).toEqual({ calls: 1, failing: 1 });
    expect(doc.summary.byTool.get_invoice_status).toEqual({ calls: 2, failing: 1 });
  });

  it("with --tools also checks registration: the advertised-only refund is not_executable", async () => {
    const { doc } = await scanJson([LOG, "--tools", BILLING]);
    expect(codesOf(doc, "call_5d10")).toEqual(["not_executable"]);
    expect(doc.summary.failing).toBe(5);
  });

  it("--execute re-runs valid calls in the worker but never a side-effecting tool unless allowed", async () => {
    const { doc } = await scanJson([LOG, "--tools", BILLING, "--execute"]);
    expect(byId(doc, "call_9f2b")?.execution?.status).toBe("ok");
    expect(byId(doc, "call_9f2a")?.execution).toBeUndefined();
    const dir = mkdtempSync(join(tmpdir(), "tooldbg-scan-"));
    const log = join(dir, "mail.jsonl");
    writeFileSync(log, `${JSON.stringify({ object: "chat.completion", model: "m", choices: [{ message: { role: "assistant", tool_calls: [{ id: "call_m", type: "function", function: { name: "send_invoice_email", arguments: '{"invoice_id":"INV-1","to":"a@b.test"}' } }] }, finish_reason: "tool_calls" }] })}\n`);
    const skipped = await scanJson([log, "--tools", BILLING, "--execute"]);
    expect(byId(skipped.doc, "call_m")?.execution).toBeUndefined();
    expect(byId(skipped.doc, "call_m")?.notes?.join(" ")).toMatch(/side effects/);
    const allowed = await scanJson([log, "--tools", BILLING, "--execute", "--allow-side-effects"]);
    expect(codesOf(allowed.doc, "call_m")).toEqual(["tool_error"]);
  });

  it("prints counts by code, tool and model, then each failing call with its fix", async () => {
    const r = await runCli(["scan", LOG]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`${LOG}:4: record is cut off`);
    expect(r.stdout).toMatch(/6 tool calls, 4 failing/);
    expect(r.stdout).toMatch(/by model: gpt-4o-mini-2024-07-18 3\/5 failing/);
    expect(r.stdout).toMatch(/fix: rename "id" to "invoice_id"/);
    expect(r.stdout).not.toContain("\x1b[");
  });

  it("sums up the problems failing calls share, most frequent first, in the human report only", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tooldbg-scan-"));
    const log = join(dir, "recurring.jsonl");
    const tools = [{ type: "function", function: { name: "get_invoice", parameters: { type: "object", properties: { invoice_id: { type: "string" } }, required: ["invoice_id"], additionalProperties: false } } }];
    const record = (i: number, args: string, model = "mini") => JSON.stringify({ request: { model, messages: [{ role: "user", content: `q${i}` }], tools }, response: { object: "chat.completion", model, choices: [{ message: { role: "assistant", tool_calls: [{ id: `call_${i}`, type: "function", function: { name: "get_invoice", arguments: args } }] }, finish_reason: "tool_calls" }] } });
    writeFileSync(log, [record(1, '{"id":"INV-1"}'), record(2, '{"invoice_id":"INV-2"}'), record(3, '{"id":"INV-3"}'), record(4, '{"invoice_id":7}'), record(5, '{"id":"INV-5"}', "big")].join("\n") + "\n");
    const r = await runCli(["scan", log]);
    expect(r.code).toBe(1);
    const top = r.stdout.slice(r.stdout.indexOf("Top problems"), r.stdout.indexOf("Failing calls")).trim().split("\n");
    expect(top[0]).toBe("Top problems");
    expect(top[1]).toMatch(new RegExp(`^ {2}3 {2}get_invoice {2}unexpected_argument id +mostly mini \\(67%\\) {2}first: ${log.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:1 call_1$`));
    expect(top[2]).toMatch(/^ {2}3 {2}get_invoice {2}missing_argument invoice_id +mostly mini \(67%\) {2}first: \S+:1 call_1$/);
    expect(top[3]).toMatch(/^ {2}1 {2}get_invoice {2}type_mismatch invoice_id +mostly mini \(100%\) {2}first: \S+:4 call_4$/);
    const { doc } = await scanJson([log]);
    expect(Object.keys(doc)).not.toContain("problems");
    expect(Object.keys(doc.summary)).toEqual(["calls", "failing", "byCode", "byTool", "byModel"]);
    const distinct = await runCli(["scan", LOG]);
    expect(distinct.stdout).not.toContain("Top problems");
  });

  it("counts one call as one call", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tooldbg-scan-"));
    const log = join(dir, "one.jsonl");
    writeFileSync(log, `${JSON.stringify({ object: "chat.completion", model: "m", choices: [{ message: { role: "assistant", tool_calls: [{ id: "call_1", type: "function", function: { name: "f", arguments: "{}" } }] }, finish_reason: "tool_calls" }] })}\n`);
    const r = await runCli(["scan", log]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("1 tool call, 0 failing");
  });

  it("--jsonl streams one call per line, then the summary", async () => {
    const r = await runCli(["scan", LOG, "--jsonl"]);
    const lines = r.stdout.trim().split("\n").map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(7);
    expect(lines.slice(0, 6).every((l) => typeof l.callId === "string")).toBe(true);
    expect(lines[6]).toMatchObject({ tooldbg: "scan/1", summary: { calls: 6, failing: 4 } });
  });

  it("exits 0 when nothing fails, and reads real third-party captures in every format", async () => {
    const cases: [string, string, number][] = [
      ["openai-realdata/openai-python/chat-stream.parallel.GetWeatherArgs+get_stock_price.sse", "openai-chat", 2],
      ["openai-realdata/vercel-ai/mistral-incremental-tool-call.chunks.txt", "openai-chat", 1],
      ["openai-realdata/vercel-ai/openai-responses.reasoning-encrypted-content.1.chunks.txt", "openai-responses", 3],
      ["anthropic-realdata/anthropic-tool-no-args.json", "anthropic", 1],
      ["autogen-realdata/swarm.ipynb-outputs.txt", "autogen", 12],
      ["autogen-realdata/selector-group-chat.ipynb-outputs.txt", "autogen", 21],
      ["autogen-realdata/history-wile_e_coyote_1.json", "autogen", 1],
    ];
    for (const [file, format, calls] of cases) {
      const { r, doc } = await scanJson([join(REAL, file)]);
      expect([file, doc.files[0]?.format, doc.summary.calls, r.code]).toEqual([file, format, calls, 0]);
    }
  });

  it("triages a LangSmith run export: raw arguments, tool runs' errors, LangChain's unparsed calls", async () => {
    const { r, doc } = await scanJson([join(REAL, "langchain-runs.jsonl")]);
    expect(r.code).toBe(1);
    expect(doc.files).toEqual([expect.objectContaining({ format: "langchain", records: 9 })]);
    expect(doc.files[0]?.errors.map((e) => e.line)).toEqual([5, 8]);
    expect(doc.summary).toMatchObject({ calls: 6, failing: 4 });
    expect(codesOf(doc, "call_p1")).toEqual([]);
    expect(codesOf(doc, "call_t1")).toEqual(["tool_error"]);
    expect(codesOf(doc, "call_bad")).toEqual(["malformed_arguments"]);
    expect(codesOf(doc, "call_w1")).toEqual(["unexpected_argument", "missing_argument"]);
    expect(codesOf(doc, "toolu_01")).toEqual(["type_mismatch"]);
    expect(doc.summary.byModel["gpt-4o-mini-2024-07-18"]).toEqual({ calls: 3, failing: 2 });
    const dir = mkdtempSync(join(tmpdir(), "tooldbg-export-"));
    const exported = await runCli(["export", join(REAL, "langchain-runs.jsonl"), "--call", "call_bad", "--out", dir]);
    expect(exported.code).toBe(0);
    const fx = JSON.parse(readFileSync(exported.stdout.trim().replace(/^fixture: /, ""), "utf8"));
    expect(fx).toMatchObject({ tool: "create_ticket", arguments: '{"summary": "Paris weather question', expect: { diagnoses: ["malformed_arguments"] }, source: { line: 4, callId: "call_bad" } });
  });

  it("reports the truncated Anthropic tool_use in the spliced stream", async () => {
    const { r, doc } = await scanJson([join(REAL, "anthropic-realdata/anthropic-SYNTHETIC-spliced-message-start.chunks.txt")]);
    expect(r.code).toBe(1);
    expect(doc.summary).toMatchObject({ calls: 2, failing: 1 });
    expect(doc.calls.find((c) => !c.ok)?.diagnoses[0]?.code).toBe("malformed_arguments");
  });

  it.each([
    [["scan"], /name at least one log file/],
    [["scan", "nope.jsonl"], /cannot read log nope\.jsonl: no such file/],
    [["scan", LOG, "--format", "csv"], /unknown --format "csv"/],
    [["scan", "README.md"], /cannot tell the format of README\.md; pass --format/],
    [["scan", LOG, "--execute"], /--execute needs --tools/],
    [["export", LOG, "--call", "--out", "x"], /--call needs a value, and the next argument starts with a dash/],
    [["scan", LOG, "--timeout", "-5"], /--timeout needs a value/],
    [["scan", "/dev/null"], /cannot read log \/dev\/null: it is a pipe or a device, not a file; pipe it to stdin instead/],
  ])("usage and input errors exit 2 with one line: %j", async (args, pattern) => {
    const r = await runCli(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(pattern);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
  });

  it("says a binary file is not a text log (an OTLP protobuf export, say), and how to get one", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tooldbg-scan-binary-"));
    const proto = join(dir, "traces.binpb");
    // An OTLP ExportTraceServiceRequest's first bytes (field 1, resource_spans), then noise.
    writeFileSync(proto, Buffer.concat([Buffer.from([0x0a, 0x8f, 0x01, 0x0a, 0x8c, 0x01, 0x12, 0x89, 0x01, 0x0a, 0x20, 0x00, 0x00]), Buffer.from(Array.from({ length: 4000 }, (_, i) => (i * 7919) % 256))]));
    const r = await runCli(["scan", proto]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`tooldbg: cannot read ${proto}: it holds binary data, not a text log (if it is an OpenTelemetry Collector file export, set the exporter's format to json; gzip and UTF-16 logs are read as they are)\n`);
  });

  it("never lets the log command the terminal: its control characters are printed escaped, colour on or off", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tooldbg-scan-"));
    const log = join(dir, "hostile.jsonl");
    const completion = {
      object: "chat.completion",
      model: "gpt\u001b]0;pwned\u0007",
      choices: [{ index: 0, message: { role: "assistant", tool_calls: [{ id: "call_\u001b[2J", type: "function", function: { name: "f", arguments: '{"a\u001b[31m":1' } }] }, finish_reason: "tool_calls" }],
    };
    // A batch output line for a request that failed: said so, its message on one line.
    const failed = { custom_id: "r1", response: null, error: { code: "rate_limit", message: "slow down\r\nFAKE 0 failing" } };
    writeFileSync(log, `${JSON.stringify(failed)}\n${JSON.stringify(completion)}\n`);
    const plainRun = await runCli(["scan", log]);
    expect(plainRun.code).toBe(1);
    // eslint-disable-next-line no-control-regex -- no control character may reach the terminal
    expect(plainRun.stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    expect(plainRun.stdout).toContain("call_\\u001b[2J");
    expect(plainRun.stdout).toContain('the API answered "slow down FAKE 0 failing"');
    const coloured = await runCli(["scan", log], { env: { FORCE_COLOR: "1" } });
    expect(coloured.stdout).toContain("\u001b[1m");
    expect(coloured.stdout).not.toContain("\u001b]0;");
    expect(coloured.stdout).not.toContain("\u001b[2J");
  });

  it("an unreadable file is an input error", async () => {
    if (process.getuid?.() === 0) return; // root reads everything
    const dir = mkdtempSync(join(tmpdir(), "tooldbg-scan-"));
    const f = join(dir, "locked.jsonl");
    writeFileSync(f, "{}\n");
    chmodSync(f, 0);
    const r = await runCli(["scan", f]);
    expect(r.code).toBe(2);
  });

  it("calls with huge arguments never answered (a log of responses only) stream in bounded memory", async () => {
    // 110 calls of 1 MB each: held until their answers, they overflowed the scan's 96 MB heap.
    const dir = mkdtempSync(join(tmpdir(), "tooldbg-scan-"));
    const log = join(dir, "responses.jsonl");
    const content = "x".repeat(1024 * 1024);
    const line = (i: number) => JSON.stringify({ object: "chat.completion", model: "m", created: 1764000000 + i, choices: [{ message: { role: "assistant", tool_calls: [{ id: `call_${i}`, type: "function", function: { name: "write_file", arguments: JSON.stringify({ path: `f${i}`, content }) } }] }, finish_reason: "tool_calls" }] });
    writeFileSync(log, Array.from({ length: 110 }, (_, i) => line(i)).join("\n") + "\n");
    const r = await runCli(["scan", log, "--jsonl"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const summary = JSON.parse(r.stdout.trim().split("\n").at(-1) ?? "{}") as { summary: { calls: number } };
    expect(summary.summary.calls).toBe(110);
  }, 60_000);

  it.each(["1", "2"])("reads a log rotated mid-conversation as one log (threads: %s): a call the next part repeats and answers is one call", async (threads) => {
    const dir = mkdtempSync(join(tmpdir(), "tooldbg-rotated-"));
    const tools = [{ type: "function", function: { name: "get_invoice_status", parameters: { type: "object", properties: { invoice_id: { type: "string" } }, required: ["invoice_id"], additionalProperties: false } } }];
    const call = { id: "call_9f2a", type: "function", function: { name: "get_invoice_status", arguments: '{"id":"INV-123"}' } };
    const history = [{ role: "user", content: "status of INV-123?" }];
    const response = (...calls: unknown[]) => ({ object: "chat.completion", model: "gpt-4o", choices: [{ index: 0, message: { role: "assistant", content: calls.length ? null : "done", ...(calls.length ? { tool_calls: calls } : {}) }, finish_reason: calls.length ? "tool_calls" : "stop" }] });
    const first = { request: { model: "gpt-4o", messages: history, tools }, response: response(call) };
    const second = { request: { model: "gpt-4o", messages: [...history, { role: "assistant", content: null, tool_calls: [call] }, { role: "tool", tool_call_id: "call_9f2a", content: "Error: KeyError: 'invoice_id'" }], tools }, response: response() };
    writeFileSync(join(dir, "app.1.jsonl"), `${JSON.stringify(first)}\n`);
    writeFileSync(join(dir, "app.2.jsonl"), `${JSON.stringify(second)}\n`);
    const r = await runCli(["scan", join(dir, "app.1.jsonl"), join(dir, "app.2.jsonl"), "--jsonl"], { env: { TOOLDBG_SCAN_THREADS: threads } });
    const calls = r.stdout.trim().split("\n").map((line) => JSON.parse(line) as Record<string, unknown>).filter((o) => "callId" in o);
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ callId: "call_9f2a", source: { file: join(dir, "app.1.jsonl"), line: 1 }, result: { source: { file: join(dir, "app.2.jsonl"), line: 1 } } });
    expect(r.stdout).not.toMatch(/orphan_tool_result/);
  });

  it("keeps calls in log order and gives results that answer no call their own section", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tooldbg-order-"));
    const call = (id: string, args: string) => ({ id, type: "function", function: { name: "f", arguments: args } });
    const completion = (...calls: unknown[]) => ({ object: "chat.completion", model: "m", choices: [{ index: 0, message: { role: "assistant", content: null, tool_calls: calls }, finish_reason: "tool_calls" }] });
    const lines = [
      // call_late (line 1) never gets its result; call_early (line 2) gets one on line 3: it finishes first.
      completion(call("call_late", "{")),
      completion(call("call_early", "{")),
      { model: "m", messages: [{ role: "user", content: "q" }, { role: "assistant", tool_calls: [call("call_early", "{")] }, { role: "tool", tool_call_id: "call_early", content: "ok" }, { role: "tool", tool_call_id: "call_nobody", content: "?" }] },
    ];
    const log = join(dir, "order.jsonl");
    writeFileSync(log, lines.map((l) => JSON.stringify(l)).join("\n") + "\n");
    const json = parseJsonOutput<ScanDoc>(await runCli(["scan", log, "--json"]));
    expect(json.calls.map((c) => c.callId)).toEqual(["call_late", "call_early"]);
    const human = await runCli(["scan", log]);
    expect(human.stdout).toMatch(/\nConversation\n.*orphan_tool_result: A tool result answers call call_nobody/);
  });

  it("--format overrides detection, with a warning when the records look like another format", async () => {
    const r = await runCli(["scan", LOG, "--format", "anthropic", "--json"]);
    expect(parseJsonOutput<ScanDoc>(r).files[0]?.format).toBe("anthropic");
    expect(r.stderr).toMatch(/warning: .* is read as anthropic \(--format\), but its records look like openai-chat/);
    const same = await runCli(["scan", LOG, "--format", "openai-chat", "--json"]);
    expect(same.stderr).not.toMatch(/warning/);
  });

  it("exits 2 for a log none of whose lines could be read (a wrong --format), still scanning the others", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tooldbg-unread-"));
    const binary = join(dir, "dump.jsonl");
    writeFileSync(binary, "\u0000\u0001garbage\nmore garbage\n");
    for (const output of [[], ["--json"], ["--jsonl"]]) {
      const wrong = await runCli(["scan", LOG, "--format", "anthropic", ...output]);
      expect(wrong.code).toBe(2);
      expect(wrong.stderr).toContain(`tooldbg: no line of ${LOG} could be read as anthropic (--format): nothing in it was scanned\n`);
      expect(wrong.stderr).not.toMatch(/\n\s+at /);
      // The good log is scanned and reported as ever; the unread one fails the run.
      const mixed = await runCli(["scan", LOG, binary, "--format", "openai-chat", ...output]);
      expect(mixed.code).toBe(2);
      expect(mixed.stderr).toContain(`no line of ${binary} could be read as openai-chat (--format)`);
      expect(mixed.stderr).not.toContain(`no line of ${LOG}`);
      expect(mixed.stdout).toMatch(/call_9f2a/);
    }
    const json = parseJsonOutput<ScanDoc>(await runCli(["scan", LOG, binary, "--format", "openai-chat", "--json"]));
    expect(json.files.map((f) => f.allLinesBad)).toEqual([undefined, true]);
  });
});

describe("tooldbg export (real binary)", () => {
  it("says in one line (exit 2) when --out cannot be written", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tooldbg-export-"));
    const file = join(dir, "a-file");
    writeFileSync(file, "x");
    for (const out of [file, join(file, "below")]) {
      const r = await runCli(["export", LOG, "--call", "call_7c01", "--out", out]);
      expect(r.code).toBe(2);
      expect(r.stderr.trim()).toBe(`tooldbg: cannot write fixtures to ${out}: a file is in the way of a directory`);
    }
  });

  it("exports a logged call with its source, replays it, and never overwrites", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tooldbg-export-"));
    const r = await runCli(["export", LOG, "--call", "call_7c01", "--out", dir, "--tools", BILLING]);
    expect(r.code).toBe(0);
    const path = join(dir, "create_ticket", "priority-is-string-not-integer.json");
    expect(r.stdout.trim()).toBe(`fixture: ${path}`);
    const fx = JSON.parse(readFileSync(path, "utf8"));
    expect(fx).toMatchObject({
      tool: "create_ticket",
      arguments: '{"invoice_id":"INV-124","summary":"Charged twice","priority":"high"}',
      expect: { diagnoses: ["type_mismatch"] },
      source: { file: LOG, line: 3, callId: "call_7c01", model: "gpt-4.1-2025-04-14" },
    });
    const again = await runCli(["export", LOG, "--call", "call_7c01", "--out", dir]);
    expect(again.stdout).toContain("priority-is-string-not-integer-2.json");
    expect(readdirSync(join(dir, "create_ticket"))).toHaveLength(2);
    const replay = await runCli(["test", dir, "--tools", BILLING]);
    expect(replay.stdout.trim().split("\n").at(-1)).toBe("2 passed, 0 failed");
  });

  it("redacts secrets found in logged arguments", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tooldbg-export-"));
    const log = join(dir, "leak.jsonl");
    const args = '{"user":"ana","api_key":"sk-proj-abcdefghijklmnopqrstuvwxyz012345"}';
    writeFileSync(log, `${JSON.stringify({ object: "chat.completion", model: "m", choices: [{ message: { role: "assistant", tool_calls: [{ id: "call_k", type: "function", function: { name: "login", arguments: args } }] }, finish_reason: "tool_calls" }] })}\n`);
    const r = await runCli(["export", log, "--call", "call_k", "--out", join(dir, "fx")]);
    expect(r.code).toBe(0);
    const text = readFileSync(r.stdout.trim().replace(/^fixture: /, ""), "utf8");
    expect(text).not.toContain("abcdefghijklmnop");
    expect(JSON.parse(text).arguments).toBe('{"user":"ana","api_key":"[REDACTED]"}');
  });

  it("writes no secret a log holds in any report (human, --json, --jsonl), and judges the calls as they were logged", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tooldbg-scan-secrets-"));
    const log = join(dir, "leak.jsonl");
    const tools = [{ type: "function", function: { name: "login", parameters: { type: "object", properties: { user: { type: "string" }, password: { type: "string", minLength: 12 } }, required: ["user", "password"], additionalProperties: false } } }];
    const calls = [
      { id: "call_short", args: '{"user":"bob","password":"hunter2"}' },
      { id: "call_key", args: '{"user":"bob","password":"hunter2hunter2","api_key":"sk-proj-abcdefghijklmnopqrstuvwxyz012345"}' },
      { id: "call_py", args: "{'user': 'bob', 'password': 'hunter2hunter2'" },
    ];
    writeFileSync(
      log,
      `${JSON.stringify({ request: { model: "m", messages: [{ role: "user", content: "log in" }], tools }, response: { object: "chat.completion", model: "m", choices: [{ message: { role: "assistant", tool_calls: calls.map((c) => ({ id: c.id, type: "function", function: { name: "login", arguments: c.args } })) }, finish_reason: "tool_calls" }] } })}\n`,
    );
    const human = await runCli(["scan", log]);
    const jsonl = await runCli(["scan", log, "--jsonl"]);
    const { r: json, doc } = await scanJson([log]);
    for (const r of [human, jsonl, json]) {
      expect(r.code).toBe(1);
      expect(r.stdout).not.toContain("hunter2");
      expect(r.stdout).not.toContain("abcdefghijklmnop");
    }
    expect(doc.summary).toMatchObject({ calls: 3, failing: 3, byCode: { invalid_value: 1, unexpected_argument: 1, malformed_arguments: 1 } });
    expect(byId(doc, "call_key")?.arguments).toBe('{"user":"bob","password":"[REDACTED]","api_key":"[REDACTED]"}');
    expect(byId(doc, "call_py")?.arguments).toBe("{'user': 'bob', 'password': '[REDACTED]'");
    expect(human.stdout).toContain('arguments: {"user":"bob","password":"[REDACTED]"}');
  });

  it("redacts secrets by their shape too: a database URL's password in the arguments keeps the URL", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tooldbg-export-shapes-"));
    const log = join(dir, "leak.jsonl");
    const args = '{"dsn":"postgres://app:hunter2@db.internal/prod","query":"select 1","env":"DB_PASSWORD=hunter2"}';
    writeFileSync(log, `${JSON.stringify({ object: "chat.completion", model: "m", choices: [{ message: { role: "assistant", tool_calls: [{ id: "call_db", type: "function", function: { name: "run_sql", arguments: args } }] }, finish_reason: "tool_calls" }] })}\n`);
    const r = await runCli(["export", log, "--call", "call_db", "--out", join(dir, "fx")]);
    expect(r.code, r.stderr).toBe(0);
    const text = readFileSync(r.stdout.trim().replace(/^fixture: /, ""), "utf8");
    expect(text).not.toContain("hunter2");
    expect((JSON.parse(text) as { arguments: string }).arguments).toBe('{"dsn":"postgres://app:[REDACTED]@db.internal/prod","query":"select 1","env":"DB_PASSWORD=[REDACTED]"}');
  });

  it("a call id the log gives several calls (call_0 in every conversation) is several calls: scanned and exported apart", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tooldbg-scan-reused-"));
    const log = join(dir, "local.jsonl");
    const record = (content: string, args: string) => ({
      request: { model: "llama3", messages: [{ role: "user", content }] },
      response: { object: "chat.completion", model: "llama3", choices: [{ message: { role: "assistant", tool_calls: [{ id: "call_0", type: "function", function: { name: "get_weather", arguments: args } }] }, finish_reason: "tool_calls" }] },
    });
    writeFileSync(log, [record("Paris?", '{"city":"Paris"}'), record("Rome?", '{"town":"Rome"}'), record("Oslo?", '{"city":"Oslo"}')].map((r) => JSON.stringify(r)).join("\n"));
    const { doc } = await scanJson([log]);
    expect(doc.calls.map((c) => [c.callId, c.arguments])).toEqual([
      ["call_0", '{"city":"Paris"}'],
      ["call_0#2", '{"town":"Rome"}'],
      ["call_0#3", '{"city":"Oslo"}'],
    ]);
    const exported = await runCli(["export", log, "--call", "call_0#2", "--out", join(dir, "fx")]);
    expect(exported.code, exported.stderr).toBe(0);
    const fixture = JSON.parse(readFileSync(exported.stdout.trim().replace(/^fixture: /, ""), "utf8")) as { arguments: string; source: { callId: string } };
    expect(fixture).toMatchObject({ arguments: '{"town":"Rome"}', source: { callId: "call_0#2" } });
  });

  it("an unknown call id is a usage error that lists some ids", async () => {
    const r = await runCli(["export", LOG, "--call", "call_nope"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no call with id "call_nope" .* e\.g\. call_9f2a/);
  });

  it("skips an empty log with a warning (a log just rotated): the others scan as alone; only empty logs is a usage error", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tooldbg-scan-empty-"));
    const empty = join(dir, "today.jsonl");
    writeFileSync(empty, "");
    const alone = await scanJson([LOG]);
    const withEmpty = await scanJson([empty, LOG]);
    expect(withEmpty.r.code).toBe(alone.r.code);
    expect(withEmpty.r.stderr).toBe(`tooldbg: warning: ${empty} is empty: skipped\n`);
    expect(withEmpty.doc).toEqual(alone.doc);
    const only = await runCli(["scan", empty]);
    expect(only.code).toBe(2);
    expect(only.stderr).toBe(`tooldbg: ${empty} is empty: there is nothing to read\n`);
    const piped = await runCli(["scan", "-"], { input: "" });
    expect(piped.code).toBe(2);
    expect(piped.stderr).toBe("tooldbg: stdin is empty: there is nothing to read\n");
  });

  it("scans a gzip log as its text: the same calls and findings, lines numbered as in the text", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tooldbg-scan-gz-"));
    const gz = join(dir, "prod.jsonl.gz");
    writeFileSync(gz, gzipSync(readFileSync(join(REPO, LOG))));
    const plain = await scanJson([LOG]);
    const packed = await scanJson([gz]);
    expect(packed.r.code).toBe(plain.r.code);
    expect(packed.doc.files[0]?.format).toBe("openai-chat");
    const relabel = (doc: ScanDoc) => JSON.stringify(doc.calls).replaceAll(JSON.stringify(gz).slice(1, -1), LOG);
    expect(relabel(packed.doc)).toBe(JSON.stringify(plain.doc.calls));
    expect(packed.doc.summary).toEqual(plain.doc.summary);
    // export finds a call in it too.
    const id = plain.doc.calls.find((c) => !c.ok)?.callId as string;
    const exported = await runCli(["export", gz, "--call", id, "--out", join(dir, "fx")]);
    expect(exported.code, exported.stderr).toBe(0);
  });

  it("a gzip log cut short keeps every call before the cut and reports where reading stopped", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tooldbg-scan-gzcut-"));
    const whole = gzipSync(readFileSync(join(REPO, LOG)));
    const cut = join(dir, "cut.jsonl.gz");
    writeFileSync(cut, whole.subarray(0, whole.length - 40));
    const { r, doc } = await scanJson([cut]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe("");
    const errors = doc.files[0]?.errors ?? [];
    expect(errors.at(-1)?.message).toMatch(/the rest of the file could not be decompressed \(the gzip stream ends early: the file is cut short or still being written\)/);
    expect(doc.calls.length).toBeGreaterThan(0);
    const human = await runCli(["scan", cut]);
    expect(human.stdout).toMatch(new RegExp(`${cut.replaceAll(".", "\\.")}:\\d+: the rest of the file could not be decompressed`));
  });

  it("--jsonl into a pipe closed early (| head) stops quietly: exit 141, no stack trace", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tooldbg-scan-pipe-"));
    const log = join(dir, "big.jsonl");
    await new Promise((resolve, reject) => {
      const gen = spawn(process.execPath, [join(REPO, "bench/gen-openai-chat-log.mjs"), log, "2"], { stdio: "ignore" });
      gen.once("exit", (code) => (code === 0 ? resolve(undefined) : reject(new Error(`generator exit ${code}`))));
    });
    const child = spawn(process.execPath, [BIN, "scan", log, "--jsonl"], { cwd: REPO, stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    // Read the first line, then close the pipe as head would.
    await new Promise((resolve) => child.stdout.once("data", resolve));
    child.stdout.destroy();
    const code = await new Promise((resolve) => child.once("exit", resolve));
    expect(code).toBe(141);
    expect(stderr).toBe("");
  });

  it("the human report into a pipe already closed stops quietly too: exit 141, no stack trace", async () => {
    const child = spawn(process.execPath, [BIN, "scan", LOG], { cwd: REPO, stdio: ["ignore", "pipe", "pipe"] });
    // Closed before the report (written once, at the end) is: its write meets a closed pipe.
    child.stdout.destroy();
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    const code = await new Promise((resolve) => child.once("exit", resolve));
    expect(stderr).toBe("");
    expect(code).toBe(141);
  });
});

describe("tooldbg scan of a directory", () => {
  /** A log directory as rotation leaves it: numbered files, a subdirectory, a README, a hidden file. */
  const logDir = (): string => {
    const dir = mkdtempSync(join(tmpdir(), "tooldbg-scan-dir-"));
    mkdirSync(join(dir, "archive"));
    writeFileSync(join(dir, "app.log.10"), readFileSync(join(REPO, LOG)));
    writeFileSync(join(dir, "app.log.2"), readFileSync(join(REAL, "anthropic-chain.jsonl")));
    writeFileSync(join(dir, "archive", "old.jsonl.gz"), gzipSync(readFileSync(join(REAL, "openai-chat-pairs.jsonl"))));
    writeFileSync(join(dir, "README.md"), "Logs of the billing agent, rotated nightly.\n");
    writeFileSync(join(dir, ".offsets"), "app.log.2 1234\n");
    return dir;
  };

  it("reads every log in it and its subdirectories in name order, skipping what is no log", async () => {
    const dir = logDir();
    const { r, doc } = await scanJson([dir]);
    expect(r.code).toBe(1);
    expect(doc.files.map((f) => [f.path, f.format])).toEqual([
      [join(dir, "app.log.2"), "anthropic"],
      [join(dir, "app.log.10"), "openai-chat"],
      [join(dir, "archive", "old.jsonl.gz"), "openai-chat"],
    ]);
    expect(r.stderr).toContain(`${join(dir, "README.md")} is not a log of a format tooldbg reads: skipped`);
    expect(r.stderr).not.toContain(".offsets");
    const one = await scanJson([join(dir, "app.log.10")]);
    expect(doc.summary.calls).toBeGreaterThan(one.doc.summary.calls);
    expect(byId(doc, "call_9f2a")?.source.file).toBe(join(dir, "app.log.10"));
  });

  it("streams a directory like its files, on the scanning thread", async () => {
    const dir = logDir();
    const jsonl = await runCli(["scan", dir, "--jsonl"]);
    const files = await runCli(["scan", join(dir, "app.log.2"), join(dir, "app.log.10"), join(dir, "archive", "old.jsonl.gz"), "--jsonl"]);
    expect(jsonl.code).toBe(1);
    expect(jsonl.stdout).toBe(files.stdout);
  });

  it("sums up the logs of a directory of many, and lists the first bad lines of them all", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tooldbg-scan-many-"));
    for (let i = 1; i <= 25; i++) writeFileSync(join(dir, `app-${i}.jsonl`), readFileSync(join(REPO, LOG)));
    writeFileSync(join(dir, "app-26.jsonl"), readFileSync(join(REAL, "anthropic-chain.jsonl")));
    const r = await runCli(["scan", dir]);
    expect(r.code).toBe(1);
    const head = r.stdout.split("\n");
    expect(head[0]).toBe("26 logs  openai-chat 25 · anthropic 1, 171 lines, 25 bad lines skipped in 25 logs");
    expect(head.slice(1, 21).every((line) => /^ {2}! \S+app-\d+\.jsonl:4: record is cut off/.test(line))).toBe(true);
    expect(head[1]).toContain("app-1.jsonl:4");
    expect(head[21]).toBe("  … 5 more bad lines (--json lists them)");
    expect(r.stdout).toMatch(/\n\d+ tool calls, \d+ failing/);
    expect(r.stdout).not.toContain(`${join(dir, "app-2.jsonl")}  openai-chat`);
    for (let i = 1; i <= 8; i++) writeFileSync(join(dir, `notes-${i}.txt`), "not a log\n");
    const skipped = await runCli(["scan", dir]);
    expect(skipped.stderr.trim().split("\n")).toEqual([
      ...[1, 2, 3, 4, 5].map((i) => `tooldbg: warning: ${join(dir, `notes-${i}.txt`)} is not a log of a format tooldbg reads: skipped`),
      "tooldbg: warning: 3 more files of no known format skipped",
    ]);
  });

  it("is a usage error when it holds no file or no log, and for export", async () => {
    const empty = mkdtempSync(join(tmpdir(), "tooldbg-scan-dir-"));
    const none = await runCli(["scan", empty]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain("is a directory with no files in it");
    writeFileSync(join(empty, "notes.txt"), "nothing to see\n");
    const noLog = await runCli(["scan", empty]);
    expect(noLog.code).toBe(2);
    expect(noLog.stderr).toContain("no file named holds a log of a format tooldbg reads");
    expect(noLog.stderr).not.toMatch(/\n\s+at /);
    const exported = await runCli(["export", logDir(), "--call", "call_9f2a"]);
    expect(exported.code).toBe(2);
    expect(exported.stderr).toContain("it is a directory; name the log file in it");
  });
});
