import { describe, expect, it } from "vitest";
import { runScanWith } from "../../../src/engine/logs/run-scan.js";
import type { ToolRunner } from "../../../src/engine/fixtures/tool-runner.js";
import type { LogToolCall } from "../../../src/engine/logs/log-events.js";
import type { ToolSpec } from "../../../src/tools/tool-spec.js";
import type { ExecutionOutcome } from "../../../src/engine/executor/outcome.js";

const spec = {
  name: "lookup",
  parameters: { type: "object", properties: { n: { type: "integer" } }, required: ["n"] },
  executable: true,
  sideEffects: false,
  shape: "tooldbg",
  source: { module: "tools.ts", exportName: "lookup" },
} as unknown as ToolSpec;

const callEvent = (n: number): LogToolCall => ({ kind: "call", callId: `call_${n}`, syntheticId: false, tool: "lookup", arguments: JSON.stringify({ n }), argumentsRecorded: true, source: { file: "log.jsonl", line: n } });

describe("runScanWith --execute", () => {
  it("re-runs calls as they are handed on, holding the reading back while many wait, and delivers them in turn", async () => {
    let ran = 0;
    const runner: ToolRunner = {
      tools: [spec],
      call: async (request) => {
        await new Promise((resolve) => setImmediate(resolve));
        ran++;
        return { status: "ok", durationMs: 1, result: { n: (request.args as { n: number }).n }, preview: "", serialization: [] } as unknown as ExecutionOutcome;
      },
    };
    let emitted = 0;
    let mostWaiting = 0;
    let ranBeforeEnd = 0;
    const out: string[] = [];
    const result = await runScanWith([{ path: "log.jsonl", format: "openai-chat" as const }], { output: "jsonl", tools: [spec], execute: { runner, allowSideEffects: false, timeoutMs: 1000 } }, (t) => out.push(t), async (_log, onEvent, afterChunk) => {
      // 5,000 calls, each answered at once (so handed on at once), read in chunks of 50.
      for (let chunk = 0; chunk < 100; chunk++) {
        for (let k = 0; k < 50; k++) {
          const n = ++emitted;
          onEvent(callEvent(n));
          onEvent({ kind: "result", callId: `call_${n}`, content: "ok", isError: false, source: { file: "log.jsonl", line: n + 1 } } as never);
        }
        mostWaiting = Math.max(mostWaiting, emitted - ran);
        const wait = afterChunk?.();
        if (wait) await wait;
      }
      ranBeforeEnd = ran;
      return { path: "log.jsonl", format: "openai-chat", records: emitted, errors: [] } as never;
    });
    expect(result.summary.calls).toBe(5000);
    // Reading waited for the re-runs: never more than the queue's bound and a chunk were waiting.
    expect(mostWaiting).toBeLessThanOrEqual(256 + 50);
    expect(ranBeforeEnd).toBeGreaterThan(4000);
    const ids = out.filter((t) => t.startsWith("{")).map((t) => (JSON.parse(t) as { callId: string; execution?: { status: string } }));
    expect(ids.map((c) => c.callId)).toEqual(Array.from({ length: 5000 }, (_, i) => `call_${i + 1}`));
    expect(ids.every((c) => c.execution?.status === "ok")).toBe(true);
  });
});
