import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import type { JsonSchema } from "../../src/tools/json-schema.js";
import { describeParameters, formatSignature } from "../../src/tools/signature.js";
import { zodToJsonSchema } from "../../src/tools/zod-to-json-schema.js";

const REALDATA = join(import.meta.dirname, "../../../shared/realdata");

describe("describeParameters", () => {
  it("nested objects are dotted, arrays of objects use []", () => {
    const rows = describeParameters({
      type: "object",
      properties: {
        customer: {
          type: "object",
          description: "Who pays",
          properties: { email: { type: "string", format: "email" }, address: { type: "object", properties: { city: { type: "string" } }, required: ["city"] } },
          required: ["email"],
        },
        items: {
          type: "array",
          minItems: 1,
          items: { type: "object", properties: { sku: { type: "string", pattern: "^SKU-\\d+$" }, qty: { type: "integer", minimum: 1, maximum: 99 } }, required: ["sku"] },
        },
      },
      required: ["items"],
    });
    expect(rows).toEqual([
      { path: "customer", type: "object", required: false, description: "Who pays" },
      { path: "customer.email", type: "string", required: true, constraints: "format email" },
      { path: "customer.address", type: "object", required: false },
      { path: "customer.address.city", type: "string", required: true },
      { path: "items", type: "object[]", required: true, constraints: "at least 1 item" },
      { path: "items[].sku", type: "string", required: true, constraints: "pattern ^SKU-\\d+$" },
      { path: "items[].qty", type: "integer", required: false, constraints: ">= 1 · <= 99" },
    ]);
  });

  it("follows local $ref / $defs / definitions, keeps a description beside the $ref, and stops at recursion", () => {
    const rows = describeParameters({
      type: "object",
      $defs: { Money: { type: "object", properties: { amount: { type: "number", exclusiveMinimum: 0 }, currency: { $ref: "#/definitions/Currency" } }, required: ["amount"] } },
      definitions: { Currency: { type: "string", enum: ["EUR", "USD"], default: "EUR" } },
      properties: {
        total: { $ref: "#/$defs/Money", description: "Invoice total" },
        parent: { $ref: "#" },
        remote: { $ref: "https://example.com/schema.json" },
      },
    });
    expect(rows).toEqual([
      { path: "total", type: "object", required: false, description: "Invoice total" },
      { path: "total.amount", type: "number", required: true, constraints: "> 0" },
      { path: "total.currency", type: "string", required: false, constraints: 'one of "EUR", "USD" · default "EUR"' },
      { path: "parent", type: "object", required: false },
      { path: "remote", type: "schema.json", required: false },
    ]);
  });

  it("unions render as `a | b`, nullable objects are still looked into, enums without a type are inferred", () => {
    const rows = describeParameters({
      type: "object",
      properties: {
        note: { type: ["string", "null"], maxLength: 200 },
        id: { anyOf: [{ type: "string" }, { type: "integer" }] },
        level: { enum: ["low", "high", null] },
        mode: { const: "fast" },
        filter: { anyOf: [{ type: "object", properties: { field: { type: "string" } } }, { type: "null" }] },
        tags: { type: "array", items: { anyOf: [{ type: "string" }, { type: "number" }] } },
        legacy: { type: "string", nullable: true },
        anything: {},
      },
      required: ["id"],
    });
    expect(rows.map((r) => [r.path, r.type, r.constraints])).toEqual([
      ["note", "string | null", "max length 200"],
      ["id", "string | integer", undefined],
      ["level", "string | null", 'one of "low", "high", null'],
      ["mode", "string", '= "fast"'],
      ["filter", "object | null", undefined],
      ["filter.field", "string", undefined],
      ["tags", "(string | number)[]", undefined],
      ["legacy", "string | null", undefined],
      ["anything", "any", undefined],
    ]);
  });

  it("reads zod output, including recursive lazy schemas", () => {
    type Category = { name: string; children: Category[] };
    const Category: z.ZodType<Category> = z.object({ name: z.string().describe("Label"), get children() { return z.array(Category); } });
    const converted = zodToJsonSchema(z.object({ root: Category, depth: z.number().int().default(2) }));
    if (!converted.ok) throw new Error(converted.message);
    const rows = describeParameters(converted.schema);
    expect(rows.map((r) => r.path)).toEqual(["root", "root.name", "root.children", "depth"]);
    expect(rows.find((r) => r.path === "root.children")?.type).toBe("object[]");
    expect(rows.find((r) => r.path === "depth")).toEqual({ path: "depth", type: "integer", required: false, constraints: "default 2" });
  });

  it("never throws on odd input", () => {
    const odd: unknown[] = [{}, { type: "object" }, { properties: "x" }, { type: "object", properties: { a: null, b: 5, c: { $ref: "#/$defs/%E0%A4%A" } } }, { $ref: "#" }];
    for (const schema of odd) expect(() => describeParameters(schema as JsonSchema)).not.toThrow();
    expect(describeParameters({ type: "object", properties: { a: null } })).toEqual([{ path: "a", type: "any", required: false }]);
  });
});

