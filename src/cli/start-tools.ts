import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { ToolHost } from "../engine/executor/tool-host.js";
import { FrameHub } from "../tools/mcp/frame-hub.js";
import type { McpFrameListener } from "../tools/mcp/mcp-frame.js";
import { McpSource } from "../tools/mcp/mcp-source.js";
import { ToolSources } from "../tools/mcp/tool-sources.js";
import { UsageError } from "./usage-error.js";

export interface StartToolsOptions {
  timeoutMs?: number;
  /** `--mcp` values: MCP server command lines or streamable-HTTP URLs. */
  mcp?: readonly string[];
  /** Sees every MCP JSON-RPC frame from the first (initialize) on: a session appends them. */
  onFrame?: McpFrameListener;
}

/**
 * How long an MCP server may take to start and list its tools: --timeout (default 10 s), but
 * never less than this, since a cold `node`/`npx` start alone can take seconds on a busy machine.
 */
const MCP_MIN_STARTUP_MS = 5_000;

/**
 * Start the tools the command was given: the isolated worker on `--tools` modules, and a
 * connection to each `--mcp` server, behind one runner. A module that is missing, does not
 * compile, throws on import or holds no tools, or a server that cannot start, is a usage
 * error: one line each.
 */
export async function startTools(modules: readonly string[], opts: StartToolsOptions = {}): Promise<ToolSources> {
  const mcp = opts.mcp ?? [];
  if (modules.length === 0 && mcp.length === 0) {
    throw new UsageError("--tools MODULE is required (or --mcp CMD_OR_URL): a .ts or .js file that exports your tools, or an MCP server");
  }
  const absolute = modules.map((m) => resolve(m));
  for (const [i, file] of absolute.entries()) {
    if (!existsSync(file)) throw new UsageError(`cannot load tools module ${modules[i]}: no such file`);
  }
  const frames = new FrameHub();
  if (opts.onFrame) frames.subscribe(opts.onFrame);
  const timeoutMs = opts.timeoutMs;
  // The worker and the servers start side by side: both are cold process starts.
  const [host, ...servers] = await Promise.all([
    absolute.length > 0 ? ToolHost.start({ modules: absolute, cwd: process.cwd(), ...(timeoutMs ? { timeoutMs } : {}) }) : Promise.resolve(undefined),
    ...mcp.map((spec) =>
      McpSource.start({ spec, cwd: process.cwd(), timeoutMs: timeoutMs ?? 10_000, startupTimeoutMs: Math.max(timeoutMs ?? 10_000, MCP_MIN_STARTUP_MS), onFrame: frames.emit }),
    ),
  ]);
  const started = servers.flatMap((s) => (s.ok ? [s.source] : []));
  const problems = servers.flatMap((s) => (s.ok ? [] : [s.message]));
  if (host) {
    const fatal = host.loadErrors.filter((e) => e.kind !== "invalid_tool");
    problems.unshift(...fatal.map((e) => `cannot load tools module ${e.module}: ${e.message}`));
    if (fatal.length === 0 && host.tools.length === 0) problems.unshift("no tools found in the given modules");
  }
  for (const source of started) if (source.tools.length === 0) problems.push(`MCP server ${JSON.stringify(source.label)} lists no tools`);
  const sources = new ToolSources(host, started, frames);
  if (problems.length > 0) {
    await sources.close();
    throw new UsageError(problems.join("\ntooldbg: "));
  }
  for (const e of host?.loadErrors ?? []) process.stderr.write(`tooldbg: warning: ${e.module}: ${e.message}\n`);
  for (const s of servers) if (s.ok) for (const w of s.warnings) process.stderr.write(`tooldbg: warning: ${w}\n`);
  for (const c of sources.collisions) {
    process.stderr.write(`tooldbg: warning: tool "${c.tool}" is defined by ${c.kept} and by ${c.ignored.join(", ")}; using the one from ${c.kept}\n`);
  }
  return sources;
}
