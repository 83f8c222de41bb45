import { describe, expect, it } from "vitest";
import { z } from "zod";
import type { JsonSchema } from "../../../src/tools/json-schema.js";
import { codes, diagnoseAgainst } from "./diagnosis-helpers.js";

// What tool() users actually hand tooldbg: zod 4 schemas through z.toJSONSchema (2020-12, input side).
const invoice = z.object({
  invoice_id: z.string().regex(/^INV-\d+$/),
  priority: z.enum(["low", "high"]).default("low"),
  note: z.string().nullable().optional(),
  lines: z.array(z.object({ sku: z.string(), qty: z.number().int().positive() })).min(1),
  when: z.iso.datetime().optional(),
  kind: z
    .discriminatedUnion("type", [z.object({ type: z.literal("a"), x: z.number() }), z.object({ type: z.literal("b"), y: z.string() })])
    .optional(),
});
const schema = z.toJSONSchema(invoice, { io: "input" }) as JsonSchema;
const ok = { invoice_id: "INV-1", lines: [{ sku: "A", qty: 1 }] };

describe("zod-generated schemas", () => {
  it.each([
    { name: "minimal valid call (defaults omitted)", args: ok, expected: [] },
    { name: "every field valid", args: { ...ok, priority: "high", note: null, when: "2024-05-01T10:00:00Z", kind: { type: "b", y: "s" } }, expected: [] },
    { name: "regex", args: { ...ok, invoice_id: "123" }, expected: ["invalid_value@invoice_id"] },
    { name: "date-time: the format, not also its regex", args: { ...ok, when: "yesterday" }, expected: ["invalid_value@when"] },
    { name: "positive int", args: { ...ok, lines: [{ sku: "A", qty: 0 }] }, expected: ["invalid_value@lines.0.qty"] },
    { name: "nullable optional, wrong type", args: { ...ok, note: 1 }, expected: ["type_mismatch@note"] },
    {
      name: "discriminated union: the discriminator picks the branch",
      args: { ...ok, kind: { type: "a", y: "s" } },
      expected: ["unexpected_argument@kind.y", "missing_argument@kind.x"],
    },
    { name: "discriminated union: a wrong field type in the chosen branch", args: { ...ok, kind: { type: "b", y: 5 } }, expected: ["type_mismatch@kind.y"] },
    { name: "unknown key, silent additionalProperties", args: { ...ok, invoiceId: "INV-2" }, expected: ["unexpected_argument@invoiceId"] },
  ])("$name", ({ args, expected }) => {
    expect(codes(diagnoseAgainst(schema, args).findings)).toEqual(expected);
  });

  it("the union message names the rule, not ajv's wording", () => {
    const [finding] = diagnoseAgainst(schema, { ...ok, when: "yesterday" }).findings;
    expect(finding?.message).toContain("must be a valid date-time");
  });

  it("a 2019-09 schema compiles with its own dialect", () => {
    const schema2019 = { $schema: "https://json-schema.org/draft/2019-09/schema", type: "object", properties: { a: { type: "integer" } }, dependentRequired: { a: ["b"] } };
    expect(codes(diagnoseAgainst(schema2019, { a: "1" }).findings)).toEqual(["missing_argument@b", "type_mismatch@a"]);
    expect(diagnoseAgainst(schema2019, { a: 1, b: 2 }).schemaError).toBeUndefined();
  });
});
