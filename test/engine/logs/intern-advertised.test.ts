import { describe, expect, it } from "vitest";
import { AdvertisedInterner } from "../../../src/engine/logs/adapters/shared/intern-advertised.js";
import type { AdvertisedTool } from "../../../src/engine/logs/log-events.js";

const tool = (name: string, extra: Record<string, unknown> = {}) => ({ type: "function", function: { name, parameters: { type: "object", properties: { id: { type: "string" } }, ...extra } } });
const read = (raw: unknown) => () => [{ name: JSON.stringify(raw), parameters: {} }] as AdvertisedTool[];

describe("AdvertisedInterner", () => {
  it("returns the same list for equal tools text, whether repeated right away or later", () => {
    const interner = new AdvertisedInterner();
    const a = [[tool("a")], undefined];
    const first = interner.intern(a, read(a));
    // A freshly parsed, structurally equal value (as the next record of a log brings).
    expect(interner.intern(JSON.parse(JSON.stringify([[tool("a")]])).concat([undefined]), read("x"))).toBe(first);
    const b = [[tool("b")], undefined];
    const second = interner.intern(b, read(b));
    expect(second).not.toBe(first);
    expect(interner.intern([[tool("a")], undefined], read("y"))).toBe(first);
    expect(interner.intern([[tool("b")], undefined], read("z"))).toBe(second);
  });

  it("tells apart values that stringify differently: key order, numbers, missing keys, nested arrays", () => {
    const interner = new AdvertisedInterner();
    const lists = [
      [[tool("a", { required: ["id"] })], undefined],
      [[tool("a", { required: ["id", "x"] })], undefined],
      [[{ function: { name: "a" }, type: "function" }], undefined],
      [[{ type: "function", function: { name: "a" } }], undefined],
      [[tool("a", { minimum: 1 })], undefined],
      [[tool("a", { minimum: 2 })], undefined],
      [[tool("a", { minimum: "1" })], undefined],
      [[tool("a")], [{ name: "legacy" }]],
      [undefined, [{ name: "legacy" }]],
    ];
    const seen = lists.map((raw) => interner.intern(raw, read(raw)));
    expect(new Set(seen).size).toBe(lists.length);
    lists.forEach((raw, i) => expect(interner.intern(JSON.parse(JSON.stringify(raw)), read("again"))?.[0]?.name).toBe(seen[i]?.[0]?.name));
  });

  it("an undefined list is remembered too", () => {
    const interner = new AdvertisedInterner();
    let reads = 0;
    const none = () => {
      reads++;
      return undefined;
    };
    expect(interner.intern([undefined, undefined], none)).toBeUndefined();
    expect(interner.intern([undefined, undefined], none)).toBeUndefined();
    expect(reads).toBe(1);
  });
});
