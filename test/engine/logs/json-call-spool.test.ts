import { mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { indentedCall, JsonCallSpool, writeScanDocument } from "../../../src/engine/logs/json-call-spool.js";
import type { ScannedCall } from "../../../src/engine/logs/scanned-call.js";
import type { ScanSummary } from "../../../src/engine/logs/scan-summary.js";

const call = (callId: string, file: string, line: number, extra: Partial<ScannedCall> = {}): ScannedCall =>
  ({ callId, tool: "get_invoice_status", arguments: `{"invoice_id":"${callId}"}`, argumentsRecorded: true, source: { file, line }, ok: true, diagnoses: [], ...extra }) as ScannedCall;

const summary: ScanSummary = { calls: 4, failing: 1, byCode: { unexpected_argument: 1 }, byTool: {}, byModel: {} } as ScanSummary;

async function sortedTexts(spool: JsonCallSpool): Promise<string[]> {
  const texts: string[] = [];
  await spool.writeSorted((text) => {
    texts.push(text);
  });
  return texts;
}

const savedTmp = process.env.TMPDIR;
afterEach(() => {
  if (savedTmp === undefined) delete process.env.TMPDIR;
  else process.env.TMPDIR = savedTmp;
});

describe("JsonCallSpool", () => {
  it("gives the calls back in log order: the logs' order, their lines, a line's calls as they came", async () => {
    const spool = new JsonCallSpool();
    const calls = [
      call("b-line-2", "b.jsonl", 2),
      call("a-line-9", "a.jsonl", 9),
      call("a-line-3-first", "a.jsonl", 3),
      call("a-line-3-second", "a.jsonl", 3),
      call("elsewhere", "other.jsonl", 1),
      call("a-line-1", "a.jsonl", 1),
    ];
    const rank: Record<string, number> = { "a.jsonl": 0, "b.jsonl": 1 };
    for (const c of calls) spool.add(c, rank[c.source.file] ?? 2);
    expect(spool.size).toBe(6);
    const texts = await sortedTexts(spool);
    spool.close();
    const ids = texts.map((t) => (JSON.parse(t) as ScannedCall).callId);
    expect(ids).toEqual(["a-line-1", "a-line-3-first", "a-line-3-second", "a-line-9", "b-line-2", "elsewhere"]);
    expect(texts[0]).toBe(indentedCall(calls[5] as ScannedCall));
  });

  it("keeps texts of every size and character intact across its write buffer", async () => {
    const spool = new JsonCallSpool();
    const big = "é€😀\n\"\\".repeat(300_000); // ~2.4 MB of UTF-8: past the 1 MB write buffer in one call
    const calls = Array.from({ length: 50 }, (_, i) => call(`c${i}`, "a.jsonl", 50 - i, { arguments: i === 7 ? big : `{"n":${i}}` }));
    for (const c of calls) spool.add(c, 0);
    const texts = await sortedTexts(spool);
    spool.close();
    expect(texts).toEqual([...calls].reverse().map(indentedCall));
  });

  it("reads back megabytes of calls handed on out of order: some at once, some thousands of calls late", async () => {
    const spool = new JsonCallSpool();
    const calls: ScannedCall[] = [];
    // Line i's call goes on at once, except every fifth, which goes on 3,000 calls later (never answered).
    const late: ScannedCall[] = [];
    for (let i = 0; i < 30_000; i++) {
      const c = call(`c${i}`, "a.jsonl", i, { arguments: JSON.stringify({ n: i, pad: "p".repeat(i % 300) }) });
      if (i % 5 === 0) late.push(c);
      else calls.push(c);
      if (late.length > 600) calls.push(late.shift() as ScannedCall);
    }
    calls.push(...late);
    for (const c of calls) spool.add(c, 0);
    const texts = await sortedTexts(spool);
    spool.close();
    const expected = [...calls].sort((a, b) => a.source.line - b.source.line).map(indentedCall);
    expect(texts.length).toBe(expected.length);
    expect(texts.join("").length).toBeGreaterThan(8 * 1024 * 1024);
    expect(texts.every((t, i) => t === expected[i])).toBe(true);
  });

  it("leaves no file behind, even while open", () => {
    const dir = mkdtempSync(join(tmpdir(), "tooldbg-spool-test-"));
    process.env.TMPDIR = dir;
    const spool = new JsonCallSpool();
    spool.add(call("a", "a.jsonl", 1), 0);
    expect(readdirSync(dir)).toEqual([]); // unlinked at once (POSIX)
    spool.close();
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe("writeScanDocument", () => {
  const files = [{ path: "a.jsonl", format: "openai-chat", records: 3, errors: [{ line: 2, message: 'text with\n  "calls": [] inside' }] }];
  const issues = [{ callId: "x", source: { file: "a.jsonl", line: 3 }, finding: { code: "orphan_tool_result", severity: "warning", message: "m" } }];

  const documentOf = async (calls: ScannedCall[], withIssues: boolean): Promise<string> => {
    const spool = new JsonCallSpool();
    calls.forEach((c) => spool.add(c, 0));
    let out = "";
    await writeScanDocument({ files, issues: withIssues ? issues : [], summary, spool } as never, (text) => {
      out += text;
    });
    return out;
  };

  it("writes exactly what JSON.stringify(document, null, 2) wrote, calls in log order", async () => {
    const calls = [call("late", "a.jsonl", 5, { ok: false, diagnoses: [{ code: "unexpected_argument", severity: "error", message: "x", path: "id" }] as never }), call("early", "a.jsonl", 1)];
    for (const withIssues of [false, true]) {
      const expected = `${JSON.stringify({ tooldbg: "scan/1", files, calls: [calls[1], calls[0]], ...(withIssues ? { conversation: issues } : {}), summary }, null, 2)}\n`;
      expect(await documentOf(calls, withIssues)).toBe(expected);
    }
  });

  it("writes an empty list of calls as JSON.stringify does", async () => {
    expect(await documentOf([], false)).toBe(`${JSON.stringify({ tooldbg: "scan/1", files, calls: [], summary }, null, 2)}\n`);
  });
});
