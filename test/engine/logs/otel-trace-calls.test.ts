import { describe, expect, it } from "vitest";
import { TraceCalls } from "../../../src/engine/logs/adapters/otel-trace-calls.js";

const open = () => true;

describe("TraceCalls: a trace's calls, for parts naming none", () => {
  it("matches by parsed arguments within the trace only", () => {
    const calls = new TraceCalls();
    calls.add("t1", "call_a", "f", '{"a":1,"b":2}', false);
    calls.add("t1", "call_b", "f", '{"a":2}', false);
    expect(calls.match("t1", "f", '{ "b": 2, "a": 1 }', { kind: "execution" }, open)).toBe("call_a");
    expect(calls.match("t2", "f", '{"a":1,"b":2}', { kind: "execution" }, open)).toBeUndefined();
    expect(calls.match("t1", "g", '{"a":1,"b":2}', { kind: "execution" }, open)).toBeUndefined();
  });

  it("stays bounded in calls and argument characters, forgetting the oldest first", () => {
    const calls = new TraceCalls();
    for (let i = 0; i < 20_000; i++) calls.add(`t${i % 3000}`, `call_${i}`, "f", JSON.stringify({ i }), false);
    expect(calls.remembered.calls).toBe(2_000);
    expect(calls.remembered.traces).toBeLessThanOrEqual(3000);
    expect(calls.match("t0", "f", JSON.stringify({ i: 0 }), { kind: "execution" }, open)).not.toBe("call_0");
    expect(calls.match("t1999", "f", JSON.stringify({ i: 19_999 }), { kind: "execution" }, open)).toBe("call_19999");

    const big = new TraceCalls();
    for (let i = 0; i < 100; i++) big.add("t", `call_${i}`, "f", JSON.stringify({ text: "x".repeat(100_000), i }), false);
    expect(big.remembered.chars).toBeLessThanOrEqual(1024 * 1024);
    expect(big.remembered.calls).toBeLessThan(100);
  });

  it("a call read from a tool span, adopted by the model's call naming its id, is matched as that call", () => {
    const calls = new TraceCalls();
    calls.add("t1", "synthetic_a", "f", '{"a":1}', true);
    expect(calls.unclaimedFor("t1", "f", '{ "a": 1 }', () => false)).toBeUndefined();
    expect(calls.unclaimedFor("t1", "f", '{"a":2}', open)).toBeUndefined();
    expect(calls.unclaimedFor("t1", "f", '{ "a": 1 }', open)).toBe("synthetic_a");
    calls.adopt("t1", "synthetic_a", "call_a");
    calls.add("t1", "call_a", "f", '{"a":1}', false);
    expect(calls.unclaimedFor("t1", "f", '{"a":1}', open)).toBeUndefined();
    expect(calls.match("t1", "f", '{"a":1}', { kind: "execution" }, open)).toBe("call_a");
    expect(calls.match("t1", "f", "", { kind: "output" }, open)).toBeUndefined();
  });
});
