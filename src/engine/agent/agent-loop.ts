import { diagnoseCall } from "../diagnosis/diagnose-call.js";
import { hasErrors } from "../diagnosis/finding.js";
import { outcomeFindings } from "../diagnosis/findings.js";
import type { ExecutionMode } from "../executor/outcome.js";
import { checkCall } from "../fixtures/check-call.js";
import type { ToolRunner } from "../fixtures/tool-runner.js";
import type {
  AgentEvent,
  AgentInfo,
  AgentSession,
  AgentSessionView,
  BreakMode,
  CallExecution,
  CallStatus,
  Decider,
  Decision,
  EndReason,
  ModelToolCall,
  ModelTurn,
  PausedCall,
  PauseReason,
  SessionCall,
} from "./agent-contract.js";
import { assistantMessage, chatTools, type ChatMessage } from "./chat-messages.js";
import type { ModelClient } from "./model-client.js";
import { initialAgentView, reduceAgentEvent } from "./reduce-agent-event.js";
import { notRunMessage, outcomeMessage, skippedMessage, type ToolMessage } from "./tool-messages.js";
import { notRunOutcome, uniqueCallIds } from "./turn-helpers.js";

export const DEFAULT_MAX_STEPS = 50;

export interface AgentLoopOptions {
  agent: AgentInfo;
  model: ModelClient;
  /** The isolated executor (a ToolHost); its tools are the diagnosis target. */
  runner: ToolRunner;
  /** Answers pauses; without one every pause continues (headless). */
  decider?: Decider;
  breakMode?: BreakMode;
  /** The first user message; default the agent's prompt. */
  prompt?: string;
  timeoutMs?: number;
  maxSteps?: number;
  sessionFile?: string;
  /**
   * Pause before a side-effecting tool whatever the break mode: model turns replayed from a log
   * must not send mail or charge cards unasked (SPEC §2).
   */
  confirmSideEffects?: boolean;
  /** Sees every event first (the session file): it must not throw. */
  record?: (event: AgentEvent) => void;
}

const CONTINUE: Decider = { decide: () => Promise.resolve({ kind: "continue" }) };

/**
 * The agent loop (SPEC §4.3): user prompt → model turn → each tool call diagnosed, paused per
 * break mode, executed in the worker (or skipped, or answered by the user) → tool message → next
 * turn. Every change is an event, folded into `view` by the pure reducer and handed to the
 * recorder and the subscribers in that order.
 */
export class AgentLoop implements AgentSession {
  private state: AgentSessionView;
  private readonly listeners = new Set<(event: AgentEvent) => void>();
  private readonly messages: ChatMessage[] = [];
  private readonly abort = new AbortController();
  private readonly quitSignal: Promise<Decision>;
  private resolveQuit: () => void = () => undefined;
  private running: Promise<EndReason> | undefined;
  private stepOnce = false;
  private closed = false;
  private readonly seenIds = new Set<string>();

  constructor(private readonly options: AgentLoopOptions) {
    this.state = initialAgentView(options.breakMode ?? "failures");
    this.quitSignal = new Promise<Decision>((resolve) => {
      this.resolveQuit = () => resolve({ kind: "quit" });
    });
  }

  get view(): AgentSessionView {
    return this.state;
  }

