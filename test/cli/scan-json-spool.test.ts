import { mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/run-cli.js";

const LOG = "examples/logs/prod-openai-chat.jsonl";

describe("scan --json's temporary file of calls", () => {
  it("is left nowhere: TMPDIR is empty after the scan", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tooldbg-spool-cli-"));
    const result = await runCli(["scan", LOG, "--json"], { env: { TMPDIR: dir } });
    expect(result.code).toBe(1);
    expect((JSON.parse(result.stdout) as { calls: unknown[] }).calls.length).toBe(6);
    expect(readdirSync(dir)).toEqual([]);
  });

  it("that cannot be made is said in one line, exit 2, no stack", async () => {
    const result = await runCli(["scan", LOG, "--json"], { env: { TMPDIR: "/nonexistent/tooldbg-test" } });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr.trim().split("\n")).toEqual([
      "tooldbg: scan --json keeps the calls in a temporary file until the document is written, and could not create one in /nonexistent/tooldbg-test (ENOENT): set TMPDIR to a writable directory, or use --jsonl",
    ]);
  });
});
