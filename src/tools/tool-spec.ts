import type { JsonSchema } from "./json-schema.js";

/** Where a tool definition came from; decides how validated mode parses arguments. */
export type ToolShape =
  | "tooldbg" // tool() from this package (zod parameters)
  | "openai-function" // { type: "function", function: { name, parameters } } with or without a callable
  | "openai-zod-function" // openai/helpers/zod zodFunction()
  | "ai-sdk" // Vercel AI SDK tool record entry
  | "openai-agents" // OpenAI Agents SDK tool()
  | "mcp"
  | "advertised"; // seen only in a log's request tools

/**
 * Everything tooldbg's own process knows about a tool. It is plain JSON: tool code
 * (and the user's zod) stays in the worker process, only this description crosses over.
 */
export interface ToolSpec {
  name: string;
  description?: string;
  /** The JSON Schema the model sees for the arguments object (input semantics). */
  parameters: JsonSchema;
  /** False for schema-only tools: they can be diagnosed, not executed. */
  executable: boolean;
  /** Declared side effects (tool({ sideEffects: true }) or MCP destructiveHint): confirm before replaying. */
  sideEffects: boolean;
  shape: ToolShape;
  /** The module file and export the tool was found in. */
  source: { module: string; exportName: string };
}

/** A module that failed to load, or loaded but held no tools. */
export interface LoadError {
  module: string;
  kind: "not_found" | "syntax" | "threw" | "no_tools" | "invalid_tool";
  message: string;
}
