import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { openaiChatAdapter } from "../../../src/engine/logs/adapters/openai-chat.js";
import { CallCollector } from "../../../src/engine/logs/call-collector.js";
import { ArrivalOrder, MAX_HELD, MAX_HELD_BYTES } from "../../../src/engine/logs/arrival-order.js";
import type { LogConversationIssue, LogToolCall, LogToolResult } from "../../../src/engine/logs/log-events.js";
import type { ConversationFinding, ScannedCall } from "../../../src/engine/logs/scanned-call.js";
import { runScan } from "../../../src/engine/logs/run-scan.js";
import { writeScanDocument } from "../../../src/engine/logs/json-call-spool.js";

const call = (id: string, args = "{}", line = 1): LogToolCall => ({ kind: "call", callId: id, syntheticId: false, tool: "f", arguments: args, argumentsRecorded: true, source: { file: "f", line } });
const result = (id: string, content = `answer ${id}`, line = 2): LogToolResult => ({ kind: "result", callId: id, content, source: { file: "f", line } });

function collect(): { collector: CallCollector; out: ScannedCall[]; issues: ConversationFinding[] } {
  const out: ScannedCall[] = [];
  const issues: ConversationFinding[] = [];
  return { collector: new CallCollector({}, (c) => out.push(c), (i) => issues.push(i)), out, issues };
}

/** "c:a" is call a, "r:a" its result (content "answer a"), "r:a=x" a result reading x, "end" finish(). */
type Step = `c:${string}` | `r:${string}` | "end";

function run(collector: CallCollector, step: Step): void {
  if (step === "end") return collector.finish();
  const [kind, rest] = [step.slice(0, 1), step.slice(2)];
  const [id, content] = rest.split("=") as [string, string | undefined];
  collector.event(kind === "c" ? call(id) : result(id, content));
}

/** Each call handed on, as id=content (id alone when it has no result). */
const shown = (out: ScannedCall[]) => out.map((c) => (c.result ? `${c.callId}=${c.result.content}` : c.callId));

describe("CallCollector: calls go on in the order they arrived", () => {
  // Each row: the steps, and after each step every call handed on so far.
  const cases: { name: string; steps: [Step, string[]][] }[] = [
    {
      name: "parallel calls answered in reverse order come out in call order",
      steps: [
        ["c:a", []],
        ["c:b", []],
        ["c:c", []],
        ["r:c", []],
        ["r:b", []],
        ["r:a", ["a=answer a", "b=answer b", "c=answer c"]],
      ],
    },
    {
      name: "answered c, a, b: each goes on once every call before it has",
      steps: [
        ["c:a", []],
        ["c:b", []],
        ["c:c", []],
        ["r:c", []],
        ["r:a", ["a=answer a"]],
        ["r:b", ["a=answer a", "b=answer b", "c=answer c"]],
      ],
    },
    {
      name: "a call answered early (result before call) is held behind an earlier waiting call",
      steps: [
        ["c:a", []],
        ["r:b=early", []],
        ["c:b", []],
        ["r:a", ["a=answer a", "b=early"]],
      ],
    },
    {
      name: "a call answered early with nothing waiting before it goes on at once",
      steps: [
        ["r:b=early", []],
        ["c:b", ["b=early"]],
      ],
    },
    {
      name: "finish() hands on the waiting and the held in arrival order",
      steps: [
        ["c:a", []],
        ["c:b", []],
        ["c:c", []],
        ["c:d", []],
        ["r:d", []],
        ["r:b", []],
        ["end", ["a", "b=answer b", "c", "d=answer d"]],
      ],
    },
    {
      name: "a second result for a held call is an early result, as for any call already finished",
      steps: [
        ["c:a", []],
        ["c:b", []],
        ["r:b=first", []],
        ["r:b=second", []],
        ["r:a", ["a=answer a", "b=first"]],
        ["c:b", ["a=answer a", "b=first", "b=second"]],
      ],
    },
    {
      name: "an id seen again after its call finished is a new call, in its own turn",
      steps: [
        ["c:a", []],
        ["c:b", []],
        ["r:b", []],
        ["c:b", []],
        ["c:b", []], // still waiting under that id: the same call logged again
        ["r:a", ["a=answer a", "b=answer b"]],
        ["r:b=again", ["a=answer a", "b=answer b", "b=again"]],
      ],
    },
  ];
  for (const { name, steps } of cases) {
    it(name, () => {
      const { collector, out, issues } = collect();
      for (const [step, expected] of steps) {
        run(collector, step);
        expect(shown(out), step).toEqual(expected);
      }
      expect(issues).toEqual([]);
    });
  }

  it("does not let a never-answered first call hold the rest forever: past the held bound they go on, and it still gets its late answer", () => {
    const { collector, out, issues } = collect();
    collector.event(call("first"));
    // Light calls: the held size bound (0.5 KB a call at the least) comes before the count.
    let answered = 0;
    while (out.length === 0 && answered <= MAX_HELD) {
      answered++;
      collector.event(call(`c${answered}`));
      collector.event(result(`c${answered}`));
    }
    expect(answered).toBeGreaterThan(3_000);
    // Past the bound: every held call, in arrival order; the waiting one is passed over.
    expect(out.map((c) => c.callId)).toEqual(Array.from({ length: answered }, (_, i) => `c${i + 1}`));
    // The calls after it are no longer held behind it.
    collector.event(call("after"));
    collector.event(result("after"));
    expect(out.at(-1)?.callId).toBe("after");
    // Its answer still pairs with it (it waited all along): no orphan, no missing result.
    collector.event(result("first", "late"));
    expect(out.at(-1)).toMatchObject({ callId: "first", ok: true, diagnoses: [], result: { content: "late" } });
    collector.finish();
    expect(out).toHaveLength(answered + 2);
    expect(issues).toEqual([]);
  });

  it("bounds the held calls by their size too: past it they go on, in arrival order", () => {
    const { collector, out } = collect();
    const content = "x".repeat(Math.ceil(MAX_HELD_BYTES / 2));
    collector.event(call("first"));
    collector.event(call("b1"));
    collector.event(call("b2"));
    collector.event(result("b2", content));
    expect(out).toEqual([]);
    collector.event(result("b1", content));
    expect(out.map((c) => c.callId)).toEqual(["b1", "b2"]);
    collector.finish();
    expect(out.map((c) => c.callId)).toEqual(["b1", "b2", "first"]);
    expect(out.at(-1)?.result).toBeUndefined();
  });

  it("finish() ends the out-of-turn calls first: they arrived before every call still in the queue", () => {
    const { collector, out } = collect();
    const content = "x".repeat(MAX_HELD_BYTES);
    collector.event(call("first"));
    collector.event(call("big"));
    collector.event(result("big", content));
    expect(out.map((c) => c.callId)).toEqual(["big"]);
    collector.event(call("w"));
    collector.event(call("x"));
    collector.event(result("x"));
    collector.finish();
    expect(out.map((c) => c.callId)).toEqual(["big", "first", "w", "x"]);
  });
});

