// Runs inside the tool worker only: it reads the user's agent object, which is user code.
import { isTooldbgAgent } from "../../tools/define.js";
import type { ToolSpec } from "../../tools/tool-spec.js";
import type { WorkerAgent } from "../executor/protocol.js";

/**
 * The plain-JSON description of a module's default export when it is a defineAgent() agent, else
 * undefined. Its tools are those the loader found under the agent's `tools` (the default export
 * is walked first, so they keep the agent's order). A field that cannot cross as JSON (a getter
 * that throws, a script with a BigInt) is left out and named in `problems`; nothing here throws.
 */
export function readAgent(module: string, namespace: Record<string, unknown>, specs: readonly ToolSpec[]): WorkerAgent | undefined {
  let agent: unknown;
  try {
    agent = namespace.default;
    if (!isTooldbgAgent(agent)) return undefined;
  } catch {
    return undefined;
  }
  const problems: string[] = [];
  const out: WorkerAgent = {
    module,
    toolNames: specs.filter((spec) => spec.source.module === module && /^default\.tools(?:[.[]|$)/.test(spec.source.exportName)).map((spec) => spec.name),
    problems,
  };
  const fields = agent as unknown as Record<string, unknown>;
  for (const key of ["model", "instructions", "prompt"] as const) {
    const value = readField(fields, key, problems);
    if (value === undefined || value === null) continue;
    if (typeof value === "string") out[key] = value;
    else problems.push(`${key} must be a string, got ${typeof value}`);
  }
  const script = readField(fields, "script", problems);
  if (script !== undefined) {
    try {
      out.script = JSON.parse(JSON.stringify(script)) as unknown;
    } catch (error) {
      problems.push(`script is not plain JSON: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return out;
}

function readField(fields: Record<string, unknown>, key: string, problems: string[]): unknown {
  try {
    return fields[key];
  } catch (error) {
    problems.push(`reading ${key} threw: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  }
}
