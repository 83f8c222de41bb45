import type { AgentSession, Decider, Decision } from "../agent/agent-contract.js";
import { startAgentSession, type StartAgentSessionOptions } from "../agent/start-agent-session.js";
import type { ToolSpec } from "../../tools/tool-spec.js";
import type { TerminalHandoff } from "./workbench-contract.js";
import { initialModel } from "./workbench-model.js";
import { createWorkbench, type WorkbenchController } from "./create-workbench.js";

export interface RunWorkbenchOptions extends StartAgentSessionOptions {
  handoff?: TerminalHandoff;
  /** Where `x` writes fixtures. Default fixtures/ under the working directory. */
  exportDir?: string;
}

/** What the adapter needs of a started session: the contract, plus what start knew before `run`. */
export type StartSession = (options: StartAgentSessionOptions) => Promise<AgentSession & { agent?: { tools: ToolSpec[] }; sessionFile?: string }>;

/**
 * `tooldbg run` in the TUI: the workbench is the session's Decider. A pause waits here until the
 * user continues, skips or quits; r/R re-run through the session (so the session file has them);
 * every AgentEvent is folded into the workbench state.
 */
export async function createRunWorkbench(options: RunWorkbenchOptions, start: StartSession = startAgentSession): Promise<WorkbenchController> {
  let pending: { callId: string; resolve: (decision: Decision) => void } | undefined;
  const decider: Decider = {
    decide: (paused) =>
      new Promise<Decision>((resolve) => {
        // A new pause replaces an old one the loop gave up on: that one can only be answered with quit.
        pending?.resolve({ kind: "quit" });
        pending = { callId: paused.callId, resolve };
      }),
  };
  const answer = (decision: Decision, callId?: string) => {
    if (!pending || (callId !== undefined && pending.callId !== callId)) return;
    const { resolve } = pending;
    pending = undefined;
    resolve(decision);
  };

  const { handoff, exportDir, ...startOptions } = options;
  const session = await start({ ...startOptions, decider });
  const holder: { workbench?: WorkbenchController } = {};
  const workbench = createWorkbench({
    initial: initialModel({
      mode: "run",
      title: `run ${options.module}`,
      sourceLabel: "starting…",
      ...(session.agent ? { tools: session.agent.tools } : {}),
      breakMode: session.view.breakMode,
    }),
    ports: {
      async execute(call, text, mode) {
        const before = call.executions.length;
        const execution = await session.reexecute(call.id, text, mode);
        // The session reports its executions as events too; take the returned one only if none came.
        const now = holder.workbench?.getState().calls.find((c) => c.id === call.id);
        return now && now.executions.length > before ? undefined : execution;
      },
      decide: (call, decision) => answer(decision, call.id),
      setBreakMode: (mode) => session.setBreakMode(mode),
      async close() {
        answer({ kind: "quit" });
        await session.close();
      },
    },
    exportDir: exportDir ?? "fixtures",
    timeoutMs: options.timeoutMs ?? 10_000,
    ...(handoff ? { handoff } : {}),
    ...(options.env ? { env: options.env } : {}),
  });
  holder.workbench = workbench;
  session.subscribe((event) => workbench.post({ type: "agent", event }));
  void session.run().then(
    () => undefined,
    (error: unknown) => workbench.post({ type: "effect_failed", message: `the agent loop stopped: ${error instanceof Error ? error.message : String(error)}` }),
  );
  return workbench;
}
