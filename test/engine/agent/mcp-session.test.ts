import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadAgent } from "../../../src/engine/agent/load-agent.js";
import { startAgentSession } from "../../../src/engine/agent/start-agent-session.js";
import { sessionSchemas } from "../../../src/engine/session/session-format.js";

const SERVER = "node test/fixtures/mcp/server.mjs";
const SCRATCH = mkdtempSync(path.join(tmpdir(), "tooldbg-agent-mcp-"));
afterAll(() => rmSync(SCRATCH, { recursive: true, force: true }));

describe("loadAgent with --mcp servers", () => {
  it("the server's tools follow the agent's own; the worker's agent metadata is still read", async () => {
    const { tools, agent, warnings } = await loadAgent("test/fixtures/agents/mcp-agent.ts", { mcp: [SERVER], timeoutMs: 5_000 });
    try {
      expect(agent.prompt).toBe("is INV-123 paid?");
      expect(agent.script).toHaveLength(4);
      expect(agent.tools.map((t) => t.name)).toEqual(["get_invoice_status", "set_priority", "delete_invoice", "lookup_customer", "server_pid", "explode", "noisy", "hang", "spin", "crash"]);
      expect(agent.tools.find((t) => t.name === "delete_invoice")).toMatchObject({ shape: "mcp", sideEffects: true, executable: true });
      // All of its tools come from the server: "no tools in the module" is not worth a warning.
      expect(warnings).toEqual([]);
      expect(tools.host?.agents.map((a) => a.module)).toEqual([path.resolve("test/fixtures/agents/mcp-agent.ts")]);
      expect(tools.mcp).toHaveLength(1);
    } finally {
      await tools.close();
    }
  });

  it("an agent's own tool shadows the server's of the same name, and says so", async () => {
    const { tools, agent, warnings } = await loadAgent("test/fixtures/agents/mcp-shadow-agent.ts", { mcp: [SERVER], timeoutMs: 5_000 });
    try {
      expect(agent.tools.filter((t) => t.name === "get_invoice_status")).toMatchObject([{ shape: "tooldbg", description: "Local stand-in" }]);
      expect(agent.tools).toHaveLength(10);
      expect(warnings).toEqual([expect.stringMatching(/^tool "get_invoice_status" is defined by .*mcp-shadow-agent\.ts and by --mcp node test\/fixtures\/mcp\/server\.mjs; using the one from /)]);
    } finally {
      await tools.close();
    }
  });

  it("a server that cannot start is a one-line start error", async () => {
    await expect(loadAgent("test/fixtures/agents/mcp-agent.ts", { mcp: ["no-such-mcp-server"] })).rejects.toThrow(
      'cannot start MCP server "no-such-mcp-server": command "no-such-mcp-server" not found (check the command line and PATH)',
    );
  });
});

describe("startAgentSession with --mcp", () => {
  it("appends every frame as an mcp event stamped when it crossed, startup frames first, the end event last", async () => {
    const lines: string[] = [];
    const file = path.join(SCRATCH, "s.jsonl");
    const session = await startAgentSession({ module: "test/fixtures/agents/mcp-agent.ts", mcp: [SERVER], env: {}, breakMode: "never", sessionFile: file, onSessionLine: (line) => lines.push(line) });
    expect(await session.run()).toBe("answered");
    await session.close();
    expect(readFileSync(file, "utf8")).toBe(lines.map((line) => `${line}\n`).join(""));
    const events = lines.slice(1).map((line) => sessionSchemas().event.parse(JSON.parse(line)));
    const firstUser = events.findIndex((e) => e.type === "user");
    expect(events.slice(0, firstUser).map((e) => e.type)).toEqual(["mcp", "mcp", "mcp", "mcp", "mcp"]);
    const frames = events.filter((e) => e.type === "mcp");
    // Frames keep their own times: the startup ones are older than the header's startedAt.
    const startedAt = (JSON.parse(lines[0] ?? "{}") as { startedAt: string }).startedAt;
    expect(frames[0]?.t.localeCompare(startedAt)).toBeLessThanOrEqual(0);
    expect(frames.every((f) => f.type === "mcp" && f.server === SERVER && (f.direction === "in" || f.direction === "out"))).toBe(true);
    expect(events.at(-1)?.type).toBe("end");
  });
});
