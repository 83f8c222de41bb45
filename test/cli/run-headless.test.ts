import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { BIN, REPO, runCli } from "../helpers/run-cli.js";
import { closedPort, startFakeOpenAI, type FakeOpenAIServer } from "../helpers/fake-openai-server.js";

const BILLING = "examples/billing/tools.ts";
const FAKE_KEY = "sk-test-HEADLESSKEY0123456789abcdefgh";
const OFFLINE = { OPENAI_API_KEY: undefined, OPENAI_BASE_URL: undefined };
const dirs: string[] = [];
const scratch = () => {
  const dir = mkdtempSync(path.join(tmpdir(), "tooldbg-run-"));
  dirs.push(dir);
  return dir;
};
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

let server: FakeOpenAIServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const sessionIn = (dir: string) => path.join(dir, "session.jsonl");
const allText = (dir: string) => readdirSync(dir).map((name) => readFileSync(path.join(dir, name), "utf8")).join("\n");

describe("tooldbg run --headless", () => {
  it("runs the billing example offline from its script: every seed failure shown, exit 1", async () => {
    const dir = scratch();
    const result = await runCli(["run", BILLING, "--headless", "--session", sessionIn(dir)], { env: OFFLINE });
    expect(result.code, result.stderr).toBe(1);
    expect(result.stderr).toBe("");
    const out = result.stdout;
    expect(out.split("\n")[0]).toBe("run examples/billing/tools.ts · scripted (no OPENAI_API_KEY) · model gpt-4o-mini");
    for (const code of ["unexpected_argument", "missing_argument", "type_mismatch", "unknown_tool", "non_serializable_result", "tool_error", "not_executable"]) {
      expect(out).toContain(code);
    }
    expect(out).toContain("Error: SMTP 550: mailbox unavailable for billing@acme.test");
    expect(out).toContain("smtp: connecting to relay for billing@acme.test");
    expect(out).toMatch(/ended: answered · 6 calls, 6 failed · session .*session\.jsonl\n$/);
    expect(out).not.toContain("\x1b[");
  });

  it("--json prints one session/1 event per line, the same lines as the session file", async () => {
    const dir = scratch();
    const result = await runCli(["run", BILLING, "--headless", "--json", "--session", sessionIn(dir)], { env: OFFLINE });
    expect(result.code, result.stderr).toBe(1);
    const lines = result.stdout.trimEnd().split("\n");
    const events = lines.map((line) => JSON.parse(line) as { tooldbg?: string; type?: string; reason?: string });
    expect(events[0]).toMatchObject({ tooldbg: "session/1", mode: "scripted", agent: BILLING });
    expect(events.at(-1)).toMatchObject({ type: "end", reason: "answered" });
    expect(new Set(events.slice(1).map((e) => e.type))).toEqual(new Set(["user", "assistant", "diagnosis", "executing", "execution", "tool_message", "end"]));
    expect(readFileSync(sessionIn(dir), "utf8")).toBe(result.stdout);
  });

  it("exits 0 when every call runs clean", async () => {
    const dir = scratch();
    const result = await runCli(["run", "test/fixtures/agents/clean-agent.ts", "--headless", "--session", sessionIn(dir)], { env: OFFLINE });
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.stdout).toContain('result: {"sum":5}');
    expect(result.stdout).toContain("step 2 assistant: 5");
  });

  it("drives a live OpenAI-compatible server with --base-url; the key is in no file written", async () => {
    server = await startFakeOpenAI({
      apiKey: FAKE_KEY,
      turns: [{ toolCalls: [{ id: "call_live", name: "add", arguments: '{"a": 2, "b": "3"}', fragments: ['{"a', '": 2, "', 'b": "', '3"}'] }] }, { content: "It is 5." }],
    });
    const dir = scratch();
    const result = await runCli(["run", "test/fixtures/agents/clean-agent.ts", "--headless", "--json", "--base-url", server.baseURL, "--session", sessionIn(dir)], {
      env: { ...OFFLINE, OPENAI_API_KEY: FAKE_KEY },
    });
    expect(result.code, result.stderr).toBe(1);
    const events = result.stdout.trimEnd().split("\n").map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(events[0]).toMatchObject({ mode: "live", model: "gpt-4o-mini" });
    expect(events.find((e) => e.type === "diagnosis")).toMatchObject({
      callId: "call_live",
      arguments: '{"a": 2, "b": "3"}',
      findings: [expect.objectContaining({ code: "type_mismatch", path: "b" })],
    });
    expect(server.requests[0]?.headers.authorization).toBe(`Bearer ${FAKE_KEY}`);
    expect(server.requests).toHaveLength(2);
    const written = allText(dir);
    expect(written).not.toContain(FAKE_KEY);
    expect(written).not.toMatch(/Bearer|authorization/i);
    expect(result.stdout + result.stderr).not.toContain(FAKE_KEY);
  });

  it("a model error is one line and exit 1 (connection refused names the URL)", async () => {
    const port = await closedPort();
    const dir = scratch();
    const result = await runCli(["run", BILLING, "--headless", "--base-url", `http://127.0.0.1:${port}/v1`, "--session", sessionIn(dir)], { env: { ...OFFLINE, OPENAI_API_KEY: FAKE_KEY } });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(`✗ model error at step 1: cannot reach http://127.0.0.1:${port}/v1: connection refused`);
    expect(result.stdout).toContain("ended: model_error");
  });

  const usage: { name: string; args: string[]; says: RegExp }[] = [
    { name: "no module", args: ["run", "--headless"], says: /^tooldbg: run needs an agent module/ },
    { name: "missing module", args: ["run", "nope.ts", "--headless"], says: /^tooldbg: cannot load agent module nope\.ts: no such file$/ },
    { name: "module without an agent", args: ["run", "test/fixtures/agents/tools-only.ts", "--headless"], says: /has no agent: its default export must be defineAgent/ },
    { name: "bad flag", args: ["run", BILLING, "--headless", "--nope"], says: /^tooldbg: Unknown option '--nope'/ },
    { name: "bad --break", args: ["run", BILLING, "--headless", "--break", "often"], says: /^tooldbg: --break takes always, failures, never/ },
    { name: "bad --base-url", args: ["run", BILLING, "--headless", "--base-url", "not a url"], says: /^tooldbg: --base-url "not a url" is not a URL/ },
    { name: "bad --timeout", args: ["run", BILLING, "--headless", "--timeout", "0"], says: /^tooldbg: --timeout takes a positive whole number/ },
    { name: "--json without --headless", args: ["run", BILLING, "--json"], says: /^tooldbg: --json goes with --headless/ },
    { name: "no TTY without --headless", args: ["run", BILLING], says: /^tooldbg: run opens a terminal UI, but stdin is not a terminal; without one, run: tooldbg run examples\/billing\/tools\.ts --headless$/ },
  ];
  for (const c of usage) {
    it(`usage error: ${c.name} (exit 2, one line)`, async () => {
      const result = await runCli(c.args, { env: OFFLINE });
      expect(result.code).toBe(2);
      expect(result.stderr.trimEnd()).toMatch(c.says);
      expect(result.stderr.trimEnd().split("\n")).toHaveLength(1);
      expect(result.stdout).toBe("");
    });
  }

  it("lists run in --help", async () => {
    const result = await runCli(["--help"]);
    expect(result.stdout).toMatch(/\n {2}run +Run an agent step by step/);
    const help = await runCli(["run", "--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("--headless");
  });
});

/** Start `tooldbg run --headless`, resolve once stdout holds a line matching `ready`; the caller kills it. */
function spawnUntil(args: string[], ready: RegExp): Promise<{ stdout: string; kill: () => Promise<void> }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: REPO, env: { ...process.env, OPENAI_API_KEY: "", OPENAI_BASE_URL: "" }, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`never printed ${ready}:\n${stdout}\n${stderr}`));
    }, 30_000);
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    child.stdout.setEncoding("utf8").on("data", (d: string) => {
      stdout += d;
      if (!ready.test(stdout)) return;
      clearTimeout(timer);
      resolve({
        stdout,
        kill: () =>
          new Promise<void>((done) => {
            child.once("close", () => done());
            child.kill("SIGKILL");
          }),
      });
    });
  });
}

