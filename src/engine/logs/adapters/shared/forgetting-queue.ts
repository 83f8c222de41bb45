/**
 * Items remembered oldest first, within a count and a budget of characters: past either the oldest
 * is forgotten (handed to `forget`). The characters an item counts for are asked again when it is
 * forgotten, so an item may give some back meanwhile (`release`). The oldest can also be forgotten
 * early, while they meet a condition (`forgetWhile`).
 */
export class ForgettingQueue<T> {
  private order: T[] = [];
  private head = 0;
  private charCount = 0;

  constructor(
    private readonly maxItems: number,
    private readonly maxChars: number,
    private readonly charsOf: (item: T) => number,
    private readonly forget: (item: T) => void,
  ) {}

  get size(): number {
    return this.order.length - this.head;
  }

  get chars(): number {
    return this.charCount;
  }

  push(item: T): void {
    this.order.push(item);
    this.charCount += this.charsOf(item);
    while (this.size > this.maxItems || (this.charCount > this.maxChars && this.size > 1)) this.forgetOldest();
    this.compact();
  }

  /** Forgets the oldest, one by one, while the oldest remembered meets `predicate`. */
  forgetWhile(predicate: (item: T) => boolean): void {
    while (this.size > 0 && predicate(this.order[this.head] as T)) this.forgetOldest();
    this.compact();
  }

  /** An item remembered gave back this many characters (it dropped a text it no longer needs). */
  release(chars: number): void {
    this.charCount -= chars;
  }

  private forgetOldest(): void {
    const oldest = this.order[this.head++] as T;
    this.charCount -= this.charsOf(oldest);
    this.forget(oldest);
  }

  /** The forgotten front is dropped now and then, not on every forget: shifting is linear. */
  private compact(): void {
    if (this.head > 4096 && this.head * 2 > this.order.length) {
      this.order = this.order.slice(this.head);
      this.head = 0;
    }
  }
}
