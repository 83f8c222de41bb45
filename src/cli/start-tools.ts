import { existsSync } from "node:fs";
import { resolve } from "node:path";
import type { McpFrameListener } from "../tools/mcp/mcp-frame.js";
import { startToolSources } from "../tools/mcp/start-sources.js";
import type { ToolSources } from "../tools/mcp/tool-sources.js";
import { UsageError } from "./usage-error.js";
import { printable } from "../engine/printable.js";

export interface StartToolsOptions {
  timeoutMs?: number;
  /** `--mcp` values: MCP server command lines or streamable-HTTP URLs. */
  mcp?: readonly string[];
  /** Sees every MCP JSON-RPC frame from the first (initialize) on: a session appends them. */
  onFrame?: McpFrameListener;
}

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
  const { sources, problems, warnings } = await startToolSources({
    modules: absolute,
    mcp,
    cwd: process.cwd(),
    ...(opts.timeoutMs !== undefined ? { timeoutMs: opts.timeoutMs } : {}),
    ...(opts.onFrame ? { onFrame: opts.onFrame } : {}),
  });
  const host = sources.host;
  if (host) {
    const fatal = host.loadErrors.filter((e) => e.kind !== "invalid_tool");
    problems.unshift(...fatal.map((e) => `cannot load tools module ${e.module}: ${e.message}`));
    if (fatal.length === 0 && host.tools.length === 0) problems.unshift("no tools found in the given modules");
  }
  if (problems.length > 0) {
    await sources.close();
    throw new UsageError(problems.join("\ntooldbg: "));
  }
  for (const e of host?.loadErrors ?? []) process.stderr.write(printable(`tooldbg: warning: ${e.module}: ${e.message}\n`));
  for (const w of warnings) process.stderr.write(printable(`tooldbg: warning: ${w}\n`));
  return sources;
}
