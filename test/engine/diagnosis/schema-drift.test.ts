import { describe, expect, it } from "vitest";
import { diffSchemas } from "../../../src/engine/diagnosis/schema-drift.js";
import type { JsonSchema } from "../../../src/tools/json-schema.js";

const obj = (properties: Record<string, JsonSchema>, required: string[] = [], extra: JsonSchema = {}): JsonSchema => ({
  type: "object",
  properties,
  required,
  ...extra,
});
const str = { type: "string" };
const int = { type: "integer" };

/** `change@path:severity` for each drift finding. */
const summary = (advertised: JsonSchema, executable: JsonSchema): string[] =>
  diffSchemas(advertised, executable).map((f) => `${f.expected}@${f.path}:${f.severity}`);

describe("diffSchemas", () => {
  it.each([
    { name: "identical", shown: obj({ a: str }, ["a"]), actual: obj({ a: str }, ["a"]), expected: [] },
    { name: "identical but reordered keys", shown: { properties: { a: str, b: int }, type: "object" }, actual: obj({ b: int, a: str }), expected: [] },
    { name: "renamed", shown: obj({ id: str }, ["id"]), actual: obj({ invoice_id: str }, ["invoice_id"]), expected: ["renamed@id:error"] },
    { name: "renamed camelCase", shown: obj({ userId: str }), actual: obj({ user_id: str }), expected: ["renamed@userId:error"] },
    { name: "added required", shown: obj({ a: str }), actual: obj({ a: str, b: int }, ["b"]), expected: ["added@b:error"] },
    { name: "added optional", shown: obj({ a: str }), actual: obj({ a: str, b: int }), expected: ["added@b:warning"] },
    { name: "removed (optional)", shown: obj({ a: str, b: int }), actual: obj({ a: str }), expected: ["removed@b:warning"] },
    { name: "removed (required, closed tool)", shown: obj({ a: str, b: int }, ["b"]), actual: obj({ a: str }, [], { additionalProperties: false }), expected: ["removed@b:error"] },
    { name: "retyped", shown: obj({ n: str }), actual: obj({ n: int }), expected: ["retyped@n:error"] },
    { name: "widened: integer -> number", shown: obj({ n: int }), actual: obj({ n: { type: "number" } }), expected: ["retyped@n:warning"] },
    { name: "widened: nullable", shown: obj({ s: str }), actual: obj({ s: { type: ["string", "null"] } }), expected: ["retyped@s:warning"] },
    { name: "enum narrowed", shown: obj({ u: { type: "string", enum: ["c", "f"] } }), actual: obj({ u: { type: "string", enum: ["celsius", "fahrenheit"] } }), expected: ["retyped@u:error"] },
    { name: "enum added by the tool", shown: obj({ u: str }), actual: obj({ u: { type: "string", enum: ["c", "f"] } }), expected: ["retyped@u:error"] },
    { name: "enum dropped by the tool", shown: obj({ u: { type: "string", enum: ["c", "f"] } }), actual: obj({ u: str }), expected: ["retyped@u:warning"] },
    { name: "made required", shown: obj({ a: str }), actual: obj({ a: str }, ["a"]), expected: ["requiredness@a:error"] },
    { name: "made optional", shown: obj({ a: str }, ["a"]), actual: obj({ a: str }), expected: ["requiredness@a:warning"] },
    {
      name: "nested object",
      shown: obj({ address: obj({ street: str, zip: str }) }),
      actual: obj({ address: obj({ street: str, postcode: str }, ["postcode"]) }),
      expected: ["removed@address.zip:warning", "added@address.postcode:error"],
    },
    {
      name: "array of objects",
      shown: obj({ items: { type: "array", items: obj({ sku: str }) } }),
      actual: obj({ items: { type: "array", items: obj({ sku: int }) } }),
      expected: ["retyped@items.*.sku:error"],
    },
    {
      name: "$ref vs inline is not drift",
      shown: { type: "object", $defs: { U: { type: "string", enum: ["c", "f"] } }, properties: { u: { $ref: "#/$defs/U" } } },
      actual: obj({ u: { type: "string", enum: ["c", "f"] } }),
      expected: [],
    },
    {
      name: "several changes at once",
      shown: obj({ id: str, mode: str, legacy: str }, ["id"]),
      actual: obj({ invoice_id: str, mode: int, token: str }, ["invoice_id", "token"]),
      expected: ["renamed@id:error", "removed@legacy:warning", "added@token:error", "retyped@mode:error"],
    },
  ])("$name", ({ shown, actual, expected }) => {
    expect(summary(shown, actual)).toEqual(expected);
  });

  it("a rename carries the new name as the suggestion", () => {
    const [finding] = diffSchemas(obj({ id: str }, ["id"]), obj({ invoice_id: str }, ["invoice_id"]));
    expect(finding).toMatchObject({ code: "schema_drift", path: "id", suggestion: { rename: "invoice_id" } });
    expect(finding?.message).toContain('"invoice_id"');
  });

  it("repeated diffs are cached but return fresh findings", () => {
    const shown = obj({ a: str });
    const actual = obj({ a: int });
    const first = diffSchemas(shown, actual);
    const second = diffSchemas(shown, actual);
    expect(second).toEqual(first);
    expect(second[0]).not.toBe(first[0]);
  });

  it("never throws on junk", () => {
    for (const junk of [{}, { properties: 5 }, { properties: { a: null } }, { $ref: "#/nope" }, { allOf: "x" }] as JsonSchema[]) {
      expect(() => diffSchemas(junk, obj({ a: str }))).not.toThrow();
      expect(() => diffSchemas(obj({ a: str }), junk)).not.toThrow();
    }
  });
});
