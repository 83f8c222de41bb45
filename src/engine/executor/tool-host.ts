import type { LoadError, ToolSpec } from "../../tools/tool-spec.js";
import { crashReason } from "./crash-reason.js";
import { describeThrown } from "./error-info.js";
import type { CapturedConsole, ExecutionMode, ExecutionOutcome } from "./outcome.js";
import { OutputBuffer } from "./output-buffer.js";
import type { WorkerAgent } from "./protocol.js";
import type { WorkerExit } from "./worker-process.js";
import { WorkerProcess } from "./worker-process.js";

export interface ToolHostOptions {
  /** Tool module paths, relative to `cwd` or absolute. */
  modules: readonly string[];
  /** The user's project directory: the worker runs there. Default process.cwd(). */
  cwd?: string;
  /** Per-call timeout. Default 10 000 ms. */
  timeoutMs?: number;
  /** The worker's V8 heap cap (--max-old-space-size). Default 1024. */
  memoryLimitMb?: number;
  /** How long importing the modules may take before the worker is killed. Default 30 000 ms. */
  loadTimeoutMs?: number;
  /**
   * The worker died between calls (a tool's timer threw after it returned, say). The next call
   * gets a fresh worker; this says why the old one went.
   */
  onIdleCrash?: (reason: string) => void;
}

export interface ToolCallRequest {
  tool: string;
  /** The parsed arguments object (JSON). */
  args: unknown;
  /** The arguments as the model wrote them. */
  argumentsText: string;
  mode: ExecutionMode;
  /** Overrides the host's timeout for this call. */
  timeoutMs?: number;
}

/** Live view of a running call, for a UI that shows output as it comes. */
export interface ToolCallObserver {
  /** Output the tool printed, as streamed by the worker (already capped). */
  onOutput?(stream: "stdout" | "stderr", text: string): void;
}

export const DEFAULT_TIMEOUT_MS = 10_000;
export const DEFAULT_MEMORY_LIMIT_MB = 1024;
export const DEFAULT_LOAD_TIMEOUT_MS = 30_000;

const EMPTY_CONSOLE: CapturedConsole = { stdout: "", stderr: "", droppedBytes: 0 };

type LoadAnswer = { kind: "loaded"; tools: ToolSpec[]; errors: LoadError[]; agents: WorkerAgent[] } | { kind: "exited"; exit: WorkerExit } | { kind: "timeout" };

/**
 * tooldbg's side of tool execution. One warm worker process runs every call, one call at a
 * time; a call that hangs or kills the worker gets an outcome and the next call a fresh worker
 * (modules reloaded). Nothing here throws at callers: failures come back as outcomes and
 * load errors.
 */
export class ToolHost {
  private readonly cwd: string;
  private readonly timeoutMs: number;
  private readonly memoryLimitMb: number;
  private readonly loadTimeoutMs: number;
  private readonly onIdleCrash: ((reason: string) => void) | undefined;
  /** Modules still worth loading: one that killed the worker while loading is dropped. */
  private modules: string[];
  private droppedModuleErrors: LoadError[] = [];
  private latestTools: ToolSpec[] = [];
  private latestLoadErrors: LoadError[] = [];
  private latestAgents: WorkerAgent[] = [];
  private worker: WorkerProcess | undefined;
  private booting: Promise<WorkerProcess | string> | undefined;
  private loadingWorker: WorkerProcess | undefined;
  /** The worker running a call right now: its death is that call's outcome, not an idle crash. */
  private busyWorker: WorkerProcess | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private nextCallId = 0;
  private closed = false;

  private constructor(options: ToolHostOptions) {
    this.modules = [...options.modules];
    this.cwd = options.cwd ?? process.cwd();
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.memoryLimitMb = options.memoryLimitMb ?? DEFAULT_MEMORY_LIMIT_MB;
    this.loadTimeoutMs = options.loadTimeoutMs ?? DEFAULT_LOAD_TIMEOUT_MS;
    this.onIdleCrash = options.onIdleCrash;
  }

  /** Start a worker and load the modules. Never rejects: what failed is in `loadErrors`. */
  static async start(options: ToolHostOptions): Promise<ToolHost> {
    const host = new ToolHost(options);
    await host.ensureWorker();
    return host;
  }

  /** The tools the current (or last) worker loaded. */
  get tools(): ToolSpec[] {
    return this.latestTools;
  }

