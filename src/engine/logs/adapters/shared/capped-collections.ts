/**
 * A set and a map that forget their oldest entries past a cap, so dedupe and lookups across a huge
 * log stay in constant memory. Forgetting only risks re-emitting a call last seen `cap` ids ago,
 * far further back than any later request repeats its history.
 */
export class CappedIdSet {
  private readonly ids = new Set<string>();

  constructor(private readonly cap = 200_000) {}

  has(id: string): boolean {
    return this.ids.has(id);
  }

  /** Adds `id`; returns false when it was already there. */
  add(id: string): boolean {
    if (this.ids.has(id)) return false;
    this.ids.add(id);
    if (this.ids.size > this.cap) {
      // Sets iterate in insertion order: the first entry is the oldest.
      const oldest = this.ids.values().next();
      if (oldest.done !== true) this.ids.delete(oldest.value);
    }
    return true;
  }
}

export class CappedMap<V> {
  private readonly entries = new Map<string, V>();

  constructor(private readonly cap = 10_000) {}

  get(key: string): V | undefined {
    return this.entries.get(key);
  }

  set(key: string, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    if (this.entries.size > this.cap) {
      const oldest = this.entries.keys().next();
      if (oldest.done !== true) this.entries.delete(oldest.value);
    }
  }

  /** Removes and returns the entry. */
  take(key: string): V | undefined {
    const value = this.entries.get(key);
    this.entries.delete(key);
    return value;
  }
}
