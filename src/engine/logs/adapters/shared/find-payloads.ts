import { MAX_RECORD_CHARS, tryParse } from "./framed-item.js";
import { isRecord } from "./json-read.js";
import { isSseText, sseTextPayloads } from "./sse-text.js";

/** How deep into an envelope payloads are looked for: `{meta:{…}, data:{request:{body:{…}}}}` is 4. */
const MAX_DEPTH = 5;
/** Keys looked at per object and elements per array: envelopes are small, payloads are matched whole. */
const MAX_KEYS = 200;
const MAX_ELEMENTS = 10_000;

export interface FoundPayload<K extends string> {
  kind: K;
  value: unknown;
}

/** Names what a value is (a request, a response, a chunk…) or returns undefined to look inside it. */
export type PayloadClassifier<K extends string> = (value: unknown) => K | undefined;

/**
 * Kinds of payload a proxy may flatten its envelope into, each with the payload's own keys: LiteLLM's
 * logging payload, for one, is the request's `model` and `messages` beside `response` and the call's
 * metadata. A payload of such a kind is still looked into, all but its own keys, for more payloads.
 */
export type FlattenedKinds<K extends string> = Partial<Record<K, ReadonlySet<string>>>;

/**
 * Finds the payloads inside whatever envelope a logging proxy wrote, by their shape alone: every
 * value the classifier recognises, at any reasonable depth, in document order. A recognised value
 * is not looked into, except one of a kind a proxy flattens its envelope into: its keys other than
 * its own are (see FlattenedKinds). Strings holding JSON (`"body": "{…}"`) or SSE text
 * (`"data: {…}\n\n…"`) are decoded and looked at too, since proxies often store bodies as text.
 */
export function findPayloads<K extends string>(root: unknown, classify: PayloadClassifier<K>, flattened?: FlattenedKinds<K>): FoundPayload<K>[] {
  const found: FoundPayload<K>[] = [];
  const walk = (value: unknown, depth: number): void => {
    const kind = classify(value);
    if (kind !== undefined) {
      found.push({ kind, value });
      const own = flattened?.[kind];
      if (own !== undefined && depth < MAX_DEPTH && isRecord(value)) {
        let keys = 0;
        for (const key in value) {
          if (++keys > MAX_KEYS) break;
          if (!own.has(key)) walk(value[key], depth + 1);
        }
      }
      return;
    }
    if (depth >= MAX_DEPTH) return;
    if (typeof value === "string") {
      const decoded = decodeEmbedded(value);
      if (decoded !== undefined) walk(decoded, depth + 1);
    } else if (Array.isArray(value)) {
      const n = Math.min(value.length, MAX_ELEMENTS);
      for (let i = 0; i < n; i++) walk(value[i], depth + 1);
    } else if (isRecord(value)) {
      let keys = 0;
      for (const key in value) {
        if (++keys > MAX_KEYS) break;
        walk(value[key], depth + 1);
      }
    }
  };
  walk(root, 0);
  return found;
}

/** A string body decoded: JSON text parsed, SSE text as the array of its payloads. */
function decodeEmbedded(text: string): unknown {
  if (text.length < 2 || text.length > MAX_RECORD_CHARS) return undefined;
  const first = text.charCodeAt(0);
  if (first === 0x7b /* { */ || first === 0x5b /* [ */) {
    const parsed = tryParse(text);
    return parsed.ok ? parsed.value : undefined;
  }
  if (isSseText(text)) return sseTextPayloads(text);
  return undefined;
}

/**
 * Detection by payload shape: the best confidence a scorer gives any payload found in the
 * record's envelope (0 when none, or when the record cannot be walked).
 */
export function bestPayloadScore<K extends string>(record: unknown, score: (value: unknown) => { kind: K; confidence: number } | undefined): number {
  let best = 0;
  try {
    findPayloads(record, (value) => {
      const scored = score(value);
      if (scored) best = Math.max(best, scored.confidence);
      return scored?.kind;
    });
  } catch {
    return 0;
  }
  return best;
}
