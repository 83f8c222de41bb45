import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { ToolHost } from "../engine/executor/tool-host.js";
import { UsageError } from "./usage-error.js";

/**
 * Start the isolated worker on the user's tool modules. A module that is missing, does not
 * compile, throws on import or holds no tools is a usage error: one line per module.
 */
export async function startTools(modules: readonly string[], opts: { timeoutMs?: number } = {}): Promise<ToolHost> {
  if (modules.length === 0) throw new UsageError("--tools MODULE is required: a .ts or .js file that exports your tools");
  const absolute = modules.map((m) => resolve(m));
  for (const [i, file] of absolute.entries()) {
    if (!existsSync(file)) throw new UsageError(`cannot load tools module ${modules[i]}: no such file`);
  }
  const host = await ToolHost.start({ modules: absolute, cwd: process.cwd(), ...(opts.timeoutMs ? { timeoutMs: opts.timeoutMs } : {}) });
  const fatal = host.loadErrors.filter((e) => e.kind !== "invalid_tool");
  if (fatal.length > 0 || host.tools.length === 0) {
    await host.close();
    const lines = fatal.map((e) => `cannot load tools module ${e.module}: ${e.message}`);
    throw new UsageError(lines.length > 0 ? lines.join("\ntooldbg: ") : "no tools found in the given modules");
  }
  for (const e of host.loadErrors) process.stderr.write(`tooldbg: warning: ${e.module}: ${e.message}\n`);
  return host;
}
