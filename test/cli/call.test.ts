import { describe, expect, it } from "vitest";
import { runCli, parseJsonOutput } from "../helpers/run-cli.js";

const BILLING = "examples/billing/tools.ts";
const HOSTILE = "test/fixtures/cli/hostile-tools.ts";

interface CallDoc {
  tooldbg: string;
  ok: boolean;
  executed: boolean;
  diagnoses: { code: string; severity: string; path?: string; suggestion?: Record<string, unknown>; message: string }[];
  outcome?: {
    status: string;
    result?: unknown;
    reason?: string;
    error?: { name: string; message: string };
    console: { stdout: string; stderr: string; droppedBytes: number };
    durationMs: number;
  };
}

const callJson = async (tool: string, args: string, tools = BILLING, extra: string[] = []) => {
  const r = await runCli(["call", tool, args, "--tools", tools, "--json", ...extra]);
  return { r, doc: parseJsonOutput<CallDoc>(r) };
};
const codes = (doc: CallDoc) => doc.diagnoses.map((d) => d.code);

describe("tooldbg call: the seed failures", () => {
  it("runs a clean call and prints its result (exit 0)", async () => {
    const { r, doc } = await callJson("get_invoice_status", '{"invoice_id":"INV-123"}');
    expect(r.code).toBe(0);
    expect(doc).toMatchObject({ tooldbg: "call/1", ok: true, executed: true, diagnoses: [] });
    expect(doc.outcome).toMatchObject({ status: "ok", result: { invoice_id: "INV-123", status: "paid" } });
    expect(doc.outcome?.durationMs).toBeGreaterThanOrEqual(0);
  });

  it("`id` for `invoice_id`: unexpected + missing, rename suggested, not executed", async () => {
    const { r, doc } = await callJson("get_invoice_status", '{"id":"INV-123"}');
    expect(r.code).toBe(1);
    expect(codes(doc)).toEqual(["unexpected_argument", "missing_argument"]);
    expect(doc.diagnoses[0]).toMatchObject({ path: "id", suggestion: { rename: "invoice_id" } });
    expect(doc.executed).toBe(false);
  });

  it("a word for an integer: type_mismatch with no coercion", async () => {
    const { r, doc } = await callJson("create_ticket", '{"invoice_id":"INV-123","summary":"Amount looks wrong","priority":"high"}');
    expect(r.code).toBe(1);
    expect(doc.diagnoses).toEqual([expect.objectContaining({ code: "type_mismatch", path: "priority", expected: "integer", received: "string" })]);
    expect(doc.diagnoses[0]?.suggestion?.coerce).toBeUndefined();
  });

  it('"5" for an integer: coercion suggested', async () => {
    const { doc } = await callJson("create_ticket", '{"invoice_id":"INV-1","summary":"Wrong","priority":"5"}');
    expect(doc.diagnoses[0]).toMatchObject({ code: "type_mismatch", suggestion: { coerce: 5 } });
  });

  it("a Date in the result: non_serializable_result with its path", async () => {
    const { r, doc } = await callJson("get_payment_history", '{"invoice_id":"INV-123"}');
    expect(r.code).toBe(1);
    expect(doc.outcome?.status).toBe("ok");
    expect(doc.diagnoses).toEqual([expect.objectContaining({ code: "non_serializable_result", path: "payments.0.paid_at", received: "Date" })]);
  });

  it("a tool that throws: tool_error with its message and captured stderr", async () => {
    const { r, doc } = await callJson("send_invoice_email", '{"invoice_id":"INV-123","to":"billing@acme.test"}');
    expect(r.code).toBe(1);
    expect(codes(doc)).toEqual(["tool_error"]);
    expect(doc.outcome?.error?.message).toContain("SMTP 550");
    expect(doc.outcome?.console.stderr).toContain("smtp: connecting to relay");
  });

  it("an advertised tool with nothing to execute it: not_executable", async () => {
    const { r, doc } = await callJson("refund_invoice", '{"invoice_id":"INV-123","reason":"duplicate"}');
    expect(r.code).toBe(1);
    expect(codes(doc)).toEqual(["not_executable"]);
    expect(doc.executed).toBe(false);
  });

  it("arguments that are JSON but not an object: arguments_not_object", async () => {
    const { r, doc } = await callJson("get_invoice_status", '["INV-123"]');
    expect(r.code).toBe(1);
    expect(codes(doc)).toContain("arguments_not_object");
    const double = await callJson("get_invoice_status", JSON.stringify(JSON.stringify({ invoice_id: "INV-123" })));
    expect(double.doc.diagnoses[0]).toMatchObject({ code: "arguments_not_object", suggestion: { arguments: '{"invoice_id":"INV-123"}' } });
  });

  it("a value out of range: invalid_value", async () => {
    const { doc } = await callJson("create_ticket", '{"invoice_id":"INV-1","summary":"Wrong amount","priority":9}');
    expect(doc.diagnoses).toEqual([expect.objectContaining({ code: "invalid_value", path: "priority" })]);
  });

  it("--raw executes invalid arguments as a runtime would, reproducing the crash", async () => {
    const { r, doc } = await callJson("get_invoice_status", '{"id":"INV-123"}', BILLING, ["--raw"]);
    expect(r.code).toBe(1);
    expect(doc.executed).toBe(true);
    expect(doc.outcome?.error?.message).toBe("No invoice undefined");
    expect(codes(doc)).toEqual(["unexpected_argument", "missing_argument", "tool_error"]);
  });

  it("reads the arguments from stdin when ARGS_JSON is absent", async () => {
    const r = await runCli(["call", "get_invoice_status", "--tools", BILLING, "--json"], { input: '{"invoice_id":"INV-124"}\n' });
    expect(r.code).toBe(0);
    expect(parseJsonOutput<CallDoc>(r).outcome?.result).toMatchObject({ status: "open" });
  });

  it("says what is wrong in human output", async () => {
    const r = await runCli(["call", "get_invoice_status", '{"id":"INV-123"}', "--tools", BILLING]);
    expect(r.stdout).toContain("get_invoice_status(invoice_id: string)");
    expect(r.stdout).toMatch(/unexpected_argument id: .*\n\s+fix: rename "id" to "invoice_id"/);
    expect(r.stdout).toContain("not executed: the arguments fail validation");
  });

  it.each([
    ['{"invoice_id": "INV-1",}', /ARGS_JSON is not valid JSON \(line 1, column 24\)/],
    ["", /ARGS_JSON is empty/],
  ])("invalid JSON typed by the user is a usage error: %j", async (args, pattern) => {
    const r = await runCli(["call", "get_invoice_status", args, "--tools", BILLING]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(pattern);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
  });

  it("an unknown tool is a usage error that names the closest one", async () => {
    const r = await runCli(["call", "get_invoice", "{}", "--tools", BILLING]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown tool "get_invoice"; did you mean "get_invoice_status"\?/);
  });
});

describe("tooldbg call: hostile tools are contained", () => {
  it("a tool that hangs times out, and the next call in the same process still works", async () => {
    const started = Date.now();
    const { r, doc } = await callJson("hang", "{}", HOSTILE, ["--timeout", "300"]);
    expect(r.code).toBe(1);
    expect(codes(doc)).toEqual(["timeout"]);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it("a busy loop is killed at the timeout", async () => {
    const { doc } = await callJson("busy_loop", "{}", HOSTILE, ["--timeout", "300"]);
    expect(codes(doc)).toEqual(["timeout"]);
  });

  it("process.exit in a tool is a tool_error that says so", async () => {
    const { r, doc } = await callJson("exits", "{}", HOSTILE);
    expect(r.code).toBe(1);
    expect(doc.outcome).toMatchObject({ status: "crashed" });
    expect(doc.outcome?.reason).toMatch(/process\.exit\(3\)/);
    expect(codes(doc)).toEqual(["tool_error"]);
  });

  it("a throw keeps the error's name and message", async () => {
    const { doc } = await callJson("throws", "{}", HOSTILE);
    expect(doc.outcome?.error).toMatchObject({ name: "TypeError", message: expect.stringContaining("reading 'id'") });
  });

  it("a tool flooding stdout leaves --json one parseable document", async () => {
    const { r, doc } = await callJson("floods", "{}", HOSTILE);
    expect(r.code).toBe(0);
    expect(doc.outcome?.result).toEqual({ flooded: true });
    expect(doc.outcome?.console.droppedBytes).toBeGreaterThan(1_000_000);
    expect(r.stdout.length).toBeLessThan(1_000_000);
  });

  it("a huge result stays in the worker: its size and a preview come back, not the whole of it", async () => {
    const { r, doc } = await callJson("huge_result", "{}", HOSTILE);
    expect(r.code).toBe(0);
    const outcome = doc.outcome as CallDoc["outcome"] & { omittedResultChars?: number; preview?: string };
    expect(outcome.status).toBe("ok");
    expect(outcome.result).toBeUndefined();
    expect(outcome.omittedResultChars).toBeGreaterThan(20_000_000);
    expect(outcome.preview).toContain("rows");
    expect(r.stdout.length).toBeLessThan(200_000);
  });

  it("an unhandled rejection is reported as a tool_error", async () => {
    const { r, doc } = await callJson("rejects_later", "{}", HOSTILE);
    expect(r.code).toBe(1);
    expect(codes(doc)).toContain("tool_error");
    expect(JSON.stringify(doc.outcome)).toContain("background job failed");
  });

  it("console output is captured apart from tooldbg's own output", async () => {
    const r = await runCli(["call", "chatty", '{"n":21}', "--tools", HOSTILE]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/stdout:\n\s+│ computing 21/);
    expect(r.stdout).toMatch(/stderr:\n\s+│ deprecated path/);
    expect(r.stdout).toContain('{"doubled":42}');
  });
});
