import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { startTools } from "../../src/cli/start-tools.js";
import { startAgentSession } from "../../src/engine/agent/start-agent-session.js";
import { createOpenWorkbench } from "../../src/engine/workbench/open-workbench.js";
import type { McpFrame } from "../../src/tools/mcp/mcp-frame.js";
import { parseJsonOutput, runCli } from "../helpers/run-cli.js";
import { startFakeOpenAI, type FakeOpenAIServer } from "../helpers/fake-openai-server.js";
import { callById, logsFor, select, waitFor } from "../engine/workbench/open-helpers.js";

// `tooldbg run --mcp` through the built binary (npm test builds dist/ first); last, `open --mcp`
// at the unit level: the session such a run writes, re-run from the open workbench's controller.
const AGENT = "test/fixtures/agents/mcp-agent.ts";
const SERVER = "node test/fixtures/mcp/server.mjs";
const REPLAY = "test/fixtures/agents/replay-delete.jsonl";
const OFFLINE = { OPENAI_API_KEY: undefined, OPENAI_BASE_URL: undefined };
const FAKE_KEY = "sk-test-RUNMCPKEY0123456789abcdefgh";
const dirs: string[] = [];
const sessionFile = () => {
  const dir = mkdtempSync(path.join(tmpdir(), "tooldbg-run-mcp-"));
  dirs.push(dir);
  return path.join(dir, "session.jsonl");
};
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

let server: FakeOpenAIServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

interface SessionLine {
  tooldbg?: string;
  type?: string;
  t?: string;
  seq?: number;
  server?: string;
  direction?: string;
  message?: { method?: string; id?: number; params?: { name?: string; arguments?: unknown }; result?: unknown };
  tools?: { name: string; parameters: unknown }[];
  [key: string]: unknown;
}
const readSession = (file: string): SessionLine[] =>
  readFileSync(file, "utf8")
    .trimEnd()
    .split("\n")
    .map((line) => JSON.parse(line) as SessionLine);
const framesOf = (lines: SessionLine[]) => lines.filter((line) => line.type === "mcp");
const toolCallsSent = (lines: SessionLine[]) => framesOf(lines).filter((f) => f.direction === "out" && f.message?.method === "tools/call").map((f) => f.message?.params);

