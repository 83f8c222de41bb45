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

/** An item's place in the order, as `arrive` gives it out: handed back to `finished`. */
export interface Place<T> {
  readonly group: Group<T>;
  /** Set once finished, while held for its turn. */
  held?: { item: T; bytes: number };
  /** Passed over by a release while unfinished: it goes on whenever it finishes. */
  passed?: true;
}

/** The items of one group (a log line) in arrival order, from `next`, the next one to hand on. */
interface Group<T> {
  readonly line: number;
  readonly file: string;
  readonly places: Place<T>[];
  next: number;
  /** False once dropped: a later item of its line starts a new group. */
  live: boolean;
}

/**
 * A reorder buffer within groups: items, each in a group (the log line it came from), are handed
 * on as they finish (`finished`), but an item is held while one of its group that arrived before it
 * is unfinished: a response's parallel calls answered c, a, b come out a, b, c. Groups do not wait
 * for one another (a line's calls are not held behind an earlier line's call that is never
 * answered: on a long log that held thousands of calls, and a piped-in stream's output stalled
 * behind them). Past the held bound every held item goes on at once, and the unfinished ones passed
 * over go on whenever they finish (the bound wins over order).
 *
 * Each item's place is an object the caller keeps (no lookup by number), and groups are found by
 * file and line number, the last one first (a line's calls arrive together): numbering items in
 * maps and keying groups by a string built per item took 6% of a long scan's thread.
 */
export class ArrivalOrder<T> {
  /** Groups with an item unfinished or held, by file and line. */
  private readonly groups = new Map<string, Map<number, Group<T>>>();
  /** The group the last item arrived in. */
  private last: Group<T> | undefined;
  /** Groups holding an item (what a release walks). */
  private readonly holding = new Set<Group<T>>();
  private heldCount = 0;
  private heldBytes = 0;

  constructor(
    private readonly handOn: (item: T) => void,
    /** The heap an item held takes: asked only of the items held, not of every one. */
    private readonly sizeOf: (item: T) => number,
  ) {}

  /** An item of the line `line` of `file` just arrived: its place in the order. */
  arrive(line: number, file: string): Place<T> {
    let g = this.last;
    if (g === undefined || !g.live || g.line !== line || g.file !== file) {
      let lines = this.groups.get(file);
      if (lines === undefined) {
        lines = new Map();
        this.groups.set(file, lines);
      }
      g = lines.get(line);
      if (g === undefined) {
        g = { line, file, places: [], next: 0, live: true };
        lines.set(line, g);
      }
      this.last = g;
    }
    const place: Place<T> = { group: g };
    g.places.push(place);
    return place;
  }

  /** The item at `place` is done: on now if its turn in its group has come (or passed), else held. */
  finished(place: Place<T>, item: T): void {
    if (place.passed) {
      this.handOn(item); // passed over by a release: its turn has gone
      return;
    }
    const g = place.group;
    if (g.places[g.next] !== place) {
      const bytes = this.sizeOf(item);
      place.held = { item, bytes };
      this.heldCount++;
      this.heldBytes += bytes;
      this.holding.add(g);
      if (this.heldCount > MAX_HELD || this.heldBytes > MAX_HELD_BYTES) this.release();
      return;
    }
    this.handOn(item);
    g.next++;
    // Whatever of its group finished behind it goes on too, up to the next unfinished one.
    for (let p = g.places[g.next]; p?.held !== undefined; p = g.places[g.next]) {
      this.take(p.held);
      g.next++;
    }
    if (g.next === g.places.length) this.drop(g);
    else if (!this.holdsAny(g)) this.holding.delete(g);
  }

  /** Hands on every held item, each group's in arrival order, passing over the unfinished ones. */
  release(): void {
    for (const g of this.holding) {
      for (let i = g.next; i < g.places.length; i++) {
        const p = g.places[i] as Place<T>;
        if (p.held !== undefined) this.take(p.held);
        else p.passed = true; // unfinished: it goes on when it finishes
      }
      this.drop(g);
    }
    this.holding.clear();
  }

  private take(held: { item: T; bytes: number }): void {
    this.heldCount--;
    this.heldBytes -= held.bytes;
    this.handOn(held.item);
  }

  /** The group has nothing left to hand on in turn; a later item of its line starts a new one. */
  private drop(g: Group<T>): void {
    g.live = false;
    const lines = this.groups.get(g.file);
    if (lines?.get(g.line) === g) {
      lines.delete(g.line);
      if (lines.size === 0 && this.groups.size > 1) this.groups.delete(g.file);
    }
    if (this.last === g) this.last = undefined;
    this.holding.delete(g);
  }

  private holdsAny(g: Group<T>): boolean {
    for (let i = g.next; i < g.places.length; i++) if ((g.places[i] as Place<T>).held !== undefined) return true;
    return false;
  }
}
