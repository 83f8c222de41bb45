import type { Finding } from "../../../src/engine/diagnosis/finding.js";
import { diagnoseCall, type AdvertisedTool, type CallDiagnosis } from "../../../src/engine/diagnosis/index.js";
import type { JsonSchema } from "../../../src/tools/json-schema.js";
import type { ToolSpec } from "../../../src/tools/tool-spec.js";

export function toolSpec(name: string, parameters: JsonSchema, overrides: Partial<ToolSpec> = {}): ToolSpec {
  return {
    name,
    parameters,
    executable: true,
    sideEffects: false,
    shape: "openai-function",
    source: { module: "test.ts", exportName: name },
    ...overrides,
  };
}

/** `code@path` for each finding, in order: what most table rows compare. */
export const codes = (findings: readonly Finding[]): string[] => findings.map((f) => (f.path ? `${f.code}@${f.path}` : f.code));

/** Diagnoses `args` (an object, serialized, or a raw string) against one executable tool with `schema`. */
export function diagnoseAgainst(schema: JsonSchema, args: unknown, advertised?: readonly AdvertisedTool[]): CallDiagnosis {
  const text = typeof args === "string" ? args : JSON.stringify(args);
  return diagnoseCall({ name: "tool", arguments: text }, { tools: [toolSpec("tool", schema)], ...(advertised ? { advertised } : {}) });
}

export const findingAt = (findings: readonly Finding[], code: Finding["code"], path: string): Finding | undefined =>
  findings.find((f) => f.code === code && (f.path ?? "") === path);
