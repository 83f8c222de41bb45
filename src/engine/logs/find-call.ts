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

/**
 * Read a whole log and return the call with this id, plus a few ids to suggest when it is absent.
 * Only the events of that id are paired and diagnosed: the others are counted (and the first few
 * ids kept), which makes exporting one call of a long log several times faster and keeps its memory
 * to the reading's. Pairing looks at one id's events only, so the call is the one a scan shows,
 * except that no other call's wait can push it out before its result comes.
 */
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
      if (call.callId === callId) scanned = call;
    },
    () => undefined,
  );
  const file = await readLog(path, adapter, (event) => {
    if (event.kind === "call") {
      calls++;
      if (sampleIds.length < 5 && !sampleIds.includes(event.callId)) sampleIds.push(event.callId);
      if (event.callId === callId && !raw) raw = event;
    }
    if (event.callId === callId) collector.event(event);
  });
  collector.finish();
  return { ...(raw && scanned ? { found: { raw, scanned } } : {}), file, sampleIds, calls };
}
