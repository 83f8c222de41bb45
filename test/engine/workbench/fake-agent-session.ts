import type { AgentEvent, AgentSession, AgentSessionView, BreakMode, CallExecution, Decider, Decision, EndReason, SessionCall } from "../../../src/engine/agent/agent-contract.js";
import type { StartAgentSessionOptions } from "../../../src/engine/agent/start-agent-session.js";
import { diagnoseCall } from "../../../src/engine/diagnosis/diagnose-call.js";
import type { ToolSpec } from "../../../src/tools/tool-spec.js";

const okRun = (args: string, mode: "validated" | "raw"): CallExecution => ({
  arguments: args,
  mode,
  findings: [],
  outcome: { status: "ok", mode, durationMs: 1, console: { stdout: "", stderr: "", droppedBytes: 0 }, result: { echoed: args }, preview: "", serialization: [] },
});

/** A session that follows the agent contract: two calls, each paused before it runs, then an answer. */
export class FakeAgentSession implements AgentSession {
  readonly decisions: Decision[] = [];
  readonly reexecuted: { callId: string; text: string; mode: string }[] = [];
  readonly breakModes: BreakMode[] = [];
  closed = false;
  decider: Decider | undefined;
  private readonly listeners = new Set<(event: AgentEvent) => void>();
  readonly view: AgentSessionView;

  constructor(private readonly tools: ToolSpec[]) {
    this.view = { agent: undefined, source: "scripted", label: "scripted (no OPENAI_API_KEY)", model: "gpt-4o-mini", sessionFile: "sessions/fake.jsonl", breakMode: "always", step: 0, timeline: [], calls: new Map(), paused: undefined, streaming: "", ended: undefined, lastError: undefined };
  }

  get agent() {
    return { tools: this.tools };
  }

  static start(tools: ToolSpec[]): { session: FakeAgentSession; start: (o: StartAgentSessionOptions) => Promise<FakeAgentSession> } {
    const session = new FakeAgentSession(tools);
    return {
      session,
      start: (options) => {
        session.decider = options.decider;
        return Promise.resolve(session);
      },
    };
  }

  subscribe(listener: (event: AgentEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(event: AgentEvent): void {
    for (const l of this.listeners) l(event);
  }

  private call(id: string, step: number, args: string): SessionCall {
    const tool = this.tools[0];
    if (!tool) throw new Error("no tool");
    return { id, step, tool: tool.name, arguments: args, spec: tool, findings: diagnoseCall({ name: tool.name, arguments: args }, { tools: this.tools }).findings, status: "pending", executions: [] };
  }

  private async pauseAt(call: SessionCall): Promise<Decision> {
    this.emit({ type: "call", call });
    this.emit({ type: "paused", paused: { callId: call.id, phase: "before" } });
    const decision = await (this.decider?.decide({ callId: call.id, phase: "before" }, this.view) ?? Promise.resolve<Decision>({ kind: "continue" }));
    this.decisions.push(decision);
    return decision;
  }

  async run(): Promise<EndReason> {
    this.emit({ type: "started", sessionFile: "sessions/fake.jsonl", source: "scripted", label: "scripted (no OPENAI_API_KEY)", model: "gpt-4o-mini", agent: { module: "agent.ts", tools: this.tools } });
    this.emit({ type: "user", content: "Is INV-1 paid?" });
    const calls = [this.call("call_a", 1, '{"id":"INV-1"}'), this.call("call_b", 2, '{"invoice_id":"INV-2"}')];
    for (const [i, call] of calls.entries()) {
      this.emit({ type: "model_started", step: i + 1 });
      this.emit({ type: "assistant", step: i + 1, turn: { content: null, toolCalls: [{ id: call.id, name: call.tool, arguments: call.arguments }] } });
      const decision = await this.pauseAt(call);
      if (decision.kind === "quit" || this.closed) {
        this.emit({ type: "ended", reason: "quit" });
        return "quit";
      }
      if (decision.kind === "continue") {
        const text = decision.arguments ?? call.arguments;
        this.emit({ type: "executing", callId: call.id, mode: decision.mode ?? "validated", arguments: text });
        this.emit({ type: "executed", callId: call.id, execution: okRun(text, decision.mode ?? "validated"), status: "ok" });
        this.emit({ type: "tool_message", callId: call.id, content: "ok", isError: false, status: "ok" });
      } else this.emit({ type: "tool_message", callId: call.id, content: "skipped by the user", isError: false, status: "skipped" });
    }
    this.emit({ type: "assistant", step: 3, turn: { content: "INV-1 is paid.", toolCalls: [] } });
    this.emit({ type: "ended", reason: "answered" });
    return "answered";
  }

  setBreakMode(mode: BreakMode): void {
    this.breakModes.push(mode);
    this.emit({ type: "break_mode", mode });
  }

  reexecute(callId: string, text: string, mode: "validated" | "raw"): Promise<CallExecution> {
    this.reexecuted.push({ callId, text, mode });
    const execution = okRun(text, mode);
    this.emit({ type: "executed", callId, execution, status: "paused" });
    return Promise.resolve(execution);
  }

  close(): Promise<void> {
    this.closed = true;
    return Promise.resolve();
  }
}
