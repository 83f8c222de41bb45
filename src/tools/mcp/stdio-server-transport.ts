import { spawn, type ChildProcess } from "node:child_process";
import type { Transport } from "@modelcontextprotocol/sdk/shared/transport.js";
import { JSONRPCMessageSchema, type JSONRPCMessage } from "@modelcontextprotocol/sdk/types.js";

/** How the server process ended. */
export interface ServerExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface StdioServerOptions {
  command: string;
  args: readonly string[];
  /** Added to tooldbg's own environment (the server is the user's program, run as their shell would). */
  env: Record<string, string>;
  cwd: string;
}

/** What the server wrote besides protocol frames: its stderr, and stdout lines that were not JSON-RPC. */
export type ServerOutputListener = (stream: "stdout" | "stderr", text: string) => void;

const STDERR_TAIL_CHARS = 8 * 1024;
/** One frame may be a large tool result; past this a line is cut off and reported, not buffered on. */
const MAX_LINE_BYTES = 64 * 1024 * 1024;
const CLOSE_GRACE_MS = 1_000;

const liveServers = new Set<ChildProcess>();
let exitHookInstalled = false;

/**
 * The SDK's stdio client transport, rewritten for a debugger: it keeps how the server exited
 * (code, signal) and its stderr, reports non-JSON-RPC stdout lines instead of throwing them
 * away, inherits the user's environment, and puts the server in its own process group so a
 * kill reaches whatever it spawned (`npx` → node).
 */
export class StdioServerTransport implements Transport {
  onclose?: (() => void) | undefined;
  onerror?: ((error: Error) => void) | undefined;
  onmessage?: ((message: JSONRPCMessage) => void) | undefined;

  private child: ChildProcess | undefined;
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private skippingLongLine = false;
  private stderrText = "";
  private exitInfo: ServerExit | undefined;
  private spawnFailure: NodeJS.ErrnoException | undefined;
  private readonly outputListeners = new Set<ServerOutputListener>();

  constructor(private readonly options: StdioServerOptions) {}

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Spawned and not yet exited (its "close" may still be on its way). */
  get running(): boolean {
    const child = this.child;
    return child !== undefined && child.pid !== undefined && child.exitCode === null && child.signalCode === null && this.exitInfo === undefined;
  }

  /** Set once the process is gone. */
  get exit(): ServerExit | undefined {
    return this.exitInfo;
  }

  /** The error that kept the process from starting (ENOENT, EACCES). */
  get startError(): NodeJS.ErrnoException | undefined {
    return this.spawnFailure;
  }

  /** The last few KiB of the server's stderr. */
  get stderrTail(): string {
    return this.stderrText;
  }

  onOutput(listener: ServerOutputListener): () => void {
    this.outputListeners.add(listener);
    return () => this.outputListeners.delete(listener);
  }

  start(): Promise<void> {
    if (this.child) return Promise.reject(new Error("the MCP server transport is already started"));
    return new Promise((resolve, reject) => {
      let child: ChildProcess;
      try {
        child = spawn(this.options.command, [...this.options.args], {
          cwd: this.options.cwd,
          env: { ...process.env, ...this.options.env },
          stdio: ["pipe", "pipe", "pipe"],
          shell: false,
          detached: process.platform !== "win32",
          windowsHide: true,
        });
      } catch (error) {
        this.spawnFailure = error as NodeJS.ErrnoException;
        reject(error instanceof Error ? error : new Error(String(error)));
        return;
      }
      this.child = child;
      track(child);
      child.once("spawn", () => resolve());
      child.on("error", (error: NodeJS.ErrnoException) => {
        if (child.pid === undefined) {
          this.spawnFailure = error;
          reject(error);
        } else {
          this.onerror?.(error);
        }
      });
      child.stdin?.on("error", (error) => this.onerror?.(error));
      child.stdout?.on("data", (chunk: Buffer) => this.readStdout(chunk));
      child.stderr?.setEncoding("utf8");
      child.stderr?.on("data", (text: string) => {
        this.stderrText = (this.stderrText + text).slice(-STDERR_TAIL_CHARS);
        this.emitOutput("stderr", text);
      });
      // "close" follows the pipes draining, so the last frames and stderr are in by then.
      child.once("close", (code: number | null, signal: NodeJS.Signals | null) => {
        liveServers.delete(child);
        this.flushPartialLine();
        this.exitInfo = { code, signal };
        this.onclose?.();
      });
    });
  }

