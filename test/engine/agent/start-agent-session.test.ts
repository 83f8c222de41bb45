import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import type { AgentEvent } from "../../../src/engine/agent/agent-contract.js";
import { AgentStartError } from "../../../src/engine/agent/agent-start-error.js";
import { startAgentSession, type StartAgentSessionOptions, type StartedAgentSession } from "../../../src/engine/agent/start-agent-session.js";
import { tooldbgSessionAdapter } from "../../../src/engine/logs/adapters/tooldbg-session.js";
import type { LogEvent } from "../../../src/engine/logs/log-events.js";
import { readLog } from "../../../src/engine/logs/read-log.js";
import { sessionSchemas } from "../../../src/engine/session/session-format.js";
import { startFakeOpenAI, type FakeOpenAIServer } from "../../helpers/fake-openai-server.js";

const BILLING = "examples/billing/tools.ts";
const FAKE_KEY = "sk-test-LIVEKEY0123456789abcdefghij";
const dirs: string[] = [];
const scratch = () => {
  const dir = mkdtempSync(path.join(tmpdir(), "tooldbg-agent-"));
  dirs.push(dir);
  return dir;
};
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

let session: StartedAgentSession | undefined;
let server: FakeOpenAIServer | undefined;
afterEach(async () => {
  await session?.close();
  await server?.close();
  session = undefined;
  server = undefined;
});

async function start(options: Partial<StartAgentSessionOptions> & { module: string }): Promise<{ session: StartedAgentSession; events: AgentEvent[]; lines: string[] }> {
  const lines: string[] = [];
  session = await startAgentSession({ env: {}, sessionDir: scratch(), breakMode: "never", onSessionLine: (line) => lines.push(line), ...options });
  const events: AgentEvent[] = [];
  session.subscribe((event) => events.push(event));
  return { session, events, lines };
}

const readSessionLog = async (file: string): Promise<LogEvent[]> => {
  const events: LogEvent[] = [];
  const summary = await readLog(file, tooldbgSessionAdapter, (event) => events.push(event));
  expect(summary.errors).toEqual([]);
  return events;
};

describe("startAgentSession on the billing example", () => {
  it("runs the script offline, every seed failure diagnosed, every scripted turn used", async () => {
    const { session, events, lines } = await start({ module: BILLING });
    expect(session.agent.tools.map((t) => t.name)).toEqual(["get_invoice_status", "create_ticket", "get_payment_history", "send_invoice_email", "refund_invoice"]);
    expect(await session.run()).toBe("answered");
    const started = events[0];
    expect(started).toMatchObject({ type: "started", source: "scripted", label: "scripted (no OPENAI_API_KEY)", model: "gpt-4o-mini" });
    // Seven scripted turns, all asked for: the last one answers.
    expect(events.filter((e) => e.type === "assistant")).toHaveLength(7);
    const codes = [...session.view.calls.values()].map((call) => [call.id, call.status, [...new Set([...call.findings, ...(call.executions.at(-1)?.findings ?? [])].map((f) => f.code))]]);
    expect(codes).toEqual([
      ["call_status", "failed", ["unexpected_argument", "missing_argument"]],
      ["call_ticket", "failed", ["type_mismatch"]],
      ["call_lookup", "failed", ["unknown_tool"]],
      ["call_payments", "failed", ["non_serializable_result"]],
      ["call_email", "failed", ["tool_error"]],
      ["call_refund", "failed", ["not_executable"]],
    ]);
    // Every line handed out is in the file, in order, and each parses as session/1.
    const fileLines = readFileSync(session.sessionFile, "utf8").trimEnd().split("\n");
    expect(fileLines).toEqual(lines);
    expect(sessionSchemas().header.safeParse(JSON.parse(fileLines[0] ?? "")).success).toBe(true);
    for (const line of fileLines.slice(1)) expect(sessionSchemas().event.safeParse(JSON.parse(line)).success, line).toBe(true);
    expect(path.basename(session.sessionFile)).toMatch(/^\d{4}-\d\d-\d\dT[\d-]+Z-tools\.jsonl$/);
  });

  it("writes a session the tooldbg log adapter reads back: the same calls, arguments and results", async () => {
    const { session } = await start({ module: BILLING });
    await session.run();
    const logged = await readSessionLog(session.sessionFile);
    const calls = logged.filter((e) => e.kind === "call");
    const results = logged.filter((e) => e.kind === "result");
    expect(calls.map((c) => (c.kind === "call" ? [c.callId, c.tool, c.arguments] : []))).toEqual([...session.view.calls.values()].map((c) => [c.id, c.tool, c.arguments]));
    expect(results.map((r) => (r.kind === "result" ? [r.callId, r.content] : []))).toEqual([...session.view.calls.values()].map((c) => [c.id, c.toolMessage?.content]));
    expect(calls[0]).toMatchObject({ model: "gpt-4o-mini", advertised: expect.arrayContaining([expect.objectContaining({ name: "get_invoice_status" })]) });
  });

  it("re-executes a call in the worker after the loop ended, and records it", async () => {
    const { session } = await start({ module: BILLING });
    await session.run();
    const execution = await session.reexecute("call_status", '{"invoice_id":"INV-123"}', "validated");
    expect(execution.outcome).toMatchObject({ status: "ok", result: { invoice_id: "INV-123", status: "paid" } });
    const last = readFileSync(session.sessionFile, "utf8").trimEnd().split("\n").at(-1) ?? "";
    expect(JSON.parse(last)).toMatchObject({ type: "execution", callId: "call_status", tool: "get_invoice_status", status: "ok" });
  });

  it("takes model turns from a captured log with --replay", async () => {
    const { session } = await start({ module: BILLING, replay: "examples/logs/prod-openai-chat.jsonl" });
    expect(await session.run()).toBe("answered");
    expect(session.view.label).toBe("replay prod-openai-chat.jsonl");
    // Calls of one logged response form one turn (call_5d10 and call_5d11 came together).
    expect([...session.view.calls.values()].map((c) => [c.step, c.id])).toEqual([
      [1, "call_9f2a"],
      [2, "call_9f2b"],
      [3, "call_7c01"],
      [4, "call_5d10"],
      [4, "call_5d11"],
      [5, "call_5d12"],
    ]);
    expect(session.view.calls.get("call_9f2b")?.status).toBe("ok");
    expect(session.view.calls.get("call_9f2a")?.findings.map((f) => f.code)).toEqual(["unexpected_argument", "missing_argument"]);
    const header = JSON.parse(readFileSync(session.sessionFile, "utf8").split("\n")[0] ?? "{}") as { mode: string };
    expect(header.mode).toBe("replay");
  });
});

