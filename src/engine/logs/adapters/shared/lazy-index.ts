/**
 * Items oldest first, indexed by a key only once something is looked up by key: most are never
 * looked up, and their keys (arguments in canonical form) cost more than keeping them. Each item's
 * key is made once, when the first look-up after it comes.
 */
export class LazyIndex<T> {
  readonly list: T[] = [];
  /** The keys of `list[0..keys.length)`, the items indexed so far. */
  private readonly keys: string[] = [];
  private readonly byKey = new Map<string, T[]>();

  constructor(private readonly keyOf: (item: T) => string) {}

  push(item: T): void {
    this.list.push(item);
  }

  /** The items with this key, oldest first. */
  get(key: string): readonly T[] {
    for (let i = this.keys.length; i < this.list.length; i++) {
      const item = this.list[i] as T;
      const itemKey = this.keyOf(item);
      this.keys.push(itemKey);
      const same = this.byKey.get(itemKey);
      if (same) same.push(item);
      else this.byKey.set(itemKey, [item]);
    }
    return this.byKey.get(key) ?? [];
  }

  /** Drops `item` when it is the oldest (items are forgotten oldest first); false when it is not. */
  dropOldest(item: T): boolean {
    if (this.list[0] !== item) return false;
    this.list.shift();
    const key = this.keys.shift();
    if (key === undefined) return true;
    const same = this.byKey.get(key);
    if (same?.[0] === item) same.shift();
    if (same?.length === 0) this.byKey.delete(key);
    return true;
  }
}
