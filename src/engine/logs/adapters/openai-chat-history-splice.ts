import { holdsAt, type TextSplice } from "./shared/text-splice.js";
import { isRecord } from "./shared/json-read.js";
import type { KnownCalls } from "./openai-chat-known-calls.js";

/** A call of a history still waiting for its answer where the history (so far) ends. */
export interface PendingCall {
  /** The id the log gives it. */
  callId: string;
  /** The id it was emitted under, when not that one (the log gave the id to an earlier call too: see EventDedupe). */
  emitted?: string;
  tool: string;
  legacy: boolean;
}

/** What reading a history leaves behind, all that the messages after it need (see readChatHistory). */
export interface HistoryState {
  /** Call id → tool name of every call the history holds. */
  known: KnownCalls;
  pending: readonly PendingCall[];
  /** Whether answers (tool or function messages) followed the last turn that made calls. */
  answering: boolean;
}

/** A history already read, standing in for its messages at the start of a later one. */
export interface HistoryResume {
  /** How many messages it stands for. */
  count: number;
  state: HistoryState;
}

const KEY = '"messages":[';
/**
 * The role of the placeholder message. It holds a NUL character, which JSON text can only spell
 * `\u0000`; lines holding that escape are never spliced, so no logged message has this role.
 */
const PLACEHOLDER_ROLE = "\u0000tooldbg:history";
const PLACEHOLDER_TEXT = '{"role":"\\u0000tooldbg:history"}';
/** Histories remembered: a few conversations interleave in most logs. */
const MAX_ENTRIES = 16;
/** A longer history is not remembered, and all remembered ones together stay under MAX_TOTAL_CHARS: memory stays bounded. */
const MAX_ENTRY_CHARS = 512 * 1024;
const MAX_TOTAL_CHARS = 2 * 1024 * 1024;
/** A remembered history may keep this much more of its line alive (a slice of it), no more. */
const MAX_KEPT_LINE_SLACK = 64 * 1024;
/** Records between two attempts to learn a history, at most, after histories keep not matching their line. */
const MAX_BACKOFF = 1024;

interface Entry {
  /** `"messages":[` and the history's messages exactly as the log wrote them, without the closing bracket. */
  text: string;
  resume: HistoryResume;
}

/**
 * Leaves repeated history out of the parse of chat records. Every request of a conversation
 * repeats the messages of the one before and adds a few; the messages already read are found as
 * text at the start of the line's `messages` array and parsed as one placeholder message, which
 * `resumeOf` turns back into what reading them left behind (the calls they made and those still
 * unanswered). Reading the rest of the history from there gives what reading it whole would: every
 * call and result of the skipped messages was already emitted (and would be dropped as a repeat),
 * and the state a history's remainder depends on is a function of the skipped messages alone.
 *
 * Why the splice is exact: the text starts with an unescaped quote and `messages":[`, so in valid
 * JSON it is the key `messages` opening an array, followed by complete values separated by commas;
 * replacing those values with one complete value leaves the rest of the line parsing identically.
 * A history read whole is remembered only when its messages, as JSON.stringify writes them, are
 * what the line holds (nothing else marks which array they came from); one read after a splice is
 * remembered as the line's own text up to the array's closing bracket (the placeholder marks it).
 */
export class HistorySplicer {
  private readonly entries: Entry[] = [];
  /** Characters of all entries' texts. */
  private chars = 0;
  private skip = 0;
  private backoff = 1;
  /** The line last located in, where its `messages` array starts, and the entry it was spliced with. */
  private line = "";
  private at = -1;
  private used: Entry | undefined;

  /**
   * The splice for a line, and readies `remember` for it. `spliceable` is false for a line that
   * holds a `\u0000` escape (see PLACEHOLDER_ROLE) or is not one object: nothing is spliced then.
   */
  locate(text: string, spliceable: boolean): TextSplice | undefined {
    this.line = text;
    this.used = undefined;
    const at = spliceable ? text.indexOf(KEY) : -1;
    this.at = at > 0 && text.charCodeAt(at - 1) !== 0x5c /* \ */ ? at : -1;
    if (this.at === -1) return undefined;
    for (let i = 0; i < this.entries.length; i++) {
      const entry = this.entries[i] as Entry;
      if (!holdsAt(text, entry.text, at)) continue;
      const next = text.charCodeAt(at + entry.text.length);
      if (next !== 0x2c /* , */ && next !== 0x5d /* ] */) continue;
      this.used = entry;
      return { start: at + KEY.length, end: at + entry.text.length, replacement: PLACEHOLDER_TEXT };
    }
    return undefined;
  }