describe("startAgentSession against a live OpenAI-compatible server", () => {
  it("diagnoses the raw arguments the server streamed, byte for byte, and sends the findings back", async () => {
    const raw = '{"id": "INV-123", "note": "déjà vu"}';
    server = await startFakeOpenAI({
      apiKey: FAKE_KEY,
      turns: [
        { toolCalls: [{ id: "call_live_1", name: "get_invoice_status", arguments: raw, fragments: ['{"', 'i', 'd": "IN', 'V-1', '23", "note": "dé', 'jà vu"}'] }] },
        { toolCalls: [{ id: "call_live_2", name: "get_invoice_status", arguments: '{"invoice_id":"INV-123"}' }] },
        { content: "INV-123 is paid." },
      ],
    });
    const { session, events } = await start({ module: BILLING, env: { OPENAI_API_KEY: FAKE_KEY }, baseUrl: server.baseURL });
    expect(await session.run()).toBe("answered");
    expect(events[0]).toMatchObject({ type: "started", source: "live", label: `live gpt-4o-mini at ${server.baseURL}` });
    expect(events.some((e) => e.type === "model_delta")).toBe(true);
    const first = session.view.calls.get("call_live_1");
    expect(first?.arguments).toBe(raw);
    expect(first?.findings.map((f) => f.code)).toEqual(["unexpected_argument", "unexpected_argument", "missing_argument"]);
    expect(session.view.calls.get("call_live_2")?.status).toBe("ok");
    // The model sees its own arguments back unchanged, then the findings as the tool message.
    const second = server.requests[1]?.body.messages as { role: string; content?: string; tool_calls?: { function: { arguments: string } }[] }[];
    expect(second.map((m) => m.role)).toEqual(["system", "user", "assistant", "tool"]);
    expect(second[2]?.tool_calls?.[0]?.function.arguments).toBe(raw);
    expect(second[3]?.content).toMatch(/^Error: get_invoice_status was not run\. Unexpected argument "id"/);
    expect(server.requests[0]?.body.tools).toHaveLength(5);
    // The key went to the server and nowhere else.
    expect(readFileSync(session.sessionFile, "utf8")).not.toContain(FAKE_KEY);
  });

  it("ends with a model_error on a 401, the key not in the message or the file", async () => {
    server = await startFakeOpenAI({ apiKey: "sk-test-the-right-one-000000000000" });
    const { session } = await start({ module: BILLING, env: { OPENAI_API_KEY: FAKE_KEY }, baseUrl: server.baseURL });
    expect(await session.run()).toBe("model_error");
    expect(session.view.lastError).toMatchObject({ kind: "auth", status: 401 });
    const text = readFileSync(session.sessionFile, "utf8");
    expect(text).toContain('"type":"model_error"');
    expect(text).not.toContain(FAKE_KEY);
  });

  it("--model overrides the agent's model; OPENAI_BASE_URL is read like the SDK does", async () => {
    server = await startFakeOpenAI({ apiKey: FAKE_KEY, models: ["local-llama"], turns: [{ content: "hi" }] });
    const { session } = await start({ module: BILLING, env: { OPENAI_API_KEY: FAKE_KEY, OPENAI_BASE_URL: server.baseURL }, model: "local-llama" });
    expect(await session.run()).toBe("answered");
    expect(server.requests[0]?.body.model).toBe("local-llama");
    expect(JSON.parse(readFileSync(session.sessionFile, "utf8").split("\n")[0] ?? "{}")).toMatchObject({ mode: "live", model: "local-llama" });
  });

  it("--scripted keeps the script even with a key", async () => {
    const { session } = await start({ module: BILLING, env: { OPENAI_API_KEY: FAKE_KEY }, scripted: true });
    expect(session.view.label).toBe("");
    await session.run();
    expect(session.view.label).toBe("scripted (--scripted)");
  });
});

