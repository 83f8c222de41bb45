import type { BreakMode, Decision } from "../agent/agent-contract.js";
import type { ExecutionMode } from "../executor/outcome.js";
import type { ToolRunner } from "../fixtures/tool-runner.js";
import type { TerminalHandoff, Workbench, WorkbenchAction, WorkbenchCall, WorkbenchExecution } from "./workbench-contract.js";
import type { WorkbenchEffect, WorkbenchInternalEvent, WorkbenchModel } from "./workbench-model.js";
import { reduceWorkbench } from "./reduce-workbench.js";
import { exportCall } from "./export-call.js";
import { editExternally } from "./external-editor.js";

/** Where the controller sends what it cannot do itself; `open` and `run` fill these differently. */
export interface WorkbenchPorts {
  /**
   * r / R: run the call (open: the ToolHost; run: the session's reexecute). Absent: nothing can
   * run. Resolves with undefined when the execution already arrived as an event (run).
   */
  execute?(call: WorkbenchCall, argumentsText: string, mode: ExecutionMode, allowSideEffects: boolean): Promise<WorkbenchExecution | undefined>;
  /** run: answer the paused call. */
  decide?(call: WorkbenchCall, decision: Decision): void;
  setBreakMode?(mode: BreakMode): void;
  /** Quit: stop loading, close the worker and the session. */
  close?(): Promise<void>;
}

export interface WorkbenchOptions {
  initial: WorkbenchModel;
  ports: WorkbenchPorts;
  /** Where `x` writes fixtures. */
  exportDir: string;
  /** Re-runs an untouched call for its fixture (open with --tools). */
  runner?: ToolRunner;
  timeoutMs: number;
  /** The UI host's terminal handover for $EDITOR; without one the editor runs directly (tests, headless). */
  handoff?: TerminalHandoff | (() => TerminalHandoff | undefined);
  env?: NodeJS.ProcessEnv;
}

/** A Workbench the engine can also feed: loaders and the run adapter post their events here. */
export interface WorkbenchController extends Workbench {
  post(event: WorkbenchInternalEvent): void;
  getModel(): WorkbenchModel;
  /** Resolves when every effect started so far has finished (tests). */
  idle(): Promise<void>;
}

const DIRECT: TerminalHandoff = { suspend: (run) => run() };
const describe = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Holds the state, applies the reducer, runs the effects it asks for and feeds their results
 * back as events. Listeners are told after every change; the UI reads `getState()` then.
 */
export function createWorkbench(options: WorkbenchOptions): WorkbenchController {
  let state = options.initial;
  const listeners = new Set<() => void>();
  const running = new Set<Promise<void>>();
  let finish: () => void = () => undefined;
  const done = new Promise<void>((resolve) => (finish = resolve));
  let closing: Promise<void> | undefined;

  let attached: TerminalHandoff | undefined;
  const handoff = (): TerminalHandoff => attached ?? (typeof options.handoff === "function" ? options.handoff() : options.handoff) ?? DIRECT;

  function apply(event: WorkbenchAction | WorkbenchInternalEvent): void {
    if (closing && event.type !== "agent") return;
    const step = reduceWorkbench(state, event);
    if (step.state !== state) {
      state = step.state;
      for (const listener of [...listeners]) listener();
    }
    for (const effect of step.effects) track(run(effect));
  }

  function track(work: Promise<void>): void {
    const tracked = work.catch((error: unknown) => apply({ type: "effect_failed", message: `tooldbg internal error: ${describe(error)}` }));
    running.add(tracked);
    void tracked.finally(() => running.delete(tracked));
  }

  async function run(effect: WorkbenchEffect): Promise<void> {
    switch (effect.kind) {
      case "rerun": {
        const call = state.calls[effect.call];
        if (!call) return;
        if (!options.ports.execute) return apply({ type: "effect_failed", message: "no tools to run: start with --tools MODULE to execute calls" });
        apply({ type: "execution_started", call: effect.call, mode: effect.mode, arguments: effect.arguments });
        const execution = await options.ports.execute(call, effect.arguments, effect.mode, effect.allowSideEffects);
        return execution ? apply({ type: "execution_finished", call: effect.call, execution }) : undefined;
      }
      case "export": {
        const call = state.calls[effect.call];
        if (!call) return;
        try {
          const written = await exportCall(call, options.exportDir, { ...(options.runner ? { runner: options.runner } : {}), timeoutMs: options.timeoutMs, ...(state.model ? { model: state.model } : {}) });
          return apply({ type: "export_written", call: effect.call, path: written.path, notes: written.notes });
        } catch (error) {
          return apply({ type: "effect_failed", message: `could not write the fixture: ${describe(error)}` });
        }
      }
      case "edit_external": {
        const call = state.calls[effect.call];
        if (!call) return;
        try {
          const edited = await editExternally(effect.text, { handoff: handoff(), env: options.env ?? process.env, name: `${call.tool}-${call.id}` });
          return apply(edited.ok ? { type: "external_edited", call: effect.call, text: edited.text } : { type: "effect_failed", message: edited.message });
        } catch (error) {
          return apply({ type: "effect_failed", message: `could not edit in $EDITOR: ${describe(error)}` });
        }
      }
      case "decide": {
        const call = state.calls[effect.call];
        if (!call || !options.ports.decide) return;
        options.ports.decide(call, effect.decision);
        return apply({ type: "decision_sent", call: effect.call });
      }
      case "set_break_mode":
        options.ports.setBreakMode?.(effect.mode);
        return;
      case "quit":
        closing ??= (async () => {
          try {
            await options.ports.close?.();
          } finally {
            finish();
          }
        })();
        return closing;
    }
  }

  return {
    getState: () => state,
    getModel: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    dispatch: (action) => apply(action),
    post: (event) => apply(event),
    attachTerminal(next) {
      attached = next;
    },
    done,
    async idle() {
      while (running.size > 0) await Promise.all([...running]);
    },
  };
}