describe("tooldbg run --mcp --headless", () => {
  it("the server's tools join the agent's: diagnosed against inputSchema, run through tools/call, every frame in the session", async () => {
    const file = sessionFile();
    const r = await runCli(["run", AGENT, "--headless", "--mcp", SERVER, "--session", file], { env: OFFLINE });
    // The wrong argument name fails the run.
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toBe("");
    const out = r.stdout;
    expect(out).toContain(`mcp: ${SERVER} · get_invoice_status, set_priority, delete_invoice`);
    expect(out).toContain('result: {"invoice_id":"INV-123","status":"paid"}');
    expect(out).toMatch(/✗ get_invoice_status \{"id":"INV-123"\} \(call_wrong_name\)\n.*unexpected_argument id: .*\n\s+fix: rename "id" to "invoice_id"\n.*missing_argument invoice_id/);
    expect(out).toContain("get_invoice_status was not run");
    // The server's stderr and log messages during a call are that call's console.
    expect(out).toContain("noisy: working on it");
    expect(out).toContain("[info noisy] halfway there");
    expect(out).toMatch(/ended: answered · 3 calls, 1 failed · session .*session\.jsonl\n$/);

    const lines = readSession(file);
    expect(lines[0]?.tooldbg).toBe("session/1");
    // What the model was shown: the MCP tool with its inputSchema as the parameters.
    expect(lines[0]?.tools?.find((t) => t.name === "get_invoice_status")?.parameters).toMatchObject({ required: ["invoice_id"], additionalProperties: false });
    const frames = framesOf(lines);
    expect(frames.map((f) => [f.direction, f.message?.method ?? "(answer)"]).slice(0, 5)).toEqual([
      ["out", "initialize"],
      ["in", "(answer)"],
      ["out", "notifications/initialized"],
      ["out", "tools/list"],
      ["in", "(answer)"],
    ]);
    for (const f of frames) {
      expect(f.server).toBe(SERVER);
      expect(Number.isNaN(Date.parse(f.t ?? ""))).toBe(false);
    }
    // Arguments that fail validation never reach the server.
    expect(toolCallsSent(lines)).toEqual([
      { name: "get_invoice_status", arguments: { invoice_id: "INV-123" } },
      { name: "noisy", arguments: {} },
    ]);
    expect(frames.some((f) => f.direction === "in" && f.message?.method === "notifications/message")).toBe(true);
    // The call's frames sit between its executing and execution events, in the order they happened.
    const types = lines.slice(1).map((l) => (l.type === "mcp" ? `mcp:${l.direction}` : l.type));
    const executing = types.indexOf("executing");
    expect(types.slice(executing, executing + 4)).toEqual(["executing", "mcp:out", "mcp:in", "execution"]);
    expect(lines.slice(1).map((l) => l.seq)).toEqual(lines.slice(1).map((_, i) => i));

    // The session reads back as a log: three calls, the wrong one failing; frames are not calls.
    const scan = await runCli(["scan", file, "--json"]);
    expect(scan.code).toBe(1);
    const doc = parseJsonOutput<{ files: { format: string; errors: unknown[] }[]; calls: { callId: string; ok: boolean }[]; summary: { calls: number; failing: number } }>(scan);
    expect(doc.files).toMatchObject([{ format: "tooldbg", errors: [] }]);
    expect(doc.calls.map((c) => [c.callId, c.ok])).toEqual([
      ["call_good", true],
      ["call_wrong_name", false],
      ["call_noisy", true],
    ]);
    expect(doc.summary).toMatchObject({ calls: 3, failing: 1 });
  });

  it("--json prints the session's lines, mcp frames among them, exactly as written", async () => {
    const file = sessionFile();
    const r = await runCli(["run", AGENT, "--headless", "--json", "--mcp", SERVER, "--session", file], { env: OFFLINE });
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout).toBe(readFileSync(file, "utf8"));
    expect(framesOf(readSession(file)).length).toBeGreaterThanOrEqual(9);
  });

  it("a live model is offered the MCP tools as function tools with their inputSchema", async () => {
    server = await startFakeOpenAI({
      apiKey: FAKE_KEY,
      turns: [{ toolCalls: [{ id: "call_live", name: "set_priority", arguments: '{"ticket_id":"T-1","priority":"urgent"}' }] }, { content: "ok" }],
    });
    const file = sessionFile();
    const r = await runCli(["run", AGENT, "--headless", "--mcp", SERVER, "--base-url", server.baseURL, "--session", file], { env: { ...OFFLINE, OPENAI_API_KEY: FAKE_KEY } });
    expect(r.code, r.stderr).toBe(1);
    const tools = server.requests[0]?.body.tools as { type: string; function: { name: string; parameters: unknown } }[];
    expect(tools.map((t) => t.function.name)).toContain("delete_invoice");
    expect(tools.find((t) => t.function.name === "set_priority")).toMatchObject({
      type: "function",
      function: { parameters: { properties: { priority: { enum: ["low", "normal", "high"] } }, required: ["ticket_id", "priority"] } },
    });
    expect(r.stdout).toContain("invalid_value priority");
    expect(toolCallsSent(readSession(file))).toEqual([]);
  });

  it("a destructive MCP tool from a replayed log is skipped like any side-effecting tool; --allow-side-effects sends it", async () => {
    const file = sessionFile();
    const r = await runCli(["run", AGENT, "--headless", "--mcp", SERVER, "--replay", REPLAY, "--session", file], { env: OFFLINE });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("delete_invoice declares side effects: not run from a replayed log (--allow-side-effects runs it)");
    expect(toolCallsSent(readSession(file))).toEqual([{ name: "get_invoice_status", arguments: { invoice_id: "INV-123" } }]);

    const allowed = sessionFile();
    const run = await runCli(["run", AGENT, "--headless", "--mcp", SERVER, "--replay", REPLAY, "--allow-side-effects", "--session", allowed], { env: OFFLINE });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(`result: "deleted INV-9"`);
    expect(toolCallsSent(readSession(allowed)).map((p) => p?.name)).toEqual(["delete_invoice", "get_invoice_status"]);
  });

  it("without --mcp the agent's calls are to tools nobody has", async () => {
    const r = await runCli(["run", AGENT, "--headless", "--session", sessionFile()], { env: OFFLINE });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("unknown_tool");
  });

  it("a server that cannot start is one line, exit 2, and no session file", async () => {
    const file = sessionFile();
    const r = await runCli(["run", AGENT, "--headless", "--mcp", `${SERVER} --fail-start`, "--session", file], { env: OFFLINE });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe(`tooldbg: MCP server "${SERVER} --fail-start" exited with code 1 before answering initialize; its stderr ends: "error: MCP_FIXTURE_TOKEN is not set"\n`);
    expect(() => readFileSync(file)).toThrow();
  });
});

