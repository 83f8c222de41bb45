import { describe, expect, it } from "vitest";
import { parseKeyInput } from "../../src/ui/keys.js";
import { listWindow } from "../../src/ui/shared/list-window.js";
import { argumentSpans } from "../../src/ui/shared/argument-spans.js";
import { wordWrap, fitLine, lineWidth } from "../../src/ui/shared/line.js";
import { headerLines } from "../../src/ui/panes/header-lines.js";
import { baseState } from "./fixture-states.js";
import type { Finding } from "../../src/engine/diagnosis/finding.js";

const text = (line: readonly { text: string }[]) => line.map((part) => part.text).join("");

describe("raw key input", () => {
  it.each([
    ["\x7f", { name: "backspace" }],
    ["\b", { name: "backspace" }],
    ["\x1b[3~", { name: "delete" }],
    ["\x1b[A", { name: "up" }],
    ["\x1bOB", { name: "down" }],
    ["\x1b[5~", { name: "pageup" }],
    ["\r", { name: "return" }],
    ["\x1b", { name: "escape" }],
    ["\x13", { name: "ctrl+s" }],
    ["\x03", { name: "ctrl+c" }],
    ["j", { name: "j", text: "j" }],
    ["G", { name: "G", text: "G" }],
    ["é", { name: "é", text: "é" }],
    ['{"a":1}', { name: "paste", text: '{"a":1}', paste: true }],
    ["\x1bj", undefined],
  ])("%j", (raw, expected) => {
    expect(parseKeyInput(raw)).toEqual(expected);
  });
});

describe("list window", () => {
  it.each([
    [5, 0, 10, { start: 0, end: 5 }],
    [100_000, 0, 20, { start: 0, end: 20 }],
    [100_000, 50_000, 20, { start: 49_990, end: 50_010 }],
    [100_000, 99_999, 20, { start: 99_980, end: 100_000 }],
  ])("%d rows, cursor %d, height %d", (total, cursor, height, expected) => {
    expect(listWindow(total, cursor, height)).toEqual(expected);
  });
});

describe("argument spans", () => {
  const find = (code: Finding["code"], path: string): Finding => ({ code, severity: "error", message: "", path });
  it("covers an unexpected key with its value, a nested value, and not a missing one", () => {
    const raw = '{"id":"INV-1","items":[{"sku":5}]}';
    const spans = argumentSpans(raw, [find("unexpected_argument", "id"), find("type_mismatch", "items.0.sku"), find("missing_argument", "invoice_id")]);
    expect(spans.map((span) => raw.slice(span.start, span.end))).toEqual(['"id":"INV-1"', "5"]);
  });
  it("marks where broken JSON stops", () => {
    const raw = '{"id": }';
    const [span] = argumentSpans(raw, [{ code: "malformed_arguments", severity: "error", message: "not valid JSON at line 1, column 8 (offset 7)" }]);
    expect(span && raw.slice(span.start, span.end)).toBe("}");
  });
});

describe("text fitting", () => {
  it("wraps prose at spaces and cuts words longer than the width", () => {
    expect(wordWrap("the model meant invoice_id here", 12)).toEqual(["the model", "meant", "invoice_id", "here"]);
    expect(wordWrap("abcdefghij", 4)).toEqual(["abcd", "efgh", "ij"]);
  });
  it("cuts a styled line to the width with an ellipsis", () => {
    const line = fitLine([{ text: "get_invoice_status " }, { text: '{"id":"INV-123"}', tone: "muted" }], 24);
    expect(lineWidth(line)).toBe(24);
    expect(text(line)).toBe('get_invoice_status {"id…');
  });
});

describe("header", () => {
  it("shows load progress with the first bad line, then only the count once loaded", () => {
    const loading = baseState({
      mode: "open",
      phase: "loading",
      model: undefined,
      load: { bytesRead: 450, bytesTotal: 1000, calls: 1234, done: false, badLines: 2, firstErrors: [{ file: "/logs/prod.jsonl", line: 7, message: "not JSON" }] },
    });
    const [, second] = headerLines(loading, 200).map(text);
    expect(second).toContain("loading 45%");
    expect(second).toContain("2 bad lines (prod.jsonl:7: not JSON)");
    const loaded = headerLines({ ...loading, phase: "idle", load: { ...loading.load!, done: true } }, 200).map(text);
    expect(loaded[1]).not.toContain("loading");
    expect(loaded[1]).not.toContain("model");
  });
});
