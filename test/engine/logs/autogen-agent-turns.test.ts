import { describe, expect, it } from "vitest";
import { AgentTurns } from "../../../src/engine/logs/adapters/autogen-agent-turns.js";
import { CallLedger } from "../../../src/engine/logs/adapters/shared/call-ledger.js";
import type { LogEvent } from "../../../src/engine/logs/log-events.js";

/** The flags emitted, as [call id, line]. */
const flags = (events: LogEvent[]) => events.map((event) => (event.kind === "conversation" ? [event.callId, event.source.line] : ["?", 0]));

describe("AgentTurns: the order requests moved on from are judged in", () => {
  it("oldest first, whether judged for the window, for too many waiting, or at the log's end", () => {
    const events: LogEvent[] = [];
    const turns = new AgentTurns("f", new CallLedger(), (event) => events.push(event));
    // 12,000 requests moved on from at lines 1..12: past 10,000 waiting, the oldest are judged at once.
    for (let i = 0; i < 12_000; i++) {
      const line = 1 + Math.floor(i / 1_000);
      turns.requested(`a${i}`, [{ id: `c${i}`, tool: "f" }], line);
      turns.movedOn(`a${i}`, line);
    }
    expect(flags(events)).toEqual(Array.from({ length: 2_000 }, (_, i) => [`c${i}`, 1 + Math.floor(i / 1_000)]));
    // Line 1,005 is 1,000 past lines 1..5: those still waiting are judged, the rest wait.
    turns.movedOn("nobody", 1_005);
    expect(events).toHaveLength(5_000);
    turns.requested("late", [{ id: "late", tool: "f" }], 1_006);
    turns.end();
    expect(flags(events)).toEqual([...Array.from({ length: 12_000 }, (_, i) => [`c${i}`, 1 + Math.floor(i / 1_000)]), ["late", 1_006]]);
  });

  it("a result that comes while a request waits answers its call", () => {
    const events: LogEvent[] = [];
    const ledger = new CallLedger();
    const turns = new AgentTurns("f", ledger, (event) => events.push(event));
    turns.requested("a", [{ id: "c1", tool: "f" }, { id: "c2", tool: "f" }], 1);
    turns.movedOn("a", 2);
    ledger.result({ kind: "result", callId: "c1", content: "ok", source: { file: "f", line: 3 } }, () => {});
    turns.movedOn("b", 1_002);
    expect(flags(events)).toEqual([["c2", 2]]);
    turns.end();
    expect(events).toHaveLength(1);
  });
});
