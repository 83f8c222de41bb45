import { describe, expect, it } from "vitest";
import type { Finding } from "../../../src/engine/diagnosis/finding.js";
import { validateArguments } from "../../../src/engine/diagnosis/validate-arguments.js";
import type { JsonSchema } from "../../../src/tools/json-schema.js";
import { codes, diagnoseAgainst, findingAt } from "./diagnosis-helpers.js";

const invoice: JsonSchema = {
  type: "object",
  properties: { invoice_id: { type: "string", description: "Invoice ID like INV-123" } },
  required: ["invoice_id"],
};

const order: JsonSchema = {
  type: "object",
  properties: {
    customer: {
      type: "object",
      properties: { name: { type: "string" }, email: { type: "string", format: "email" } },
      required: ["name"],
    },
    items: {
      type: "array",
      minItems: 1,
      items: {
        type: "object",
        properties: { sku: { type: "string", pattern: "^SKU-\\d+$" }, qty: { type: "integer", minimum: 1 } },
        required: ["sku", "qty"],
      },
    },
    priority: { type: "integer", enum: [1, 2, 3] },
    level: { type: "string", enum: ["low", "medium", "high"] },
    ratio: { type: "number", exclusiveMinimum: 0, maximum: 1 },
    note: { type: ["string", "null"], maxLength: 5 },
    gift: { type: "boolean", default: false },
    tags: { type: "array", items: { type: "string" }, uniqueItems: true, maxItems: 3 },
  },
  required: ["customer", "items"],
};

const base = { customer: { name: "Ada" }, items: [{ sku: "SKU-1", qty: 1 }] };

interface Row {
  name: string;
  schema: JsonSchema;
  args: unknown;
  expected: string[];
  check?: (findings: Finding[]) => void;
}

