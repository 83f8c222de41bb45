import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { z } from "zod";
import { isMcpToolSpec } from "../../tools/mcp/mcp-tool-spec.js";
import { startToolSources } from "../../tools/mcp/start-sources.js";
import type { ToolSources } from "../../tools/mcp/tool-sources.js";
import type { ToolSpec } from "../../tools/tool-spec.js";
import type { AgentInfo, ScriptedTurn } from "./agent-contract.js";
import { AgentStartError } from "./agent-start-error.js";

const scriptSchema = z.array(
  z.object({
    content: z.string().nullable().optional(),
    tool_calls: z
      .array(z.object({ id: z.string(), type: z.literal("function").optional(), function: z.object({ name: z.string(), arguments: z.string() }) }))
      .optional(),
  }),
);

export interface LoadedAgent {
  /** The worker on the agent module plus any MCP servers, behind one runner; closing it stops them all. */
  tools: ToolSources;
  agent: AgentInfo;
  /** Things worth a warning that do not stop the session (a tool that could not be read). */
  warnings: string[];
}

export interface LoadAgentOptions {
  cwd?: string;
  timeoutMs?: number;
  /** `--mcp` servers: their tools join the agent's, shown to the model after the agent's own. */
  mcp?: readonly string[];
}

/**
 * Start the isolated worker on the agent module (and any MCP servers beside it) and read the
 * agent it exports. The user's code runs only in the worker or the servers; this side gets plain
 * JSON. Rejects with AgentStartError, everything started closed again.
 */
export async function loadAgent(module: string, opts: LoadAgentOptions = {}): Promise<LoadedAgent> {
  const cwd = opts.cwd ?? process.cwd();
  const file = resolve(cwd, module);
  if (!existsSync(file)) throw new AgentStartError(`cannot load agent module ${module}: no such file`);
  const started = await startToolSources({ modules: [file], mcp: opts.mcp ?? [], cwd, ...(opts.timeoutMs !== undefined ? { timeoutMs: opts.timeoutMs } : {}) });
  const { sources } = started;
  try {
    // Always there: the agent module is one of the modules.
    const host = sources.host;
    if (host === undefined) throw new AgentStartError(`cannot load agent module ${module}: the tool worker did not start`);
    const fatal = host.loadErrors.find((error) => error.kind === "not_found" || error.kind === "syntax" || error.kind === "threw");
    if (fatal) throw new AgentStartError(`cannot load agent module ${module}: ${fatal.message}`);
    if (started.problems.length > 0) throw new AgentStartError(started.problems.join("\ntooldbg: "));
    const found = host.agents.find((agent) => agent.module === file);
    if (found === undefined) {
      throw new AgentStartError(`${module} has no agent: its default export must be defineAgent({ model, instructions, tools, script }) (import { defineAgent } from "tooldbg")`);
    }
    const script = found.script === undefined ? undefined : scriptSchema.safeParse(found.script);
    if (script !== undefined && !script.success) {
      const issue = script.error.issues[0];
      throw new AgentStartError(`${module}: the agent's script is not a list of chat turns ({ content?, tool_calls?: [{ id, function: { name, arguments } }] }) at script.${issue?.path.join(".") ?? ""}: ${issue?.message ?? "invalid"}`);
    }
    const byName = new Map(host.tools.map((spec) => [spec.name, spec]));
    const own = found.toolNames.map((name) => byName.get(name)).filter((spec): spec is ToolSpec => spec !== undefined);
    // An MCP tool the agent's own tool shadows is not offered twice (ToolSources runs the agent's).
    const fromMcp = sources.tools.filter((spec) => isMcpToolSpec(spec) && !own.some((mine) => mine.name === spec.name));
    const tools = [...own, ...fromMcp];
    const agent: AgentInfo = {
      module,
      ...(found.model !== undefined ? { model: found.model } : {}),
      ...(found.instructions !== undefined ? { instructions: found.instructions } : {}),
      ...(found.prompt !== undefined ? { prompt: found.prompt } : {}),
      ...(script?.success === true ? { script: script.data as ScriptedTurn[] } : {}),
      tools,
    };
    // An agent whose tools all come from --mcp holds none of its own: nothing to warn about.
    const loadErrors = host.loadErrors.filter((error) => !(error.kind === "no_tools" && fromMcp.length > 0));
    const warnings = [
      ...found.problems.map((problem) => `${module}: ${problem}`),
      ...loadErrors.map((error) => `${error.module === file ? module : error.module}: ${error.message}`),
      ...started.warnings,
    ];
    return { tools: sources, agent, warnings };
  } catch (error) {
    await sources.close();
    throw error;
  }
}
