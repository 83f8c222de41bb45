import { describe, expect, it } from "vitest";
import { parseKeyInput } from "../../src/ui/keys.js";
import { listWindow } from "../../src/ui/shared/list-window.js";
import { argumentSpans } from "../../src/ui/shared/argument-spans.js";
import stringWidth from "string-width";
import { wordWrap, fitLine, lineWidth, padLine, tailWithin, truncateText, widthOf, wrapText } from "../../src/ui/shared/line.js";
import { argumentsLines } from "../../src/ui/panes/arguments-lines.js";
import { editorLines } from "../../src/ui/panes/editor-lines.js";
import { printable } from "../../src/engine/printable.js";
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

  // What a row takes is what the terminal shows: a control character is drawn escaped (six
  // columns), CJK and emoji take two. Rows measured by characters came out wider than the pane,
  // and the terminal cut their ends off.
  const shown = (row: string) => stringWidth(printable(row));
  it("measures escaped control characters and wide characters as the terminal shows them", () => {
    expect(widthOf("ab")).toBe(2);
    expect(widthOf("a\x1bb")).toBe(8);
    expect(widthOf("发票")).toBe(4);
    expect(widthOf("e\u0301")).toBe(1);
    expect(widthOf("👍🏽")).toBe(2);
    expect(truncateText("发票号码是多少", 7)).toBe("发票号…");
    expect(tailWithin("path/发票.ts", 7)).toBe("发票.ts");
  });
  it("wraps and pads by columns: no row is wider than asked, nothing is lost", () => {
    const raw = '{"summary":"客户询问发票 INV-7 的重复扣款\x1b]52;c;ZXZpbA==\x07","e":"e\u0301👍🏽"}';
    for (const width of [5, 9, 16, 40]) {
      const rows = wrapText(raw, width);
      expect(rows.join("")).toBe(raw);
      for (const row of rows) expect(shown(row)).toBeLessThanOrEqual(Math.max(width, 6));
      const words = wordWrap(raw, width);
      for (const row of words) expect(shown(row)).toBeLessThanOrEqual(Math.max(width, 6));
      expect(words.join("").replace(/ /g, "")).toBe(raw.replace(/ /g, ""));
    }
    const padded = padLine([{ text: "发票\x1b" }], 12);
    expect(shown(text(padded))).toBe(12);
    expect(shown(text(fitLine([{ text: "发票发票发票" }], 7)))).toBeLessThanOrEqual(7);
  });
  it("wraps raw arguments by columns, carets under what each character takes", () => {
    const raw = '{"备注":"发票\x1b[2J","id":"INV-1"}';
    const findings = [{ code: "unexpected_argument", severity: "error", path: "id", message: "no parameter id" }] as unknown as Finding[];
    for (const width of [8, 13, 30]) {
      const rows = argumentsLines(raw, findings, width, false).map(text);
      const content = rows.filter((row) => !/^[ ^]*$/.test(row) || row === "");
      expect(content.join("")).toBe(raw);
      for (const row of rows) expect(shown(row)).toBeLessThanOrEqual(width);
    }
    const wide = argumentsLines(raw, findings, 80, false).map(text);
    expect(wide).toHaveLength(2);
    const rows = wide;
    const at = shown(rows[0]?.slice(0, rows[0].indexOf('"id"')) ?? "");
    expect(rows[1]).toBe(`${" ".repeat(at)}${"^".repeat('"id":"INV-1"'.length)}`);
  });
});

describe("editor", () => {
  const editor = (text: string, cursor: number) => ({ call: 0, text, cursor, findings: [] });
  it("wraps what is typed by columns, the cursor on a whole character", () => {
    const typed = `{"summary":"${"发票".repeat(20)}👍"}`;
    for (const cursor of [0, 14, typed.length - 4, typed.length]) {
      const rows = editorLines(editor(typed, cursor), 21, false).slice(1, -1).map(text);
      for (const row of rows) expect(stringWidth(row)).toBeLessThanOrEqual(21);
      expect(rows.join("").replace("▏", "")).toBe(typed);
    }
    const onEmoji = editorLines(editor(typed, typed.indexOf("👍")), 21, true).flat();
    expect(onEmoji.find((part) => part.inverse)?.text).toBe("👍");
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
