import type { JsonSchema } from "../json-schema.js";
import type { LoadedTool } from "../loaded-tool.js";
import type { ToolShape } from "../tool-spec.js";

/** Where in a module's exports a candidate sits. */
export interface FoundAt {
  /** Dotted path from the export: "getInvoice", "default.tools[0]", "tools.weather". */
  path: string;
  /** The property name it sits under (record key or export name); none for array elements. */
  key: string | undefined;
  /** True when `key` is a key of a tools record rather than an export name. */
  inRecord: boolean;
}

/** A tool read from one recognised shape, before tooldbg gives it a source and checks names. */
export interface ReadableTool {
  name: string;
  /** The name came from the record key or export name, not from the object (AI SDK tools). */
  nameFrom: "object" | "record-key" | "export-name";
  description?: string;
  parameters: JsonSchema;
  executable: boolean;
  sideEffects: boolean;
  invoke: LoadedTool["invoke"];
}

export type ReadResult = { ok: true; tool: ReadableTool } | { ok: false; message: string };

/** One row of the detection table: recognise a shape cheaply, then read it fully. */
export interface ToolReader {
  shape: ToolShape;
  detect(value: object): boolean;
  read(value: object, at: FoundAt): ReadResult;
}

export const invalid = (message: string): ReadResult => ({ ok: false, message });

export const descriptionOf = (value: unknown): { description?: string } =>
  typeof value === "string" && value.length > 0 ? { description: value } : {};

/** invoke() of a tool with nothing to run; the executor only calls it when spec.executable, this is a backstop. */
export const schemaOnly =
  (name: string): LoadedTool["invoke"] =>
  () =>
    Promise.reject(new Error(`"${name}" is schema-only: nothing is registered to execute it`));

/** Calls a user function as a method of the object it came from, so `this` inside it still works. */
export function callOn(owner: unknown, fn: unknown, ...args: unknown[]): Promise<unknown> {
  return Promise.resolve((fn as (...a: unknown[]) => unknown).apply(owner, args));
}
