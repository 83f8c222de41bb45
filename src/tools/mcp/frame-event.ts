import type { NewSessionEvent } from "../../engine/session/session-format.js";
import type { McpFrame } from "./mcp-frame.js";

/**
 * A frame as a session event. The writer stamps `t` itself: pass `frame.time` as its `now`
 * (`writer.append(frameEvent(frame), frame.time)`) so the file keeps when the frame crossed.
 */
export function frameEvent(frame: McpFrame): NewSessionEvent {
  if (frame.direction === "junk") return { type: "mcp", server: frame.server, direction: "junk", text: frame.text };
  return { type: "mcp", server: frame.server, direction: frame.direction, message: frame.message };
}
