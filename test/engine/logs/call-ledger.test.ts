import { describe, expect, it } from "vitest";
import { CallLedger } from "../../../src/engine/logs/adapters/shared/call-ledger.js";
import { buildCall, buildResult } from "../../../src/engine/logs/adapters/shared/log-event-builders.js";
import type { LogEvent } from "../../../src/engine/logs/log-events.js";

const call = (callId: string, tool: string, args: string, line: number) => buildCall({ callId, tool, arguments: args, argumentsRecorded: true, file: "f.jsonl", line });

describe("CallLedger with distinct calls", () => {
  it("returns the id each call goes by: the first, a renamed one, or the one a repeat or a sighting in the same scope stands for", () => {
    const ledger = new CallLedger({ distinctCalls: true, scoped: true });
    const events: LogEvent[] = [];
    const emit = (event: LogEvent) => events.push(event);
    const inTrace = (scope: string, sighting: boolean) => ({ scope, sighting });
    expect(ledger.call(call("c0", "get_weather", '{"city":"Paris"}', 1), emit, inTrace("t1", false))).toBe("c0");
    // The execution span, arguments re-serialized another way: the same call.
    expect(ledger.call(call("c0", "get_weather", "{'city': 'Paris'}", 1), emit, inTrace("t1", true))).toBeUndefined();
    expect(ledger.lastCallId()).toBe("c0");
    // Another trace's call under the id, then its execution recording no arguments.
    expect(ledger.call(call("c0", "get_weather", '{"city":"Oslo"}', 2), emit, inTrace("t2", false))).toBe("c0#2");
    expect(ledger.call(call("c0", "get_weather", "", 2), emit, inTrace("t2", true))).toBeUndefined();
    expect(ledger.lastCallId()).toBe("c0#2");
    // The same text in a third trace's history: a repeat of the first call.
    expect(ledger.call(call("c0", "get_weather", '{"city": "Paris"}', 3), emit, inTrace("t3", true))).toBeUndefined();
    expect(ledger.lastCallId()).toBe("c0");
    // Not a sighting, other arguments, same trace: a call of its own.
    expect(ledger.call(call("c0", "get_weather", '{"city":"Rome"}', 4), emit, inTrace("t2", false))).toBe("c0#3");
    expect(events.map((event) => ("callId" in event ? event.callId : ""))).toEqual(["c0", "c0#2", "c0#3"]);
  });

  it("keeps what it remembers of reused ids bounded, forgetting the id used least lately", () => {
    const ledger = new CallLedger({ distinctCalls: true, scoped: true });
    const emit = () => undefined;
    let line = 0;
    // A log whose 30,000 ids each name ten calls, none answered: far past the bounds.
    for (let round = 0; round < 10; round++) {
      for (let id = 0; id < 30_000; id++) ledger.call(call(`id${id}`, "t", `{"n":${round}}`, ++line), emit, { scope: `trace${round}`, sighting: false });
      const { reusedIds, entries } = ledger.remembered;
      expect(reusedIds).toBeLessThanOrEqual(10_000);
      expect(entries).toBeLessThanOrEqual(60_000);
    }
    // The id in use lately is still known: its answer goes to its latest call.
    ledger.call(call("id29999", "t", '{"n":10}', ++line), emit, { scope: "trace10", sighting: false });
    const results: LogEvent[] = [];
    ledger.result(buildResult({ callId: "id29999", content: "ok", file: "f.jsonl", line }), (event) => results.push(event));
    expect(results.map((event) => ("callId" in event ? event.callId : ""))).toEqual(["id29999#11"]);
  });
});
