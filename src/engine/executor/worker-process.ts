import type { ChildProcess } from "node:child_process";
import { fork } from "node:child_process";
import { createRequire } from "node:module";
import type { Socket } from "node:net";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { ParentMessage, WorkerMessage } from "./protocol.js";

/** How a worker process ended, with everything needed to say why. */
export interface WorkerExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** The last few KiB the process wrote straight to fd 2 (V8's "heap out of memory" lands here). */
  stderrTail: string;
  /** The worker's own last words, when it got to say them. */
  dying?: { reason: string; module?: string };
  /** The process could not be started at all. */
  spawnError?: string;
}

export interface WorkerSpawnOptions {
  cwd: string;
  memoryLimitMb: number;
}

const STDERR_TAIL_BYTES = 4 * 1024;
/** After "exit", how long to wait for the pipes to close (a grandchild may hold them open). */
const CLOSE_GRACE_MS = 500;

// Run from dist/ the worker is compiled JavaScript; from src/ (vitest) it is TypeScript, which
// the worker can load because tsx is preloaded with --import.
const WORKER_FILE = fileURLToPath(new URL(import.meta.url.endsWith(".ts") ? "./worker-main.ts" : "./worker-main.js", import.meta.url));

/** tsx's loader, resolved from tooldbg's own install: the user's project need not have tsx. */
function tsxLoaderUrl(): string {
  return pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;
}

const liveChildren = new Set<ChildProcess>();
let exitHookInstalled = false;

/** Workers must not outlive tooldbg, however it exits. */
function trackUntilExit(child: ChildProcess): void {
  liveChildren.add(child);
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on("exit", () => {
    for (const live of liveChildren) killTree(live);
  });
}

// The worker leads its own process group, so this also reaches processes a tool spawned.
function killTree(child: ChildProcess): void {
  if (child.pid === undefined) return;
  try {
    if (process.platform === "win32") child.kill("SIGKILL");
    else process.kill(-child.pid, "SIGKILL");
  } catch {
    try {
      child.kill("SIGKILL");
    } catch {
      // Already gone.
    }
  }
}

/** One worker child process: spawn, talk, watch it end, kill it. Knows nothing of calls or queues. */
export class WorkerProcess {
  readonly exited: Promise<WorkerExit>;
  private hasExited = false;
  private stderrTail = "";
  private dying: WorkerExit["dying"];
  private readonly listeners = new Set<(message: WorkerMessage) => void>();

  private constructor(private readonly child: ChildProcess) {
    child.on("message", (message: WorkerMessage) => {
      if (message.type === "dying") this.dying = { reason: message.reason, ...(message.module !== undefined ? { module: message.module } : {}) };
      for (const listener of [...this.listeners]) listener(message);
    });
    // Drained, never forwarded: a tool's output must not reach tooldbg's terminal.
    child.stdout?.resume();
    child.stderr?.setEncoding("utf8");
    child.stderr?.on("data", (chunk: string) => {
      this.stderrTail = (this.stderrTail + chunk).slice(-STDERR_TAIL_BYTES);
    });
    for (const stream of [child.stdout, child.stderr]) (stream as Socket | null)?.unref();
    this.exited = new Promise((resolve) => {
      const finish = (exit: Omit<WorkerExit, "stderrTail" | "dying">) => {
        if (this.hasExited) return;
        this.hasExited = true;
        liveChildren.delete(child);
        resolve({ ...exit, stderrTail: this.stderrTail, ...(this.dying !== undefined ? { dying: this.dying } : {}) });
      };
      child.on("error", (error) => {
        // Only a failed spawn ends the process here; a failed send is reported by "exit".
        if (child.pid === undefined) finish({ code: null, signal: null, spawnError: error.message });
      });
      child.once("exit", (code, signal) => {
        // "close" comes after the IPC channel and pipes are drained: the dying message and the
        // stderr tail are complete by then.
        const grace = setTimeout(() => finish({ code, signal }), CLOSE_GRACE_MS);
        child.once("close", () => {
          clearTimeout(grace);
          finish({ code, signal });
        });
      });
    });
  }

  static spawn(options: WorkerSpawnOptions): WorkerProcess {
    const child = fork(WORKER_FILE, [], {
      cwd: options.cwd,
      execArgv: ["--import", tsxLoaderUrl(), `--max-old-space-size=${options.memoryLimitMb}`],
      stdio: ["ignore", "pipe", "pipe", "ipc"],
      serialization: "json",
      // Own process group: a kill reaches whatever the tool spawned, and a Ctrl-C aimed at the
      // debugger's terminal is the debugger's to handle.
      detached: process.platform !== "win32",
    });
    trackUntilExit(child);
    return new WorkerProcess(child);
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get alive(): boolean {
    return !this.hasExited;
  }

  /** Alive and not on its way out: a worker that said "dying" gets no new call. */
  get usable(): boolean {
    return !this.hasExited && this.dying === undefined && this.child.connected;
  }

  send(message: ParentMessage): void {
    if (!this.child.connected) return;
    try {
      this.child.send(message);
    } catch {
      // The worker is dying; `exited` reports it.
    }
  }

  /** Returns the unsubscribe function. */
  onMessage(listener: (message: WorkerMessage) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  kill(): void {
    if (this.hasExited) return;
    // Whoever kills awaits `exited`: an unref'd child would let the event loop end first.
    this.ref();
    killTree(this.child);
  }

  /** While the host waits on the worker, the worker keeps the event loop alive… */
  ref(): void {
    this.child.ref();
    this.child.channel?.ref();
  }

  /** …and while idle it must not stop tooldbg from exiting. */
  unref(): void {
    this.child.unref();
    this.child.channel?.unref();
  }
}
