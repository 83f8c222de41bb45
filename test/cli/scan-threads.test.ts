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

  it("gives the same human report", async () => {
    const one = await runCli(["scan", log], { env: { TOOLDBG_SCAN_THREADS: "1" }, timeoutMs: 60_000 });
    const two = await runCli(["scan", log], { env: { TOOLDBG_SCAN_THREADS: "2" }, timeoutMs: 60_000 });
    expect(two.code).toBe(one.code);
    expect(two.stdout).toBe(one.stdout);
    expect(one.stdout).toContain("failing");
  }, 120_000);
});
