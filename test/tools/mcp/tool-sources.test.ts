import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startTools } from "../../../src/cli/start-tools.js";
import { UsageError } from "../../../src/cli/usage-error.js";
import { checkCall } from "../../../src/engine/fixtures/check-call.js";
import { SessionWriter } from "../../../src/engine/session/session-writer.js";
import { sessionSchemas } from "../../../src/engine/session/session-format.js";
import { frameEvent } from "../../../src/tools/mcp/frame-event.js";
import type { McpFrame } from "../../../src/tools/mcp/mcp-frame.js";
import type { ToolSources } from "../../../src/tools/mcp/tool-sources.js";
import { SERVER } from "./mcp-helpers.js";

const BILLING = "examples/billing/tools.ts";

describe("--tools and --mcp behind one runner", () => {
  let sources: ToolSources;
  const seen: McpFrame[] = [];
  let warnings = "";
  beforeAll(async () => {
    const write = vi.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => {
      warnings += String(chunk);
      return true;
    });
    try {
      sources = await startTools([BILLING], { mcp: [SERVER], timeoutMs: 5_000, onFrame: (f) => seen.push(f) });
    } finally {
      write.mockRestore();
    }
  });
  afterAll(() => sources.close());

  it("offers the tools of both; a name in both is the module's, and the collision is reported", () => {
    const names = sources.tools.map((t) => t.name);
    expect(names).toContain("create_ticket");
    expect(names).toContain("set_priority");
    expect(names.filter((n) => n === "get_invoice_status")).toHaveLength(1);
    expect(sources.tools.find((t) => t.name === "get_invoice_status")?.shape).toBe("tooldbg");
    expect(sources.collisions).toEqual([{ tool: "get_invoice_status", kept: resolve(BILLING), ignored: [`--mcp ${SERVER}`] }]);
    expect(warnings).toBe(`tooldbg: warning: tool "get_invoice_status" is defined by ${resolve(BILLING)} and by --mcp ${SERVER}; using the one from ${resolve(BILLING)}\n`);
  });

  it("routes each call to the source that owns the tool", async () => {
    // The module's tool, not the server's: the example knows only INV-123, the server any INV-n.
    expect(await sources.call({ tool: "get_invoice_status", args: { invoice_id: "INV-123" }, argumentsText: '{"invoice_id":"INV-123"}', mode: "validated" })).toMatchObject({ status: "ok" });
    expect(await sources.call({ tool: "get_invoice_status", args: { invoice_id: "INV-7" }, argumentsText: '{"invoice_id":"INV-7"}', mode: "validated" })).toMatchObject({ status: "error" });
    expect(await sources.call({ tool: "set_priority", args: { ticket_id: "T", priority: "low" }, argumentsText: "", mode: "validated" })).toMatchObject({ status: "ok", result: "ticket T set to low" });
    expect(await sources.call({ tool: "nope", args: {}, argumentsText: "{}", mode: "validated" })).toMatchObject({ status: "error", error: { name: "UnknownTool" } });
  });

  it("the shared diagnose-then-execute path diagnoses against the MCP tool's inputSchema", async () => {
    const wrong = await checkCall(sources, { tool: "set_priority", arguments: '{"ticket":"T-1","priority":"urgent"}' });
    expect(wrong.skipped).toBe(true);
    expect(wrong.findings.map((f) => f.code)).toEqual(["unexpected_argument", "missing_argument", "invalid_value"]);
    const failing = await checkCall(sources, { tool: "lookup_customer", arguments: '{"customer_id":"C-1"}' });
    expect(failing.findings.map((f) => f.code)).toEqual(["tool_error"]);
  });

  it("frames reach the listener from initialize on, and a session can append them", () => {
    expect(seen.length).toBe(sources.frames.frames.length);
    const first = seen[0];
    expect(first?.direction === "out" && "method" in first.message && first.message.method).toBe("initialize");
    const dir = mkdtempSync(join(tmpdir(), "tooldbg-mcp-session-"));
    try {
      const writer = SessionWriter.create(dir, { mode: "scripted", agent: "mcp-test" });
      for (const frame of seen) writer.append(frameEvent(frame), frame.time);
      writer.close();
      const [header, ...lines] = readFileSync(writer.path, "utf8").trim().split("\n");
      expect(sessionSchemas().header.safeParse(JSON.parse(header ?? "")).success).toBe(true);
      const events = lines.map((line) => sessionSchemas().event.parse(JSON.parse(line)));
      expect(events).toHaveLength(seen.length);
      expect(events[0]).toMatchObject({ type: "mcp", server: SERVER, direction: "out", message: { method: "initialize" }, t: first?.time.toISOString() });
      expect(events.some((e) => e.type === "mcp" && e.direction === "in")).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("startTools refuses what cannot start, and leaves nothing running", () => {
  it("a server that cannot start is a usage error even beside a good module", async () => {
    await expect(startTools([BILLING], { mcp: ["no-such-mcp-server"] })).rejects.toThrow(new UsageError('cannot start MCP server "no-such-mcp-server": command "no-such-mcp-server" not found (check the command line and PATH)'));
  });

  it("nothing given at all", async () => {
    await expect(startTools([], {})).rejects.toThrow(/--tools MODULE is required \(or --mcp CMD_OR_URL\)/);
  });

  it("--mcp alone is enough", async () => {
    const sources = await startTools([], { mcp: [SERVER] });
    try {
      expect(sources.host).toBeUndefined();
      expect(sources.tools).toHaveLength(10);
    } finally {
      await sources.close();
    }
  });
});