describe("ArrivalOrder", () => {
  it("holds at most MAX_HELD items, whatever their size, then hands them all on in order", () => {
    const out: number[] = [];
    const order = new ArrivalOrder<number>((n) => out.push(n), () => 0);
    const places = Array.from({ length: MAX_HELD + 2 }, () => order.arrive(1, "a.jsonl"));
    const numbers = places.map((_, i) => i);
    for (const i of numbers.slice(1, -1)) order.finished(places[i]!, i);
    expect(out).toEqual([]);
    order.finished(places.at(-1)!, MAX_HELD + 1);
    expect(out).toEqual(numbers.slice(1));
    // The one passed over goes on when it finishes; what arrives after flows in turn again.
    order.finished(places[0]!, 0);
    const next = order.arrive(1, "a.jsonl");
    order.finished(next, MAX_HELD + 2);
    expect(out.slice(-2)).toEqual([0, MAX_HELD + 2]);
  });

  it("holds an item only behind an unfinished one of its own group", () => {
    const out: string[] = [];
    const order = new ArrivalOrder<string>((s) => out.push(s), () => 0);
    const a1 = order.arrive(1, "a.jsonl");
    const a2 = order.arrive(1, "a.jsonl");
    const b1 = order.arrive(2, "a.jsonl");
    const b2 = order.arrive(2, "a.jsonl");
    order.finished(b2, "b2");
    order.finished(a2, "a2");
    expect(out).toEqual([]);
    order.finished(b1, "b1"); // line 2 goes on though line 1's first call still waits
    expect(out).toEqual(["b1", "b2"]);
    order.finished(a1, "a1");
    expect(out).toEqual(["b1", "b2", "a1", "a2"]);
    // A group done with starts afresh under its key.
    const a3 = order.arrive(1, "a.jsonl");
    order.finished(a3, "a3");
    expect(out.at(-1)).toBe("a3");
  });
});

describe("ArrivalOrder: groups by file and line", () => {
  it("finds a line's group again when another line's items came between, and tells files apart", () => {
    const out: string[] = [];
    const order = new ArrivalOrder<string>((s) => out.push(s), () => 0);
    const a1 = order.arrive(1, "a.jsonl");
    const other = order.arrive(1, "b.jsonl"); // line 1 of another file: a group of its own
    const c1 = order.arrive(3, "a.jsonl");
    const a2 = order.arrive(1, "a.jsonl"); // line 1 of a.jsonl again, after others
    order.finished(a2, "a2");
    order.finished(other, "other");
    order.finished(c1, "c1");
    expect(out).toEqual(["other", "c1"]); // a2 waits for a1, not for the others
    order.finished(a1, "a1");
    expect(out).toEqual(["other", "c1", "a1", "a2"]);
  });

  it("a release passes over the unfinished, which go on when they finish, and the line starts afresh", () => {
    const out: string[] = [];
    const order = new ArrivalOrder<string>((s) => out.push(s), () => 0);
    const first = order.arrive(7, "a.jsonl");
    const second = order.arrive(7, "a.jsonl");
    order.finished(second, "second");
    expect(out).toEqual([]);
    order.release();
    expect(out).toEqual(["second"]);
    const third = order.arrive(7, "a.jsonl"); // a new group: not held behind `first`
    order.finished(third, "third");
    expect(out).toEqual(["second", "third"]);
    order.finished(first, "first");
    expect(out).toEqual(["second", "third", "first"]);
  });
});