const rows: Row[] = [
  {
    name: "seed: id instead of invoice_id",
    schema: invoice,
    args: { id: "INV-123" },
    expected: ["unexpected_argument@id", "missing_argument@invoice_id"],
    check: (f) => {
      expect(f[0]?.suggestion).toEqual({ rename: "invoice_id" });
      expect(f[1]).toMatchObject({ expected: "string" });
      expect(f[1]?.message).toContain("Invoice ID like INV-123");
    },
  },
  {
    name: "seed: a word for an integer has no coercion",
    schema: { type: "object", properties: { priority: { type: "integer" } } },
    args: { priority: "high" },
    expected: ["type_mismatch@priority"],
    check: (f) => {
      expect(f[0]).toMatchObject({ expected: "integer", received: "string" });
      expect(f[0]?.suggestion).toBeUndefined();
    },
  },
  {
    name: "seed: a numeric string coerces",
    schema: { type: "object", properties: { n: { type: "number" } } },
    args: { n: "5" },
    expected: ["type_mismatch@n"],
    check: (f) => expect(f[0]?.suggestion).toEqual({ coerce: 5 }),
  },
  {
    name: "an id past 2^53 sent as a number: no coercion, its digits were lost in parsing",
    schema: invoice,
    args: JSON.parse('{"invoice_id":12345678901234567890}') as Record<string, unknown>,
    expected: ["type_mismatch@invoice_id"],
    check: (f) => {
      expect(f[0]?.suggestion).toBeUndefined();
      expect(f[0]?.message).not.toMatch(/coerces cleanly/);
    },
  },
  {
    name: "a small integer for a string still coerces",
    schema: invoice,
    args: { invoice_id: 123 },
    expected: ["type_mismatch@invoice_id"],
    check: (f) => expect(f[0]?.suggestion).toEqual({ coerce: "123" }),
  },
  { name: "a valid nested order", schema: order, args: base, expected: [] },
  {
    name: "every optional parameter set and valid",
    schema: order,
    args: { ...base, priority: 2, level: "low", ratio: 1, note: null, gift: true, tags: ["a", "b"] },
    expected: [],
  },
  { name: "missing nested required", schema: order, args: { customer: {}, items: [{ sku: "SKU-1", qty: 1 }] }, expected: ["missing_argument@customer.name"] },
  { name: "missing top-level required, both", schema: order, args: {}, expected: ["missing_argument@customer", "missing_argument@items"] },
  {
    name: "array of objects: paths carry the index",
    schema: order,
    args: { ...base, items: [{ sku: "SKU-1", qty: 1 }, { sku: "bad", qty: 0 }, { qty: "2" }] },
    expected: ["missing_argument@items.2.sku", "type_mismatch@items.2.qty", "invalid_value@items.1.sku", "invalid_value@items.1.qty"],
    check: (f) => {
      expect(findingAt(f, "type_mismatch", "items.2.qty")?.suggestion).toEqual({ coerce: 2 });
      expect(findingAt(f, "invalid_value", "items.1.sku")?.message).toContain("must match the pattern /^SKU-\\d+$/");
      expect(findingAt(f, "invalid_value", "items.1.qty")?.message).toContain("must be >= 1");
    },
  },
  { name: "minItems", schema: order, args: { ...base, items: [] }, expected: ["invalid_value@items"] },
  {
    name: "string enum",
    schema: order,
    args: { ...base, level: "urgent" },
    expected: ["invalid_value@level"],
    check: (f) => expect(f[0]?.message).toContain('must be one of "low", "medium", "high"'),
  },
  {
    name: "string enum, wrong case: coerce to the allowed spelling",
    schema: order,
    args: { ...base, level: "HIGH" },
    expected: ["invalid_value@level"],
    check: (f) => expect(f[0]?.suggestion).toMatchObject({ coerce: "high" }),
  },
  {
    name: "string enum, near miss: a hint",
    schema: order,
    args: { ...base, level: "meduim" },
    expected: ["invalid_value@level"],
    check: (f) => expect(f[0]?.suggestion?.hint).toContain('"medium"'),
  },
  {
    name: "numeric enum, allowed value as a string",
    schema: order,
    args: { ...base, priority: "2" },
    expected: ["type_mismatch@priority"],
    check: (f) => expect(f[0]?.suggestion).toEqual({ coerce: 2 }),
  },
  {
    name: "numeric enum, disallowed value as a string: no coercion",
    schema: order,
    args: { ...base, priority: "7" },
    expected: ["type_mismatch@priority"],
    check: (f) => expect(f[0]?.suggestion).toBeUndefined(),
  },
  { name: "numeric enum, wrong number", schema: order, args: { ...base, priority: 4 }, expected: ["invalid_value@priority"] },
  {
    name: "enum without type, wrong JSON type",
    schema: { type: "object", properties: { size: { enum: [1, 2, 3] } } },
    args: { size: "3" },
    expected: ["type_mismatch@size"],
    check: (f) => expect(f[0]).toMatchObject({ expected: "integer", suggestion: { coerce: 3 } }),
  },
  {
    name: "integer vs number: 3.5 is not an integer",
    schema: { type: "object", properties: { n: { type: "integer" } } },
    args: '{"n": 3.5}',
    expected: ["type_mismatch@n"],
    check: (f) => expect(f[0]).toMatchObject({ expected: "integer", received: "number" }),
  },
  { name: "integer vs number: 3.0 is an integer", schema: { type: "object", properties: { n: { type: "integer" } } }, args: '{"n": 3.0}', expected: [] },
  {
    name: "integral string for an integer",
    schema: { type: "object", properties: { n: { type: "integer" } } },
    args: { n: "3.0" },
    expected: ["type_mismatch@n"],
    check: (f) => expect(f[0]?.suggestion).toEqual({ coerce: 3 }),
  },
  {
    name: "fractional string for an integer: no coercion",
    schema: { type: "object", properties: { n: { type: "integer" } } },
    args: { n: "3.5" },
    expected: ["type_mismatch@n"],
    check: (f) => expect(f[0]?.suggestion).toBeUndefined(),
  },
  {
    name: "boolean as a string",
    schema: order,
    args: { ...base, gift: "true" },
    expected: ["type_mismatch@gift"],
    check: (f) => expect(f[0]?.suggestion).toEqual({ coerce: true }),
  },
  {
    name: "number for a string",
    schema: { type: "object", properties: { zip: { type: "string" } } },
    args: { zip: 75001 },
    expected: ["type_mismatch@zip"],
    check: (f) => expect(f[0]?.suggestion).toEqual({ coerce: "75001" }),
  },
  {
    name: "JSON text for an array",
    schema: order,
    args: { ...base, tags: '["a","b"]' },
    expected: ["type_mismatch@tags"],
    check: (f) => expect(f[0]?.suggestion).toEqual({ coerce: ["a", "b"] }),
  },
  { name: "JSON text for an object", schema: order, args: { ...base, customer: '{"name":"Ada"}' }, expected: ["type_mismatch@customer"] },
  { name: "range: exclusiveMinimum and maximum", schema: order, args: { ...base, ratio: 0 }, expected: ["invalid_value@ratio"] },
  { name: "range: over the maximum", schema: order, args: { ...base, ratio: 1.5 }, expected: ["invalid_value@ratio"] },
  { name: "format: email", schema: order, args: { ...base, customer: { name: "Ada", email: "not-an-email" } }, expected: ["invalid_value@customer.email"] },
  { name: "nullable: null is fine", schema: order, args: { ...base, note: null }, expected: [] },
  {
    name: "nullable: maxLength still applies to the string",
    schema: order,
    args: { ...base, note: "too long" },
    expected: ["invalid_value@note"],
    check: (f) => expect(f[0]?.message).toContain("at most 5 characters"),
  },
  {
    name: "nullable: wrong type names both",
    schema: order,
    args: { ...base, note: 5 },
    expected: ["type_mismatch@note"],
    check: (f) => expect(f[0]).toMatchObject({ expected: "string or null", suggestion: { coerce: "5" } }),
  },
  { name: "uniqueItems and maxItems", schema: order, args: { ...base, tags: ["a", "a", "b", "c"] }, expected: ["invalid_value@tags", "invalid_value@tags"] },
  { name: "a parameter with a default is not required", schema: order, args: base, expected: [] },
  {
    name: "defaults listed as required are still required (OpenAI strict)",
    schema: { type: "object", properties: { units: { type: "string", enum: ["c", "f"], default: "c" } }, required: ["units"] },
    args: {},
    expected: ["missing_argument@units"],
    check: (f) => expect(f[0]?.expected).toBe('"c" | "f"'),
  },
  {
    name: "multipleOf and minLength",
    schema: { type: "object", properties: { step: { type: "number", multipleOf: 5 }, code: { type: "string", minLength: 3 } } },
    args: { step: 7, code: "ab" },
    expected: ["invalid_value@step", "invalid_value@code"],
  },
  { name: "const", schema: { type: "object", properties: { kind: { const: "user" } } }, args: { kind: "group" }, expected: ["invalid_value@kind"] },
  {
    name: "unicode keys and values",
    schema: { type: "object", properties: { "città": { type: "string" }, "値": { type: "integer" } }, required: ["città"] },
    args: { "città": "Roma 🇮🇹", "値": "٣" },
    expected: ["type_mismatch@値"],
  },
  {
    name: "a 1 MB string value",
    schema: { type: "object", properties: { text: { type: "string" }, n: { type: "integer" } } },
    args: { text: "y".repeat(1_000_000), n: "z".repeat(1_000_000) },
    expected: ["type_mismatch@n"],
    check: (f) => expect(JSON.stringify(f).length).toBeLessThan(2_000),
  },
  {
    name: "keys that shadow Object.prototype still count as missing",
    schema: { type: "object", properties: { toString: { type: "string" } }, required: ["toString"] },
    args: {},
    expected: ["missing_argument@toString"],
  },
  {
    name: "dependentRequired",
    schema: { type: "object", properties: { card: { type: "string" }, cvc: { type: "string" } }, dependentRequired: { card: ["cvc"] } },
    args: { card: "4242" },
    expected: ["missing_argument@cvc"],
    check: (f) => expect(f[0]?.message).toContain('required when "card" is present'),
  },
];

