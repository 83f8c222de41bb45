import { describe, expect, it } from "vitest";
import { WaitingCalls } from "../../../src/engine/logs/adapters/shared/waiting-calls.js";

const always = () => true;

describe("WaitingCalls: answers that name no call", () => {
  it("takes the newest call of the tool with the same arguments, whatever their formatting and key order", () => {
    const waiting = new WaitingCalls();
    waiting.add("c1", "get_time", "t", '{"tz": "Europe/Paris", "fmt": "24h"}');
    waiting.add("c2", "get_time", "t", '{"tz":"Asia/Tokyo"}');
    waiting.add("c3", "get_weather", "t", '{"tz":"Europe/Paris","fmt":"24h"}');
    expect(waiting.take("get_time", { fmt: "24h", tz: "Europe/Paris" }, "t", always)).toBe("c1");
    // Taken once: the next answer with those arguments falls back to the newest open call of the tool in the trace.
    expect(waiting.take("get_time", { fmt: "24h", tz: "Europe/Paris" }, "t", always)).toBe("c2");
    expect(waiting.take("get_time", {}, "t", always)).toBeUndefined();
  });

  it("pairs two answers with two calls of the same arguments, newest first, and skips calls already answered", () => {
    const waiting = new WaitingCalls();
    waiting.add("a", "f", "t", '{"x":1}');
    waiting.add("b", "f", "t", '{"x":1}');
    waiting.add("c", "f", "t", '{"x":1}');
    const answered = new Set(["c"]);
    const open = (id: string) => !answered.has(id);
    expect([waiting.take("f", { x: 1 }, "t", open), waiting.take("f", { x: 1 }, "t", open), waiting.take("f", { x: 1 }, "t", open)]).toEqual(["b", "a", undefined]);
  });

  it("falls back by tool only within the same trace", () => {
    const waiting = new WaitingCalls();
    waiting.add("other", "f", "t1", '{"x":1}');
    expect(waiting.take("f", { x: 2 }, "t2", always)).toBeUndefined();
    expect(waiting.take("f", { x: 2 }, "t1", always)).toBe("other");
  });

  it("forgets the oldest past 1,000 calls, or past 2 MB of arguments", () => {
    const waiting = new WaitingCalls();
    for (let i = 0; i < 1_500; i++) waiting.add(`c${i}`, i === 0 ? "rare" : "f", "t", `{"i":${i}}`);
    expect(waiting.take("rare", { i: 0 }, "t", always)).toBeUndefined();
    expect(waiting.take("f", { i: 499 }, "t", always)).toBe("c1499");
    expect(waiting.take("f", { i: 500 }, "t", always)).toBe("c500");
    const big = new WaitingCalls();
    big.add("huge1", "write", "t", `{"text":"${"x".repeat(1_500_000)}"}`);
    big.add("huge2", "write", "t", `{"text":"${"y".repeat(1_500_000)}"}`);
    expect(big.take("write", { text: "y".repeat(1_500_000) }, "t", always)).toBe("huge2");
    // huge1 went when huge2 came (3 MB in all): nothing is left to answer.
    expect(big.take("write", { text: "x".repeat(1_500_000) }, "t", always)).toBeUndefined();
  });

  it("keeps its index of arguments right as calls come after an answer and the oldest are forgotten", () => {
    const waiting = new WaitingCalls();
    waiting.add("old", "f", "t", '{"i":"old"}');
    waiting.add("early", "f", "t", '{"i":0}');
    // An answer builds the index; the calls after it are indexed when the next answer comes.
    expect(waiting.takeSame("f", { i: "none" }, always)).toBeUndefined();
    for (let i = 1; i <= 999; i++) waiting.add(`c${i}`, "f", "t", `{"i":${i % 10}}`);
    // "old" is forgotten (1,001 calls came); the index no longer holds it.
    expect(waiting.takeSame("f", { i: "old" }, always)).toBeUndefined();
    expect(waiting.takeSame("f", { i: 0 }, always)).toBe("c990");
    expect(waiting.takeSame("f", { i: 9 }, always)).toBe("c999");
    for (let i = 0; i < 1_000; i++) waiting.add(`d${i}`, "g", "t", "{}");
    // Every call of f is forgotten now, indexed or not.
    expect(waiting.takeSame("f", { i: 0 }, always)).toBeUndefined();
    expect(waiting.take("f", { i: 1 }, "t", always)).toBeUndefined();
    expect(waiting.takeSame("g", {}, always)).toBe("d999");
  });
});
