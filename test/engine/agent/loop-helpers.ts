// Fakes for the agent loop's unit tests: a runner with canned outcomes, a recording model, a scripted decider.
import { expect } from "vitest";
import type { AgentEvent, AgentInfo, Decider, Decision, PausedCall, ScriptedTurn } from "../../../src/engine/agent/agent-contract.js";
import { AgentLoop, type AgentLoopOptions } from "../../../src/engine/agent/agent-loop.js";
import type { ChatMessage } from "../../../src/engine/agent/chat-messages.js";
import type { ModelClient, ModelResult } from "../../../src/engine/agent/model-client.js";
import { ScriptedModel } from "../../../src/engine/agent/scripted-model.js";
import type { ExecutionOutcome } from "../../../src/engine/executor/outcome.js";
import type { ToolRunner } from "../../../src/engine/fixtures/tool-runner.js";
import type { ToolSpec } from "../../../src/tools/tool-spec.js";

const spec = (name: string, executable = true): ToolSpec => ({
  name,
  parameters: { type: "object", properties: { invoice_id: { type: "string" } }, required: ["invoice_id"], additionalProperties: false },
  executable,
  sideEffects: false,
  shape: "tooldbg",
  source: { module: "agent.ts", exportName: `default.tools.${name}` },
});

/** get_invoice: returns its arguments; explode: throws; refund: schema-only. */
export const TOOLS: ToolSpec[] = [spec("get_invoice"), spec("explode"), spec("refund", false)];

export const AGENT: AgentInfo = { module: "agent.ts", model: "gpt-test", instructions: "Be brief.", prompt: "check INV-1", tools: TOOLS };

export interface FakeRunner extends ToolRunner {
  tools: ToolSpec[];
  calls: { tool: string; argumentsText: string; mode: string }[];
  /** Override the next outcomes of a tool (oldest first). */
  next: Map<string, ExecutionOutcome[]>;
}

const base = { durationMs: 1, console: { stdout: "", stderr: "", droppedBytes: 0 } };

export function fakeRunner(): FakeRunner {
  const runner: FakeRunner = {
    tools: TOOLS,
    calls: [],
    next: new Map(),
    call(request) {
      runner.calls.push({ tool: request.tool, argumentsText: request.argumentsText, mode: request.mode });
      const queued = runner.next.get(request.tool)?.shift();
      if (queued) return Promise.resolve(queued);
      if (request.tool === "explode") return Promise.resolve({ status: "error", mode: request.mode, ...base, phase: "execute", error: { name: "Error", message: "boom" } });
      return Promise.resolve({ status: "ok", mode: request.mode, ...base, result: request.args, preview: "", serialization: [] });
    },
  };
  return runner;
}

export const okOutcome = (result: unknown): ExecutionOutcome => ({ status: "ok", mode: "validated", ...base, result, preview: "", serialization: [] });

export const callTurn = (...calls: [id: string, name: string, args: string][]): ScriptedTurn => ({
  tool_calls: calls.map(([id, name, args]) => ({ id, function: { name, arguments: args } })),
});
export const answer = (content: string): ScriptedTurn => ({ content });

/** A scripted model that also keeps every conversation it was sent. */
export class RecordingModel implements ModelClient {
  readonly source = "scripted";
  readonly label = "scripted (test)";
  readonly model = "gpt-test";
  readonly sent: ChatMessage[][] = [];
  private readonly inner: ScriptedModel;
  constructor(turns: ScriptedTurn[]) {
    this.inner = new ScriptedModel(turns, this.label, this.model);
  }
  get remaining(): number {
    return this.inner.remaining;
  }
  next(messages: readonly ChatMessage[]): Promise<ModelResult> {
    this.sent.push(structuredClone([...messages]));
    return this.inner.next();
  }
}

/** Answers pauses from a list, in order; records each pause. Runs out → the test fails. */
export class ListDecider implements Decider {
  readonly pauses: PausedCall[] = [];
  /** What a decision function threw (the loop turns it into quit; the test shows it). */
  readonly errors: unknown[] = [];
  constructor(
    private readonly decisions: (Decision | ((paused: PausedCall) => Decision | Promise<Decision>))[],
  ) {}
  async decide(paused: PausedCall): Promise<Decision> {
    this.pauses.push(paused);
    const next = this.decisions.shift();
    if (next === undefined) throw new Error(`unexpected pause at ${paused.callId} (${paused.phase})`);
    try {
      return typeof next === "function" ? await next(paused) : next;
    } catch (error) {
      this.errors.push(error);
      throw error;
    }
  }
  get unused(): number {
    return this.decisions.length;
  }
}

export interface Harness {
  loop: AgentLoop;
  model: RecordingModel;
  runner: FakeRunner;
  events: AgentEvent[];
  recorded: AgentEvent[];
}

export function harness(turns: ScriptedTurn[], options: Partial<AgentLoopOptions> = {}): Harness {
  const model = new RecordingModel(turns);
  const runner = fakeRunner();
  const recorded: AgentEvent[] = [];
  const loop = new AgentLoop({ agent: AGENT, model, runner, record: (event) => recorded.push(event), ...options });
  const events: AgentEvent[] = [];
  loop.subscribe((event) => events.push(event));
  return { loop, model, runner, events, recorded };
}

/** Every scripted turn was asked for, and every scripted decision was used. */
export function expectAllUsed(h: Harness, decider?: ListDecider): void {
  if (decider) expect(decider.errors.map(String), "decision functions threw").toEqual([]);
  expect(h.model.remaining, "scripted model turns left unused").toBe(0);
  if (decider) expect(decider.unused, "scripted decisions left unused").toBe(0);
}

export const types = (events: readonly AgentEvent[]): string[] => events.filter((e) => e.type !== "model_delta").map((e) => e.type);
