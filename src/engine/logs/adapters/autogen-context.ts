import type { LogEvent } from "../log-events.js";
import type { AdvertisedInterner } from "./shared/intern-advertised.js";
import type { BoundedMap } from "./shared/bounded-id-set.js";
import type { CallLedger } from "./shared/call-ledger.js";
import { isRecord, parseIfJsonText, stringifyJson } from "./shared/loose-json.js";

/** What an AutoGen reader keeps between records. */
export interface AutogenContext {
  file: string;
  ledger: CallLedger;
  emit: (event: LogEvent) => void;
  /** Call id → tool name, for results that do not name their tool (swarm's FunctionExecutionResult). */
  toolNames: BoundedMap<string>;
  /** `tool name + canonical arguments` → call id, to pair autogen_core `ToolCall` events (no id) with the call. */
  unanswered: BoundedMap<string>;
  /** One tools list object per distinct list: records repeat the agent's tools, and identity caches downstream (specs, validators) then hit. */
  tools: AdvertisedInterner;
}

/** Arguments compared regardless of formatting and key order. */
export function canonicalArguments(value: unknown): string {
  const parsed = parseIfJsonText(value);
  const sorted = (inner: unknown): unknown => {
    if (Array.isArray(inner)) return inner.map(sorted);
    if (!isRecord(inner)) return inner;
    return Object.fromEntries(
      Object.keys(inner)
        .sort()
        .map((key) => [key, sorted(inner[key])]),
    );
  };
  return stringifyJson(sorted(parsed));
}

export const pairingKey = (tool: string, args: unknown): string => `${tool}\u0000${canonicalArguments(args)}`;