describe("durability: SIGKILL mid-session", () => {
  it("keeps every event printed before the kill (--json), and scan reads the file", async () => {
    const dir = scratch();
    const file = sessionIn(dir);
    const run = await spawnUntil(["run", "test/fixtures/agents/hang-agent.ts", "--headless", "--json", "--session", file, "--timeout", "60000"], /"type":"executing","callId":"call_hang"[^\n]*\n/);
    const printed = run.stdout;
    await run.kill();
    const kept = readFileSync(file, "utf8");
    expect(kept.startsWith(printed), `printed:\n${printed}\nkept:\n${kept}`).toBe(true);
    expect(kept.trimEnd().split("\n").at(-1)).toMatch(/"type":"executing","callId":"call_hang"/);
    const scan = await runCli(["scan", file, "--json"]);
    expect(scan.code, scan.stderr).toBe(1);
    const doc = JSON.parse(scan.stdout) as { files: { format: string; errors: unknown[] }[]; calls: { callId: string; ok: boolean }[] };
    expect(doc.files[0]).toMatchObject({ format: "tooldbg", errors: [] });
    expect(doc.calls.map((c) => [c.callId, c.ok])).toEqual([
      ["call_quick", true],
      ["call_bad", false],
      ["call_hang", true],
    ]);
  });

  it("keeps the events behind the human lines too", async () => {
    const dir = scratch();
    const file = sessionIn(dir);
    const run = await spawnUntil(["run", "test/fixtures/agents/hang-agent.ts", "--headless", "--session", file, "--timeout", "60000"], /running hang \(validated\)…\n/);
    await run.kill();
    expect(run.stdout).toContain("quick 1");
    const events = readFileSync(file, "utf8").trimEnd().split("\n").slice(1).map((line) => JSON.parse(line) as { type: string; callId?: string });
    expect(events.map((e) => `${e.type}${e.callId ? `:${e.callId}` : ""}`)).toEqual([
      "user",
      "assistant",
      "diagnosis:call_quick",
      "executing:call_quick",
      "execution:call_quick",
      "tool_message:call_quick",
      "assistant",
      "diagnosis:call_bad",
      "tool_message:call_bad",
      "assistant",
      "diagnosis:call_hang",
      "executing:call_hang",
    ]);
  });
});

describe("run --replay: side-effecting tools", () => {
  const REPLAY = "test/fixtures/agents/replay-email.jsonl";

  it("headless skips a side-effecting tool from a replayed log, and says how to run it", async () => {
    const dir = scratch();
    const result = await runCli(["run", BILLING, "--headless", "--replay", REPLAY, "--session", sessionIn(dir)], { env: OFFLINE });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout.split("\n")[0]).toBe("run examples/billing/tools.ts · replay replay-email.jsonl · model gpt-4o-mini");
    expect(result.stdout).toContain("send_invoice_email declares side effects: not run from a replayed log (--allow-side-effects runs it)");
    expect(result.stdout).not.toContain("smtp: connecting");
    expect(result.stdout).toContain('result: {"invoice_id":"INV-123","status":"paid"');
  });

  it("--allow-side-effects runs it", async () => {
    const dir = scratch();
    const result = await runCli(["run", BILLING, "--headless", "--replay", REPLAY, "--allow-side-effects", "--session", sessionIn(dir)], { env: OFFLINE });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("smtp: connecting to relay for billing@acme.test");
  });
});
