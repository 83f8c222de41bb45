import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/run-cli.js";

const file = (name: string, text: string) => {
  const path = join(mkdtempSync(join(tmpdir(), "tooldbg-huge-")), name);
  writeFileSync(path, text);
  return path;
};

describe("scan, records too large for its memory", () => {
  // 15 MB of tiny arrays in one OTLP line: within the line limit, but its parsed objects take
  // several times the reading thread's heap.
  const dense = () => file("dense.jsonl", `{"resourceSpans":[{"resource":{"attributes":[${new Array(4_000_000).fill("[1]").join(",")}]},"scopeSpans":[]}]}\n`);

  it.each(["1", "2"])("says so in one line and exits 2 (%s threads)", async (threads) => {
    const result = await runCli(["scan", dense()], { env: { ...process.env, TOOLDBG_SCAN_THREADS: threads }, timeoutMs: 60_000 });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^tooldbg: the scan ran out of the memory it may use, reading a record too large to hold .*\n$/);
    expect(result.stderr).not.toContain("internal error");
  }, 60_000);
});
