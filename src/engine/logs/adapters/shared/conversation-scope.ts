import { fnv1a, FNV_OFFSET } from "./stable-hash.js";

/** Characters of the first message a conversation is told by: a long prompt's start tells it as well. */
const SCOPE_CHARS = 512;

/**
 * A conversation told by the text of its first message (its start), hashed: for logs that name
 * no conversation, a call ledger's scope (see CallLedger's `call`).
 */
export function conversationScope(firstMessage: string): string {
  return (fnv1a(FNV_OFFSET ^ firstMessage.length, firstMessage, 0, Math.min(firstMessage.length, SCOPE_CHARS)) >>> 0).toString(36);
}
