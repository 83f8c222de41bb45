/**
 * The ids a reader saw most recently, kept as 64-bit hashes in typed arrays rather than as strings
 * in a Set: a window of 50,000 ids costs about 1.9 MB (a table of 131,072 slots and the
 * insertion ring) against 3-7 MB for the sets and maps of strings it replaced, and a lookup
 * touches flat arrays instead of chasing string objects. Two different ids share a hash with probability 2^-64 per pair: over a million ids
 * against a full window, about one chance in 10^8 of one repeat wrongly taken for a sighting.
 *
 * Open addressing with linear probing; the oldest id is forgotten once the window is full
 * (insertion order, kept in a ring), and deletion shifts the probe run back, so no tombstones
 * slow the table down over a long log.
 */
export class HashedIdWindow {
  private readonly mask: number;
  /**
   * Slot i is table[3i..3i+2]: the hash's two halves and 1 + the value stored with the id (0: an
   * empty slot). One array, so a probe reads one cache line rather than one in each of three.
   */
  private readonly table: Int32Array;
  private readonly ringHi: Int32Array;
  private readonly ringLo: Int32Array;
  private next = 0;
  private count = 0;
  /** The hash of the id last looked up: `hash` writes it here, so no object is made per lookup. */
  private h = 0;
  private l = 0;
  /** That id: a lookup followed by an add of the same id (the usual sighting) hashes it once. */
  private hashed: string | undefined;

  constructor(private readonly capacity = 50_000) {
    let size = 1;
    while (size < capacity * 2) size <<= 1;
    this.mask = size - 1;
    this.table = new Int32Array(size * 3);
    this.ringHi = new Int32Array(capacity);
    this.ringLo = new Int32Array(capacity);
  }

  get size(): number {
    return this.count;
  }

  has(id: string): boolean {
    this.hash(id);
    return this.find(this.h, this.l) !== -1;
  }

  /** The value stored with the id (≥ 0), or -1 when the id is not in the window. */
  get(id: string): number {
    this.hash(id);
    const at = this.find(this.h, this.l);
    return at === -1 ? -1 : (this.table[at * 3 + 2] as number) - 1;
  }

  /** Adds the id with a value (≥ 0); false, changing nothing, when it is already there. */
  add(id: string, value = 0): boolean {
    this.hash(id);
    const h = this.h;
    const l = this.l;
    const t = this.table;
    let at = h & this.mask;
    for (;;) {
      if ((t[at * 3 + 2] as number) === 0) break;
      if (t[at * 3] === h && t[at * 3 + 1] === l) return false;
      at = (at + 1) & this.mask;
    }
    if (this.count === this.capacity) {
      this.remove(this.ringHi[this.next] as number, this.ringLo[this.next] as number);
      // The removal may have shifted the run this id was to join: look for its slot again.
      at = h & this.mask;
      while ((t[at * 3 + 2] as number) !== 0) at = (at + 1) & this.mask;
    } else this.count++;
    t[at * 3] = h;
    t[at * 3 + 1] = l;
    t[at * 3 + 2] = value + 1;
    this.ringHi[this.next] = h;
    this.ringLo[this.next] = l;
    this.next = this.next + 1 === this.capacity ? 0 : this.next + 1;
    return true;
  }

  /** Stores the value with the id: in place when the id is there (its age unchanged), else as `add` does. */
  set(id: string, value: number): void {
    this.hash(id);
    const at = this.find(this.h, this.l);
    if (at === -1) this.add(id, value);
    else this.table[at * 3 + 2] = value + 1;
  }

  /** The slot holding the hash, or -1. */
  private find(h: number, l: number): number {
    const t = this.table;
    let at = h & this.mask;
    for (;;) {
      if ((t[at * 3 + 2] as number) === 0) return -1;
      if (t[at * 3] === h && t[at * 3 + 1] === l) return at;
      at = (at + 1) & this.mask;
    }
  }

  /** Empties the hash's slot and moves later entries of its probe run back into the gap. */
  private remove(h: number, l: number): void {
    let gap = this.find(h, l);
    if (gap === -1) return;
    const mask = this.mask;
    const t = this.table;
    t[gap * 3 + 2] = 0;
    for (let at = (gap + 1) & mask; (t[at * 3 + 2] as number) !== 0; at = (at + 1) & mask) {
      const home = (t[at * 3] as number) & mask;
      // The entry may fill the gap if its home is not inside (gap, at] (cyclically).
      const fits = gap <= at ? home <= gap || home > at : home <= gap && home > at;
      if (!fits) continue;
      t[gap * 3] = t[at * 3] as number;
      t[gap * 3 + 1] = t[at * 3 + 1] as number;
      t[gap * 3 + 2] = t[at * 3 + 2] as number;
      t[at * 3 + 2] = 0;
      gap = at;
    }
  }

  /** Two independent 32-bit multiplicative hashes of the UTF-16 units, each finished with murmur3's mixer. */
  private hash(id: string): void {
    if (id === this.hashed) return;
    let a = 0x811c9dc5 ^ id.length;
    let b = 0x6a09e667;
    for (let i = 0; i < id.length; i++) {
      const c = id.charCodeAt(i);
      a = Math.imul(a ^ c, 0x01000193);
      b = Math.imul(b ^ c, 0x5bd1e995);
      b ^= b >>> 15;
    }
    this.h = mix(a);
    this.l = mix(b ^ Math.imul(id.length, 0x9e3779b1));
    this.hashed = id;
  }
}

function mix(x: number): number {
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  return x ^ (x >>> 16);
}
