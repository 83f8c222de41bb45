import { describe, expect, it } from "vitest";
import { parseArguments } from "../../../src/engine/diagnosis/parse-arguments.js";

const required = { hasRequired: true };
const optional = { hasRequired: false };

describe("parseArguments: valid objects", () => {
  it.each([
    { text: "{}", value: {} },
    { text: ' \n {"a": 1}\n', value: { a: 1 } },
    { text: '{"ключ":"значение","emoji":"🌍","日本":"東京"}', value: { ключ: "значение", emoji: "🌍", 日本: "東京" } },
    { text: '{"lone":"\\ud800","nul":"a\\u0000b"}', value: { lone: "\ud800", nul: "a\u0000b" } },
    { text: '{"__proto__":{"polluted":true},"constructor":1}', value: JSON.parse('{"__proto__":{"polluted":true},"constructor":1}') },
  ])("$text", ({ text, value }) => {
    expect(parseArguments(text, required)).toEqual({ ok: true, value });
  });

  it("reads a 1 MB string value without trouble", () => {
    const big = "x".repeat(1_000_000);
    const result = parseArguments(JSON.stringify({ text: big }), required);
    expect(result.ok && result.value.text).toBe(big);
  });
});

describe("parseArguments: empty and whitespace-only", () => {
  it.each([
    { text: "", opts: required, severity: "error" },
    { text: "", opts: optional, severity: "warning" },
    { text: "   \n\t", opts: required, severity: "error" },
    { text: " ", opts: optional, severity: "warning" },
  ])("$text.length chars, hasRequired=$opts.hasRequired -> $severity", ({ text, opts, severity }) => {
    const result = parseArguments(text, opts);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.findings).toMatchObject([{ code: "malformed_arguments", severity, suggestion: { arguments: "{}" } }]);
    expect(result.findings[0]?.message).toMatch(/empty/);
    expect(result.recovered).toEqual({});
  });
});

describe("parseArguments: malformed JSON", () => {
  it.each([
    { name: "trailing comma", text: '{"city": "Paris",}', at: { line: 1, column: 18 }, detail: /trailing comma/, repaired: { city: "Paris" } },
    { name: "single quotes", text: "{'city': 'Paris'}", at: { line: 1, column: 2 }, detail: /single quotes/, repaired: { city: "Paris" } },
    { name: "unquoted keys", text: '{city: "Paris"}', at: { line: 1, column: 2 }, detail: /unquoted property name/, repaired: { city: "Paris" } },
    { name: "truncated string", text: '{"city": "Par', at: { line: 1, column: 10 }, detail: /truncated/, repaired: { city: "Par" } },
    { name: "truncated object", text: '{"a": {"b": 1}', at: { line: 1, column: 15 }, detail: /truncated/, repaired: { a: { b: 1 } } },
    { name: "second line", text: '{\n  "a": 1\n  "b": 2\n}', at: { line: 3, column: 3 }, detail: /expected ","/, repaired: { a: 1, b: 2 } },
    { name: "python literals", text: '{"ok": True, "none": None}', at: { line: 1, column: 8 }, detail: /unexpected character/, repaired: { ok: true, none: null } },
    { name: "comment", text: '{"a": 1 /* one */}', at: { line: 1, column: 9 }, detail: /comments/, repaired: { a: 1 } },
    { name: "markdown fence", text: '```json\n{"a": 1}\n```', at: { line: 1, column: 1 }, detail: /unexpected/, repaired: { a: 1 } },
  ])("$name", ({ text, at, detail, repaired }) => {
    const result = parseArguments(text, required);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const [finding] = result.findings;
    expect(finding).toMatchObject({ code: "malformed_arguments", severity: "error" });
    expect(finding?.message).toContain(`line ${at.line}, column ${at.column}`);
    expect(finding?.message).toMatch(detail);
    expect(JSON.parse(finding?.suggestion?.arguments ?? "null")).toEqual(repaired);
  });

  it("offers no repair that is not an arguments object", () => {
    for (const text of ["[1, 2", "tru", '"abc', "{{{{", "}"]) {
      const result = parseArguments(text, required);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.findings[0]?.suggestion?.arguments, text).toBeUndefined();
    }
  });

  it("a BOM is reported, with the same text without it as the fix, and the object still read", () => {
    const result = parseArguments('\uFEFF{"a":1}', required);
    expect(result).toMatchObject({ ok: false, recovered: { a: 1 }, findings: [{ code: "malformed_arguments", suggestion: { arguments: '{"a":1}' } }] });
    if (!result.ok) expect(result.findings[0]?.message).toMatch(/byte-order mark/);
  });

  it("a BOM before broken JSON reports both", () => {
    const result = parseArguments("\uFEFF{'a':1}", required);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.findings.map((f) => f.code)).toEqual(["malformed_arguments", "malformed_arguments"]);
  });
});

describe("parseArguments: valid JSON that is not an object", () => {
  it.each([
    { text: "[]", received: "array" },
    { text: '[{"a":1}]', received: "array" },
    { text: "null", received: "null" },
    { text: "42", received: "number" },
    { text: "true", received: "boolean" },
    { text: '"Paris"', received: "string" },
  ])("$text is a $received", ({ text, received }) => {
    const result = parseArguments(text, required);
    expect(result).toMatchObject({ ok: false, value: JSON.parse(text), findings: [{ code: "arguments_not_object", received, expected: "object" }] });
    if (!result.ok) expect(result.findings[0]?.suggestion).toBeUndefined();
  });

  it.each([
    { name: "double-encoded", text: JSON.stringify(JSON.stringify({ a: 1 })), decoded: '{"a":1}' },
    { name: "double-encoded with spaces", text: JSON.stringify('{"a": [1, 2]}'), decoded: '{"a": [1, 2]}' },
    { name: "triple-encoded", text: JSON.stringify(JSON.stringify(JSON.stringify({ b: "x" }))), decoded: '{"b":"x"}' },
  ])("$name: suggests the decoded object text", ({ text, decoded }) => {
    const result = parseArguments(text, required);
    expect(result).toMatchObject({ ok: false, findings: [{ code: "arguments_not_object", received: "string", suggestion: { arguments: decoded } }] });
    if (!result.ok) expect(result.recovered).toEqual(JSON.parse(decoded));
  });
});

describe("parseArguments never throws", () => {
  const nasty: unknown[] = [
    "\u0000",
    '{"a":"\u0000"}',
    "\ud800",
    '{"\ud800":1',
    "[".repeat(100_000),
    "{".repeat(50_000),
    '{"a":' + "[".repeat(20_000) + "]".repeat(20_000) + "}",
    "x".repeat(1_000_000),
    '{"a":"' + "y".repeat(1_000_000),
    undefined,
    null,
    42,
    { already: "parsed" },
  ];
  it.each(nasty.map((input, index) => ({ index, input })))("input #$index", ({ input }) => {
    expect(() => parseArguments(input as string, required)).not.toThrow();
  });
});
