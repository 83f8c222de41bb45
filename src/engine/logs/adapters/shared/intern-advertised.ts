import type { AdvertisedTool } from "../../log-events.js";
import { advertisedTools } from "./tool-definitions.js";

/** Distinct tool lists remembered; production logs repeat a handful of them on every request. */
const MAX_LISTS = 64;
/** The lists last used, compared structurally before any JSON.stringify: agents alternate a few (a model's, a tool's, a sub-agent's). */
const MAX_RECENT = 4;

/**
 * Returns the same AdvertisedTool[] object for the same tools text, so that every cache keyed by
 * identity downstream (advertised specs, compiled validators) hits instead of re-deriving per
 * record. Logs mostly repeat one of the last few records' tools, so the raw value is first compared
 * with those structurally (no allocation, stops at the first difference); only another list pays
 * one JSON.stringify to look it up among the others.
 */
export class AdvertisedInterner {
  private readonly lists = new Map<string, AdvertisedTool[] | undefined>();
  /** The most recently used first. */
  private readonly recent: { raw: unknown; list: AdvertisedTool[] | undefined }[] = [];

  /** The tools of a definitions list in any shape advertisedTools reads, interned; undefined when there is no list. */
  definitions(raw: unknown): AdvertisedTool[] | undefined {
    return raw === undefined ? undefined : this.intern(raw, () => advertisedTools(raw));
  }

  intern(raw: unknown, read: () => AdvertisedTool[] | undefined): AdvertisedTool[] | undefined {
    const recent = this.recent;
    for (let i = 0; i < recent.length; i++) {
      const hit = recent[i] as { raw: unknown; list: AdvertisedTool[] | undefined };
      if (!sameJson(raw, hit.raw, 0)) continue;
      if (i > 0) {
        recent.splice(i, 1);
        recent.unshift(hit);
      }
      return hit.list;
    }
    let key: string;
    try {
      key = JSON.stringify(raw) ?? "";
    } catch {
      return read();
    }
    let list: AdvertisedTool[] | undefined;
    if (this.lists.has(key)) {
      list = this.lists.get(key);
      this.lists.delete(key); // keep recently used lists at the end
      this.lists.set(key, list);
    } else {
      list = read();
      this.lists.set(key, list);
      if (this.lists.size > MAX_LISTS) {
        const oldest = this.lists.keys().next().value;
        if (oldest !== undefined) this.lists.delete(oldest);
      }
    }
    recent.unshift({ raw, list });
    if (recent.length > MAX_RECENT) recent.pop();
    return list;
  }
}

/** Deeper than this, values are not compared (the caller falls back to JSON.stringify). */
const MAX_DEPTH = 64;

/**
 * True only when `a` and `b` stringify to the same JSON text: same key order, same values. A
 * false answer is always safe (the caller then stringifies), so anything unusual (a non-plain
 * object, too deep a value) reads as different.
 */
function sameJson(a: unknown, b: unknown, depth: number): boolean {
  if (a === b) return true; // the same value stringifies the same
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null || depth > MAX_DEPTH) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameJson(a[i], b[i], depth + 1)) return false;
    return true;
  }
  if (Array.isArray(b) || Object.getPrototypeOf(a) !== Object.prototype || Object.getPrototypeOf(b) !== Object.prototype) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  for (let i = 0; i < ka.length; i++) {
    const key = ka[i] as string;
    if (key !== kb[i] || !sameJson(ra[key], rb[key], depth + 1)) return false;
  }
  return true;
}
