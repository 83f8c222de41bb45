import { describe, expect, it } from "vitest";
import { HashedIdWindow } from "../../../src/engine/logs/adapters/shared/hashed-id-window.js";

/** A reference window: a Map in insertion order, the oldest forgotten past the capacity. */
class ReferenceWindow {
  private readonly map = new Map<string, number>();
  constructor(private readonly capacity: number) {}
  get(id: string): number {
    return this.map.get(id) ?? -1;
  }
  add(id: string, value: number): boolean {
    if (this.map.has(id)) return false;
    this.map.set(id, value);
    if (this.map.size > this.capacity) this.map.delete(this.map.keys().next().value as string);
    return true;
  }
}

describe("HashedIdWindow", () => {
  it("answers as a Set that forgets its oldest ids would, through long runs of adds, repeats and evictions", () => {
    for (const capacity of [1, 2, 7, 64, 1000]) {
      const window = new HashedIdWindow(capacity);
      const reference = new ReferenceWindow(capacity);
      let seed = capacity;
      const rand = () => ((seed = (Math.imul(seed, 1103515245) + 12345) & 0x7fffffff) / 0x7fffffff);
      for (let i = 0; i < 20_000; i++) {
        // Ids drawn from a pool a few times the capacity: many repeats, inside and outside the window.
        const id = `call_${Math.floor(rand() * capacity * 3)}`;
        const value = i % 97;
        if (rand() < 0.5) expect(window.add(id, value)).toBe(reference.add(id, value));
        else expect(window.get(id)).toBe(reference.get(id));
        expect(window.has(id)).toBe(reference.get(id) !== -1);
      }
      expect(window.size).toBeLessThanOrEqual(capacity);
    }
  });

  it("tells apart ids that differ in one unit, in length, or only beyond the ASCII range", () => {
    const window = new HashedIdWindow(100);
    const ids = ["", "a", "b", "ab", "ba", "call_1", "call_10", "call_01", "é", "e\u0301", "\u{1f600}", "toolu_01A", "toolu_01a"];
    for (const id of ids) expect(window.add(id)).toBe(true);
    for (const id of ids) expect(window.add(id)).toBe(false);
  });

  it("keeps finding every id after deletions shifted the probe runs it sits in", () => {
    const window = new HashedIdWindow(5000);
    for (let i = 0; i < 5000; i++) window.add(`id${i}`, i);
    // Each new id evicts the oldest: ids 0..2499 go, the rest must all still be found with their values.
    for (let i = 5000; i < 7500; i++) window.add(`id${i}`, i);
    for (let i = 0; i < 2500; i++) expect(window.get(`id${i}`)).toBe(-1);
    for (let i = 2500; i < 7500; i++) expect(window.get(`id${i}`)).toBe(i);
  });
  it("set changes the value of an id it holds, in place, and adds one it does not", () => {
    const window = new HashedIdWindow(2);
    window.set("a", 3);
    window.add("b", 1);
    window.set("a", 7);
    expect([window.get("a"), window.get("b"), window.size]).toEqual([7, 1, 2]);
    // `a` kept its age: it is the one forgotten next.
    window.add("c", 0);
    expect([window.has("a"), window.get("b"), window.get("c")]).toEqual([false, 1, 0]);
  });
});
