import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CallCollector } from "../../../src/engine/logs/call-collector.js";
import { detectFromHead } from "../../../src/engine/logs/detect-format.js";
import { collectEvents } from "../../../src/engine/logs/adapters/shared/collect-log-events.js";
import type { LogToolCall, LogToolResult } from "../../../src/engine/logs/log-events.js";
import type { ScannedCall } from "../../../src/engine/logs/scanned-call.js";
import { scannedCallJson } from "../../../src/engine/logs/scanned-call-json.js";

const FIXTURES = new URL("../../fixtures/logs/", import.meta.url).pathname;

function fixtureFiles(dir = FIXTURES): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? fixtureFiles(path) : [path];
  });
}

/** The calls a scan of the text delivers, as the collector makes them. */
function scanned(file: string, text: string): ScannedCall[] {
  const adapter = detectFromHead(text.slice(0, 256 * 1024)).adapter;
  if (!adapter) return [];
  const out: ScannedCall[] = [];
  const collector = new CallCollector({}, (call) => out.push(call), () => undefined);
  for (const event of collectEvents(adapter, file, text)) if (event.kind !== "error") collector.event(event);
  collector.finish();
  return out;
}

const call = (over: Partial<LogToolCall>): LogToolCall => ({ kind: "call", callId: "c1", syntheticId: false, tool: "t", arguments: "{}", argumentsRecorded: true, source: { file: "f.jsonl", line: 1 }, ...over });
const result = (over: Partial<LogToolResult>): LogToolResult => ({ kind: "result", callId: "c1", content: "ok", source: { file: "f.jsonl", line: 2 }, ...over });

describe("scannedCallJson", () => {
  it("writes every fixture's calls exactly as JSON.stringify does", () => {
    let calls = 0;
    let withFindings = 0;
    let withResults = 0;
    for (const file of fixtureFiles()) {
      for (const c of scanned(file, readFileSync(file, "utf8"))) {
        expect(scannedCallJson(c), `${file} ${c.callId}`).toBe(JSON.stringify(c));
        calls++;
        if (c.diagnoses.length > 0) withFindings++;
        if (c.result) withResults++;
      }
    }
    expect(calls).toBeGreaterThan(100);
    expect(withFindings).toBeGreaterThan(10);
    expect(withResults).toBeGreaterThan(20);
  });

  it("escapes what JSON.stringify escapes, in every field, and keeps every optional key", () => {
    const awkward = ['quote " here', "back\\slash", "tab\tand\nnewline", "nul \u0000 and \u001f", "lone \ud800 surrogate", "pair \ud83d\ude00 ok", "é ü 中", "", "</script>"];
    const out: ScannedCall[] = [];
    const collector = new CallCollector({}, (c) => out.push(c), () => undefined);
    awkward.forEach((text, i) => {
      const id = `${text}#${i}`;
      collector.event(
        call({
          callId: id,
          tool: text,
          arguments: i % 2 === 0 ? `{"k":${JSON.stringify(text)}}` : text,
          argumentsRecorded: i % 3 !== 0,
          model: text,
          time: text,
          conversation: text,
          truncated: i % 2 === 0,
          syntheticId: i % 4 === 0,
          notes: [text],
          source: { file: text, line: i + 1 },
          advertised: [{ name: text, parameters: { type: "object", properties: { k: { type: "integer" } } } }],
        }),
      );
      collector.event(result({ callId: id, content: text, isError: i % 2 === 1, ...(i % 3 === 0 ? { errorInferred: true } : {}), source: { file: text, line: i + 2 } }));
    });
    collector.finish();
    expect(out).toHaveLength(awkward.length);
    for (const c of out) expect(scannedCallJson(c)).toBe(JSON.stringify(c));
    expect(out.some((c) => c.result?.isError && c.result.errorInferred)).toBe(true);
    expect(out.some((c) => c.truncated && c.syntheticId && c.notes && c.diagnoses.length > 0)).toBe(true);
  });

  it("leaves a call with an execution to JSON.stringify (its keys come in another order)", () => {
    const c: ScannedCall = { callId: "c1", tool: "t", arguments: "{}", argumentsRecorded: true, source: { file: "f", line: 1 }, ok: true, diagnoses: [] };
    const executed = { ...c, execution: { status: "ok", result: { a: 1 } } } as unknown as ScannedCall;
    expect(scannedCallJson(executed)).toBe(JSON.stringify(executed));
  });
});
