/**
 * Finished items held past this many, or past this heap (as the collector estimates it), all go on
 * at once: a call never answered (nor yet pushed out by the waiting budget) must not hold the calls
 * after it for ever. Their own bound, apart from the waiting calls' budget, so that holding finished
 * calls never pushes a waiting one out before its answer can come. 2 MB more than the waiting
 * budget's heap at the worst, and only while calls of one line finish out of turn. The collector
 * counts a call 0.5 KB at the least, so for it the size comes first (after about 4,000 light
 * calls); the count bounds items sized smaller, as MAX_PENDING does the waiting calls.
 */
export const MAX_HELD = 5_000;
export const MAX_HELD_BYTES = 2 * 1024 * 1024;

/** The items of one group (a log line) still to be handed on, in arrival order. */
interface Group {
  key: string;
  places: number[];
  /** Index in `places` of the next one to hand on. */
  next: number;
}

interface Slot<T> {
  group: Group;
  /** Set once finished, while held for its turn. */
  held?: { item: T; bytes: number };
}

/**
 * A reorder buffer within groups: items numbered as they arrive (`arrive`), each in a group (the
 * log line it came from), are handed on as they finish (`finished`), but an item is held while one
 * of its group that arrived before it is unfinished: a response's parallel calls answered c, a, b
 * come out a, b, c. Groups do not wait for one another (a line's calls are not held behind an
 * earlier line's call that is never answered: on a long log that held thousands of calls, and a
 * piped-in stream's output stalled behind them). Past the held bound every held item goes on at
 * once, and the unfinished ones passed over go on whenever they finish (the bound wins over order).
 */
export class ArrivalOrder<T> {
  /** The number of the last item that arrived. */
  private last = 0;
  /** Items unfinished or held, by number; one not here has gone on, or was passed over by a release. */
  private readonly slots = new Map<number, Slot<T>>();
  /** Groups with an item unfinished or held, by key. */
  private readonly groups = new Map<string, Group>();
  /** Groups holding an item (what a release walks). */
  private readonly holding = new Set<Group>();
  private heldCount = 0;
  private heldBytes = 0;

  constructor(
    private readonly handOn: (item: T) => void,
    /** The heap an item held takes: asked only of the items held, not of every one. */
    private readonly sizeOf: (item: T) => number,
  ) {}

  /** Numbers an item of `group` that just arrived: its place in the order. */
  arrive(group: string): number {
    const place = ++this.last;
    let g = this.groups.get(group);
    if (g === undefined) {
      g = { key: group, places: [], next: 0 };
      this.groups.set(group, g);
    }
    g.places.push(place);
    this.slots.set(place, { group: g });
    return place;
  }

  /** The item numbered `place` is done: on now if its turn in its group has come (or passed), else held. */
  finished(place: number, item: T): void {
    const slot = this.slots.get(place);
    if (slot === undefined) {
      this.handOn(item); // passed over by a release: its turn has gone
      return;
    }
    const g = slot.group;
    if (g.places[g.next] !== place) {
      const bytes = this.sizeOf(item);
      slot.held = { item, bytes };
      this.heldCount++;
      this.heldBytes += bytes;
      this.holding.add(g);
      if (this.heldCount > MAX_HELD || this.heldBytes > MAX_HELD_BYTES) this.release();
      return;
    }
    this.slots.delete(place);
    this.handOn(item);
    g.next++;
    // Whatever of its group finished behind it goes on too, up to the next unfinished one.
    for (let s = this.slots.get(g.places[g.next] as number); s?.held !== undefined; s = this.slots.get(g.places[g.next] as number)) {
      this.take(g.places[g.next] as number, s.held);
      g.next++;
    }
    if (g.next === g.places.length) this.drop(g);
    else if (!this.holdsAny(g)) this.holding.delete(g);
  }

  /** Hands on every held item, each group's in arrival order, passing over the unfinished ones. */
  release(): void {
    for (const g of this.holding) {
      for (let i = g.next; i < g.places.length; i++) {
        const place = g.places[i] as number;
        const slot = this.slots.get(place);
        if (slot?.held !== undefined) this.take(place, slot.held);
        else this.slots.delete(place); // unfinished: it goes on when it finishes
      }
      this.drop(g);
    }
    this.holding.clear();
  }

  private take(place: number, held: { item: T; bytes: number }): void {
    this.slots.delete(place);
    this.heldCount--;
    this.heldBytes -= held.bytes;
    this.handOn(held.item);
  }

  /** The group has nothing left to hand on in turn; a later item of its key starts a new one. */
  private drop(g: Group): void {
    if (this.groups.get(g.key) === g) this.groups.delete(g.key);
    this.holding.delete(g);
  }

  private holdsAny(g: Group): boolean {
    for (let i = g.next; i < g.places.length; i++) if (this.slots.get(g.places[i] as number)?.held !== undefined) return true;
    return false;
  }
}
