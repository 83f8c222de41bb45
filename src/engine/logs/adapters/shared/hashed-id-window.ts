/**
 * The ids a reader saw most recently, kept as 64-bit hashes in typed arrays rather than as strings
 * in a Set: a window of 50,000 ids costs about 1.9 MB (three tables of 131,072 slots and the
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
  private readonly hi: Int32Array;
  private readonly lo: Int32Array;
  /** 1 + the value stored with the id (0: empty slot). */
  private readonly slot: Int32Array;
  private readonly ringHi: Int32Array;
  private readonly ringLo: Int32Array;
  private next = 0;
  private count = 0;
  /** The hash of the id last looked up: `hash` writes it here, so no object is made per lookup. */
  private h = 0;
  private l = 0;

  constructor(private readonly capacity = 50_000) {
    let size = 1;
    while (size < capacity * 2) size <<= 1;
    this.mask = size - 1;
    this.hi = new Int32Array(size);
    this.lo = new Int32Array(size);
    this.slot = new Int32Array(size);
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
    return at === -1 ? -1 : (this.slot[at] as number) - 1;
  }

  /** Adds the id with a value (≥ 0); false, changing nothing, when it is already there. */
  add(id: string, value = 0): boolean {
    this.hash(id);
    const h = this.h;
    const l = this.l;
    let at = h & this.mask;
    for (;;) {
      const s = this.slot[at] as number;
      if (s === 0) break;
      if (this.hi[at] === h && this.lo[at] === l) return false;
      at = (at + 1) & this.mask;
    }
    if (this.count === this.capacity) {
      this.remove(this.ringHi[this.next] as number, this.ringLo[this.next] as number);
      // The removal may have shifted the run this id was to join: look for its slot again.
      at = h & this.mask;
      while ((this.slot[at] as number) !== 0) at = (at + 1) & this.mask;
    } else this.count++;
    this.hi[at] = h;
    this.lo[at] = l;
    this.slot[at] = value + 1;
    this.ringHi[this.next] = h;
    this.ringLo[this.next] = l;
    this.next = this.next + 1 === this.capacity ? 0 : this.next + 1;
    return true;
  }

  private find(h: number, l: number): number {
    let at = h & this.mask;
    for (;;) {
      if ((this.slot[at] as number) === 0) return -1;
      if (this.hi[at] === h && this.lo[at] === l) return at;
      at = (at + 1) & this.mask;
    }
  }

  /** Empties the hash's slot and moves later entries of its probe run back into the gap. */
  private remove(h: number, l: number): void {
    let gap = this.find(h, l);
    if (gap === -1) return;
    const mask = this.mask;
    this.slot[gap] = 0;
    for (let at = (gap + 1) & mask; (this.slot[at] as number) !== 0; at = (at + 1) & mask) {
      const home = (this.hi[at] as number) & mask;
      // The entry may fill the gap if its home is not inside (gap, at] (cyclically).
      const fits = gap <= at ? home <= gap || home > at : home <= gap && home > at;
      if (!fits) continue;
      this.hi[gap] = this.hi[at] as number;
      this.lo[gap] = this.lo[at] as number;
      this.slot[gap] = this.slot[at] as number;
      this.slot[at] = 0;
      gap = at;
    }
  }

  /** Two independent 32-bit multiplicative hashes of the UTF-16 units, each finished with murmur3's mixer. */
  private hash(id: string): void {
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
  }
}

function mix(x: number): number {
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  return x ^ (x >>> 16);
}
