import { expect } from "vitest";
import type { ExecutionMode } from "../../src/engine/executor/outcome.js";
import type { LoadedTool } from "../../src/tools/loaded-tool.js";
import { ValidationFailure } from "../../src/tools/loaded-tool.js";
import { recognizeExports } from "../../src/tools/recognize.js";

export const MODULE = "/project/tools.ts";

export function recognize(namespace: Record<string, unknown>) {
  return recognizeExports(namespace, MODULE);
}

/** The one tool of that name, failing the test when it is missing. */
export function toolNamed(tools: readonly LoadedTool[], name: string): LoadedTool {
  const found = tools.find((t) => t.spec.name === name);
  if (!found) throw new Error(`no tool named ${name}; have ${tools.map((t) => t.spec.name).join(", ")}`);
  return found;
}

/** Calls a tool the way the worker does: parsed arguments plus the raw text they came from. */
export function call(tool: LoadedTool, args: unknown, mode: ExecutionMode, argumentsText = JSON.stringify(args)) {
  return tool.invoke(args, argumentsText, mode);
}

/** The ValidationFailure a validated call rejects with. */
export async function rejection(promise: Promise<unknown>): Promise<ValidationFailure> {
  const error: unknown = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ValidationFailure);
  return error as ValidationFailure;
}
