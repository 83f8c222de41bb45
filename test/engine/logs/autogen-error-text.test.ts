import { describe, expect, it } from "vitest";
import { autogenAdapter } from "../../../src/engine/logs/adapters/autogen.js";
import { jsonl, readFixture, readText } from "./anthropic-autogen-otel-read-log.js";

const executed = (...results: unknown[]) => ({ source: "a", type: "ToolCallExecutionEvent", content: results });
const request = { source: "a", type: "ToolCallRequestEvent", content: [{ id: "c1", arguments: "{}", name: "f" }] };

describe("autogen: an error inferred from the text where the record has no is_error", () => {
  it("a swarm-style FunctionExecutionResult repr (no name, no is_error) whose content is a traceback (fixture autogen-console-noflag.txt)", () => {
    expect(readFixture(autogenAdapter, "autogen-console-noflag.txt").result("call_n1")).toMatchObject({ isError: true, errorInferred: true, tool: "refund_flight" });
  });

  it("a JSON execution result and an autogen_core ToolCall event without the flag", () => {
    const log = readText(autogenAdapter, jsonl(request, executed({ call_id: "c1", content: "ValueError: no such flight" }), { type: "ToolCall", tool_name: "g", arguments: {}, result: "Error: timed out" }));
    expect(log.result("c1")).toMatchObject({ isError: true, errorInferred: true });
    expect(log.results[1]).toMatchObject({ tool: "g", isError: true, errorInferred: true });
  });

  it("not where the record says is_error: false, nor for text that only mentions an error", () => {
    const log = readText(autogenAdapter, jsonl(request, executed({ call_id: "c1", content: "Error: but the tool says fine", is_error: false })));
    expect(log.result("c1").isError).toBe(false);
    expect(log.result("c1").errorInferred).toBeUndefined();
    const prose = readText(autogenAdapter, jsonl(request, executed({ call_id: "c1", content: "No errors found." })));
    expect(prose.result("c1").isError).toBeUndefined();
  });
});
