import { ToolHost } from "../../engine/executor/tool-host.js";
import { FrameHub } from "./frame-hub.js";
import type { McpFrameListener } from "./mcp-frame.js";
import { McpSource } from "./mcp-source.js";
import { ToolSources } from "./tool-sources.js";

export interface StartSourcesOptions {
  /** Absolute module paths for the isolated worker (none: no worker). */
  modules: readonly string[];
  /** `--mcp` values: MCP server command lines or streamable-HTTP URLs. */
  mcp: readonly string[];
  /** Where the worker and stdio servers run: the user's project. */
  cwd: string;
  timeoutMs?: number;
  /** Sees every MCP JSON-RPC frame from the first (initialize) on. */
  onFrame?: McpFrameListener;
}

export interface StartedSources {
  sources: ToolSources;
  /** Servers that could not start or list no tools, one line each. Module problems are the caller's to judge (sources.host.loadErrors). */
  problems: string[];
  /** Worth saying, not stopping for: a server writing to stdout, a tool name defined twice. */
  warnings: string[];
}

/**
 * How long an MCP server may take to start and list its tools: --timeout (default 10 s), but
 * never less than this, since a cold `node`/`npx` start alone can take seconds on a busy machine.
 */
const MCP_MIN_STARTUP_MS = 5_000;

/**
 * Start the worker on the modules and connect to each MCP server, side by side (both are cold
 * process starts), behind one runner. Never rejects for what the user gave: problems are lines.
 * The caller closes `sources` when it refuses to go on.
 */
export async function startToolSources(opts: StartSourcesOptions): Promise<StartedSources> {
  const frames = new FrameHub();
  if (opts.onFrame) frames.subscribe(opts.onFrame);
  const { timeoutMs, cwd } = opts;
  const callLimit = timeoutMs ?? 10_000;
  const [host, ...servers] = await Promise.all([
    opts.modules.length > 0 ? ToolHost.start({ modules: [...opts.modules], cwd, ...(timeoutMs ? { timeoutMs } : {}) }) : Promise.resolve(undefined),
    ...opts.mcp.map((spec) => McpSource.start({ spec, cwd, timeoutMs: callLimit, startupTimeoutMs: Math.max(callLimit, MCP_MIN_STARTUP_MS), onFrame: frames.emit })),
  ]);
  const started = servers.flatMap((s) => (s.ok ? [s.source] : []));
  const problems = servers.flatMap((s) => (s.ok ? [] : [s.message]));
  for (const source of started) if (source.tools.length === 0) problems.push(`MCP server ${JSON.stringify(source.label)} lists no tools`);
  const sources = new ToolSources(host, started, frames);
  const warnings = servers.flatMap((s) => (s.ok ? s.warnings : []));
  for (const c of sources.collisions) warnings.push(`tool "${c.tool}" is defined by ${c.kept} and by ${c.ignored.join(", ")}; using the one from ${c.kept}`);
  return { sources, problems, warnings };
}
