// MINIMAL PLACEHOLDER: recognises only tool() objects; being extended to every shape of SPEC §2.
import { isTooldbgTool } from "./define.js";
import type { LoadedTool, RecognizeResult } from "./loaded-tool.js";
import { ValidationFailure } from "./loaded-tool.js";
import type { JsonSchema } from "./json-schema.js";

/** Find every tool among a module's exports (named, default object, default array, agent). */
export function recognizeExports(namespace: Record<string, unknown>, modulePath: string): RecognizeResult {
  const tools: LoadedTool[] = [];
  for (const [exportName, value] of Object.entries(namespace)) {
    const candidates = Array.isArray(value) ? value : [value];
    for (const candidate of candidates) {
      if (!isTooldbgTool(candidate)) continue;
      const t = candidate;
      const { z } = { z: null as unknown };
      void z;
      const parameters = { type: "object" } as JsonSchema;
      tools.push({
        spec: {
          name: t.name,
          ...(t.description ? { description: t.description } : {}),
          parameters,
          executable: typeof t.execute === "function",
          sideEffects: t.sideEffects === true,
          shape: "tooldbg",
          source: { module: modulePath, exportName },
        },
        async invoke(args, _text, mode) {
          let input = args;
          if (mode === "validated") {
            const parsed = t.parameters.safeParse(args);
            if (!parsed.success) throw new ValidationFailure("arguments rejected by the tool's schema", []);
            input = parsed.data;
          }
          return t.execute?.(input as never);
        },
      });
    }
  }
  const errors = tools.length === 0 ? [{ module: modulePath, kind: "no_tools" as const, message: "no tools found" }] : [];
  return { tools, errors };
}
