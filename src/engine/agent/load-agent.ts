import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { z } from "zod";
import { ToolHost } from "../executor/tool-host.js";
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
  host: ToolHost;
  agent: AgentInfo;
  /** Things worth a warning that do not stop the session (a tool that could not be read). */
  warnings: string[];
}

/**
 * Start the isolated worker on the agent module and read the agent it exports. The user's code
 * runs only in the worker; this side gets plain JSON. Rejects with AgentStartError, the host closed.
 */
export async function loadAgent(module: string, opts: { cwd?: string; timeoutMs?: number } = {}): Promise<LoadedAgent> {
  const cwd = opts.cwd ?? process.cwd();
  const file = resolve(cwd, module);
  if (!existsSync(file)) throw new AgentStartError(`cannot load agent module ${module}: no such file`);
  const host = await ToolHost.start({ modules: [file], cwd, ...(opts.timeoutMs !== undefined ? { timeoutMs: opts.timeoutMs } : {}) });
  try {
    const fatal = host.loadErrors.find((error) => error.kind === "not_found" || error.kind === "syntax" || error.kind === "threw");
    if (fatal) throw new AgentStartError(`cannot load agent module ${module}: ${fatal.message}`);
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
    const tools = found.toolNames.map((name) => byName.get(name)).filter((spec): spec is ToolSpec => spec !== undefined);
    const agent: AgentInfo = {
      module,
      ...(found.model !== undefined ? { model: found.model } : {}),
      ...(found.instructions !== undefined ? { instructions: found.instructions } : {}),
      ...(found.prompt !== undefined ? { prompt: found.prompt } : {}),
      ...(script?.success === true ? { script: script.data as ScriptedTurn[] } : {}),
      tools,
    };
    const warnings = [...found.problems.map((problem) => `${module}: ${problem}`), ...host.loadErrors.map((error) => `${error.module === file ? module : error.module}: ${error.message}`)];
    return { host, agent, warnings };
  } catch (error) {
    await host.close();
    throw error;
  }
}
