import type { ToolSpec } from "../../tools/tool-spec.js";
import type { LogAdapter, LogToolCall } from "./log-events.js";
import { readLog, type LogFileSummary } from "./read-log.js";
import { CallCollector } from "./call-collector.js";
import type { ScannedCall } from "./scanned-call.js";

export interface FoundCall {
  /** The call as the log holds it (advertised schema included). */
  raw: LogToolCall;
  /** The call diagnosed, with its logged result. */
  scanned: ScannedCall;
}

/** Read a whole log and return the call with this id, plus a few ids to suggest when it is absent. */
export async function findCall(
  path: string,
  adapter: LogAdapter,
  callId: string,
  tools: readonly ToolSpec[] | undefined,
): Promise<{ found?: FoundCall; file: LogFileSummary; sampleIds: string[]; calls: number }> {
  let raw: LogToolCall | undefined;
  let scanned: ScannedCall | undefined;
  const sampleIds: string[] = [];
  let calls = 0;
  const collector = new CallCollector(
    tools ? { tools } : {},
    (call) => {
      calls++;
      if (sampleIds.length < 5) sampleIds.push(call.callId);
      if (call.callId === callId) scanned = call;
    },
    () => undefined,
  );
  const file = await readLog(path, adapter, (event) => {
    if (event.kind === "call" && event.callId === callId && !raw) raw = event;
    collector.event(event);
  });
  collector.finish();
  return { ...(raw && scanned ? { found: { raw, scanned } } : {}), file, sampleIds, calls };
}
