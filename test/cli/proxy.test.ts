import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import OpenAI from "openai";
import { afterEach, describe, expect, it } from "vitest";
import { BIN, REPO, parseJsonOutput, runCli } from "../helpers/run-cli.js";
import { chunksFor, completionFor, startFakeUpstream, streamEvents, sendJson, type FakeUpstream, type ScriptedCall } from "../helpers/fake-upstream.js";

const KEY = "sk-test-secret";
const TOOLS: OpenAI.Chat.Completions.ChatCompletionTool[] = [
  {
    type: "function",
    function: {
      name: "get_invoice_status",
      parameters: { type: "object", properties: { invoice_id: { type: "string" } }, required: ["invoice_id"], additionalProperties: false },
    },
  },
];

interface RunningCli {
  child: ChildProcessWithoutNullStreams;
  url: string;
  startLine: string;
  stderr: () => string;
  exit: Promise<number | null>;
}

/** Spawns the real `tooldbg proxy` and waits for its start line. */
function spawnProxy(args: string[]): Promise<RunningCli> {
  const child = spawn(process.execPath, [BIN, "proxy", ...args], { cwd: REPO, env: { ...process.env, NO_COLOR: "1" } });
  let stdout = "";
  let stderr = "";
  const exit = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no start line; stdout: ${stdout} stderr: ${stderr}`)), 15_000);
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    child.stdout.setEncoding("utf8").on("data", (d: string) => {
      stdout += d;
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+) /.exec(stdout);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve({ child, url: match[1], startLine: stdout.split("\n")[0] ?? "", stderr: () => stderr, exit });
      }
    });
    void exit.then((code) => reject(new Error(`exited ${code} before listening: ${stderr}`)));
  });
}

let upstream: FakeUpstream | undefined;
let running: RunningCli | undefined;
afterEach(async () => {
  if (running && running.child.exitCode === null) running.child.kill("SIGKILL");
  running = undefined;
  await upstream?.close();
  upstream = undefined;
});

const logFiles = (dir: string) => readdirSync(dir).filter((f) => f.endsWith(".jsonl"));

describe("tooldbg proxy (real binary)", () => {
  it.each([
    [[], /^tooldbg: --upstream URL is required/],
    [["--upstream", "not a url"], /^tooldbg: --upstream must be an http\(s\) URL, got "not a url"/],
    [["--upstream", "ftp://example.com"], /^tooldbg: --upstream must be an http\(s\) URL/],
    [["--upstream", "http://127.0.0.1:1", "--port", "70000"], /^tooldbg: --port takes a port number from 0 to 65535/],
    [["--upstream", "http://127.0.0.1:1", "--port", "abc"], /^tooldbg: --port takes a port number/],
    [["--upstream", "http://127.0.0.1:1", "--timeout", "0"], /^tooldbg: --timeout takes a positive whole number/],
    [["--upstream", "http://127.0.0.1:1", "extra"], /^tooldbg: proxy takes no positional arguments/],
    [["--upstream", "http://127.0.0.1:1", "--bogus"], /^tooldbg: Unknown option '--bogus'/],
  ])("usage error %j: exit 2, one line", async (args, message) => {
    const r = await runCli(["proxy", ...args]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stdout).toBe("");
  });

  it("--help shows the options and an example", async () => {
    const r = await runCli(["proxy", "--help"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Usage: tooldbg proxy --upstream URL \[--port N\] \[--out DIR\]/);
    expect(r.stdout).toMatch(/OPENAI_BASE_URL=http:\/\/127\.0\.0\.1:7878/);
    expect((await runCli(["--help"])).stdout).toMatch(/\n {2}proxy +Record an app's OpenAI traffic/);
  });

  it("a port already in use is a usage error", async () => {
    upstream = await startFakeUpstream();
    const r = await runCli(["proxy", "--upstream", upstream.url, "--port", String(upstream.port), "--out", mkdtempSync(join(tmpdir(), "tooldbg-proxy-cli-"))]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe(`tooldbg: port ${upstream.port} is already in use on 127.0.0.1:${upstream.port}; pick another with --port (0 picks a free one)`);
  });

  it("records an app's traffic that `tooldbg scan` then diagnoses; SIGTERM lets the running stream finish, flushes and exits 0", async () => {
    const turns: { calls: ScriptedCall[]; stream: boolean }[] = [
      { calls: [{ id: "call_ok", name: "get_invoice_status", arguments: '{"invoice_id":"INV-1"}' }], stream: false },
      { calls: [{ id: "call_renamed", name: "get_invoice_status", arguments: '{"id":"INV-2"}' }], stream: true },
      { calls: [{ id: "call_cut", name: "get_invoice_status", arguments: '{"invoice_id": "INV-3' }], stream: true },
      { calls: [{ id: "call_slow", name: "get_invoice_stat", arguments: '{"invoice_id":"INV-4"}' }], stream: true },
    ];
    let turn = 0;
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    upstream = await startFakeUpstream(async (_req, res) => {
      const { calls, stream } = turns[turn++] ?? { calls: [], stream: false };
      if (!stream) return sendJson(res, 200, completionFor(calls));
      // The last stream holds its tail until the test has sent SIGTERM.
      const hold = calls[0]?.id === "call_slow";
      await streamEvents(res, chunksFor(calls, "gpt-fake", 5), () => (hold ? gate : Promise.resolve()));
    });
    const dir = mkdtempSync(join(tmpdir(), "tooldbg-proxy-cli-"));
    running = await spawnProxy(["--upstream", `${upstream.url}/v1`, "--port", "0", "--out", dir, "--grace", "10000"]);
    const today = new Date().toISOString().slice(0, 10);
    expect(running.startLine).toBe(`tooldbg proxy: listening on ${running.url} → ${upstream.url}/v1, logging to ${join(dir, `${today}.jsonl`)} (Responses API: ${join(dir, `${today}.responses.jsonl`)})`);

    const client = new OpenAI({ baseURL: running.url, apiKey: KEY, maxRetries: 0 });
    const request = { model: "gpt-fake", messages: [{ role: "user" as const, content: "invoices?" }], tools: TOOLS };
    await client.chat.completions.create(request);
    await client.chat.completions.stream({ ...request, stream: true }).finalChatCompletion();
    await client.chat.completions.stream({ ...request, stream: true }).finalChatCompletion();
    const slow = await client.chat.completions.create({ ...request, stream: true });
    const iterator = slow[Symbol.asyncIterator]();
    await iterator.next();

    running.child.kill("SIGTERM");
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(running.child.exitCode).toBeNull(); // still draining the held stream
    release();
    let chunks = 1;
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) chunks++;
    expect(chunks).toBe(chunksFor(turns[3]?.calls ?? [], "gpt-fake", 5).length);
    expect(await running.exit).toBe(0);
    expect(running.stderr()).toMatch(/tooldbg proxy: SIGTERM: stopped; 4 exchanges logged\n$/);

    const files = logFiles(dir);
    expect(files).toEqual([`${today}.jsonl`]);
    const log = join(dir, files[0] ?? "");
    const text = readFileSync(log, "utf8");
    expect(text.split("\n").filter(Boolean)).toHaveLength(4);
    expect(text).not.toContain("test-secret");

    const scan = await runCli(["scan", log, "--json"]);
    expect(scan.code).toBe(1);
    const doc = parseJsonOutput<{ files: { format: string; errors: unknown[] }[]; calls: { callId: string; arguments: string; ok: boolean; diagnoses: { code: string }[] }[] }>(scan);
    expect(doc.files).toEqual([expect.objectContaining({ format: "openai-chat", errors: [] })]);
    const byId = Object.fromEntries(doc.calls.map((c) => [c.callId, c]));
    expect(Object.keys(byId).sort()).toEqual(["call_cut", "call_ok", "call_renamed", "call_slow"]);
    expect(byId.call_ok).toMatchObject({ ok: true, arguments: '{"invoice_id":"INV-1"}' });
    expect(byId.call_renamed?.arguments).toBe('{"id":"INV-2"}');
    expect(byId.call_renamed?.diagnoses.map((d) => d.code)).toEqual(["unexpected_argument", "missing_argument"]);
    expect(byId.call_cut?.arguments).toBe('{"invoice_id": "INV-3');
    expect(byId.call_cut?.diagnoses.map((d) => d.code)).toEqual(["malformed_arguments"]);
    expect(byId.call_slow?.diagnoses.map((d) => d.code)).toEqual(["unknown_tool"]);
  });
});
