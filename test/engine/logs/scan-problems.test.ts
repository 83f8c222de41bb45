import { describe, expect, it } from "vitest";
import type { Finding } from "../../../src/engine/diagnosis/finding.js";
import { mostlyFrom, ProblemCounter } from "../../../src/engine/logs/scan-problems.js";
import type { ScannedCall } from "../../../src/engine/logs/scanned-call.js";

const finding = (code: Finding["code"], path?: string): Finding => ({ code, severity: "error", message: code, ...(path !== undefined && { path }) });
const call = (callId: string, tool: string, line: number, diagnoses: Finding[], model?: string): ScannedCall => ({
  callId,
  tool,
  ...(model !== undefined && { model }),
  arguments: "{}",
  argumentsRecorded: true,
  source: { file: "prod.jsonl", line },
  ok: diagnoses.length === 0,
  diagnoses,
});

describe("ProblemCounter", () => {
  it("counts failing calls by tool, code and argument, array positions as one, most frequent first", () => {
    const counter = new ProblemCounter();
    counter.addCall(call("a", "search", 1, [finding("type_mismatch", "items.0.qty"), finding("type_mismatch", "items.1.qty")]));
    counter.addCall(call("b", "search", 2, [finding("type_mismatch", "items.3.qty")]));
    counter.addCall(call("c", "lookup", 3, [finding("unknown_tool")]));
    counter.addCall(call("d", "search", 4, [finding("missing_argument", "customer"), finding("type_mismatch", "items.0.qty")]));
    counter.addCall(call("e", "search", 5, []));
    expect(counter.top(10)).toEqual([
      { tool: "search", code: "type_mismatch", path: "items.*.qty", calls: 3, first: { callId: "a", file: "prod.jsonl", line: 1 }, byModel: new Map([["(unknown)", 3]]) },
      { tool: "lookup", code: "unknown_tool", calls: 1, first: { callId: "c", file: "prod.jsonl", line: 3 }, byModel: new Map([["(unknown)", 1]]) },
      { tool: "search", code: "missing_argument", path: "customer", calls: 1, first: { callId: "d", file: "prod.jsonl", line: 4 }, byModel: new Map([["(unknown)", 1]]) },
    ]);
    expect(counter.top(1)).toHaveLength(1);
  });

  it("keeps a number that is a key's own name, and stays bounded whatever the variety", () => {
    const counter = new ProblemCounter();
    counter.addCall(call("a", "t", 1, [finding("unexpected_argument", "v2.10x")]));
    expect(counter.top(1)[0]?.path).toBe("v2.10x");
    for (let i = 0; i < 5000; i++) counter.addCall(call(`c${i}`, `tool_${i}`, i, [finding("unknown_tool")]));
    counter.addCall(call("again", "t", 9, [finding("unexpected_argument", "v2.10x")]));
    expect(counter.top(1)[0]).toMatchObject({ tool: "t", calls: 2 });
    expect(counter.top(10_000).length).toBeLessThanOrEqual(2000);
  });

  it("says which model a problem comes mostly from, when the log has several", () => {
    const counter = new ProblemCounter();
    const models = ["mini", "mini", "mini", "big", "__proto__"];
    models.forEach((model, i) => counter.addCall(call(`c${i}`, "t", i, [finding("unexpected_argument", "id")], model)));
    counter.addCall(call("x", "t", 9, [finding("missing_argument", "a")], "big"));
    counter.addCall(call("y", "t", 10, [finding("missing_argument", "a")], "mini"));
    const [first, second] = counter.top(2);
    expect(first?.byModel).toEqual(new Map([["mini", 3], ["big", 1], ["__proto__", 1]]));
    expect(first && mostlyFrom(first, 3)).toEqual({ model: "mini", share: 0.6 });
    expect(first && mostlyFrom(first, 1)).toBeUndefined();
    expect(second && mostlyFrom(second, 3)).toBeUndefined();
  });
});
