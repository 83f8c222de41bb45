import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createRecordFramer, type FramedItem } from "../../../src/engine/logs/adapters/shared/json-record-framer.js";
import { MAX_RECORD_CHARS } from "../../../src/engine/logs/adapters/shared/framed-item.js";
import { openaiChatAdapter } from "../../../src/engine/logs/adapters/openai-chat.js";
import { otelAdapter } from "../../../src/engine/logs/adapters/otel.js";
import { readLog } from "../../../src/engine/logs/read-log.js";

/** A framed item with a record's value left out. */
type Item = { kind: "record"; line: number } | Exclude<FramedItem, { kind: "record" }>;

/** Feeds `text` line by line (numbered from 1) through a framer and returns every item, values left out. */
const frame = (text: string, options: Parameters<typeof createRecordFramer>[0] = {}): Item[] => {
  const framer = createRecordFramer(options);
  const items: Item[] = [];
  const out = (item: FramedItem) => items.push(item.kind === "record" ? { kind: "record", line: item.line } : item);
  text.split("\n").forEach((line, i) => framer.push(line, i + 1, out));
  framer.end(out);
  return items;
};
const plain = (text: string) => frame(text, { style: "plain", limits: { maxRecordChars: 40 } });
const lines = (...rows: string[]) => rows.join("\n");
const pretty = (value: unknown) => JSON.stringify(value, null, 2);

describe("plain framer: a bad multi-line record says how many lines it spans", () => {
  it.each<[string, string, Item[]]>([
    ["over the limit, reported when it closes", lines("{", `  "a": "${"x".repeat(50)}",`, '  "b": 1', "}"), [{ kind: "error", line: 1, lines: 4, message: "multi-line JSON record is over the 0.0 MB limit; skipped" }]],
    [
      "over the limit and cut off: said once, as over the limit",
      lines("{", `  "a": "${"x".repeat(50)}",`, '  "b": 1', '{"c": 2}'),
      [{ kind: "error", line: 1, lines: 3, message: "multi-line JSON record is over the 0.0 MB limit; skipped" }, { kind: "record", line: 4 }],
    ],
    ["over the limit and the file ends", lines("{", `  "a": "${"x".repeat(50)}",`, '  "b": 1'), [{ kind: "error", line: 1, lines: 3, message: "multi-line JSON record is over the 0.0 MB limit; skipped" }]],
    ["cut off: it never closes", lines("{", '  "a": 1,', '  "b": 2', '{"c": 2}'), [{ kind: "error", line: 1, lines: 3, message: "truncated JSON record: it never closes" }, { kind: "record", line: 4 }]],
    ["the file ends before it closes", lines("{", '  "a": 1,', '  "b": 2', ""), [{ kind: "error", line: 1, lines: 4, message: "truncated JSON record: the file ends before it closes" }]],
    ["invalid JSON in it", lines("{", '  "a": 1,,', "}"), [{ kind: "error", line: 1, lines: 3, message: expect.stringMatching(/^invalid JSON in multi-line record: /) as string }]],
    ["one line cut off at once: no lines", lines('{"a": [', '{"c": 2}'), [{ kind: "error", line: 1, message: "truncated JSON record: it never closes" }, { kind: "record", line: 2 }]],
    ["a good multi-line record: no error", lines("{", '  "a": 1', "}"), [{ kind: "record", line: 1 }]],
  ])("%s", (_name, text, expected) => {
    expect(plain(text)).toEqual(expected);
  });
});

