import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport, StreamableHTTPError } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { LoggingMessageNotificationSchema, McpError, type Tool } from "@modelcontextprotocol/sdk/types.js";
import type { ExecutionMode, ExecutionOutcome } from "../../engine/executor/outcome.js";
import { OutputBuffer } from "../../engine/executor/output-buffer.js";
import type { McpFrame } from "./mcp-frame.js";
import type { McpTarget } from "./mcp-target.js";
import { StdioServerTransport } from "./stdio-server-transport.js";
import { RecordingTransport } from "./recording-transport.js";
import { describeStartFailure } from "./start-failure.js";
import { errorMessage, exitText, isDisconnect, junkHint, networkCause, stderrHint } from "./mcp-failure.js";
import { outcomeFromResult, outcomeFromRpcError } from "./mcp-outcome.js";
import { clientInfo } from "./client-info.js";

export interface McpConnectOptions {
  target: McpTarget;
  /** Where a stdio server runs: the user's project. */
  cwd: string;
  /** How long the server has to answer initialize and tools/list. */
  startupTimeoutMs: number;
  onFrame: (frame: McpFrame) => void;
}

export type McpConnectResult = { ok: true; connection: McpConnection; warnings: string[] } | { ok: false; message: string };

/** After a call times out the server gets this long to answer a ping before it counts as wedged. */
const PING_TIMEOUT_MS = 1_000;

/**
 * One live session with one MCP server: initialized, its tools listed. Calls return outcomes;
 * nothing here throws at callers. Once the server is gone (`lost`), the connection stays dead:
 * the source opens a new one.
 */
export class McpConnection {
  private lostReason: string | undefined;
  private onLost: (() => void) | undefined;
  private readonly lostSignal: Promise<void>;
  private inFlight = 0;
  /** The health check after a timeout: the next call waits for its verdict. */
  private settling: Promise<void> = Promise.resolve();
  private firstJunk: string | undefined;
  private readonly outputListeners = new Set<(stream: "stdout" | "stderr", text: string) => void>();

  private constructor(
    readonly target: McpTarget,
    private readonly client: Client,
    private readonly stdio: StdioServerTransport | undefined,
    readonly serverName: string,
    public tools: Tool[],
  ) {
    this.lostSignal = new Promise((resolve) => (this.onLost = resolve));
  }