describe("secrets", () => {
  it("redacts API keys and Authorization values from the session file", async () => {
    const dir = scratch();
    const { session } = await start({ module: "test/fixtures/agents/secrets-agent.ts", sessionDir: dir });
    await session.run();
    expect(session.view.calls.get("call_partner_1")?.status).toBe("ok");
    const files = readdirSync(dir);
    expect(files).toHaveLength(1);
    const text = readFileSync(path.join(dir, files[0] ?? ""), "utf8");
    for (const secret of ["ARGSECRET", "RESULTSECRET", "ECHOSECRET"]) expect(text).not.toContain(secret);
    expect(text).toContain("[REDACTED]");
    // The arguments keep every other byte.
    expect(text).toContain(String.raw`{\"url\":\"https://partner.test\",\"api_key\":\"[REDACTED]\"}`);
  });
});

describe("startAgentSession usage errors (one line, nothing left running)", () => {
  const dir = scratch();
  const existing = path.join(dir, "taken.jsonl");
  writeFileSync(existing, "");
  const cases: { name: string; options: Partial<StartAgentSessionOptions> & { module: string }; says: RegExp }[] = [
    { name: "missing module", options: { module: "nope/agent.ts" }, says: /^cannot load agent module nope\/agent\.ts: no such file$/ },
    { name: "module without an agent", options: { module: "test/fixtures/agents/tools-only.ts" }, says: /has no agent: its default export must be defineAgent/ },
    { name: "bad --base-url", options: { module: BILLING, baseUrl: "localhost:8080" }, says: /^--base-url "localhost:8080" must be an http/ },
    { name: "unparseable --base-url", options: { module: BILLING, baseUrl: "::" }, says: /is not a URL/ },
    { name: "--replay and --scripted", options: { module: BILLING, replay: "x.jsonl", scripted: true }, says: /pass one of them/ },
    { name: "unreadable --replay", options: { module: BILLING, replay: "nope.jsonl" }, says: /^cannot read nope\.jsonl: no such file$/ },
    { name: "existing --session", options: { module: BILLING, sessionFile: existing }, says: /already exists/ },
    { name: "no key and no script", options: { module: "test/fixtures/agents/no-script-agent.ts" }, says: /no OPENAI_API_KEY, and .* has no script/ },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      const failure = await startAgentSession({ env: {}, sessionDir: scratch(), ...c.options }).then(
        async (s) => {
          await s.close();
          return undefined;
        },
        (error: unknown) => error,
      );
      expect(failure).toBeInstanceOf(AgentStartError);
      expect((failure as Error).message).toMatch(c.says);
      expect((failure as Error).message).not.toContain("\n");
    });
  }
});