describe("tooldbg run --max-steps", () => {
  it("stops after N model turns, and a session cut off there fails the smoke test", async () => {
    const r = await runCli(["run", AGENT, "--headless", "--mcp", SERVER, "--max-steps", "1", "--session", sessionFile()], { env: OFFLINE });
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout).toMatch(/ended: max_steps · 1 call, 0 failed/);
    expect(r.stdout).not.toContain("step 2");
  });

  it("takes a positive whole number", async () => {
    for (const bad of ["0", "-1", "2.5", "ten"]) {
      const r = await runCli(["run", AGENT, "--headless", `--max-steps=${bad}`], { env: OFFLINE });
      expect(r.code).toBe(2);
      expect(r.stderr).toBe(`tooldbg: --max-steps takes a positive whole number of model turns, got "${bad}"\n`);
    }
  });
});

describe("open SESSION --mcp: the workbench re-runs logged calls through the MCP server", () => {
  it("a session recorded with run --mcp loads (frames are not calls), and r sends the call as tools/call", async () => {
    const file = sessionFile();
    const recorded = await startAgentSession({ module: AGENT, mcp: [SERVER], env: {}, breakMode: "never", sessionFile: file });
    try {
      expect(await recorded.run()).toBe("answered");
    } finally {
      await recorded.close();
    }
    expect(framesOf(readSession(file)).length).toBeGreaterThan(0);

    // What `open` does with --mcp: startTools, then the workbench over the logs with that runner.
    const frames: McpFrame[] = [];
    const runner = await startTools([], { mcp: [SERVER], timeoutMs: 5_000, onFrame: (frame) => frames.push(frame) });
    const workbench = createOpenWorkbench({ logs: await logsFor(file), runner, exportDir: path.dirname(file), timeoutMs: 5_000, inProcess: true });
    try {
      const state = await waitFor(workbench, (s) => s.load?.done === true);
      expect(state.load?.badLines).toBe(0);
      expect(state.calls.map((c) => c.id)).toEqual(["call_good", "call_wrong_name", "call_noisy"]);
      expect(callById(state, "call_wrong_name").spec?.shape).toBe("mcp");

      select(workbench, "call_good");
      workbench.dispatch({ type: "rerun", mode: "validated" });
      await workbench.idle();
      expect(callById(workbench.getState(), "call_good").executions.at(-1)).toMatchObject({ mode: "validated", outcome: { status: "ok", result: { invoice_id: "INV-123", status: "paid" } } });

      // The wrong argument name, fixed with f, then re-run through the server.
      select(workbench, "call_wrong_name");
      workbench.dispatch({ type: "apply_fix" });
      workbench.dispatch({ type: "rerun", mode: "validated" });
      await workbench.idle();
      expect(callById(workbench.getState(), "call_wrong_name").executions.at(-1)).toMatchObject({ arguments: '{"invoice_id":"INV-123"}', outcome: { status: "ok" } });

      const sent = frames.filter((f) => f.direction === "out" && "method" in f.message && f.message.method === "tools/call");
      expect(sent.map((f) => (f.direction === "out" && "params" in f.message ? f.message.params : undefined))).toEqual([
        { name: "get_invoice_status", arguments: { invoice_id: "INV-123" } },
        { name: "get_invoice_status", arguments: { invoice_id: "INV-123" } },
      ]);
    } finally {
      workbench.dispatch({ type: "quit" });
      if (workbench.getState().overlay?.kind === "confirm") workbench.dispatch({ type: "confirm", yes: true });
      await workbench.done;
      await runner.close();
    }
  });
});
