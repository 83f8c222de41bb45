import { describe, expect, it } from "vitest";
import { checkResult, findSerializationIssues, previewValue, roundTripJson } from "../../../src/engine/executor/serialization-check.js";

class Invoice {
  id = "INV-1";
}

class Decimal {
  toJSON() {
    return "1.50";
  }
}

const circular = (): object => {
  const node: Record<string, unknown> = { a: 1 };
  node.self = node;
  return node;
};

describe("findSerializationIssues", () => {
  it.each<[string, unknown, ReturnType<typeof findSerializationIssues>]>([
    ["a plain object", { a: 1, b: ["x", null, true], c: { d: -0.5 } }, []],
    ["top-level undefined (no result)", undefined, []],
    ["null", null, []],
    ["a top-level Date", new Date(0), [{ path: "", kind: "Date" }]],
    ["a nested Date", { items: [{ when: new Date(0) }] }, [{ path: "items.0.when", kind: "Date" }]],
    ["BigInt", { n: 1n }, [{ path: "n", kind: "BigInt" }]],
    ["Map and Set", { m: new Map(), s: new Set() }, [{ path: "m", kind: "Map" }, { path: "s", kind: "Set" }]],
    ["a class instance", { inv: new Invoice() }, [{ path: "inv", kind: "class instance", detail: "Invoice" }]],
    ["a class with its own toJSON", { price: new Decimal() }, []],
    ["a null-prototype object", Object.assign(Object.create(null) as object, { a: 1 }), []],
    ["a function", { f: () => 1 }, [{ path: "f", kind: "function" }]],
    ["a symbol", { s: Symbol("x") }, [{ path: "s", kind: "symbol" }]],
    ["nested undefined", { a: undefined, list: [undefined] }, [{ path: "a", kind: "undefined" }, { path: "list.0", kind: "undefined" }]],
    ["NaN and infinities", { x: Number.NaN, y: Number.NEGATIVE_INFINITY }, [{ path: "x", kind: "NaN" }, { path: "y", kind: "Infinity" }]],
    ["a cycle", circular(), [{ path: "self", kind: "circular" }]],
  ])("%s", (_label, value, expected) => {
    expect(findSerializationIssues(value)).toEqual(expected);
  });

  it("does not call a shared (non-circular) reference circular", () => {
    const shared = { x: 1 };
    expect(findSerializationIssues({ a: shared, b: shared, list: [shared, shared] })).toEqual([]);
  });

  it("survives getters that throw", () => {
    const value = Object.defineProperty({}, "boom", {
      enumerable: true,
      get() {
        throw new Error("getter");
      },
    });
    expect(findSerializationIssues(value)).toEqual([]);
  });

  it("bounds the work on huge results", () => {
    const huge = Array.from({ length: 200_000 }, () => ({ when: new Date(0) }));
    const started = performance.now();
    const issues = findSerializationIssues(huge);
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(issues.length).toBeGreaterThan(0);
    expect(issues.length).toBeLessThanOrEqual(200);
  });
});

describe("roundTripJson", () => {
  it("returns what a runtime would send: Dates as strings, NaN as null, undefined dropped", () => {
    expect(roundTripJson({ d: new Date(0), n: Number.NaN, u: undefined, l: [undefined, 1] })).toEqual({ d: "1970-01-01T00:00:00.000Z", n: null, l: [null, 1] });
  });

  it("turns BigInt and cycles into strings instead of throwing", () => {
    expect(roundTripJson({ big: 12n, node: circular() })).toEqual({ big: "12", node: { a: 1, self: "[Circular]" } });
  });

  it("gives undefined for no result and for values JSON cannot express at all", () => {
    expect(roundTripJson(undefined)).toBeUndefined();
    expect(roundTripJson(() => 1)).toBeUndefined();
    const hostile = {
      toJSON() {
        throw new Error("nope");
      },
    };
    expect(roundTripJson(hostile)).toBeUndefined();
  });
});

describe("previewValue", () => {
  it("shows the value as returned, before conversion", () => {
    expect(previewValue(new Map([["a", 1]]))).toBe("Map(1) { 'a' => 1 }");
    expect(previewValue(undefined)).toBe("undefined");
  });

  it("stays small for huge values", () => {
    expect(previewValue("x".repeat(10_000_000)).length).toBeLessThan(20_000);
    expect(previewValue(Array.from({ length: 100_000 }, (_, i) => ({ i, nested: { deep: { deeper: [i] } } }))).length).toBeLessThan(20_000);
  });
});

describe("checkResult", () => {
  it("bundles issues, round trip and preview", () => {
    const checked = checkResult({ when: new Date(0) });
    expect(checked).toEqual({ issues: [{ path: "when", kind: "Date" }], result: { when: "1970-01-01T00:00:00.000Z" }, preview: "{ when: 1970-01-01T00:00:00.000Z }" });
  });
});