  /** The line was not parsed with the splice after all (parsed whole): nothing stands in for its history. */
  unused(): void {
    this.used = undefined;
  }

  /** A new line: until it is located in, nothing is spliced and nothing is remembered. */
  forget(): void {
    this.used = undefined;
    this.at = -1;
    this.line = "";
  }

  /** Whether the last line was parsed with a splice. */
  get spliced(): boolean {
    return this.used !== undefined;
  }

  /** What the placeholder at the start of these messages stands for, if it is there. */
  resumeOf(messages: readonly unknown[]): HistoryResume | undefined {
    const first = messages[0];
    if (this.used === undefined || !isRecord(first) || first.role !== PLACEHOLDER_ROLE) return undefined;
    return this.used.resume;
  }

  /** How many messages the history holds, the ones the placeholder stands for counted. */
  lengthOf(messages: readonly unknown[]): number {
    const resume = this.resumeOf(messages);
    return resume ? resume.count + messages.length - 1 : messages.length;
  }

  /**
   * Remember the history of the line last located in (its first `messages` array), as read:
   * `messages` as parsed (the placeholder first, when spliced) and the state reading it left.
   */
  remember(messages: readonly unknown[], state: HistoryState): void {
    if (this.at === -1) return;
    const resume = this.resumeOf(messages);
    if (resume && this.used) {
      // The placeholder marks this very array: its text runs on from the spliced part to its closing bracket.
      const close = closingBracket(this.line, this.at + this.used.text.length);
      if (close !== -1) this.keep(this.line.slice(this.at, close), resume.count + messages.length - 1, state);
      return;
    }
    if (this.skip > 0) {
      this.skip--;
      return;
    }
    // The placeholder has a string role: the first message it stands for must have one too, so
    // that a request reads the same way (its shape is judged partly by that role).
    if (!(isRecord(messages[0]) && typeof messages[0].role === "string")) return;
    // Nothing marks which array of the line these messages were read from: they are written out
    // and must be what the line holds at its first `messages` key.
    let text = KEY;
    try {
      for (let i = 0; i < messages.length; i++) text += (i > 0 ? "," : "") + JSON.stringify(messages[i]);
    } catch {
      return;
    }
    const line = this.line;
    if (!holdsAt(line, text, this.at) || line.charCodeAt(this.at + text.length) !== 0x5d /* ] */) {
      // Written some other way (spaces, escapes), or not this array: try again later, less and less often.
      this.skip = this.backoff;
      this.backoff = Math.min(this.backoff * 2, MAX_BACKOFF);
      return;
    }
    this.backoff = 1;
    this.keep(text, messages.length, state);
  }

  private keep(text: string, count: number, state: HistoryState): void {
    if (count === 0 || text.length > MAX_ENTRY_CHARS) return;
    // A slice of a much longer line is copied, not to keep the whole line alive.
    const own = this.line.length > text.length + MAX_KEPT_LINE_SLACK ? (" " + text).slice(1) : text;
    const entries = this.entries;
    // The history this one continues has moved on (a retried request still finds the newer one),
    // and one with the same text is replaced.
    for (let i = entries.length - 1; i >= 0; i--) {
      const entry = entries[i] as Entry;
      if (entry === this.used || entry.text === own) {
        this.chars -= entry.text.length;
        entries.splice(i, 1);
      }
    }
    entries.unshift({ text: own, resume: { count, state } });
    this.chars += own.length;
    while (entries.length > MAX_ENTRIES || (this.chars > MAX_TOTAL_CHARS && entries.length > 1)) this.chars -= (entries.pop() as Entry).text.length;
  }
}

/**
 * The index of the `]` closing the array `from` is inside (at its top level), or -1. The text is
 * valid JSON (it was just parsed), so a string ends at the next quote not escaped by an odd run of
 * backslashes: strings, most of a history, are skipped with indexOf rather than walked.
 */
function closingBracket(text: string, from: number): number {
  let depth = 0;
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      let q = text.indexOf('"', i + 1);
      while (q !== -1 && escaped(text, q)) q = text.indexOf('"', q + 1);
      if (q === -1) return -1;
      i = q;
    } else if (c === 0x5b || c === 0x7b) depth++;
    else if (c === 0x5d || c === 0x7d) {
      if (depth === 0) return c === 0x5d ? i : -1;
      depth--;
    }
  }
  return -1;
}

/** Whether the quote at `at` is escaped: an odd number of backslashes right before it. */
function escaped(text: string, at: number): boolean {
  let n = 0;
  for (let k = at - 1; text.charCodeAt(k) === 0x5c; k--) n++;
  return n % 2 === 1;
}
