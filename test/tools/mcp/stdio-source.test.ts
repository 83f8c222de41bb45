import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { McpSource } from "../../../src/tools/mcp/mcp-source.js";
import type { McpFrame } from "../../../src/tools/mcp/mcp-frame.js";
import type { ExecutionOutcome } from "../../../src/engine/executor/outcome.js";
import { SERVER, call, startFailure, startSource } from "./mcp-helpers.js";

const pidOf = (o: ExecutionOutcome) => (o.status === "ok" ? (o.result as { pid: number }).pid : undefined);
const serverPid = async (source: McpSource) => pidOf(await call(source, "server_pid", {}));
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe("an MCP server over stdio", () => {
  let source: McpSource;
  let frames: McpFrame[];
  beforeAll(async () => ({ source, frames } = await startSource(SERVER)));
  afterAll(() => source.close());

  it("tools/list gives tool specs: inputSchema as parameters, destructiveHint as side effects, readOnlyHint noted", () => {
    expect(source.serverName).toBe("fixture-billing");
    expect(source.tools.map((t) => t.name)).toEqual(["get_invoice_status", "set_priority", "delete_invoice", "lookup_customer", "server_pid", "explode", "noisy", "hang", "spin", "crash"]);
    const [status, priority, del] = source.tools;
    expect(status).toMatchObject({
      shape: "mcp",
      executable: true,
      sideEffects: false,
      source: { module: SERVER, exportName: "fixture-billing" },
      parameters: { type: "object", required: ["invoice_id"], additionalProperties: false },
      mcp: { server: SERVER, readOnly: true },
    });
    expect(priority?.parameters).toMatchObject({ properties: { priority: { enum: ["low", "normal", "high"] } } });
    expect(del).toMatchObject({ sideEffects: true, mcp: { destructive: true, readOnly: false } });
  });

  it("a good call runs through tools/call: structuredContent is the result", async () => {
    const o = await call(source, "get_invoice_status", { invoice_id: "INV-1" });
    expect(o).toMatchObject({ status: "ok", mode: "validated", result: { invoice_id: "INV-1", status: "paid" }, serialization: [] });
    expect(o.durationMs).toBeGreaterThan(0);
  });

  it("text content is the result when there is no structuredContent", async () => {
    expect(await call(source, "set_priority", { ticket_id: "T-1", priority: "high" })).toMatchObject({ status: "ok", result: "ticket T-1 set to high" });
  });

  it("isError: true is an error outcome of the execute phase", async () => {
    expect(await call(source, "lookup_customer", { customer_id: "C-9" })).toMatchObject({
      status: "error",
      phase: "execute",
      error: { name: "ToolError", message: "customer C-9 not found" },
    });
  });

  it("a JSON-RPC error is an error outcome; what the server wrote to stderr meanwhile is the call's console", async () => {
    const o = await call(source, "explode", {});
    expect(o).toMatchObject({ status: "error", phase: "execute", error: { name: "JSON-RPC error -32603", message: "database exploded" } });
    expect(o.console.stderr).toBe("explode: connecting to the database\n");
  });

  it("server log notifications are captured with the call's stderr, and streamed to an observer", async () => {
    const streamed: string[] = [];
    const o = await source.call({ tool: "noisy", args: {}, mode: "validated" }, { onOutput: (stream, text) => streamed.push(`${stream}:${text}`) });
    expect(streamed.every((line) => line.startsWith("stderr:"))).toBe(true);
    expect(streamed.map((line) => line.slice("stderr:".length)).join("")).toBe(o.console.stderr);
    expect(o.console.stderr).toContain("noisy: working on it\n");
    expect(o.console.stderr).toContain("[info noisy] halfway there\n");
  });

  it("a call that hangs times out; the server still answers pings, so it is kept", async () => {
    const before = await serverPid(source);
    expect(await call(source, "hang", {}, 300)).toMatchObject({ status: "timeout", timeoutMs: 300 });
    expect(frames.some((f) => f.direction === "out" && "method" in f.message && f.message.method === "notifications/cancelled")).toBe(true);
    expect(await serverPid(source)).toBe(before);
    expect(source.restarts).toBe(0);
  });

  it("a call that wedges the server times out, and the next call gets a fresh server", async () => {
    const before = await serverPid(source);
    expect(await call(source, "spin", {}, 300)).toMatchObject({ status: "timeout" });
    const after = await serverPid(source);
    expect(after).toBeTypeOf("number");
    expect(after).not.toBe(before);
    expect(alive(before as number)).toBe(false);
  });

  it("a server that dies mid-call is that call's crashed outcome, with its exit code and stderr; the next call reconnects", async () => {
    const restarts = source.restarts;
    const o = await call(source, "crash", { code: 7 });
    expect(o.status).toBe("crashed");
    if (o.status === "crashed") expect(o.reason).toBe('the MCP server exited with code 7; its stderr ends: "fatal: out of widgets"');
    expect(o.console.stderr).toBe("fatal: out of widgets\n");
    expect(await call(source, "get_invoice_status", { invoice_id: "INV-6" })).toMatchObject({ status: "ok" });
    expect(source.restarts).toBe(restarts + 1);
  });

  it("a server killed while idle is started again for the next call", async () => {
    const before = await serverPid(source);
    const restarts = source.restarts;
    process.kill(before as number, "SIGKILL");
    await expect.poll(() => alive(before as number)).toBe(false);
    const after = await serverPid(source);
    expect(after).toBeTypeOf("number");
    expect(after).not.toBe(before);
    expect(source.restarts).toBe(restarts + 1);
  });

  it("raw arguments the server rejects come back as its answer, not an exception", async () => {
    const o = await source.call({ tool: "get_invoice_status", args: ["INV-1"], mode: "raw" });
    expect(o.status).toBe("error");
    expect(o.mode).toBe("raw");
  });

  it("every JSON-RPC frame is recorded in order, with direction and time", () => {
    const methods = frames.flatMap((f) => (f.direction !== "junk" && "method" in f.message ? [`${f.direction} ${f.message.method}`] : []));
    expect(methods.slice(0, 4)).toEqual(["out initialize", "out notifications/initialized", "out tools/list", "out tools/call"]);
    const answered = frames.filter((f) => f.direction === "in" && "id" in f.message);
    expect(answered.length).toBeGreaterThan(5);
    for (const [i, f] of frames.entries()) {
      expect(f.server).toBe(SERVER);
      expect(f.time).toBeInstanceOf(Date);
      if (i > 0) expect(f.time.getTime()).toBeGreaterThanOrEqual((frames[i - 1] as McpFrame).time.getTime());
    }
  });
});