describe("formatSignature", () => {
  it("one line, optional parameters marked", () => {
    const parameters = { type: "object", properties: { invoice_id: { type: "string" }, priority: { type: "integer" } }, required: ["invoice_id"] };
    expect(formatSignature({ name: "get_invoice_status", parameters })).toBe("get_invoice_status(invoice_id: string, priority?: integer)");
    expect(formatSignature({ name: "ping", parameters: {} })).toBe("ping()");
  });
});

describe("real schemas (openai-python tools.json, BFCL)", () => {
  const toolsFile = JSON.parse(readFileSync(join(REALDATA, "openai-python/tools.json"), "utf8")) as Record<string, { tools?: { function: { name: string; parameters: JsonSchema } }[] }>;
  const functions = Object.values(toolsFile).flatMap((entry) => entry.tools ?? []).map((t) => t.function);

  it("describes every openai-python tool", () => {
    expect(functions.length).toBeGreaterThan(5);
    for (const fn of functions) {
      const rows = describeParameters(fn.parameters);
      expect(rows.length).toBeGreaterThan(0);
      expect(formatSignature(fn)).toMatch(new RegExp(`^${fn.name}\\(.+\\)$`));
    }
    const weather = functions.find((f) => f.name === "GetWeatherArgs");
    expect(describeParameters(weather?.parameters ?? {}).find((r) => r.path === "units")).toEqual({
      path: "units",
      type: "string",
      required: true,
      constraints: 'one of "c", "f" · default "c"',
    });
  });

  it("the Query schema: $defs, $ref, anyOf, enum and a nested object", () => {
    const query = functions.find((f) => f.name === "Query");
    if (!query) throw new Error("Query tool missing from tools.json");
    expect(formatSignature(query)).toBe("Query(name: string | null, table_name: string, columns: string[], conditions: object[], order_by: string)");
    expect(describeParameters(query.parameters)).toEqual([
      { path: "name", type: "string | null", required: true },
      { path: "table_name", type: "string", required: true, constraints: 'one of "orders", "customers", "products"' },
      {
        path: "columns",
        type: "string[]",
        required: true,
        constraints: 'each one of "id", "status", "expected_delivery_date", "delivered_at", "shipped_at", "ordered_at", "canceled_at"',
      },
      { path: "conditions", type: "object[]", required: true },
      { path: "conditions[].column", type: "string", required: true },
      { path: "conditions[].operator", type: "string", required: true, constraints: 'one of "=", ">", "<", "<=", ">=", "!="' },
      { path: "conditions[].value", type: "string | integer | object", required: true },
      { path: "conditions[].value.column_name", type: "string", required: true },
      { path: "order_by", type: "string", required: true, constraints: 'one of "asc", "desc"' },
    ]);
  });

  it("BFCL's dialect schemas (type dict, String, float) describe every top-level parameter", () => {
    const bfclDir = join(REALDATA, "bfcl");
    let described = 0;
    for (const file of readdirSync(bfclDir).filter((name) => name.endsWith(".json"))) {
      for (const line of readFileSync(join(bfclDir, file), "utf8").split("\n").filter(Boolean)) {
        for (const fn of (JSON.parse(line) as { function: { name: string; parameters: JsonSchema }[] }).function) {
          const rows = describeParameters(fn.parameters);
          const topLevel = Object.keys((fn.parameters.properties as object | undefined) ?? {});
          expect(rows.filter((r) => !r.path.includes(".") && !r.path.includes("[")).map((r) => r.path)).toEqual(topLevel);
          described++;
        }
      }
    }
    expect(described).toBeGreaterThan(400);
  });
});