  send(message: JSONRPCMessage): Promise<void> {
    const stdin = this.child?.stdin;
    if (!stdin || !stdin.writable || this.exitInfo) return Promise.reject(new Error("the MCP server is not running"));
    return new Promise((resolve, reject) => {
      stdin.write(`${JSON.stringify(message)}\n`, (error) => (error ? reject(error) : resolve()));
    });
  }

  /** Ask politely (stdin closed), then SIGTERM, then SIGKILL the whole group. */
  async close(): Promise<void> {
    const child = this.child;
    if (!child || this.exitInfo || child.exitCode !== null || child.signalCode !== null) return;
    const closed = new Promise<void>((resolve) => child.once("close", () => resolve()));
    const within = (ms: number) => Promise.race([closed.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), ms).unref())]);
    try {
      child.stdin?.end();
    } catch {
      // Already closed.
    }
    if (await within(CLOSE_GRACE_MS)) return;
    killGroup(child, "SIGTERM");
    if (await within(CLOSE_GRACE_MS)) return;
    killGroup(child, "SIGKILL");
    await within(CLOSE_GRACE_MS);
  }

  private readStdout(chunk: Buffer): void {
    let start = 0;
    for (let nl = chunk.indexOf(10, start); nl !== -1; nl = chunk.indexOf(10, start)) {
      this.pending.push(chunk.subarray(start, nl));
      this.takeLine();
      start = nl + 1;
    }
    if (start >= chunk.length) return;
    const rest = chunk.subarray(start);
    if (this.skippingLongLine) return;
    this.pending.push(rest);
    this.pendingBytes += rest.length;
    if (this.pendingBytes > MAX_LINE_BYTES) {
      const head = Buffer.concat(this.pending).subarray(0, 200).toString("utf8");
      this.pending = [];
      this.pendingBytes = 0;
      this.skippingLongLine = true;
      this.emitOutput("stdout", `${head}… (a stdout line over ${MAX_LINE_BYTES} bytes, dropped)\n`);
    }
  }

  private takeLine(): void {
    const skipped = this.skippingLongLine;
    const line = skipped ? "" : Buffer.concat(this.pending).toString("utf8").replace(/\r$/, "");
    this.pending = [];
    this.pendingBytes = 0;
    this.skippingLongLine = false;
    if (skipped || line.trim() === "") return;
    const message = parseFrame(line);
    if (message) this.onmessage?.(message);
    else this.emitOutput("stdout", `${line}\n`);
  }

  private flushPartialLine(): void {
    if (this.pending.length > 0 && !this.skippingLongLine) this.takeLine();
  }

  private emitOutput(stream: "stdout" | "stderr", text: string): void {
    for (const listener of [...this.outputListeners]) {
      try {
        listener(stream, text);
      } catch {
        // A listener's failure is not the server's.
      }
    }
  }
}

function parseFrame(line: string): JSONRPCMessage | undefined {
  try {
    const parsed = JSONRPCMessageSchema.safeParse(JSON.parse(line));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

function track(child: ChildProcess): void {
  liveServers.add(child);
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // Servers must not outlive tooldbg, however it exits.
  process.on("exit", () => {
    for (const server of liveServers) killGroup(server, "SIGKILL");
  });
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    if (process.platform === "win32") child.kill(signal);
    else process.kill(-child.pid, signal);
  } catch {
    try {
      child.kill(signal);
    } catch {
      // Already gone.
    }
  }
}
