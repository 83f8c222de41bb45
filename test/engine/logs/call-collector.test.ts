import { describe, expect, it } from "vitest";
import { CallCollector } from "../../../src/engine/logs/call-collector.js";
import { EventEncoder } from "../../../src/engine/logs/log-event-codec.js";
import type { LogToolCall, LogToolResult } from "../../../src/engine/logs/log-events.js";
import type { ScannedCall } from "../../../src/engine/logs/scanned-call.js";

const call = (id: string, args = '{"a":1}', line = 1): LogToolCall => ({ kind: "call", callId: id, syntheticId: false, tool: "write_file", arguments: args, argumentsRecorded: true, source: { file: "f", line } });
const result = (id: string, content = "ok", line = 2): LogToolResult => ({ kind: "result", callId: id, content, source: { file: "f", line } });

function collect(): { collector: CallCollector; out: ScannedCall[] } {
  const out: ScannedCall[] = [];
  return { collector: new CallCollector({}, (c) => out.push(c), () => undefined), out };
}

describe("CallCollector", () => {
  it("pairs a call with its result, whichever comes first", () => {
    const { collector, out } = collect();
    collector.event(call("c1"));
    collector.event(result("r0", "early"));
    expect(out).toEqual([]);
    collector.event(result("c1", "done"));
    collector.event(call("r0"));
    collector.finish();
    expect(out.map((c) => [c.callId, c.result?.content])).toEqual([
      ["c1", "done"],
      ["r0", "early"],
    ]);
  });

  it("bounds the memory of calls never answered by their size, not only their number", () => {
    // A log of responses only, whose calls write files: no result ever comes.
    const { collector, out } = collect();
    const content = "x".repeat(200_000);
    for (let i = 0; i < 300; i++) collector.event(call(`w${i}`, JSON.stringify({ path: `f${i}`, content }), i + 1));
    // 300 calls of 200 KB are 60 MB: most went on (without a result) before the end of the log.
    expect(out.length).toBeGreaterThan(200);
    const waiting = 300 - out.length;
    expect(waiting * 200_000).toBeLessThanOrEqual(16 * 1024 * 1024);
    // In arrival order, and the latest calls still wait for their answers.
    expect(out.slice(0, 3).map((c) => c.callId)).toEqual(["w0", "w1", "w2"]);
    collector.event(result("w299", "written"));
    // Each call on a line of its own: answered, it goes on at once, the calls before it waiting.
    expect(out.at(-1)).toMatchObject({ callId: "w299", result: { content: "written" } });
    collector.finish();
    expect(out).toHaveLength(300);
    expect(new Set(out.map((c) => c.callId)).size).toBe(300);
  });

  it("a single call larger than the budget still waits for its answer", () => {
    const { collector, out } = collect();
    collector.event(call("huge", JSON.stringify({ content: "y".repeat(20 * 1024 * 1024) })));
    expect(out).toEqual([]);
    collector.event(result("huge", "ok"));
    expect(out.map((c) => [c.callId, c.result?.content])).toEqual([["huge", "ok"]]);
  });

  it("bounds early results by their size: the oldest is dropped, the newest kept", () => {
    const { collector, out } = collect();
    const content = "z".repeat(100_000);
    for (let i = 0; i < 100; i++) collector.event(result(`e${i}`, content));
    collector.event(call("e0"));
    collector.event(call("e99"));
    collector.finish();
    expect(out.find((c) => c.callId === "e0")?.result).toBeUndefined();
    expect(out.find((c) => c.callId === "e99")?.result?.content).toBe(content);
  });
});

describe("EventEncoder", () => {
  it("counts the characters of arguments and results in a batch, from zero after each take", () => {
    const encoder = new EventEncoder("f");
    encoder.push(call("c1", "1234567890"));
    encoder.push(result("c1", "abcde"));
    expect(encoder.textChars).toBe(15);
    expect(encoder.take()).toBeDefined();
    expect(encoder.textChars).toBe(0);
  });
});
