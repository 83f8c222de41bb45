import type { Tool } from "@modelcontextprotocol/sdk/types.js";
import type { JsonSchema } from "../json-schema.js";
import type { ToolSpec } from "../tool-spec.js";

/** What MCP says about a tool beyond its signature; annotations are the server's hints, untrusted. */
export interface McpToolInfo {
  /** The `--mcp` value the tool came from. */
  server: string;
  title?: string;
  readOnly?: boolean;
  destructive?: boolean;
  idempotent?: boolean;
  openWorld?: boolean;
  outputSchema?: JsonSchema;
}

/** A ToolSpec from `tools/list`: still plain JSON, with the MCP details beside it. */
export interface McpToolSpec extends ToolSpec {
  shape: "mcp";
  mcp: McpToolInfo;
}

export const isMcpToolSpec = (spec: ToolSpec): spec is McpToolSpec => spec.shape === "mcp" && "mcp" in spec;

/**
 * `inputSchema` is already the JSON Schema the model is shown. `destructiveHint: true` means
 * tooldbg asks before replaying the tool, unless the server also calls it read-only (a hint
 * pair that contradicts itself is read the safe way round only when it says destructive).
 */
export function toolSpecFromMcp(tool: Tool, server: { label: string; name: string }): McpToolSpec {
  const a = tool.annotations;
  const info: McpToolInfo = { server: server.label };
  const title = tool.title ?? a?.title;
  if (title !== undefined) info.title = title;
  if (a?.readOnlyHint !== undefined) info.readOnly = a.readOnlyHint;
  if (a?.destructiveHint !== undefined) info.destructive = a.destructiveHint;
  if (a?.idempotentHint !== undefined) info.idempotent = a.idempotentHint;
  if (a?.openWorldHint !== undefined) info.openWorld = a.openWorldHint;
  if (tool.outputSchema !== undefined) info.outputSchema = tool.outputSchema as JsonSchema;
  return {
    name: tool.name,
    ...(tool.description !== undefined ? { description: tool.description } : {}),
    parameters: tool.inputSchema as JsonSchema,
    executable: true,
    sideEffects: a?.destructiveHint === true,
    shape: "mcp",
    source: { module: server.label, exportName: server.name },
    mcp: info,
  };
}
