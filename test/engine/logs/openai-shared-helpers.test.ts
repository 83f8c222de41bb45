import { describe, expect, it } from "vitest";
import { BoundedIdSet, BoundedMap } from "../../../src/engine/logs/adapters/shared/bounded-id-set.js";
import { readsAsError } from "../../../src/engine/logs/adapters/shared/error-text.js";
import { createRecordFramer, type FramedItem } from "../../../src/engine/logs/adapters/shared/json-record-framer.js";
import { envelopeTime, epochToIso, isoFromText } from "../../../src/engine/logs/adapters/shared/log-time.js";
import { stableHash } from "../../../src/engine/logs/adapters/shared/stable-hash.js";

describe("readsAsError: conservative error inference for results with no error flag", () => {
  it.each([
    "Error: file not found",
    "error: permission denied",
    "ERROR",
    "  \nError: leading blank lines",
    "Exception: boom",
    "Traceback (most recent call last):\n  File \"x.py\", line 1",
    "TypeError: Cannot read properties of undefined (reading 'id')\n    at run (tool.js:3:9)",
    "requests.exceptions.ConnectionError: HTTPSConnectionPool",
    "java.lang.NullPointerException",
    '{"error": "invalid city"}',
    '{"error": {"code": 404, "message": "not found"}, "data": null}',
  ])("%j reads as an error", (text) => {
    expect(readsAsError(text)).toBe(true);
  });

  it.each([
    "",
    "18°C and sunny",
    "No errors found in the document.",
    "Errors: 0",
    "The error rate was 2% last week.",
    '{"error": null, "data": [1]}',
    '{"error": false}',
    '{"result": "Error: nested is not the start"}',
    '{"error": "x"', // not JSON: cannot tell
    "ErrorBoundary rendered fine",
    "[]",
  ])("%j does not", (text) => {
    expect(readsAsError(text)).toBe(false);
  });
});

describe("stableHash / synthetic ids", () => {
  it("is the same for the same parts and differs when parts move between boundaries", () => {
    expect(stableHash(["chat", 1, "function_call", "f", "{}"])).toBe(stableHash(["chat", 1, "function_call", "f", "{}"]));
    expect(stableHash(["ab", "c"])).not.toBe(stableHash(["a", "bc"]));
    expect(stableHash(["x"])).toMatch(/^[0-9a-f]{16}$/);
  });
});

describe("BoundedIdSet", () => {
  it("forgets the oldest id once full", () => {
    const ids = new BoundedIdSet(2);
    expect(ids.add("a")).toBe(true);
    expect(ids.add("a")).toBe(false);
    ids.add("b");
    ids.add("c");
    expect([ids.has("a"), ids.has("b"), ids.has("c"), ids.size]).toEqual([false, true, true, 2]);
  });

  it("keeps exactly the newest ids over many evictions", () => {
    const ids = new BoundedIdSet(1000);
    for (let i = 0; i < 10_000; i++) ids.add(`id${i}`);
    expect(ids.size).toBe(1000);
    expect([ids.has("id8999"), ids.has("id9000"), ids.has("id9999")]).toEqual([false, true, true]);
  });
});

describe("BoundedMap", () => {
  it("forgets the least recently set key once full; setting again makes a key the newest", () => {
    const map = new BoundedMap<number>(2);
    map.set("a", 1);
    map.set("b", 2);
    map.set("a", 3); // a is now newer than b
    map.set("c", 4);
    expect([map.get("a"), map.has("b"), map.get("c")]).toEqual([3, false, 4]);
  });

  it("take removes a key, and the freed room is not charged to another key", () => {
    const map = new BoundedMap<number>(2);
    map.set("a", 1);
    map.set("b", 2);
    expect(map.take("a")).toBe(1);
    expect(map.take("a")).toBeUndefined();
    map.set("c", 3);
    expect([map.get("b"), map.get("c")]).toEqual([2, 3]);
    map.set("a", 5);
    expect([map.has("b"), map.get("c"), map.get("a")]).toEqual([false, 3, 5]);
  });

  it("stays exact over many re-sets and evictions", () => {
    const map = new BoundedMap<number>(100);
    for (let i = 0; i < 20_000; i++) {
      map.set(`k${i % 150}`, i);
      map.set("hot", i);
    }
    expect(map.get("hot")).toBe(19_999);
    // The newest 99 other keys survive (the hot key holds the 100th place).
    let kept = 0;
    for (let k = 0; k < 150; k++) if (map.has(`k${k}`)) kept++;
    expect(kept).toBe(99);
    expect(map.has(`k${19_999 % 150}`)).toBe(true);
  });
});

