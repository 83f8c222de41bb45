import { describe, expect, it } from "vitest";
import { ForgettingQueue } from "../../../src/engine/logs/adapters/shared/forgetting-queue.js";

interface Item {
  id: number;
  chars: number;
}

/** A queue of items and what it forgot, in order. */
function queue(maxItems = Infinity, maxChars = Infinity) {
  const forgotten: number[] = [];
  const q = new ForgettingQueue<Item>(maxItems, maxChars, (item) => item.chars, (item) => forgotten.push(item.id));
  const push = (...ids: number[]) => {
    for (const id of ids) q.push({ id, chars: id % 7 });
  };
  return { q, forgotten, push };
}

const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);
const charsOf = (ids: number[]) => ids.reduce((sum, id) => sum + (id % 7), 0);

describe("ForgettingQueue: push", () => {
  it.each([
    ["past the count, the oldest", 3, Infinity, [1, 2, 3, 4, 5], [1, 2]],
    ["past the characters, the oldest", Infinity, 10, [6, 5, 4, 3], [6, 5]],
    ["never the newest for characters alone", Infinity, 1, [6, 5], [6]],
    ["nothing within both", 5, 100, [1, 2, 3], []],
  ])("forgets %s", (_name, maxItems, maxChars, pushed, expected) => {
    const { q, forgotten, push } = queue(maxItems, maxChars);
    push(...pushed);
    expect(forgotten).toEqual(expected);
    expect(q.size).toBe(pushed.length - expected.length);
    expect(q.chars).toBe(charsOf(pushed) - charsOf(expected));
  });
});

describe("ForgettingQueue: forgetWhile", () => {
  it("forgets the oldest in order while the predicate holds for the oldest, giving back their characters", () => {
    const { q, forgotten, push } = queue();
    push(1, 2, 3, 4, 5, 6);
    q.forgetWhile((item) => item.id <= 3);
    expect(forgotten).toEqual([1, 2, 3]);
    expect(q.size).toBe(3);
    expect(q.chars).toBe(charsOf([4, 5, 6]));
  });

  it("stops at the first oldest the predicate rejects, though newer ones would meet it", () => {
    const { q, forgotten, push } = queue();
    push(1, 9, 2, 3);
    const asked: number[] = [];
    q.forgetWhile((item) => {
      asked.push(item.id);
      return item.id < 5;
    });
    expect(forgotten).toEqual([1]);
    expect(asked).toEqual([1, 9]);
    expect(q.size).toBe(3);
  });

  it.each([
    ["a predicate false at once", [1, 2, 3]],
    ["an empty queue", []],
  ])("forgets nothing for %s", (_name, pushed) => {
    const { q, forgotten, push } = queue();
    push(...pushed);
    q.forgetWhile((item) => item.id > 100);
    expect(forgotten).toEqual([]);
    expect(q.size).toBe(pushed.length);
    expect(q.chars).toBe(charsOf(pushed));
  });

  it("forgets everything with a predicate always true, and the queue is usable after", () => {
    const { q, forgotten, push } = queue();
    push(1, 2, 3);
    q.forgetWhile(() => true);
    expect(forgotten).toEqual([1, 2, 3]);
    expect([q.size, q.chars]).toEqual([0, 0]);
    push(4);
    q.forgetWhile(() => true);
    expect(forgotten).toEqual([1, 2, 3, 4]);
  });

  it("keeps the order across the compaction of more than 4,096 forgotten items, mixed with pushes", () => {
    const { q, forgotten, push } = queue(12_000);
    push(...range(0, 10_000));
    q.forgetWhile((item) => item.id < 6_000);
    expect(forgotten).toEqual(range(0, 6_000));
    expect(q.size).toBe(4_000);
    push(...range(10_000, 20_000)); // past 12,000 remembered: the oldest go in push
    expect(forgotten).toEqual(range(0, 8_000));
    q.forgetWhile((item) => item.id < 15_000);
    expect(forgotten).toEqual(range(0, 15_000));
    expect(q.size).toBe(5_000);
    expect(q.chars).toBe(charsOf(range(15_000, 20_000)));
    q.forgetWhile(() => true);
    expect(forgotten).toEqual(range(0, 20_000));
    expect([q.size, q.chars]).toEqual([0, 0]);
  });

  it("gives back what an item counts for when forgotten, after a release", () => {
    const forgotten: string[] = [];
    const item = { id: "a", text: "x".repeat(10) };
    const q = new ForgettingQueue<typeof item>(Infinity, Infinity, (it) => it.text.length, (it) => forgotten.push(it.id));
    q.push(item);
    q.push({ id: "b", text: "yyy" });
    item.text = "";
    q.release(10);
    expect(q.chars).toBe(3);
    q.forgetWhile((it) => it.id === "a");
    expect(forgotten).toEqual(["a"]);
    expect(q.chars).toBe(3);
  });
});
