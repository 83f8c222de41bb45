import { describe, expect, it } from "vitest";
import type { Finding } from "../../../src/engine/diagnosis/finding.js";
import { findUnexpectedArguments } from "../../../src/engine/diagnosis/unexpected-keys.js";
import type { JsonSchema } from "../../../src/tools/json-schema.js";
import { codes } from "./diagnosis-helpers.js";

const props = { city: { type: "string" }, units: { type: "string" } };

interface Row {
  name: string;
  schema: JsonSchema;
  value: unknown;
  expected: string[];
  renames?: (string | undefined)[];
}

const rows: Row[] = [
  { name: "additionalProperties absent: reported", schema: { type: "object", properties: props }, value: { city: "Paris", country: "FR" }, expected: ["unexpected_argument@country"] },
  { name: "additionalProperties false: reported", schema: { type: "object", properties: props, additionalProperties: false }, value: { cty: "Paris" }, expected: ["unexpected_argument@cty"], renames: ["city"] },
  { name: "additionalProperties true: allowed", schema: { type: "object", properties: props, additionalProperties: true }, value: { country: "FR" }, expected: [] },
  { name: "additionalProperties {}: allowed", schema: { type: "object", properties: props, additionalProperties: {} }, value: { country: "FR" }, expected: [] },
  {
    name: "additionalProperties schema: its object values are walked",
    schema: { type: "object", properties: props, additionalProperties: { type: "object", properties: { v: { type: "number" } } } },
    value: { extra: { v: 1, w: 2 } },
    expected: ["unexpected_argument@extra.w"],
  },
  { name: "bare object: a free-form map", schema: { type: "object" }, value: { anything: 1 }, expected: [] },
  { name: "no parameters declared: any key is unexpected", schema: { type: "object", properties: {} }, value: { q: 1 }, expected: ["unexpected_argument@q"] },
  { name: "patternProperties match", schema: { type: "object", properties: props, patternProperties: { "^x-": { type: "string" } } }, value: { "x-trace": "1" }, expected: [] },
  { name: "patternProperties miss", schema: { type: "object", properties: props, patternProperties: { "^x-": { type: "string" } } }, value: { trace: "1" }, expected: ["unexpected_argument@trace"] },
  {
    name: "nested object",
    schema: { type: "object", properties: { address: { type: "object", properties: { street: { type: "string" }, zip: { type: "string" } } } } },
    value: { address: { street: "x", zipcode: "75001" } },
    expected: ["unexpected_argument@address.zipcode"],
    renames: ["zip"],
  },
  {
    name: "array items",
    schema: { type: "object", properties: { items: { type: "array", items: { type: "object", properties: { sku: { type: "string" } }, required: ["sku"] } } } },
    value: { items: [{ sku: "a" }, { SKU: "b" }] },
    expected: ["unexpected_argument@items.1.SKU"],
    renames: ["sku"],
  },
  {
    name: "prefixItems",
    schema: { type: "object", properties: { pair: { type: "array", prefixItems: [{ type: "object", properties: { a: {} } }, { type: "object", properties: { b: {} } }] } } },
    value: { pair: [{ a: 1 }, { a: 1 }] },
    expected: ["unexpected_argument@pair.1.a"],
  },
  {
    name: "$ref into $defs",
    schema: { type: "object", $defs: { P: { type: "object", properties: { x: {} }, additionalProperties: false } }, properties: { p: { $ref: "#/$defs/P" } } },
    value: { p: { x: 1, y: 2 } },
    expected: ["unexpected_argument@p.y"],
  },
  {
    name: "recursive $ref",
    schema: { type: "object", properties: { name: { type: "string" }, children: { type: "array", items: { $ref: "#" } } } },
    value: { name: "a", children: [{ name: "b", children: [{ nam: "c" }] }] },
    expected: ["unexpected_argument@children.0.children.0.nam"],
  },
  {
    name: "allOf merges the parameters",
    schema: { allOf: [{ type: "object", properties: { a: {} } }, { type: "object", properties: { b: {} } }] },
    value: { a: 1, b: 2, c: 3 },
    expected: ["unexpected_argument@c"],
  },
  {
    name: "anyOf: the branch the keys fit",
    schema: {
      type: "object",
      properties: {
        shape: {
          anyOf: [
            { type: "object", properties: { radius: { type: "number" } }, required: ["radius"] },
            { type: "object", properties: { width: { type: "number" }, height: { type: "number" } }, required: ["width", "height"] },
          ],
        },
      },
    },
    value: { shape: { width: 1, heigth: 2 } },
    expected: ["unexpected_argument@shape.heigth"],
    renames: ["height"],
  },
  {
    name: "oneOf with a discriminator const",
    schema: {
      oneOf: [
        { type: "object", properties: { kind: { const: "cat" }, meows: {} } },
        { type: "object", properties: { kind: { const: "dog" }, barks: {} } },
      ],
    },
    value: { kind: "dog", meows: true },
    expected: ["unexpected_argument@meows"],
  },
  {
    name: "nullable object (anyOf with null)",
    schema: { type: "object", properties: { filter: { anyOf: [{ type: "object", properties: { q: {} } }, { type: "null" }] } } },
    value: { filter: { q: 1, limit: 2 } },
    expected: ["unexpected_argument@filter.limit"],
  },
  {
    name: "keys declared only under then/else are not flagged",
    schema: { type: "object", properties: { mode: {} }, if: { properties: { mode: { const: "a" } } }, then: { properties: { a: {} } }, else: { properties: { b: {} } } },
    value: { mode: "a", a: 1, b: 2 },
    expected: [],
  },
  {
    name: "the rename prefers a missing required parameter",
    schema: { type: "object", properties: { user_name: { type: "string" }, user_id: { type: "string" } }, required: ["user_id"] },
    value: { user: "u1" },
    expected: ["unexpected_argument@user"],
    renames: ["user_id"],
  },
  {
    name: "camelCase for snake_case",
    schema: { type: "object", properties: { user_id: { type: "string" } } },
    value: { userId: "u1" },
    expected: ["unexpected_argument@userId"],
    renames: ["user_id"],
  },
  {
    name: "location_name -> location",
    schema: { type: "object", properties: { location: { type: "string" }, unit: { type: "string" } }, required: ["location"] },
    value: { location_name: "Paris" },
    expected: ["unexpected_argument@location_name"],
    renames: ["location"],
  },
  {
    name: "a present parameter is never the rename",
    schema: { type: "object", properties: { invoice_id: { type: "string" } }, required: ["invoice_id"] },
    value: { invoice_id: "a", id: "b" },
    expected: ["unexpected_argument@id"],
    renames: [undefined],
  },
  {
    name: "one stray key, one missing required of a fitting type",
    schema: { type: "object", properties: { search_text: { type: "string" } }, required: ["search_text"] },
    value: { q: "shoes" },
    expected: ["unexpected_argument@q"],
    renames: ["search_text"],
  },
  {
    name: "one stray key of the wrong type: no blind rename",
    schema: { type: "object", properties: { search_text: { type: "string" } }, required: ["search_text"] },
    value: { q: 5 },
    expected: ["unexpected_argument@q"],
    renames: [undefined],
  },
  {
    name: "two strays never take the same rename",
    schema: { type: "object", properties: { invoice_id: { type: "string" } }, required: ["invoice_id"] },
    value: { invoiceId: "a", invoice: "b" },
    expected: ["unexpected_argument@invoiceId", "unexpected_argument@invoice"],
    renames: ["invoice_id", undefined],
  },
  {
    name: "unicode keys",
    schema: { type: "object", properties: { "città": { type: "string" } } },
    value: { "citta": "Roma", "🌍": 1 },
    expected: ["unexpected_argument@citta", "unexpected_argument@🌍"],
    renames: ["città", undefined],
  },
];

describe("findUnexpectedArguments", () => {
  it.each(rows)("$name", ({ schema, value, expected, renames }) => {
    const findings: Finding[] = findUnexpectedArguments(value, schema);
    expect(codes(findings)).toEqual(expected);
    if (renames) expect(findings.map((f) => f.suggestion?.rename)).toEqual(renames);
  });

  it("stops at a safe depth on deep values with recursive schemas", () => {
    let value: Record<string, unknown> = { leaf: 1 };
    for (let i = 0; i < 5_000; i++) value = { child: value };
    const schema = { type: "object", properties: { child: { $ref: "#" } } };
    expect(() => findUnexpectedArguments(value, schema)).not.toThrow();
  });
});