  static async open(options: McpConnectOptions): Promise<McpConnectResult> {
    const { target } = options;
    const stdio = target.kind === "stdio" ? new StdioServerTransport({ command: target.command, args: target.args, env: target.env, cwd: options.cwd }) : undefined;
    const inner = stdio ?? new StreamableHTTPClientTransport((target as Extract<McpTarget, { kind: "http" }>).url);
    const transport = new RecordingTransport(inner, (direction, message) => options.onFrame({ server: target.label, direction, time: new Date(), message }));
    let junk: string | undefined;
    const junkListener = (stream: "stdout" | "stderr", text: string) => {
      if (stream !== "stdout") return;
      junk ??= text.trim();
      options.onFrame({ server: target.label, direction: "junk", time: new Date(), text: text.replace(/\n$/, "") });
    };
    stdio?.onOutput(junkListener);
    const client = new Client(clientInfo(), { capabilities: {} });
    // Until the connection object exists, transport errors are reported by the failing request.
    client.onerror = () => {};
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort(new Error("startup timeout"));
    }, options.startupTimeoutMs);
    let stage: "initialize" | "tools/list" = "initialize";
    try {
      await client.connect(transport, { signal: controller.signal, timeout: options.startupTimeoutMs + 1_000 });
      stage = "tools/list";
      const tools: Tool[] = [];
      let cursor: string | undefined;
      do {
        const page = await client.listTools(cursor === undefined ? {} : { cursor }, { signal: controller.signal, timeout: options.startupTimeoutMs + 1_000 });
        tools.push(...page.tools);
        cursor = page.nextCursor;
      } while (cursor !== undefined && tools.length < 10_000);
      const name = client.getServerVersion()?.name ?? target.label;
      const connection = new McpConnection(target, client, stdio, name, tools);
      connection.firstJunk = junk;
      connection.watch();
      const warnings = junk === undefined ? [] : [`MCP server ${JSON.stringify(target.label)} wrote non-JSON-RPC text on stdout (${JSON.stringify(junk.slice(0, 160))}); tooldbg ignores it, but MCP clients may not (log to stderr)`];
      return { ok: true, connection, warnings };
    } catch (error) {
      // Said before the server is stopped: stopping it gives it an exit code of its own.
      const message = describeStartFailure({ target, stage, error, timedOut, timeoutMs: options.startupTimeoutMs, stdio, junk });
      await client.close().catch(() => undefined);
      await transport.close().catch(() => undefined);
      return { ok: false, message };
    } finally {
      clearTimeout(timer);
    }
  }

  /** Why the server is gone, once it is. */
  get lost(): string | undefined {
    return this.lostReason;
  }

  get pid(): number | undefined {
    return this.stdio?.pid;
  }

  /** The first non-JSON-RPC stdout line, if the server wrote one. */
  get junk(): string | undefined {
    return this.firstJunk;
  }

  /** `onOutput` sees the server's stderr (and log messages) as they come, for a UI that shows them live. */
  async call(name: string, args: unknown, opts: { mode: ExecutionMode; timeoutMs: number; onOutput?: (stream: "stdout" | "stderr", text: string) => void }): Promise<ExecutionOutcome> {
    const started = performance.now();
    const output = new OutputBuffer();
    const listener = (stream: "stdout" | "stderr", text: string) => {
      const kept = output.append(stream, text);
      if (kept === "" || !opts.onOutput) return;
      try {
        opts.onOutput(stream, kept);
      } catch {
        // The observer's problem; the outcome still carries the output.
      }
    };
    this.outputListeners.add(listener);
    const unsubscribe = this.stdio?.onOutput(listener);
    const ctx = () => ({ mode: opts.mode, durationMs: performance.now() - started, console: output.snapshot() });
    const crashed = (reason: string): ExecutionOutcome => ({ status: "crashed", ...ctx(), reason });
    if (this.lostReason !== undefined) return crashed(this.lostReason);
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort(new Error(`timed out after ${opts.timeoutMs} ms`));
    }, opts.timeoutMs);
    this.inFlight++;
    try {
      const answer = await Promise.race([
        this.client.callTool({ name, arguments: args as Record<string, unknown> }, undefined, { signal: controller.signal, timeout: opts.timeoutMs + 60_000 }),
        this.lostSignal.then(() => undefined),
      ]);
      if (answer === undefined) return crashed(this.lostReason ?? "the MCP server went away during the call");
      await this.outputLanded();
      return outcomeFromResult(answer as Parameters<typeof outcomeFromResult>[0], ctx());
    } catch (error) {
      await this.outputLanded();
      if (this.lostReason !== undefined) return crashed(this.lostReason);
      if (timedOut) {
        this.settling = this.checkAlive();
        return { status: "timeout", ...ctx(), timeoutMs: opts.timeoutMs };
      }
      if (error instanceof McpError) return outcomeFromRpcError(error, ctx());
      // Writing to a server that just died fails before its "close" arrives: still a crash, not the tool's error.
      if (this.stdio && !this.stdio.running) {
        this.markLost(this.goneReason());
        return crashed(this.lostReason ?? "the MCP server is gone");
      }
      if (this.target.kind === "http" && (isDisconnect(error) || error instanceof TypeError)) {
        this.markLost(`lost the MCP server at ${this.target.label}: ${networkCause(error)}`);
        return crashed(this.lostReason ?? "the MCP server went away");
      }
      if (error instanceof StreamableHTTPError) return outcomeFromRpcError({ code: error.code ?? -1, message: error.message }, ctx());
      // The SDK refusing the answer (not a valid CallToolResult, say): the server's bug, shown as the call's error.
      return { status: "error", ...ctx(), phase: "execute", error: { name: "InvalidResult", message: `the server's tools/call answer was refused: ${errorMessage(error)}` } };
    } finally {
      this.inFlight--;
      clearTimeout(timer);
      this.outputListeners.delete(listener);
      unsubscribe?.();
    }
  }

  /** Resolves once a health check after a timed-out call is done; `lost` then says whether the server survived. */
  settled(): Promise<void> {
    return this.settling;
  }

  /** Close the session and stop a spawned server (and what it spawned). */
  async close(): Promise<void> {
    this.markLost("the MCP connection was closed");
    await this.client.close().catch(() => undefined);
    await this.stdio?.close().catch(() => undefined);
  }

  /** What the server wrote to stderr just before answering may be one poll behind the answer on stdout: let it land. */
  private outputLanded(): Promise<void> {
    return this.stdio ? new Promise((resolve) => setImmediate(resolve)) : Promise.resolve();
  }

  private watch(): void {
    this.client.onclose = () => this.markLost(this.goneReason());
    this.client.onerror = (error) => {
      // An HTTP stream dropping while a call waits on it: the server is gone, do not wait for the timeout.
      if (this.target.kind === "http" && this.inFlight > 0 && isDisconnect(error)) this.markLost(`lost the MCP server at ${this.target.label}: ${networkCause(error)}`);
    };
    // Server log messages are its console: shown with the call that was running.
    this.client.setNotificationHandler(LoggingMessageNotificationSchema, (notification) => {
      const { level, logger, data } = notification.params;
      const text = `[${level}${logger ? ` ${logger}` : ""}] ${typeof data === "string" ? data : JSON.stringify(data)}\n`;
      for (const listener of [...this.outputListeners]) listener("stderr", text);
    });
  }

  private goneReason(): string {
    const exit = this.stdio?.exit;
    if (this.stdio && exit) return `the MCP server ${exitText(exit)}${stderrHint(this.stdio.stderrTail)}${junkHint(this.firstJunk)}`;
    if (this.stdio) return `the MCP server process is gone${stderrHint(this.stdio.stderrTail)}`;
    return `the MCP server at ${this.target.label} closed the connection`;
  }

  private markLost(reason: string): void {
    if (this.lostReason !== undefined) return;
    this.lostReason = reason;
    this.onLost?.();
  }

  /** A timed-out call may have wedged the server (a busy loop): if it cannot answer a ping, drop it. */
  private async checkAlive(): Promise<void> {
    try {
      await this.client.ping({ timeout: PING_TIMEOUT_MS });
    } catch {
      if (this.lostReason !== undefined) return;
      this.markLost(`the MCP server stopped answering after a call timed out (restarted for the next call)`);
      await this.client.close().catch(() => undefined);
      await this.stdio?.close().catch(() => undefined);
    }
  }
}