describe("log times", () => {
  it("reads epoch seconds and milliseconds, and rejects zero and nonsense", () => {
    expect(epochToIso(1727346182)).toBe("2024-09-26T10:23:02.000Z");
    expect(epochToIso(1727346182123)).toBe("2024-09-26T10:23:02.123Z");
    expect([epochToIso(0), epochToIso(-5), epochToIso(42), epochToIso(undefined)]).toEqual([undefined, undefined, undefined, undefined]);
  });

  it("gives Date#toISOString's text for every epoch, repeated or not, across days", () => {
    // Runs of the same epoch (a response's calls), steps within a day and jumps across days.
    let ms = Date.UTC(2025, 0, 31, 23, 59, 58, 990);
    const seen: number[] = [];
    for (let i = 0; i < 2000; i++) {
      ms += i % 3 === 0 ? 0 : i % 7 === 0 ? 86_400_000 + 37 : 1 + (i % 997);
      seen.push(ms);
      expect(epochToIso(ms)).toBe(new Date(ms).toISOString());
      if (i % 5 === 0) expect(epochToIso(Math.floor(ms / 1000))).toBe(new Date(Math.floor(ms / 1000) * 1000).toISOString());
    }
    // Going back to earlier epochs gives their own text, not the last one's.
    for (const earlier of seen.slice(0, 50).reverse()) expect(epochToIso(earlier)).toBe(new Date(earlier).toISOString());
  });

  it("reads the leading ISO date-time of a text, a missing zone as UTC", () => {
    expect(isoFromText("2025-04-01T08:00:00Z INFO proxy")).toBe("2025-04-01T08:00:00.000Z");
    expect(isoFromText("2025-04-01 08:00:00")).toBe("2025-04-01T08:00:00.000Z");
    expect(isoFromText("2025-04-01T10:00:00.5+02:00")).toBe("2025-04-01T08:00:00.500Z");
    expect(isoFromText("call me at 2025-04-01")).toBeUndefined();
  });

  it("reads UTC times with no zone (Python's isoformat) or Z exactly as Date.parse does, within an hour seen or not", () => {
    // Random times around a few hours, each way the shape is written: the answer once an hour is known must be the first answer.
    let seed = 7;
    const next = (n: number) => (seed = (seed * 1103515245 + 12345) % 2147483648) % n;
    const pad = (n: number, width = 2) => String(n).padStart(width, "0");
    for (let i = 0; i < 3000; i++) {
      const base = `2025-06-${pad(1 + next(2))}T${pad(next(3) + 22 - 2)}:${pad(next(61))}:${pad(next(61))}`;
      const digits = next(11);
      const written = digits === 0 ? base : digits === 10 ? `${base}.` : `${base}.${String(next(10 ** digits)).padStart(digits, "0")}`;
      const text = next(2) === 0 ? written : `${written}Z`;
      const ms = Date.parse(`${written.replace(/\.$/, "")}Z`);
      const expected = Number.isFinite(ms) ? new Date(ms).toISOString() : undefined;
      expect([text, isoFromText(text)]).toEqual([text, expected]);
    }
    expect(isoFromText("2025-06-01T12:00:00.123456")).toBe("2025-06-01T12:00:00.123Z");
    expect(isoFromText("2025-06-01T12:00:60")).toBeUndefined();
  });

  it("finds an envelope's time in any top-level ISO string, or a time-named epoch", () => {
    expect(envelopeTime({ whenever: "2025-01-02T03:04:05Z", request: {} })).toBe("2025-01-02T03:04:05.000Z");
    expect(envelopeTime({ ts: 1735787045 })).toBe("2025-01-02T03:04:05.000Z");
    expect(envelopeTime({ count: 1735787045 })).toBeUndefined();
  });
});

describe("record framer", () => {
  const frame = (...lines: string[]): FramedItem[] => {
    const items: FramedItem[] = [];
    const framer = createRecordFramer();
    lines.forEach((line, i) => framer.push(line, i + 1, (item) => items.push(item)));
    framer.end((item) => items.push(item));
    return items;
  };

  it("skips SSE framing, reads data lines, and signals [DONE]", () => {
    expect(frame("event: x", "id: 4", "retry: 100", ": ping", "", 'data: {"a":1}', "data:[DONE]")).toEqual([
      { kind: "record", value: { a: 1 }, line: 6 },
      { kind: "done", line: 7 },
    ]);
  });

  it("says a lone JSON value is valid JSON, only no record", () => {
    expect(frame('"str"', "42", "null", "true", "hello").map((item) => (item.kind === "error" ? item.message : item.kind))).toEqual([
      "unknown shape: a lone JSON string, not a record",
      "unknown shape: a lone JSON number, not a record",
      "unknown shape: a lone JSON null, not a record",
      "unknown shape: a lone JSON boolean, not a record",
      'not JSON: starts with "hello"',
    ]);
  });

  it("strips a byte-order mark and CRLF", () => {
    expect(frame('\uFEFF{"a":1}\r')).toEqual([{ kind: "record", value: { a: 1 }, line: 1 }]);
  });

  it("reads JSON after a short text prefix and hands the prefix on", () => {
    expect(frame('2025-04-01T08:00:00Z INFO {"a":1}')).toEqual([{ kind: "record", value: { a: 1 }, line: 1, prefix: "2025-04-01T08:00:00Z INFO" }]);
  });

  it("plain style: binary lines are reported, a record whose strings hold replacement characters is still read", () => {
    const items: FramedItem[] = [];
    const framer = createRecordFramer({ style: "plain" });
    const damaged = { text: "\ufffd".repeat(40) };
    ["\u0000\u0001\u0002\u0003garbage\u0004", JSON.stringify(damaged), "\ufffd\ufffd\ufffd\ufffd\ufffd"].forEach((line, i) => framer.push(line, i + 1, (item) => items.push(item)));
    framer.end((item) => items.push(item));
    expect(items).toEqual([
      { kind: "error", line: 1, message: "binary data, not a text log line; skipped" },
      { kind: "record", value: damaged, line: 2 },
      { kind: "error", line: 3, message: "binary data, not a text log line; skipped" },
    ]);
  });

  it("collects a pretty array with nested brackets and braces inside strings", () => {
    const value = [{ s: "} ] { [ \" \\", n: [1, { m: 2 }] }, { t: "x" }];
    const items = frame(...JSON.stringify(value, null, 2).split("\n"));
    expect(items).toEqual([
      { kind: "record", value: value[0], line: 2 },
      { kind: "record", value: value[1], line: 11 },
    ]);
  });
});