describe("argument validation", () => {
  it.each(rows)("$name", ({ schema, args, expected, check }) => {
    const { findings, ok } = diagnoseAgainst(schema, args);
    expect(codes(findings)).toEqual(expected);
    expect(ok).toBe(expected.length === 0);
    check?.(findings);
  });
});

const query: JsonSchema = {
  type: "object",
  $defs: {
    Operator: { type: "string", enum: ["=", ">", "<"] },
    DynamicValue: { type: "object", properties: { column_name: { type: "string" } }, required: ["column_name"], additionalProperties: false },
    Condition: {
      type: "object",
      properties: {
        column: { type: "string" },
        operator: { $ref: "#/$defs/Operator" },
        value: { anyOf: [{ type: "string" }, { type: "integer" }, { $ref: "#/$defs/DynamicValue" }] },
      },
      required: ["column", "operator", "value"],
      additionalProperties: false,
    },
  },
  properties: {
    name: { anyOf: [{ type: "string" }, { type: "null" }] },
    table: { anyOf: [{ $ref: "#/$defs/Operator" }, { type: "null" }] },
    conditions: { type: "array", items: { $ref: "#/$defs/Condition" } },
  },
  required: ["name", "conditions"],
  additionalProperties: false,
};

const unionRows: Row[] = [
  { name: "$ref/$defs: valid", schema: query, args: { name: null, conditions: [{ column: "a", operator: "=", value: { column_name: "b" } }] }, expected: [] },
  {
    name: "$ref: enum through a reference",
    schema: query,
    args: { name: "q", conditions: [{ column: "a", operator: "==", value: 1 }] },
    expected: ["invalid_value@conditions.0.operator"],
  },
  {
    name: "anyOf: no branch takes a boolean -> one type_mismatch",
    schema: query,
    args: { name: "q", conditions: [{ column: "a", operator: "=", value: true }] },
    expected: ["type_mismatch@conditions.0.value"],
    check: (f) => expect(f[0]).toMatchObject({ expected: "string or integer or object", received: "boolean", suggestion: { coerce: "true" } }),
  },
  {
    name: "anyOf: the one object branch's own findings",
    schema: query,
    args: { name: "q", conditions: [{ column: "a", operator: "=", value: { column_nam: "b" } }] },
    expected: ["unexpected_argument@conditions.0.value.column_nam", "missing_argument@conditions.0.value.column_name"],
    check: (f) => expect(f[0]?.suggestion).toEqual({ rename: "column_name" }),
  },
  {
    name: "nullable anyOf with a $ref'd enum: says the enum",
    schema: query,
    args: { name: "q", table: "!", conditions: [] },
    expected: ["invalid_value@table"],
    check: (f) => expect(f[0]?.message).toContain('must be one of "=", ">", "<"'),
  },
  {
    name: "nullable anyOf: wrong type",
    schema: query,
    args: { name: 5, conditions: [] },
    expected: ["type_mismatch@name"],
    check: (f) => expect(f[0]).toMatchObject({ expected: "string or null", suggestion: { coerce: "5" } }),
  },
  {
    name: "anyOf: two string branches -> one invalid_value",
    schema: { type: "object", properties: { when: { anyOf: [{ type: "string", format: "date" }, { type: "string", pattern: "^today$" }] } } },
    args: { when: "soon" },
    expected: ["invalid_value@when"],
    check: (f) => expect(f[0]?.message).toMatch(/one of the 2 allowed alternatives.*valid date/),
  },
  {
    name: "anyOf beside a type: the type error stands on its own",
    schema: { type: "object", properties: { code: { type: "string", anyOf: [{ minLength: 3 }, { pattern: "^x" }] } } },
    args: { code: 5 },
    expected: ["type_mismatch@code"],
    check: (f) => expect(f[0]?.suggestion).toEqual({ coerce: "5" }),
  },
  {
    name: "anyOf beside a type: a right-typed value that fits no alternative",
    schema: { type: "object", properties: { code: { type: "string", anyOf: [{ minLength: 3 }, { pattern: "^x" }] } } },
    args: { code: "ab" },
    expected: ["invalid_value@code"],
  },
  {
    name: "oneOf: matching both alternatives",
    schema: { type: "object", properties: { id: { oneOf: [{ type: "string" }, { type: "string", minLength: 1 }] } } },
    args: { id: "x" },
    expected: ["invalid_value@id"],
  },
  {
    name: "nested anyOf inside an anyOf",
    schema: { type: "object", properties: { v: { anyOf: [{ anyOf: [{ type: "integer" }, { type: "null" }] }, { type: "boolean" }] } } },
    args: { v: "1" },
    expected: ["type_mismatch@v"],
    check: (f) => expect(f[0]).toMatchObject({ expected: "integer or null or boolean", suggestion: { coerce: 1 } }),
  },
  {
    name: "definitions (draft-07 style)",
    schema: {
      $schema: "http://json-schema.org/draft-07/schema#",
      type: "object",
      definitions: { Point: { type: "object", properties: { x: { type: "number" } }, required: ["x"] } },
      properties: { at: { $ref: "#/definitions/Point" } },
    },
    args: { at: {} },
    expected: ["missing_argument@at.x"],
  },
  {
    name: "draft-07 tuple items",
    schema: { type: "object", properties: { pair: { type: "array", items: [{ type: "string" }, { type: "integer" }] } } },
    args: { pair: ["a", "b"] },
    expected: ["type_mismatch@pair.1"],
  },
  {
    name: "2020-12 prefixItems",
    schema: { $schema: "https://json-schema.org/draft/2020-12/schema", type: "object", properties: { pair: { type: "array", prefixItems: [{ type: "string" }, { type: "integer" }] } } },
    args: { pair: [1, 2] },
    expected: ["type_mismatch@pair.0"],
  },
];

