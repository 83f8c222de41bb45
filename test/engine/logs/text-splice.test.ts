import { describe, expect, it } from "vitest";
import { applySplices, splicesOverlap } from "../../../src/engine/logs/adapters/shared/text-splice.js";

describe("applySplices", () => {
  const text = "0123456789abcdef";
  const a = { start: 2, end: 4, replacement: "A" };
  const b = { start: 8, end: 12, replacement: "BB" };
  const c = { start: 14, end: 15, replacement: "" };

  it("replaces each span, whatever order the spans come in", () => {
    expect(applySplices(text, [])).toBe(text);
    expect(applySplices(text, [a])).toBe("01A456789abcdef");
    expect(applySplices(text, [a, b])).toBe("01A4567BBcdef");
    expect(applySplices(text, [b, a])).toBe("01A4567BBcdef");
    for (const order of [[a, b, c], [c, a, b], [b, c, a], [c, b, a]]) expect(applySplices(text, order)).toBe("01A4567BBcdf");
  });

  it("keeps the spans it is given as they were", () => {
    const spans = [b, a];
    applySplices(text, spans);
    expect(spans).toEqual([b, a]);
  });

  it("tells overlapping spans from adjacent ones", () => {
    expect(splicesOverlap(a, b)).toBe(false);
    expect(splicesOverlap(a, { start: 3, end: 9, replacement: "" })).toBe(true);
    expect(splicesOverlap(a, { start: 4, end: 6, replacement: "" })).toBe(false);
  });
});