describe("CallCollector: calls of different lines", () => {
  it("a line's calls are not held behind an earlier line's call that is never answered", () => {
    const { collector, out } = collect();
    collector.event(call("never", "{}", 1));
    collector.event(call("a", "{}", 2));
    collector.event(call("b", "{}", 2));
    collector.event(result("b", "answer b", 3));
    collector.event(result("a", "answer a", 3));
    expect(shown(out)).toEqual(["a=answer a", "b=answer b"]);
    collector.finish();
    expect(shown(out)).toEqual(["a=answer a", "b=answer b", "never"]);
  });
});

describe("CallCollector: held calls leave the waiting budget alone", () => {
  // About 1 MB of arguments each: six waiting calls are past the waiting budget (6 MB), five are not.
  const big = JSON.stringify({ content: "y".repeat(1_100_000) });

  it("a held call does not push a waiting one out before its answer", () => {
    const { collector, out, issues } = collect();
    collector.event(call("w0", big));
    collector.event(call("h", big));
    collector.event(result("h"));
    for (let i = 1; i <= 4; i++) collector.event(call(`w${i}`, big));
    // Five wait (h is held, not waiting): within the budget, so none went on without its answer.
    expect(out).toEqual([]);
    collector.event(result("w0", "late but real"));
    expect(shown(out)).toEqual(["w0=late but real", "h=answer h"]);
    collector.finish();
    expect(shown(out)).toEqual(["w0=late but real", "h=answer h", "w1", "w2", "w3", "w4"]);
    expect(issues).toEqual([]);
  });

  it("the waiting budget still forces out the oldest waiting call, and the calls held behind it follow", () => {
    const { collector, out } = collect();
    collector.event(call("w0", big));
    collector.event(call("h", big));
    collector.event(result("h"));
    for (let i = 1; i <= 4; i++) collector.event(call(`w${i}`, big));
    expect(out).toEqual([]);
    collector.event(call("w5", big));
    expect(shown(out)).toEqual(["w0", "h=answer h"]);
    // Its answer comes too late: it is an early result no call takes, as before.
    collector.event(result("w0", "too late"));
    collector.finish();
    expect(shown(out)).toEqual(["w0", "h=answer h", "w1", "w2", "w3", "w4", "w5"]);
  });

  it("a missing_tool_result finding on a held call is an issue of its own, as on any finished call", () => {
    const { collector, out, issues } = collect();
    const missing = (id: string): LogConversationIssue => ({ kind: "conversation", code: "missing_tool_result", callId: id, tool: "f", source: { file: "f", line: 9 } });
    collector.event(call("a"));
    collector.event(call("b"));
    collector.event(missing("a"));
    collector.event(result("b"));
    collector.event(missing("b"));
    collector.finish();
    expect(out.map((c) => [c.callId, c.diagnoses.map((d) => d.code)])).toEqual([
      ["a", ["missing_tool_result"]],
      ["b", []],
    ]);
    expect(issues.map((i) => [i.callId, i.finding.code])).toEqual([["b", "missing_tool_result"]]);
  });
});

describe("runScan: a line's parallel calls answered out of turn", () => {
  const toolCall = (id: string) => ({ id, type: "function", function: { name: "f", arguments: "{}" } });
  const calls = ["call_a", "call_b", "call_c"].map(toolCall);
  const lines = [
    { object: "chat.completion", model: "m", choices: [{ index: 0, message: { role: "assistant", content: null, tool_calls: calls }, finish_reason: "tool_calls" }] },
    // Answered c, a, b on the next line.
    { model: "m", messages: [{ role: "user", content: "q" }, { role: "assistant", tool_calls: calls }, ...["call_c", "call_a", "call_b"].map((id) => ({ role: "tool", tool_call_id: id, content: id.slice(-1) }))] },
  ];

  for (const output of ["json", "jsonl"] as const) {
    it(`--${output} lists them in the order the model made them`, async () => {
      const dir = mkdtempSync(join(tmpdir(), "tooldbg-parallel-"));
      const path = join(dir, "parallel.jsonl");
      writeFileSync(path, lines.map((l) => JSON.stringify(l)).join("\n") + "\n");
      let text = "";
      const scan = await runScan([{ path, adapter: openaiChatAdapter }], { output }, (t) => (text += t));
      let doc = "";
      if (output === "json") await writeScanDocument(scan, (t) => void (doc += t));
      const listed = output === "json" ? (JSON.parse(doc) as { calls: ScannedCall[] }).calls : text.trim().split("\n").map((l) => JSON.parse(l) as ScannedCall).filter((c) => "callId" in c);
      expect(listed.map((c) => `${c.callId}=${c.result?.content}`)).toEqual(["call_a=a", "call_b=b", "call_c=c"]);
    });
  }
});
