import type { AdvertisedTool } from "../../log-events.js";

/** Distinct tool lists remembered; production logs repeat a handful of them on every request. */
const MAX_LISTS = 64;

/**
 * Returns the same AdvertisedTool[] object for the same tools text, so that every cache keyed by
 * identity downstream (advertised specs, compiled validators) hits instead of re-deriving per
 * record. One JSON.stringify of the raw tools per record replaces one per diagnosed call.
 */
export class AdvertisedInterner {
  private readonly lists = new Map<string, AdvertisedTool[] | undefined>();

  intern(raw: unknown, read: () => AdvertisedTool[] | undefined): AdvertisedTool[] | undefined {
    let key: string;
    try {
      key = JSON.stringify(raw) ?? "";
    } catch {
      return read();
    }
    if (this.lists.has(key)) {
      const hit = this.lists.get(key);
      this.lists.delete(key); // keep recently used lists at the end
      this.lists.set(key, hit);
      return hit;
    }
    const list = read();
    this.lists.set(key, list);
    if (this.lists.size > MAX_LISTS) {
      const oldest = this.lists.keys().next().value;
      if (oldest !== undefined) this.lists.delete(oldest);
    }
    return list;
  }
}
