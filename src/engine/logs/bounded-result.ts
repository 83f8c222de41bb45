import type { LogToolResult } from "./log-events.js";
import { megabytes } from "./adapters/shared/framed-item.js";

/**
 * A logged result longer than this is cut to it, with a note saying so: a tool that returned a
 * whole file (15 MB in one OTel span) was copied whole from the reading thread to the scanning
 * thread, held there until its call was paired and written out again, and a scan of such spans
 * peaked at 305 MB. Nothing is judged from a result's text past its first line, and a report
 * shows a megabyte of it at most.
 */
export const MAX_RESULT_CHARS = 1024 * 1024;

/** The result, its content cut to MAX_RESULT_CHARS when longer (see there). */
export function boundedResult(result: LogToolResult): LogToolResult {
  const { content } = result;
  if (content.length <= MAX_RESULT_CHARS) return result;
  let keep = MAX_RESULT_CHARS;
  const last = content.charCodeAt(keep - 1);
  if (last >= 0xd800 && last <= 0xdbff) keep--; // a surrogate pair is not split
  // Copied: a slice of the logged text would keep all of it alive.
  const head = ` ${content.slice(0, keep)}`.slice(1);
  return { ...result, content: `${head}\n… [result truncated by tooldbg: ${megabytes(content.length)} logged, the first ${megabytes(keep)} kept]` };
}