describe("$ref and unions", () => {
  it.each(unionRows)("$name", ({ schema, args, expected, check }) => {
    const { findings } = diagnoseAgainst(schema, args);
    expect(codes(findings)).toEqual(expected);
    check?.(findings);
  });
});

describe("schemas that do not compile", () => {
  it.each([
    { name: "BFCL's dict", schema: { type: "dict", properties: { a: { type: "integer" } }, required: ["a", "b"] }, args: { a: "x" }, expected: ["missing_argument@b", "type_mismatch@a"] },
    { name: "a dangling $ref", schema: { type: "object", properties: { a: { $ref: "#/$defs/Nope" }, n: { type: "number" } }, required: ["a"] }, args: { n: "1" }, expected: ["missing_argument@a", "type_mismatch@n"] },
    { name: "a Python-only regex", schema: { type: "object", properties: { s: { type: "string", pattern: "(?P<x>a)" } } }, args: { s: 1 }, expected: ["type_mismatch@s"] },
    { name: "draft-04 boolean exclusiveMaximum", schema: { type: "object", properties: { n: { type: "number", maximum: 3, exclusiveMaximum: true } }, required: ["m"] }, args: { n: 1 }, expected: ["missing_argument@m"] },
  ])("$name: falls back to a structural check", ({ schema, args, expected }) => {
    const result = validateArguments(args, schema);
    expect(result.schemaError).toEqual(expect.any(String));
    expect(codes(result.findings)).toEqual(expected);
    expect(() => diagnoseAgainst(schema, args)).not.toThrow();
  });

  it("unknown formats and keywords are ignored, not fatal", () => {
    const schema = { type: "object", properties: { n: { type: "integer", format: "int32", optional: true } }, strict: true };
    expect(validateArguments({ n: 1 }, schema)).toEqual({ findings: [] });
  });

  it("compiles a schema once, whatever the object identity", () => {
    const a = JSON.parse(JSON.stringify(order)) as JsonSchema;
    const b = JSON.parse(JSON.stringify(order)) as JsonSchema;
    expect(validateArguments(base, a).findings).toEqual([]);
    const start = performance.now();
    for (let i = 0; i < 2_000; i++) validateArguments(base, i % 2 ? a : b);
    expect(performance.now() - start).toBeLessThan(1_000);
  });

  it("tools sharing an $id do not clash", () => {
    const one = { $id: "https://example.com/args", type: "object", properties: { a: { type: "string" } } };
    const two = { $id: "https://example.com/args", type: "object", properties: { a: { type: "integer" } } };
    expect(codes(validateArguments({ a: 1 }, one).findings)).toEqual(["type_mismatch@a"]);
    expect(codes(validateArguments({ a: "x" }, two).findings)).toEqual(["type_mismatch@a"]);
  });
});
