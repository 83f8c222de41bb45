/**
 * Finished calls held past this many, or past this heap (as the collector estimates it), all go on
 * at once: a call never answered (nor yet pushed out by the waiting budget) must not hold every
 * call after it. Their own bound, apart from the waiting calls' budget, so that holding finished
 * calls never pushes a waiting one out before its answer can come. 2 MB more than the waiting
 * budget's heap at the worst, and only while calls finish out of turn. The collector counts a call
 * 0.5 KB at the least, so for it the size comes first (after about 4,000 light calls); the count
 * bounds items sized smaller, as MAX_PENDING does the waiting calls.
 */
export const MAX_HELD = 5_000;
export const MAX_HELD_BYTES = 2 * 1024 * 1024;

/**
 * A reorder buffer: items numbered in the order they arrived (`arrive`) are handed on in that order
 * as they finish (`finished`), each held while one that arrived before it is still unfinished.
 * Past the held bound, every held item goes on at once, in arrival order, and the unfinished ones
 * skipped are handed on whenever they finish (out of turn: the bound wins over order).
 */
export class ArrivalOrder<T> {
  /** The number of the last item that arrived. */
  private last = 0;
  /**
   * The next item to hand on: every one before it has gone on, or was skipped over by a release.
   * Every number from here to `last` is an item unfinished or held, so walking it in a release
   * passes each number once.
   */
  private next = 1;
  /** Finished items waiting for their turn, by number (a Map: its order is finishing order, not arrival). */
  private readonly held = new Map<number, { item: T; bytes: number }>();
  private heldBytes = 0;

  constructor(
    private readonly handOn: (item: T) => void,
    /** The heap an item held takes: asked only of the items held, not of every one. */
    private readonly sizeOf: (item: T) => number,
  ) {}

  /** Numbers an item that just arrived: its place in the order. */
  arrive(): number {
    return ++this.last;
  }

  /** The item numbered `place` is done: on now if its turn has come (or passed), else held. */
  finished(place: number, item: T): void {
    if (place < this.next) {
      this.handOn(item); // skipped over by a release: its turn has passed
      return;
    }
    if (place > this.next) {
      const bytes = this.sizeOf(item);
      this.held.set(place, { item, bytes });
      this.heldBytes += bytes;
      if (this.held.size > MAX_HELD || this.heldBytes > MAX_HELD_BYTES) this.release();
      return;
    }
    this.handOn(item);
    this.next++;
    // Whatever finished behind it while it was unfinished goes on too, up to the next unfinished one.
    while (this.held.size > 0) {
      const held = this.held.get(this.next);
      if (!held) break;
      this.take(this.next++, held);
    }
  }

  /** Hands on every held item in arrival order, passing over the unfinished ones. */
  release(): void {
    for (let place = this.next; place <= this.last && this.held.size > 0; place++) {
      const held = this.held.get(place);
      if (held) this.take(place, held);
    }
    this.next = this.last + 1;
  }

  private take(place: number, held: { item: T; bytes: number }): void {
    this.held.delete(place);
    this.heldBytes -= held.bytes;
    this.handOn(held.item);
  }
}
