import { StreamableHTTPError } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { McpError } from "@modelcontextprotocol/sdk/types.js";
import type { McpTarget } from "./mcp-target.js";
import type { StdioServerTransport } from "./stdio-server-transport.js";
import { errorMessage, exitText, junkHint, networkCause, stderrHint } from "./mcp-failure.js";

export interface StartFailure {
  target: McpTarget;
  stage: "initialize" | "tools/list";
  error: unknown;
  timedOut: boolean;
  timeoutMs: number;
  stdio: StdioServerTransport | undefined;
  junk: string | undefined;
}

/** One line that says why a server could not be used, and what to do about it. */
export function describeStartFailure(f: StartFailure): string {
  const { target } = f;
  if (target.kind === "stdio") {
    const name = JSON.stringify(target.label);
    const spawnError = f.stdio?.startError;
    if (spawnError?.code === "ENOENT") return `cannot start MCP server ${name}: command "${target.command}" not found (check the command line and PATH)`;
    if (spawnError?.code === "EACCES") return `cannot start MCP server ${name}: "${target.command}" is not executable`;
    if (spawnError) return `cannot start MCP server ${name}: ${errorMessage(spawnError)}`;
    const tail = `${stderrHint(f.stdio?.stderrTail ?? "")}${junkHint(f.junk)}`;
    const exit = f.stdio?.exit;
    if (exit) return `MCP server ${name} ${exitText(exit)} before answering ${f.stage}${tail}`;
    if (f.timedOut) return `MCP server ${name} did not answer ${f.stage} within ${f.timeoutMs} ms${tail}`;
    if (f.error instanceof McpError) return `MCP server ${name} refused ${f.stage}: ${f.error.message}`;
    return `MCP server ${name} sent an unusable ${f.stage} answer: ${errorMessage(f.error)}${tail}`;
  }
  const where = `MCP server at ${target.label}`;
  if (f.timedOut) return `${where} did not answer ${f.stage} within ${f.timeoutMs} ms`;
  if (f.error instanceof StreamableHTTPError) {
    const status = f.error.code !== undefined && f.error.code > 0 ? `HTTP ${f.error.code}` : "an unexpected response";
    return `${where} answered ${f.stage} with ${status}: ${errorMessage(f.error).replace(/^Streamable HTTP error: /, "")} (is this the server's MCP endpoint?)`;
  }
  if (f.error instanceof McpError) return `${where} refused ${f.stage}: ${f.error.message}`;
  if (f.error instanceof TypeError) return `cannot connect to ${where}: ${networkCause(f.error)}`;
  return `${where} sent an unusable ${f.stage} answer: ${errorMessage(f.error)}`;
}
