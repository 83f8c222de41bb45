import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli, parseJsonOutput, type CliResult } from "../helpers/run-cli.js";
import { startHttpFixture } from "../tools/mcp/mcp-helpers.js";

const SERVER = "node test/fixtures/mcp/server.mjs";
const LOG = "test/fixtures/mcp/mcp-calls.jsonl";

interface Frame {
  direction: string;
  time: string;
  message?: { method?: string; id?: number; result?: unknown };
}
interface CallDoc {
  ok: boolean;
  executed: boolean;
  diagnoses: { code: string; path?: string; suggestion?: Record<string, unknown> }[];
  outcome?: { status: string; result?: unknown; reason?: string; error?: { name: string; message: string }; console: { stderr: string } };
  mcpFrames?: Frame[];
}

const freePort = () =>
  new Promise<number>((resolve) => {
    const probe = createServer();
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });

const oneLineError = (r: CliResult, text: string | RegExp) => {
  expect(r.code).toBe(2);
  expect(r.stdout).toBe("");
  const lines = r.stderr.trimEnd().split("\n");
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(typeof text === "string" ? new RegExp(`^tooldbg: ${text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`) : text);
  expect(r.stderr).not.toMatch(/\n\s+at /);
};

describe("tooldbg with --mcp (stdio)", () => {
  it("schema lists the server's tools and the JSON Schema from tools/list", async () => {
    const r = await runCli(["schema", "--mcp", SERVER]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("get_invoice_status(invoice_id: string)");
    expect(r.stdout).toContain(`from ${SERVER} (fixture-billing, mcp)`);
    expect(r.stdout).toMatch(/delete_invoice\(invoice_id: string\)\s+\[side effects\]/);
    expect(r.stdout).toMatch(/get_invoice_status\(invoice_id: string\)\s+\[read-only\]/);
    expect(r.stdout).toContain('one of "low", "normal", "high"');
    const json = parseJsonOutput<{ tools: { name: string; shape: string; sideEffects: boolean; mcp: { readOnly?: boolean } }[] }>(await runCli(["schema", "--mcp", SERVER, "--json"]));
    expect(json.tools).toHaveLength(10);
    expect(json.tools[0]).toMatchObject({ name: "get_invoice_status", shape: "mcp", sideEffects: false, mcp: { readOnly: true } });
  });

  it("call diagnoses wrong arguments against the inputSchema and does not send them", async () => {
    const r = await runCli(["call", "get_invoice_status", '{"wrong":1}', "--mcp", SERVER, "--json"]);
    expect(r.code).toBe(1);
    const doc = parseJsonOutput<CallDoc>(r);
    expect(doc.diagnoses.map((d) => d.code)).toEqual(["unexpected_argument", "missing_argument"]);
    expect(doc.executed).toBe(false);
    expect(doc.mcpFrames?.some((f) => f.message?.method === "tools/call")).toBe(false);
  });

  it("a good call executes through tools/call, and the frames are in the JSON", async () => {
    const r = await runCli(["call", "get_invoice_status", '{"invoice_id":"INV-42"}', "--mcp", SERVER, "--json"]);
    expect(r.code).toBe(0);
    const doc = parseJsonOutput<CallDoc>(r);
    expect(doc).toMatchObject({ ok: true, executed: true, outcome: { status: "ok", result: { invoice_id: "INV-42", status: "paid" } } });
    const frames = doc.mcpFrames ?? [];
    expect(frames.map((f) => `${f.direction} ${f.message?.method ?? "result"}`)).toEqual([
      "out initialize",
      "in result",
      "out notifications/initialized",
      "out tools/list",
      "in result",
      "out tools/call",
      "in result",
    ]);
    const request = frames[5]?.message;
    expect(request).toMatchObject({ method: "tools/call", params: { name: "get_invoice_status", arguments: { invoice_id: "INV-42" } } });
    expect(frames[6]?.message?.id).toBe(request?.id);
    expect(Number.isNaN(Date.parse(frames[0]?.time ?? ""))).toBe(false);
  });

  it("human output of a good call and of failing ones", async () => {
    const good = await runCli(["call", "set_priority", '{"ticket_id":"T-1","priority":"high"}', "--mcp", SERVER]);
    expect(good.code).toBe(0);
    expect(good.stdout).toContain('result: "ticket T-1 set to high"');
    const isError = await runCli(["call", "lookup_customer", '{"customer_id":"C-1"}', "--mcp", SERVER, "--json"]);
    expect(isError.code).toBe(1);
    expect(parseJsonOutput<CallDoc>(isError)).toMatchObject({ diagnoses: [{ code: "tool_error" }], outcome: { status: "error", error: { message: "customer C-1 not found" } } });
    const crash = await runCli(["call", "crash", "{}", "--mcp", SERVER]);
    expect(crash.code).toBe(1);
    expect(crash.stdout).toContain('the MCP server exited with code 3; its stderr ends: "fatal: out of widgets"');
    const hang = await runCli(["call", "hang", "{}", "--mcp", SERVER, "--timeout", "500", "--json"]);
    expect(parseJsonOutput<CallDoc>(hang)).toMatchObject({ diagnoses: [{ code: "timeout" }], outcome: { status: "timeout" } });
  });

  it("scan checks logged calls against the MCP tools; --execute runs the valid ones, side effects only when allowed", async () => {
    const r = await runCli(["scan", LOG, "--mcp", SERVER, "--json", "--execute"]);
    expect(r.code).toBe(1);
    const doc = parseJsonOutput<{ calls: { callId: string; diagnoses: { code: string }[]; execution?: { status: string }; notes?: string[] }[] }>(r);
    const byId = Object.fromEntries(doc.calls.map((c) => [c.callId, c]));
    expect(byId.call_a?.diagnoses.map((d) => d.code)).toEqual(["unexpected_argument", "missing_argument"]);
    expect(byId.call_b?.diagnoses.map((d) => d.code)).toEqual(["invalid_value"]);
    expect(byId.call_c?.execution?.status).toBe("ok");
    expect(byId.call_d?.execution).toBeUndefined();
    expect(byId.call_d?.notes?.join(" ")).toContain("side effects");
    expect(byId.call_e?.diagnoses.map((d) => d.code)).toEqual(["tool_error"]);
    expect(byId.call_f?.diagnoses.map((d) => d.code)).toEqual(["unknown_tool"]);
    const human = await runCli(["scan", LOG, "--mcp", SERVER]);
    expect(human.code).toBe(1);
    expect(human.stdout).toContain("6 tool calls, 3 failing");
  });

  it("export and test replay a call against the server", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tooldbg-mcp-fixtures-"));
    try {
      const exported = await runCli(["export", LOG, "--call", "call_a", "--out", dir, "--mcp", SERVER]);
      expect(exported.code).toBe(0);
      expect(exported.stdout).toMatch(/fixture: .*get_invoice_status/);
      const replayed = await runCli(["test", dir, "--mcp", SERVER]);
      expect(replayed.stdout).toContain("1 passed, 0 failed");
      expect(replayed.code).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("--tools and --mcp together: the collision is a warning, both sets of tools work", async () => {
    const r = await runCli(["call", "set_priority", '{"ticket_id":"T","priority":"low"}', "--tools", "examples/billing/tools.ts", "--mcp", SERVER]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^tooldbg: warning: tool "get_invoice_status" is defined by .*examples\/billing\/tools\.ts and by --mcp node test\/fixtures\/mcp\/server\.mjs; using the one from /);
  });
});

describe("servers that cannot be used: one line, exit 2", () => {
  it("a missing command", async () => {
    oneLineError(await runCli(["schema", "--mcp", "no-such-mcp-server --stdio"]), 'cannot start MCP server "no-such-mcp-server --stdio": command "no-such-mcp-server" not found');
  });

  it("a program that writes junk on stdout instead of MCP", async () => {
    oneLineError(
      await runCli(["call", "x", "{}", "--mcp", "node test/fixtures/mcp/not-mcp.mjs", "--timeout", "1500"]),
      // --timeout bounds startup too, but never below 5 s.
      'MCP server "node test/fixtures/mcp/not-mcp.mjs" did not answer initialize within 5000 ms; it wrote non-JSON-RPC text on stdout ("Welcome to the billing service!")',
    );
  });

  it("a server that exits at startup", async () => {
    oneLineError(await runCli(["schema", "--mcp", `${SERVER} --fail-start`]), `MCP server "${SERVER} --fail-start" exited with code 1 before answering initialize; its stderr ends: "error: MCP_FIXTURE_TOKEN is not set"`);
  });

  it("a server that logs on stdout but works: a warning line, and it runs", async () => {
    const r = await runCli(["call", "get_invoice_status", '{"invoice_id":"INV-1"}', "--mcp", `${SERVER} --banner`]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^tooldbg: warning: MCP server ".*--banner" wrote non-JSON-RPC text on stdout \("Billing MCP server v1.0 starting on stdio"\)/);
  });

  it("an unknown tool on a good server", async () => {
    oneLineError(await runCli(["call", "get_invoice", "{}", "--mcp", SERVER]), 'unknown tool "get_invoice"; did you mean "get_invoice_status"?');
  });
});

describe("tooldbg with --mcp (streamable HTTP)", () => {
  let fixture: Awaited<ReturnType<typeof startHttpFixture>>;
  beforeAll(async () => (fixture = await startHttpFixture()));
  afterAll(() => fixture.stop());

  it("schema and call work against the URL", async () => {
    const schema = await runCli(["schema", "--mcp", fixture.url]);
    expect(schema.code).toBe(0);
    expect(schema.stdout).toContain(`from ${fixture.url} (fixture-billing, mcp)`);
    const r = await runCli(["call", "get_invoice_status", '{"invoice_id":"INV-9"}', "--mcp", fixture.url, "--json"]);
    expect(r.code).toBe(0);
    expect(parseJsonOutput<CallDoc>(r).outcome).toMatchObject({ status: "ok", result: { invoice_id: "INV-9" } });
  });

  it("nothing listening: one line, exit 2", async () => {
    const port = await freePort();
    oneLineError(await runCli(["schema", "--mcp", `http://127.0.0.1:${port}/mcp`]), `cannot connect to MCP server at http://127.0.0.1:${port}/mcp: connection refused`);
  });
});

it("--help mentions --mcp", async () => {
  for (const command of ["call", "schema", "scan", "test", "export"]) {
    expect((await runCli([command, "--help"])).stdout).toContain("--mcp CMD_OR_URL");
  }
});
