import { holdsAt, type TextSplice } from "./text-splice.js";

/** A remembered list found in a line: `list` is its place among the remembered ones. */
export interface ToolsSplice extends TextSplice {
  list: number;
}

/** Tool lists remembered as text; a log mostly repeats one (or a few agents' few). */
const MAX_LISTS = 4;
/** Below this a list is not worth the search: parsing it costs about as much. */
const MIN_LIST_CHARS = 256;
/** How deep below the record a `tools` key is looked for (`{meta, data:{request:{body:{tools}}}}` is 4). */
const MAX_DEPTH = 4;
/** Keys looked at per object on the way down; envelopes are small. */
const MAX_KEYS = 32;
/** Records between two attempts to learn a list, at most, after lists keep not being found in their line. */
const MAX_BACKOFF = 1024;

const KEY = '"tools":';
/**
 * Stands in for a remembered list while the rest of the line is parsed. It holds a NUL character,
 * which JSON text can only spell `\u0000`, so on a line without that escape nothing else parses
 * to this string.
 */
const PLACEHOLDER_TEXT = '"\\u0000tooldbg:repeated-tools"';
const PLACEHOLDER = "\u0000tooldbg:repeated-tools";

interface KnownList {
  /** `"tools":` followed by the list exactly as the log wrote it. */
  needle: string;
  /** The list parsed once, handed to every record that repeats it (records are never modified). */
  value: unknown;
}

/**
 * Leaves out of the parse a `tools` list that requests repeat (every request of an agent does, and
 * it is often the larger part of the record): a list seen before is found as text, parsed as a
 * placeholder (ChatLineParser applies the splice) and put back as the value parsed the first
 * time. The result is the value JSON.parse would give, with the list shared between records,
 * which also lets identity caches downstream (interned advertised tools) hit at once.
 *
 * Why the splice is exact: the needle starts with an unescaped quote and holds `tools"` right
 * before its colon, so in valid JSON it can only be the key `tools` followed by a complete value;
 * swapping that value for another complete value parses the rest identically. The placeholder is
 * then looked for at a `tools` key; when it is not found where expected, or anything is unusual,
 * the line is parsed whole.
 */
export class RepeatedToolsSplicer {
  private lists: KnownList[] = [];
  private skip = 0;
  private backoff = 1;

  /**
   * Where a remembered list sits in the line (outside `skip`, a span spliced already), as the
   * splice that leaves it out of the parse (the caller has made sure the line holds no `\u0000` escape, see PLACEHOLDER_TEXT).
   */
  locate(text: string, skip?: { start: number; end: number }): ToolsSplice | undefined {
    if (this.lists.length === 0) return undefined;
    // Usually after a spliced history, as requests are written (model, messages, tools).
    return skip ? (this.find(text, skip.end, text.length) ?? this.find(text, 0, skip.start)) : this.find(text, 0, text.length);
  }

  /** Each `"tools":` key in [from, to), compared with every remembered list as one slice (a search for a whole list walked the line once per list). */
  private find(text: string, from: number, to: number): ToolsSplice | undefined {
    for (let at = text.indexOf(KEY, from); at > 0 && at < to; at = text.indexOf(KEY, at + KEY.length)) {
      if (text.charCodeAt(at - 1) === 0x5c /* \ */) continue;
      for (let i = 0; i < this.lists.length; i++) {
        const list = this.lists[i] as KnownList;
        if (holdsAt(text, list.needle, at)) {
          return { start: at + KEY.length, end: at + list.needle.length, replacement: PLACEHOLDER_TEXT, list: i };
        }
      }
    }
    return undefined;
  }

  /** Puts the list back into the record parsed with `splice`; false when it was not where expected (parse the line whole). */
  restore(record: unknown, splice: ToolsSplice): boolean {
    const list = this.lists[splice.list];
    if (!list || !replacePlaceholder(record, list.value, 0)) return false;
    if (splice.list > 0) {
      // Most recently used first.
      this.lists.splice(splice.list, 1);
      this.lists.unshift(list);
    }
    return true;
  }

  /** Remember the record's tools list when the line holds it as JSON.stringify writes it (compact logs). */
  learn(text: string, record: unknown): void {
    if (this.skip > 0) {
      this.skip--;
      return;
    }
    const list = findToolsList(record, 0);
    if (list === undefined) return;
    let needle: string;
    try {
      needle = KEY + JSON.stringify(list);
    } catch {
      return;
    }
    if (needle.length < MIN_LIST_CHARS + KEY.length) return;
    if (!text.includes(needle)) {
      // Written some other way (spaces, escapes): try again later, less and less often.
      this.skip = this.backoff;
      this.backoff = Math.min(this.backoff * 2, MAX_BACKOFF);
      return;
    }
    this.backoff = 1;
    // A list already known (its line could not be spliced): the newer value serves as well.
    this.lists = this.lists.filter((known) => known.needle !== needle);
    this.lists.unshift({ needle, value: list });
    if (this.lists.length > MAX_LISTS) this.lists.pop();
  }
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/** The first array under a `tools` key, depth first in key order. */
function findToolsList(value: unknown, depth: number): unknown[] | undefined {
  if (!isObject(value)) return undefined;
  const own = value.tools;
  if (Array.isArray(own)) return own;
  if (depth >= MAX_DEPTH) return undefined;
  let keys = 0;
  for (const key in value) {
    if (++keys > MAX_KEYS) break;
    const found = findToolsList(value[key], depth + 1);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** Puts the list back where the placeholder landed; false when it is not under a `tools` key within reach. */
function replacePlaceholder(value: unknown, list: unknown, depth: number): boolean {
  if (!isObject(value)) return false;
  if (value.tools === PLACEHOLDER) {
    value.tools = list;
    return true;
  }
  if (depth >= MAX_DEPTH) return false;
  let keys = 0;
  for (const key in value) {
    if (++keys > MAX_KEYS) break;
    if (replacePlaceholder(value[key], list, depth + 1)) return true;
  }
  return false;
}
