/** Layers a lookup walks before they are merged into one: each layer is one request's new calls. */
const MAX_DEPTH = 8;

/**
 * Call id → tool name of every call a history holds, as reading it went. A history resumed from a
 * remembered one (see HistorySplicer) adds a layer over that one's calls instead of copying them:
 * a conversation's every request used to copy all its earlier calls into a new Map (22 MB of
 * garbage over the 160 MB bench log). The layer below is never written again, so one remembered
 * history can be resumed by several lines (a retried request). Past MAX_DEPTH layers, the next
 * one starts from a merged copy, so a lookup stays cheap however long the conversation.
 */
export class KnownCalls {
  private readonly own = new Map<string, string>();
  private readonly below: KnownCalls | undefined;
  private readonly depth: number;

  /** A history's calls, resuming `below`'s (which stays as it is). */
  constructor(below?: KnownCalls) {
    if (below && below.depth >= MAX_DEPTH) {
      below.mergeInto(this.own);
      this.below = undefined;
      this.depth = 0;
    } else {
      this.below = below;
      this.depth = below ? below.depth + 1 : 0;
    }
  }

  get(callId: string): string | undefined {
    return this.own.get(callId) ?? this.below?.get(callId);
  }

  has(callId: string): boolean {
    return this.get(callId) !== undefined;
  }

  set(callId: string, tool: string): void {
    this.own.set(callId, tool);
  }

  /** Every call, a nearer layer's tool winning over a deeper one's. */
  private mergeInto(into: Map<string, string>): void {
    this.below?.mergeInto(into);
    for (const [callId, tool] of this.own) into.set(callId, tool);
  }
}