describe("closing", () => {
  it("stops the server process", async () => {
    const { source } = await startSource(SERVER);
    const pid = source.pid as number;
    expect(alive(pid)).toBe(true);
    await source.close();
    expect(alive(pid)).toBe(false);
    expect(await call(source, "get_invoice_status", { invoice_id: "INV-1" })).toMatchObject({ status: "crashed", reason: "the MCP connection is closed" });
  });
});

describe("servers that cannot be used say why in one line", () => {
  it("a missing command", async () => {
    expect(await startFailure("no-such-mcp-server --stdio")).toBe('cannot start MCP server "no-such-mcp-server --stdio": command "no-such-mcp-server" not found (check the command line and PATH)');
  });

  it("a server that exits at startup: its exit code and last stderr line", async () => {
    expect(await startFailure(`${SERVER} --fail-start`)).toBe(
      `MCP server "${SERVER} --fail-start" exited with code 1 before answering initialize; its stderr ends: "error: MCP_FIXTURE_TOKEN is not set"`,
    );
  });

  it("a program that writes junk on stdout and never speaks MCP", async () => {
    const message = await startFailure("node test/fixtures/mcp/not-mcp.mjs", { startupTimeoutMs: 1500 });
    expect(message).toBe(
      `MCP server "node test/fixtures/mcp/not-mcp.mjs" did not answer initialize within 1500 ms; it wrote non-JSON-RPC text on stdout ("Welcome to the billing service!"): a stdio MCP server must keep stdout for protocol messages and log to stderr`,
    );
    expect(message).not.toContain("\n");
  });

  it("a bad --mcp value", async () => {
    expect(await startFailure(`node 'server.mjs`)).toBe(`--mcp "node 'server.mjs": unterminated ' quote`);
  });

  it("a server that logs on stdout but works: a warning, the junk kept as a frame", async () => {
    const { source, frames } = await startSource(`${SERVER} --banner`);
    try {
      expect(source.tools.length).toBe(10);
      expect(frames.filter((f) => f.direction === "junk")).toEqual([expect.objectContaining({ text: "Billing MCP server v1.0 starting on stdio" })]);
      expect(await call(source, "get_invoice_status", { invoice_id: "INV-1" })).toMatchObject({ status: "ok" });
    } finally {
      await source.close();
    }
  });
});