  /** The agents (defineAgent default exports) among the loaded modules, as plain JSON. */
  get agents(): WorkerAgent[] {
    return this.latestAgents;
  }

  get loadErrors(): LoadError[] {
    return [...this.droppedModuleErrors, ...this.latestLoadErrors];
  }

  /** The live worker's pid, if one is running. */
  get workerPid(): number | undefined {
    return this.worker?.usable === true ? this.worker.pid : undefined;
  }

  /** Run one tool call after those already queued. Never rejects. */
  call(request: ToolCallRequest, observer: ToolCallObserver = {}): Promise<ExecutionOutcome> {
    const run = this.queue.then(() => this.runCall(request, observer));
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Kill the worker (and anything it spawned) and wait until it is gone. Idempotent. */
  async close(): Promise<void> {
    this.closed = true;
    // A worker still importing modules (maybe hanging at the top level) goes too.
    const workers = [this.worker, this.loadingWorker].filter((worker) => worker !== undefined);
    this.worker = undefined;
    for (const worker of workers) worker.kill();
    await Promise.all(workers.map((worker) => worker.exited));
    await this.booting;
  }

  private async runCall(request: ToolCallRequest, observer: ToolCallObserver): Promise<ExecutionOutcome> {
    const started = performance.now();
    const failure = (name: string, message: string): ExecutionOutcome => ({
      status: "error",
      mode: request.mode,
      durationMs: performance.now() - started,
      console: EMPTY_CONSOLE,
      phase: "execute",
      error: { name, message },
    });
    try {
      if (this.closed) return failure("ToolHostClosed", "the tool host is closed");
      // Checked against the last load before (re)starting a worker that could not run it anyway.
      const rejection = this.rejectUnrunnable(request.tool);
      if (rejection !== undefined) return failure(rejection.name, rejection.message);
      const worker = await this.ensureWorker();
      if (typeof worker === "string") {
        return { status: "crashed", mode: request.mode, durationMs: performance.now() - started, console: EMPTY_CONSOLE, reason: worker };
      }
      // A restart reloads the modules from disk, which may have changed.
      const afterReload = this.rejectUnrunnable(request.tool);
      if (afterReload !== undefined) return failure(afterReload.name, afterReload.message);
      return await this.execute(worker, request, request.timeoutMs ?? this.timeoutMs, observer);
    } catch (error) {
      return { status: "crashed", mode: request.mode, durationMs: performance.now() - started, console: EMPTY_CONSOLE, reason: `tooldbg internal error: ${describeThrown(error)}` };
    }
  }

  private rejectUnrunnable(name: string): { name: string; message: string } | undefined {
    const spec = this.latestTools.find((candidate) => candidate.name === name);
    if (spec === undefined) return { name: "UnknownTool", message: `no tool named "${name}" is loaded` };
    if (!spec.executable) return { name: "NotExecutable", message: `"${name}" is schema-only: it has no implementation to run` };
    return undefined;
  }

  private execute(worker: WorkerProcess, request: ToolCallRequest, timeoutMs: number, observer: ToolCallObserver): Promise<ExecutionOutcome> {
    const id = ++this.nextCallId;
    const started = performance.now();
    // What the worker streamed so far: all we have if it hangs or dies mid-call.
    const output = new OutputBuffer();
    const base = () => ({ mode: request.mode, durationMs: performance.now() - started, console: output.snapshot() });
    worker.ref();
    this.busyWorker = worker;
    return new Promise<ExecutionOutcome>((resolve) => {
      let settled = false;
      let timedOut = false;
      const settle = (outcome: ExecutionOutcome) => {
        if (settled) return;
        settled = true;
        this.busyWorker = undefined;
        clearTimeout(timer);
        unsubscribe();
        if (worker.alive) worker.unref();
        resolve(outcome);
      };
      const timer = setTimeout(() => {
        timedOut = true;
        // A hung tool may be in a busy loop that ignores everything: only SIGKILL is sure.
        worker.kill();
        this.forget(worker);
      }, timeoutMs);
      const unsubscribe = worker.onMessage((message) => {
        if (message.type === "output" && message.id === id) {
          output.append(message.stream, message.text);
          output.droppedBytes = message.droppedBytes;
          if (message.text !== "") notify(observer, message.stream, message.text);
        } else if (message.type === "result" && message.id === id) {
          settle(message.outcome);
        }
      });
      void worker.exited.then((exit) => {
        this.forget(worker);
        // The user will likely run something again: have a fresh worker loading meanwhile.
        if (!this.closed) void this.ensureWorker();
        if (timedOut) settle({ status: "timeout", ...base(), timeoutMs });
        else if (this.closed) settle({ status: "crashed", ...base(), reason: "the tool host was closed during the call" });
        else settle({ status: "crashed", ...base(), reason: crashReason(exit, this.memoryLimitMb) });
      });
      worker.send({ type: "call", id, tool: request.tool, args: request.args, argumentsText: request.argumentsText, mode: request.mode });
    });
  }

  private forget(worker: WorkerProcess): void {
    if (this.worker === worker) this.worker = undefined;
  }

  /** The warm worker, or a fresh one with the modules loaded; a string says why there is none. */
  private ensureWorker(): Promise<WorkerProcess | string> {
    if (this.worker?.usable === true) return Promise.resolve(this.worker);
    this.booting ??= this.boot().finally(() => {
      this.booting = undefined;
    });
    return this.booting;
  }

  private async boot(): Promise<WorkerProcess | string> {
    // Each pass either loads, or drops the module that killed the worker and tries again.
    for (;;) {
      if (this.closed) return "the tool host is closed";
      let worker: WorkerProcess;
      try {
        worker = WorkerProcess.spawn({ cwd: this.cwd, memoryLimitMb: this.memoryLimitMb });
      } catch (error) {
        return this.failLoad(`could not start the tool worker: ${describeThrown(error)}`);
      }
      this.loadingWorker = worker;
      const answer = await this.load(worker).finally(() => {
        this.loadingWorker = undefined;
      });
      if (this.closed) {
        worker.kill();
        await worker.exited;
        return "the tool host is closed";
      }
      if (answer.kind === "loaded") {
        this.latestTools = answer.tools;
        this.latestLoadErrors = answer.errors;
        this.latestAgents = answer.agents;
        this.worker = worker;
        void worker.exited.then((exit) => {
          const idle = this.worker === worker && this.busyWorker !== worker && !this.closed;
          this.forget(worker);
          if (idle) this.reportIdleCrash(crashReason(exit, this.memoryLimitMb));
        });
        return worker;
      }
      if (answer.kind === "timeout") {
        worker.kill();
        await worker.exited;
        return this.failLoad(`loading did not finish within ${this.loadTimeoutMs} ms`);
      }
      const reason = crashReason(answer.exit, this.memoryLimitMb);
      const culprit = answer.exit.dying?.module;
      if (culprit === undefined || !this.modules.includes(culprit)) return this.failLoad(`the tool worker died while loading: ${reason}`);
      this.droppedModuleErrors.push({ module: culprit, kind: "threw", message: `${reason} while loading` });
      this.modules = this.modules.filter((module) => module !== culprit);
    }
  }

  private load(worker: WorkerProcess): Promise<LoadAnswer> {
    worker.ref();
    return new Promise<LoadAnswer>((resolve) => {
      const timer = setTimeout(() => done({ kind: "timeout" }), this.loadTimeoutMs);
      const unsubscribe = worker.onMessage((message) => {
        if (message.type === "loaded") done({ kind: "loaded", tools: message.tools, errors: message.errors, agents: message.agents ?? [] });
      });
      const done = (answer: LoadAnswer) => {
        clearTimeout(timer);
        unsubscribe();
        if (worker.alive) worker.unref();
        resolve(answer);
      };
      void worker.exited.then((exit) => done({ kind: "exited", exit }));
      worker.send({ type: "load", modules: this.modules, cwd: this.cwd });
    });
  }

  private reportIdleCrash(reason: string): void {
    try {
      this.onIdleCrash?.(reason);
    } catch {
      // The listener's problem, not the host's.
    }
  }

  /** No worker: every module still on the list gets the reason, and there are no tools. */
  private failLoad(reason: string): string {
    this.latestTools = [];
    this.latestAgents = [];
    this.latestLoadErrors = this.modules.map((module) => ({ module, kind: "threw", message: reason }));
    return reason;
  }
}

/** An observer is UI code: its failure must not take the call down with it. */
function notify(observer: ToolCallObserver, stream: "stdout" | "stderr", text: string): void {
  try {
    observer.onOutput?.(stream, text);
  } catch {
    // Ignored: the outcome still carries the output.
  }
}
