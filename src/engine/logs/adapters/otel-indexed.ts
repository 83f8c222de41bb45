import type { SpanRecord } from "./otel-spans.js";
import type { AdvertisedTool } from "../log-events.js";
import type { AdvertisedInterner } from "./shared/intern-advertised.js";

/**
 * Flattened list attributes (`llm.output_messages.0.message.tool_calls.1.tool_call.id`), as
 * OpenInference and OpenLLMetry write them, regrouped by index: index → (rest of key → value).
 */
export type Indexed = Map<number, Map<string, unknown>>;

export function groupIndexed(entries: Iterable<[string, unknown]>, prefix: string): Indexed {
  const groups: Indexed = new Map();
  for (const [key, value] of entries) {
    if (!key.startsWith(prefix)) continue;
    const rest = key.slice(prefix.length);
    const dot = rest.indexOf(".");
    if (dot <= 0) continue;
    const index = Number(rest.slice(0, dot));
    if (!Number.isInteger(index) || index < 0) continue;
    let group = groups.get(index);
    if (group === undefined) groups.set(index, (group = new Map()));
    group.set(rest.slice(dot + 1), value);
  }
  return new Map([...groups.entries()].sort((a, b) => a[0] - b[0]));
}

/** True when any attribute key starts with `prefix`: a cheap test before regrouping. */
export const hasPrefix = (span: SpanRecord, prefix: string): boolean => {
  for (const key of span.attributes.keys()) if (key.startsWith(prefix)) return true;
  return false;
};

/**
 * A tools list flattened into attributes under `prefix` (`llm.tools.N.*`), read by `read` once per
 * distinct list: spans of one agent repeat the same tools, and the interned list keeps the
 * identity caches downstream (specs, compiled validators) hitting. Undefined when there is none.
 */
export function internIndexedTools(span: SpanRecord, prefix: string, tools: AdvertisedInterner, read: () => AdvertisedTool[] | undefined): AdvertisedTool[] | undefined {
  const raw: unknown[] = [];
  for (const [key, value] of span.attributes) if (key.startsWith(prefix)) raw.push(key, value);
  return raw.length === 0 ? undefined : tools.intern(raw, read);
}
