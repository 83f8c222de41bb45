import type { JSONRPCMessage } from "@modelcontextprotocol/sdk/types.js";

/**
 * One JSON-RPC message between tooldbg and an MCP server, as it crossed the wire. `out` is
 * tooldbg → server, `in` is server → tooldbg. `junk` is a stdout line that was not JSON-RPC
 * (a server logging to stdout): kept, because it is usually the bug.
 */
export type McpFrame =
  | { server: string; direction: "out" | "in"; time: Date; message: JSONRPCMessage }
  | { server: string; direction: "junk"; time: Date; text: string };

export type McpFrameListener = (frame: McpFrame) => void;

/** A listener is someone else's code (a session writer, a UI): its failure must not break the connection. */
export function deliverFrame(listeners: Iterable<McpFrameListener>, frame: McpFrame): void {
  for (const listener of listeners) {
    try {
      listener(frame);
    } catch {
      // Ignored: recording is best effort, the call goes on.
    }
  }
}
