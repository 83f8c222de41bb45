/**
 * A set of ids that forgets the oldest once full. Dedupe across request histories only needs a
 * recent window (a history repeats calls from the same conversation), and a fixed cap keeps a
 * reader's memory constant however long the log is.
 *
 * The insertion order is kept in a ring of the ids rather than read back from the Set: V8 leaves
 * a deleted entry's slot in place until the next rehash, so `values().next()` on a Set whose
 * oldest entries keep being deleted walks every hole first, and eviction turned quadratic.
 */
export class BoundedIdSet {
  private readonly ids = new Set<string>();
  /** The ids in insertion order once full: `ring[next]` is the oldest. */
  private readonly ring: string[] = [];
  private next = 0;

  constructor(private readonly capacity = 50_000) {}

  has(id: string): boolean {
    return this.ids.has(id);
  }

  /** Adds the id; returns false when it was already there. */
  add(id: string): boolean {
    if (this.ids.has(id)) return false;
    this.ids.add(id);
    if (this.ring.length < this.capacity) {
      this.ring.push(id);
      return true;
    }
    // Full: the id replaces the oldest, which is forgotten.
    const oldest = this.ring[this.next] as string;
    this.ids.delete(oldest);
    this.ring[this.next] = id;
    this.next = this.next + 1 === this.capacity ? 0 : this.next + 1;
    return true;
  }

  get size(): number {
    return this.ids.size;
  }
}

interface Slot<V> {
  value: V;
  /** The stamp of the key's latest entry in the order queue; older entries for it are stale. */
  stamp: number;
}

/**
 * A map with the same forget-the-oldest cap, for small per-id facts (a response chain's root).
 * Setting a key again makes it the newest. The order is a queue of (key, stamp) pairs beside the
 * map (see BoundedIdSet for why not the map's own order); a re-set or taken key leaves a stale
 * pair behind, skipped on eviction and dropped when the queue is compacted.
 */
export class BoundedMap<V> {
  private readonly entries = new Map<string, Slot<V>>();
  private queueKeys: string[] = [];
  private queueStamps: number[] = [];
  private head = 0;
  private stamp = 0;

  constructor(private readonly capacity = 50_000) {}

  get(key: string): V | undefined {
    return this.entries.get(key)?.value;
  }

  get size(): number {
    return this.entries.size;
  }

  has(key: string): boolean {
    return this.entries.has(key);
  }

  set(key: string, value: V): void {
    const stamp = ++this.stamp;
    const slot = this.entries.get(key);
    if (slot) {
      slot.value = value;
      slot.stamp = stamp;
    } else this.entries.set(key, { value, stamp });
    this.queueKeys.push(key);
    this.queueStamps.push(stamp);
    while (this.entries.size > this.capacity) this.evictOldest();
    // Stale and already-evicted pairs are at least half the queue: rebuild it (amortised O(1) per set).
    if (this.queueKeys.length > 2 * this.entries.size + 1024) this.compact();
  }

  /** Removes and returns the entry. */
  take(key: string): V | undefined {
    const slot = this.entries.get(key);
    if (!slot) return undefined;
    this.entries.delete(key);
    return slot.value;
  }

  private evictOldest(): void {
    while (this.head < this.queueKeys.length) {
      const key = this.queueKeys[this.head] as string;
      const stamp = this.queueStamps[this.head] as number;
      this.head++;
      if (this.entries.get(key)?.stamp === stamp) {
        this.entries.delete(key);
        return;
      }
    }
  }

  /** Keeps only the live pairs, in order: the queue stays within a small multiple of the map. */
  private compact(): void {
    const keys: string[] = [];
    const stamps: number[] = [];
    for (let i = this.head; i < this.queueKeys.length; i++) {
      const key = this.queueKeys[i] as string;
      const stamp = this.queueStamps[i] as number;
      if (this.entries.get(key)?.stamp === stamp) {
        keys.push(key);
        stamps.push(stamp);
      }
    }
    this.queueKeys = keys;
    this.queueStamps = stamps;
    this.head = 0;
  }
}
