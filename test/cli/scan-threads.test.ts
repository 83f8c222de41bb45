import { appendFileSync, mkdtempSync, statSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { runCli, REPO } from "../helpers/run-cli.js";

/**
 * A log large enough to be read on a second thread (4 MB and more) must scan exactly as on one:
 * the same calls in the same order, the same bad lines with the same line numbers.
 */
let log = "";

beforeAll(() => {
  log = join(mkdtempSync(join(tmpdir(), "tooldbg-threads-")), "chat.jsonl");
  const gen = spawnSync(process.execPath, [join(REPO, "bench/gen-openai-chat-log.mjs"), log, "6"], { encoding: "utf8" });
  expect(gen.status, gen.stderr).toBe(0);
  // Bad lines near the end: their numbers must come out the same either way.
  appendFileSync(log, '{"request": {"model": "m", "messages": [\nnot json at all\n');
  expect(statSync(log).size).toBeGreaterThan(5 * 1024 * 1024);
}, 60_000);

describe("scan on one thread and on two", () => {
  it("gives the same --jsonl output, byte for byte", async () => {
    const one = await runCli(["scan", log, "--jsonl"], { env: { TOOLDBG_SCAN_THREADS: "1" }, timeoutMs: 60_000 });
    const two = await runCli(["scan", log, "--jsonl"], { env: { TOOLDBG_SCAN_THREADS: "2" }, timeoutMs: 60_000 });
    expect(one.code).toBe(1);
    expect(two.code).toBe(one.code);
    expect(two.stderr).toBe(one.stderr);
    const lines = one.stdout.trim().split("\n");
    expect(lines.length).toBeGreaterThan(3000);
    const summary = JSON.parse(lines.at(-1) as string) as { files: { errors: { line: number }[] }[] };
    expect(summary.files[0]?.errors.length).toBe(2);
    expect(two.stdout === one.stdout).toBe(true);
  }, 120_000);

  it("gives the same --json document, written call by call from disk: the --jsonl calls in log order", async () => {
    const one = await runCli(["scan", log, "--json"], { env: { TOOLDBG_SCAN_THREADS: "1" }, timeoutMs: 60_000 });
    const two = await runCli(["scan", log, "--json"], { env: { TOOLDBG_SCAN_THREADS: "2" }, timeoutMs: 60_000 });
    const lines = await runCli(["scan", log, "--jsonl"], { timeoutMs: 60_000 });
    expect(one.code).toBe(1);
    expect(two.code).toBe(one.code);
    expect(two.stderr).toBe(one.stderr);
    expect(two.stdout === one.stdout).toBe(true);
    type Call = { callId: string; source: { line: number } };
    const doc = JSON.parse(one.stdout) as { tooldbg: string; files: unknown[]; calls: Call[]; summary: { calls: number } };
    // The very text JSON.stringify gives the document (what it was before the calls were spooled).
    expect(one.stdout === `${JSON.stringify(doc, null, 2)}\n`).toBe(true);
    const streamed = lines.stdout.trim().split("\n").slice(0, -1).map((l) => JSON.parse(l) as Call);
    expect(doc.calls.length).toBe(doc.summary.calls);
    expect(doc.calls.length).toBe(streamed.length);
    const inLogOrder = streamed.map((c, i) => ({ c, i })).sort((a, b) => a.c.source.line - b.c.source.line || a.i - b.i).map(({ c }) => c.callId);
    expect(doc.calls.map((c) => c.callId)).toEqual(inLogOrder);
  }, 120_000);

  it("gives the same human report", async () => {
    const one = await runCli(["scan", log], { env: { TOOLDBG_SCAN_THREADS: "1" }, timeoutMs: 60_000 });
    const two = await runCli(["scan", log], { env: { TOOLDBG_SCAN_THREADS: "2" }, timeoutMs: 60_000 });
    expect(two.code).toBe(one.code);
    expect(two.stdout).toBe(one.stdout);
    expect(one.stdout).toContain("failing");
  }, 120_000);
});