describe("rich framer: a bad pretty-printed record says how many lines it spans", () => {
  const record = pretty({ object: "chat.completion", model: "m", choices: [{ index: 0, message: { role: "assistant", content: "hi" } }] });
  const eight = record.split("\n").slice(0, 8).join("\n");

  it.each<[string, string, Item[]]>([
    ["cut off before line N: up to N-1", `${eight}\n{"c": 2}`, [{ kind: "error", line: 1, lines: 8, message: "pretty-printed record starting here is cut off before line 9" }, { kind: "record", line: 9 }]],
    ["the file ends inside it: up to its last line", eight, [{ kind: "error", line: 1, lines: 8, message: "file ends inside the pretty-printed record starting here" }]],
    ["invalid JSON in it", lines("{", '  "a": 1,', '  "b": nope', "}"), [{ kind: "error", line: 1, lines: 4, message: expect.stringMatching(/^pretty-printed /) as string }]],
    [
      "a string running past a line end",
      lines("{", '  "a": "abc', '  def",', '  "b": 1', "}"),
      [{ kind: "error", line: 1, lines: 5, message: "pretty-printed record starting here has a string running past the end of line 2" }],
    ],
    [
      "a string running past a line end, then cut off",
      lines("{", '  "a": "abc', '  def"', '{"c": 2}'),
      [{ kind: "error", line: 1, lines: 3, message: "pretty-printed record starting here has a string running past the end of line 2" }, { kind: "record", line: 4 }],
    ],
    [
      "an array's bad element among good ones: the element's lines",
      lines("[", "  {", '    "a": 1', "  },", "  {", '    "b": nope', "  }", "]"),
      [{ kind: "record", line: 2 }, { kind: "error", line: 5, lines: 3, message: expect.stringMatching(/^pretty-printed /) as string }],
    ],
    [
      "an array of nothing but a bad element: its brackets too",
      lines("[", "  {", '    "b": nope', "  }", "]"),
      [{ kind: "error", line: 2, lines: 5, message: expect.stringMatching(/^pretty-printed /) as string }],
    ],
    [
      "an array cut off inside its element",
      lines("[", "  {", '    "a": 1', "  },", "  {", '    "b": 2,', '{"c": 2}'),
      [{ kind: "record", line: 2 }, { kind: "error", line: 5, lines: 2, message: "pretty-printed record starting here is cut off before line 7" }, { kind: "record", line: 7 }],
    ],
    [
      "an array cut off between elements, after a good one: its own lines",
      lines("[", "  {", '    "a": 1', "  },", 'INFO {"c": 2}'),
      [{ kind: "record", line: 2 }, { kind: "error", line: 1, message: "pretty-printed array starting here is cut off before line 5" }, { kind: "record", line: 5 }],
    ],
    ["an array of no records, cut off", lines("[", "  1,", "  2", 'INFO {"c": 2}'), [{ kind: "error", line: 1, lines: 3, message: "pretty-printed array starting here is cut off before line 4" }, { kind: "record", line: 4 }]],
    ["an array of no records, at the file's end", lines("[", "  1,", "  2"), [{ kind: "error", line: 1, lines: 3, message: "file ends inside the pretty-printed array starting here" }]],
    ["a good pretty record: no error", record, [{ kind: "record", line: 1 }]],
  ])("%s", (_name, text, expected) => {
    expect(frame(text)).toEqual(expected);
  });

  it("a record over the limit is said when it closes, with its span", () => {
    const text = pretty({ a: "x".repeat(MAX_RECORD_CHARS), b: 1 });
    expect(frame(text)).toEqual([{ kind: "error", line: 1, lines: 4, message: "pretty-printed record starting here is over the 4.0 MB a record may be; skipped" }]);
    const cut = text.split("\n").slice(0, 3).join("\n");
    expect(frame(`${cut}\n{"c": 2}`)).toEqual([{ kind: "error", line: 1, lines: 3, message: "pretty-printed record starting here is over the 4.0 MB a record may be; skipped" }, { kind: "record", line: 4 }]);
  });
});

