import { describe, expect, it } from "vitest";
import { detectFromHead, forgetFramedHead } from "../../../src/engine/logs/adapters/shared/detect-text.js";

const line = (n: number) => JSON.stringify({ n });

describe("detectFromHead (text)", () => {
  it("frames a head once for every format that judges it, and stops at the first record that scores 1", () => {
    const head = `data: ${line(1)}\n\ndata: ${line(2)}\n\ndata: ${line(3)}\n`;
    const seen: number[] = [];
    // One format sure of the second record, another of none: the first stops there, the second sees them all.
    expect(detectFromHead(head, (record) => (seen.push((record as { n: number }).n), (record as { n: number }).n === 2 ? 1 : 0.2), [])).toBe(1);
    expect(seen).toEqual([1, 2]);
    const framed: unknown[] = [];
    expect(detectFromHead(head, (record) => (framed.push(record), 0), [[/"n"/, 0.3]])).toBe(0.3);
    expect(framed).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
    // The same head framed again gives the same records (the very objects, from the one framing).
    const again: unknown[] = [];
    detectFromHead(head, (record) => (again.push(record), 0), []);
    expect(again.every((record, i) => record === framed[i])).toBe(true);
    forgetFramedHead();
    const fresh: unknown[] = [];
    detectFromHead(head, (record) => (fresh.push(record), 0), []);
    expect(fresh).toEqual(framed);
    expect(fresh[0]).not.toBe(framed[0]);
  });

  it("scores nothing from a detector that throws, and falls back to the text markers", () => {
    expect(detectFromHead(`${line(1)}\n`, () => { throw new Error("strange record"); }, [[/"n"/, 0.4]])).toBe(0.4);
    forgetFramedHead();
  });
});
