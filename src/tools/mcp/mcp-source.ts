import type { ExecutionMode, ExecutionOutcome } from "../../engine/executor/outcome.js";
import type { ToolCallObserver } from "../../engine/executor/tool-host.js";
import { McpConnection } from "./mcp-connection.js";
import type { McpFrame } from "./mcp-frame.js";
import { parseMcpTarget, type McpTarget } from "./mcp-target.js";
import { toolSpecFromMcp, type McpToolSpec } from "./mcp-tool-spec.js";

export interface McpSourceOptions {
  /** The `--mcp` value: a command line or an http(s) URL. */
  spec: string;
  cwd: string;
  /** Per-call limit (the command's --timeout). */
  timeoutMs: number;
  /** How long the server may take to start and list its tools. */
  startupTimeoutMs: number;
  onFrame: (frame: McpFrame) => void;
}

export interface McpCallRequest {
  tool: string;
  /** The parsed arguments object, sent as `tools/call` arguments (raw mode may send a non-object: the server answers it). */
  args: unknown;
  mode: ExecutionMode;
  timeoutMs?: number;
}

export type McpSourceStart = { ok: true; source: McpSource; warnings: string[] } | { ok: false; message: string };

/**
 * The tools of one MCP server, executed through `tools/call`. Calls run one at a time (so the
 * server's stderr belongs to the call that was running). A server that died or wedged is
 * started again for the next call; if that fails, the call says so as a `crashed` outcome.
 */
export class McpSource {
  private queue: Promise<unknown> = Promise.resolve();
  private restartCount = 0;
  private closed = false;

  private constructor(
    private readonly options: McpSourceOptions,
    private readonly target: McpTarget,
    private connection: McpConnection,
    readonly tools: McpToolSpec[],
  ) {}

  static async start(options: McpSourceOptions): Promise<McpSourceStart> {
    const parsed = parseMcpTarget(options.spec);
    if (!parsed.ok) return parsed;
    const opened = await McpConnection.open({ target: parsed.target, cwd: options.cwd, startupTimeoutMs: options.startupTimeoutMs, onFrame: options.onFrame });
    if (!opened.ok) return opened;
    const { connection } = opened;
    const tools = connection.tools.map((tool) => toolSpecFromMcp(tool, { label: parsed.target.label, name: connection.serverName }));
    return { ok: true, source: new McpSource(options, parsed.target, connection, tools), warnings: opened.warnings };
  }

  /** The `--mcp` value, as given. */
  get label(): string {
    return this.target.label;
  }

  get serverName(): string {
    return this.connection.serverName;
  }

  /** How many times the server was started again after dying. */
  get restarts(): number {
    return this.restartCount;
  }

  /** The spawned server's pid (stdio), when one is running. */
  get pid(): number | undefined {
    return this.connection.lost === undefined ? this.connection.pid : undefined;
  }

  call(request: McpCallRequest, observer: ToolCallObserver = {}): Promise<ExecutionOutcome> {
    const run = this.queue.then(() => this.runCall(request, observer));
    this.queue = run.catch(() => undefined);
    return run;
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.queue;
    await this.connection.close();
  }

  private async runCall(request: McpCallRequest, observer: ToolCallObserver): Promise<ExecutionOutcome> {
    const started = performance.now();
    const crashed = (reason: string): ExecutionOutcome => ({
      status: "crashed",
      mode: request.mode,
      durationMs: performance.now() - started,
      console: { stdout: "", stderr: "", droppedBytes: 0 },
      reason,
    });
    if (this.closed) return crashed("the MCP connection is closed");
    await this.connection.settled();
    const gone = this.connection.lost;
    if (gone !== undefined) {
      const reopened = await McpConnection.open({ target: this.target, cwd: this.options.cwd, startupTimeoutMs: this.options.startupTimeoutMs, onFrame: this.options.onFrame });
      if (!reopened.ok) return crashed(`${gone}, and it could not be reconnected: ${reopened.message}`);
      this.connection = reopened.connection;
      this.restartCount++;
    }
    const onOutput = observer.onOutput?.bind(observer);
    return this.connection.call(request.tool, request.args, { mode: request.mode, timeoutMs: request.timeoutMs ?? this.options.timeoutMs, ...(onOutput ? { onOutput } : {}) });
  }
}
