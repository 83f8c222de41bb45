import type { AdvertisedTool, LogEvent } from "../log-events.js";
import type { AdvertisedInterner } from "./shared/intern-advertised.js";
import { BoundedMap } from "./shared/bounded-id-set.js";
import type { EventDedupe } from "./shared/event-dedupe.js";
import { readAdvertisedTools } from "./openai-tools.js";
import { isRecord, nonEmptyStringAt, stringAt, type JsonObject } from "./shared/json-read.js";

/** What the reader keeps between records: ids already emitted and the response chains seen. */
export interface ResponsesReaderState {
  file: string;
  dedupe: EventDedupe;
  chains: ResponseChains;
  /**
   * The calls each recent response made, by its id: a request continuing it (`previous_response_id`)
   * must answer every one in its input (bounded like the chains).
   */
  awaiting: BoundedMap<readonly AwaitedCall[]>;
  /** One tools list object per distinct list: records repeat the agent's tools, and identity caches downstream (specs, validators) then hit. */
  tools: AdvertisedInterner;
}

/** A call a response made: the id the log gives it, the id it goes by, its tool. */
export interface AwaitedCall {
  callId: string;
  emitted: string;
  tool: string;
}

/** What the calls of one record (or one stream) share. */
export interface ResponsesContext {
  state: ResponsesReaderState;
  line: number;
  model?: string;
  time?: string;
  advertised?: AdvertisedTool[];
  /** The tools of a request logged on its own just before (no request in this record): used when the response shows none. */
  bareRequestTools?: AdvertisedTool[];
  conversation?: string;
  emit: (event: LogEvent) => void;
}

/**
 * Responses whose chain is remembered. A request continues a recent response, and ten thousand
 * responses between two links of one chain is past any log. At the dedupe windows' 50,000 the
 * map held 6 MB of ids and entries, and a long Responses log's two-thread scan peaked at 148-150
 * MB (bench/memory.mjs); at 10,000, 142-143. A response forgotten keys its continuation by its own id.
 */
export const MAX_CHAINED_RESPONSES = 10_000;

/**
 * `previous_response_id` chains: each response id maps to the id of its chain's first response,
 * the conversation key its calls carry.
 */
export class ResponseChains {
  private readonly roots = new BoundedMap<string>(MAX_CHAINED_RESPONSES);

  /**
   * Records a response and returns its conversation key: its chain's, else `knownKey` (the key its
   * request already had, when the logged response does not echo `previous_response_id`), else its own id.
   */
  record(responseId: string | undefined, previousId: string | undefined, knownKey?: string): string | undefined {
    const root = previousId !== undefined ? (this.roots.get(previousId) ?? previousId) : (knownKey ?? responseId);
    if (responseId !== undefined && root !== undefined) this.roots.set(responseId, root);
    return root;
  }

  /** The conversation key a request continuing `previousId` belongs to. */
  keyFor(previousId: string): string {
    return this.roots.get(previousId) ?? previousId;
  }

  has(responseId: string): boolean {
    return this.roots.has(responseId);
  }
}

/** A Conversations API id (`conversation: "conv_…"` or `{id}`), when the record uses one. */
export function conversationParam(payload: JsonObject): string | undefined {
  const conversation = payload.conversation;
  if (typeof conversation === "string" && conversation !== "") return conversation;
  return isRecord(conversation) ? nonEmptyStringAt(conversation, "id") : undefined;
}

export const previousResponseId = (payload: JsonObject): string | undefined => nonEmptyStringAt(payload, "previous_response_id");

export const responseId = (payload: JsonObject): string | undefined => stringAt(payload, "id");

/** The tools a request (or a response echoing them) showed the model, one object per distinct list. */
export function internedTools(body: JsonObject, state: ResponsesReaderState): AdvertisedTool[] | undefined {
  if (body.tools === undefined && body.functions === undefined) return undefined;
  return state.tools.intern([body.tools, body.functions], () => readAdvertisedTools(body));
}