describe("readLog counts a bad multi-line record as all its lines", () => {
  const file = (name: string, text: string) => {
    const path = join(mkdtempSync(join(tmpdir(), "tooldbg-multi-line-")), name);
    writeFileSync(path, text);
    return path;
  };
  const completion = (id: string) => ({ object: "chat.completion", created: 1, model: "m", choices: [{ index: 0, message: { role: "assistant", tool_calls: [{ id, type: "function", function: { name: "f", arguments: "{}" } }] }, finish_reason: "tool_calls" }] });
  const cutCompletion = pretty(completion("c1")).split("\n").slice(0, 8).join("\n");
  const badElement = lines("  {", '    "object": nope', "  }");

  it.each<[string, string]>([
    ["a pretty chat completion cut in its middle", `${cutCompletion}\n`],
    ["a pretty chat completion cut off by a line that is no record", `${cutCompletion}\nhello\n`],
    ["a pretty record with invalid JSON in it", `${lines("{", '  "object": "chat.completion",', '  "model": nope', "}")}\n`],
    ["a pretty array of nothing but a bad element", `${lines("[", badElement, "]")}\n`],
    ["a pretty array of bad elements", `${lines("[", `${badElement},`, badElement, "]")}\n`],
  ])("all bad: %s", async (_name, text) => {
    const summary = await readLog(file("chat.json", text), openaiChatAdapter, () => undefined);
    expect(summary.records).toBeGreaterThan(1);
    expect(summary.allLinesBad).toBe(true);
  });

  it.each<[string, string]>([
    ["a good line, then a pretty record cut in its middle", `${JSON.stringify(completion("c0"))}\n${cutCompletion}\n`],
    ["a pretty record cut in its middle, then a good line", `${cutCompletion}\n${JSON.stringify(completion("c0"))}\n`],
    ["a pretty array with one bad element among good ones", `${lines("[", `${pretty(completion("c0")).replace(/^/gm, "  ")},`, `${badElement},`, pretty(completion("c2")).replace(/^/gm, "  "), "]")}\n`],
    ["a pretty array with a good element, then a bad one alone", `${lines("[", `${pretty(completion("c0")).replace(/^/gm, "  ")},`, badElement, "]")}\n`],
  ])("not all bad: %s", async (_name, text) => {
    const calls: string[] = [];
    const summary = await readLog(file("chat.json", text), openaiChatAdapter, (e) => e.kind === "call" && calls.push(e.callId));
    expect(calls.length).toBeGreaterThan(0);
    expect(summary.errors.length).toBeGreaterThan(0);
    expect(summary.allLinesBad).toBeUndefined();
  });

  it("keeps the errors as {line, message}: the span is not listed", async () => {
    const summary = await readLog(file("chat.json", `${cutCompletion}\n`), openaiChatAdapter, () => undefined);
    expect(summary.errors).toEqual([{ line: 1, message: "file ends inside the pretty-printed record starting here" }]);
  });

  it("a pretty OTLP document over the multi-line limit is all bad lines", async () => {
    const doc = pretty({ resourceSpans: [{ scopeSpans: [{ spans: [{ name: "x".repeat(9e6) }] }] }] });
    const summary = await readLog(file("otlp.json", `${doc}\n`), otelAdapter, () => undefined);
    expect(summary.errors).toEqual([{ line: 1, message: "multi-line JSON record is over the 8.0 MB limit; skipped" }]);
    expect(summary).toMatchObject({ records: doc.split("\n").length, allLinesBad: true });
  });

  it("a pretty OTLP document with invalid JSON in it is all bad lines; with a good line before it, not", async () => {
    const bad = lines("{", '  "resourceSpans": [', "    nope", "  ]", "}");
    const all = await readLog(file("otlp.json", `${bad}\n`), otelAdapter, () => undefined);
    expect(all.allLinesBad).toBe(true);
    const good = JSON.stringify({ resourceSpans: [] });
    const some = await readLog(file("otlp.json", `${good}\n${bad}\n`), otelAdapter, () => undefined);
    expect(some.errors).toEqual([{ line: 2, message: expect.stringMatching(/^invalid JSON in multi-line record/) as string }]);
    expect(some.allLinesBad).toBeUndefined();
  });
});
