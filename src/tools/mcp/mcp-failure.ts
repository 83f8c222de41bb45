import type { ServerExit } from "./stdio-server-transport.js";

const MAX_QUOTE_CHARS = 160;

/** "exited with code 3", "killed by SIGKILL". */
export function exitText(exit: ServerExit): string {
  if (exit.signal !== null) return `was killed by ${exit.signal}`;
  return `exited with code ${exit.code ?? "unknown"}`;
}

/** The last thing the server said on stderr, for the end of a one-line message. */
export function stderrHint(stderrTail: string): string {
  const line = lastLine(stderrTail);
  return line === undefined ? "" : `; its stderr ends: ${quote(line)}`;
}

/** Text a stdio server wrote on stdout that was not JSON-RPC: usually why it "does not answer". */
export function junkHint(junk: string | undefined): string {
  if (junk === undefined) return "";
  return `; it wrote non-JSON-RPC text on stdout (${quote(junk)}): a stdio MCP server must keep stdout for protocol messages and log to stderr`;
}

/** Why a fetch to an MCP endpoint failed, in words: "connection refused". */
export function networkCause(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } } | undefined)?.cause;
  const code = typeof cause?.code === "string" ? cause.code : typeof (error as { code?: unknown })?.code === "string" ? (error as { code: string }).code : undefined;
  switch (code) {
    case "ECONNREFUSED":
      return "connection refused (is the server running?)";
    case "ECONNRESET":
    case "UND_ERR_SOCKET":
      return "the connection was reset";
    case "ENOTFOUND":
      return "host not found";
    case "ETIMEDOUT":
    case "UND_ERR_CONNECT_TIMEOUT":
      return "connection timed out";
    default:
      break;
  }
  const message = errorMessage(error);
  const causeMessage = typeof cause?.message === "string" ? cause.message : undefined;
  return causeMessage && message === "fetch failed" ? causeMessage : message;
}

/** Errors that mean the HTTP connection to the server is gone (not a tool's failure). */
export function isDisconnect(error: unknown): boolean {
  const text = `${errorMessage(error)} ${String((error as { cause?: { code?: unknown } } | undefined)?.cause?.code ?? "")}`;
  return /SSE stream disconnected|fetch failed|ECONNRESET|ECONNREFUSED|UND_ERR_SOCKET|other side closed|terminated/i.test(text);
}

export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message.split("\n")[0] ?? "";
  return String(error);
}

function lastLine(text: string): string | undefined {
  const lines = text.split("\n").map((l) => l.trim()).filter((l) => l !== "");
  return lines[lines.length - 1];
}

export function quote(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return JSON.stringify(flat.length > MAX_QUOTE_CHARS ? `${flat.slice(0, MAX_QUOTE_CHARS)}…` : flat);
}