  subscribe(listener: (event: AgentEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  run(): Promise<EndReason> {
    this.running ??= this.loop();
    return this.running;
  }

  setBreakMode(mode: BreakMode): void {
    if (mode !== this.state.breakMode) this.emit({ type: "break_mode", mode });
  }

  async reexecute(callId: string, argumentsText: string, mode: ExecutionMode): Promise<CallExecution> {
    const call = this.state.calls.get(callId);
    const pausedAt = this.state.paused?.callId === callId ? this.state.paused : undefined;
    const { execution } = await this.execute(callId, call?.tool ?? "", argumentsText, mode);
    if (call === undefined) return execution;
    // A re-run during a pause leaves the loop paused at the call: say so again after it.
    const stillPaused = pausedAt !== undefined && !this.closed && this.state.ended === undefined;
    this.emit({ type: "executed", callId, execution, status: stillPaused ? "paused" : executionStatus(execution) });
    if (stillPaused) this.emit({ type: "paused", paused: pausedAt });
    return execution;
  }

  async close(): Promise<void> {
    this.closed = true;
    this.resolveQuit();
    this.abort.abort();
    await this.running;
  }

  private emit(event: AgentEvent): void {
    this.state = reduceAgentEvent(this.state, event);
    this.options.record?.(event);
    for (const listener of [...this.listeners]) {
      try {
        listener(event);
      } catch {
        // A subscriber's failure is the subscriber's: the loop goes on.
      }
    }
  }

  private end(reason: EndReason): EndReason {
    this.emit({ type: "ended", reason });
    return reason;
  }

  private async loop(): Promise<EndReason> {
    const { agent, model } = this.options;
    this.emit({ type: "started", sessionFile: this.options.sessionFile, source: model.source, label: model.label, ...(model.model !== undefined ? { model: model.model } : {}), agent });
    if (agent.instructions !== undefined && agent.instructions !== "") this.messages.push({ role: "system", content: agent.instructions });
    const prompt = this.options.prompt ?? agent.prompt ?? "";
    this.emit({ type: "user", content: prompt });
    this.messages.push({ role: "user", content: prompt });
    const tools = chatTools(agent.tools);
    const maxSteps = this.options.maxSteps ?? DEFAULT_MAX_STEPS;
    for (let step = 1; step <= maxSteps; step++) {
      if (this.closed) return this.end("quit");
      this.emit({ type: "model_started", step });
      const answer = await model.next(this.messages, tools, {
        signal: this.abort.signal,
        onDelta: (text) => this.emit({ type: "model_delta", step, text }),
      });
      if (this.closed) return this.end("quit");
      if (!answer.ok) {
        this.emit({ type: "model_error", step, error: answer.error });
        return this.end("model_error");
      }
      const turn: ModelTurn = { ...answer.turn, toolCalls: uniqueCallIds(answer.turn.toolCalls, step, this.seenIds) };
      this.emit({ type: "assistant", step, turn });
      this.messages.push(assistantMessage(turn));
      if (turn.toolCalls.length === 0) return this.end("answered");
      for (const call of turn.toolCalls) {
        if ((await this.handleCall(step, call)) === "quit" || this.closed) return this.end("quit");
      }
    }
    return this.end("max_steps");
  }

  private async handleCall(step: number, modelCall: ModelToolCall): Promise<"quit" | "done"> {
    const { agent, runner } = this.options;
    const diagnosis = diagnoseCall({ name: modelCall.name, arguments: modelCall.arguments }, { tools: runner.tools, advertised: agent.tools });
    const spec = runner.tools.find((tool) => tool.name === modelCall.name) ?? agent.tools.find((tool) => tool.name === modelCall.name);
    const call: SessionCall = {
      id: modelCall.id,
      step,
      tool: modelCall.name,
      arguments: modelCall.arguments,
      ...(spec !== undefined ? { spec } : {}),
      findings: diagnosis.findings,
      status: "pending",
      executions: [],
    };
    this.emit({ type: "call", call });

    let argumentsText = call.arguments;
    let mode: ExecutionMode = "validated";
    const breakMode = this.state.breakMode;
    // Only a call that would run needs the yes: one that fails validation is answered with its findings.
    const confirm = this.options.confirmSideEffects === true && spec?.sideEffects === true && spec.executable && !hasErrors(call.findings);
    const stepped = this.takeStep();
    const reason: PauseReason | undefined = confirm
      ? "side_effects"
      : stepped
        ? "step"
        : breakMode === "always"
          ? "always"
          : breakMode === "failures" && hasErrors(call.findings)
            ? "findings"
            : undefined;
    if (reason !== undefined) {
      const decision = await this.pause({ callId: call.id, phase: "before", reason });
      if (decision.kind === "quit") return "quit";
      this.stepOnce = decision.then === "step";
      if (decision.kind !== "continue") return this.answerWith(call, decision);
      argumentsText = decision.arguments ?? argumentsText;
      mode = decision.mode ?? mode;
    }

    const { execution, ran } = await this.execute(call.id, call.tool, argumentsText, mode);
    if (!ran) {
      this.send(call.id, notRunMessage(call.tool, execution.findings), "failed");
      return "done";
    }
    const status = executionStatus(execution);
    this.emit({ type: "executed", callId: call.id, execution, status });
    if (ranBadly(execution) && this.state.breakMode !== "never" && !this.closed) {
      const decision = await this.pause({ callId: call.id, phase: "after", reason: "failed" });
      if (decision.kind === "quit") return "quit";
      this.stepOnce = decision.then === "step";
      if (decision.kind !== "continue") return this.answerWith(call, decision);
      // The latest execution (an `r` re-run may have fixed it) is what the model gets.
      const latest = this.state.calls.get(call.id)?.executions.at(-1) ?? execution;
      this.send(call.id, outcomeMessage(call.tool, latest.outcome), executionStatus(latest));
      return "done";
    }
    this.send(call.id, outcomeMessage(call.tool, execution.outcome), status);
    return "done";
  }

  private takeStep(): boolean {
    const step = this.stepOnce;
    this.stepOnce = false;
    return step;
  }

  private async pause(paused: PausedCall): Promise<Decision> {
    if (this.closed) return { kind: "quit" };
    this.emit({ type: "paused", paused });
    const decider = this.options.decider ?? CONTINUE;
    let decided: Promise<Decision>;
    try {
      decided = decider.decide(paused, this.state);
    } catch {
      decided = Promise.resolve({ kind: "quit" });
    }
    // A decider that fails is a UI bug: stopping is the one safe answer.
    return Promise.race([decided.catch((): Decision => ({ kind: "quit" })), this.quitSignal]);
  }

  private answerWith(call: SessionCall, decision: Extract<Decision, { kind: "skip" | "inject" }>): "done" {
    if (decision.kind === "skip") this.send(call.id, skippedMessage(call.tool), "skipped");
    else this.send(call.id, { content: decision.content, isError: decision.isError === true }, decision.isError === true ? "failed" : "ok");
    return "done";
  }

  private send(callId: string, message: ToolMessage, status: CallStatus): void {
    this.messages.push({ role: "tool", tool_call_id: callId, content: message.content });
    this.emit({ type: "tool_message", callId, content: message.content, isError: message.isError, status });
  }

  /**
   * Diagnose and (when it may run) execute through the shared checkCall path; `executing` is
   * announced just before the worker gets the call. `ran: false` when it was not run.
   */
  private async execute(callId: string, tool: string, argumentsText: string, mode: ExecutionMode): Promise<{ execution: CallExecution; ran: boolean }> {
    const host = this.options.runner;
    const announcing: ToolRunner = {
      tools: host.tools,
      call: (request) => {
        this.emit({ type: "executing", callId, mode, arguments: argumentsText });
        return host.call(request);
      },
    };
    const timeoutMs = this.options.timeoutMs;
    const checked = await checkCall(announcing, { tool, arguments: argumentsText }, { mode, ...(timeoutMs !== undefined ? { timeoutMs } : {}) });
    const outcome = checked.outcome ?? notRunOutcome(mode, checked.findings);
    return { execution: { arguments: argumentsText, mode, outcome, findings: checked.findings }, ran: checked.outcome !== undefined };
  }
}

/** The run itself went wrong (threw, timed out, died, a result JSON cannot carry): `after` pauses for it. */
const ranBadly = (execution: CallExecution): boolean => execution.outcome.status !== "ok" || hasErrors(outcomeFindings(execution.outcome));

const executionStatus = (execution: CallExecution): CallStatus => (execution.outcome.status === "ok" && !hasErrors(execution.findings) ? "ok" : "failed");
