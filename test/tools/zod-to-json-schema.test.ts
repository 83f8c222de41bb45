import { describe, expect, it } from "vitest";
import { z } from "zod";
import { z as zodV3 } from "zod/v3";
import { z as oldZod } from "zod-old";
import { tool } from "../../src/tools/define.js";
import { zodToJsonSchema } from "../../src/tools/zod-to-json-schema.js";
import { call, recognize, rejection, toolNamed } from "./recognize-helpers.js";

function converted(schema: unknown) {
  const result = zodToJsonSchema(schema);
  if (!result.ok) throw new Error(result.message);
  return result.schema;
}

describe("zod → the JSON Schema the model sees", () => {
  it("keeps descriptions of schemas built by an older zod copy (4.0, per-copy registry), nested too", () => {
    expect(oldZod.string()._zod.version.minor).toBe(0);
    const schema = oldZod.object({
      invoice_id: oldZod.string().describe("Invoice ID like INV-123"),
      customer: oldZod
        .object({
          email: oldZod.string().describe("Where the receipt goes"),
          tier: oldZod.enum(["free", "pro"]).optional().describe("Plan"),
        })
        .describe("Who is billed"),
      lines: oldZod.array(oldZod.object({ sku: oldZod.string().describe("Stock keeping unit") })).describe("Invoice lines"),
      note: oldZod.string().meta({ description: "Free text", examples: ["late"] }).optional(),
      retries: oldZod.number().int().default(2).describe("How often to retry"),
    });
    // Our zod alone loses them: this is the trap.
    expect(JSON.stringify(z.toJSONSchema(schema as never))).not.toContain("Invoice ID");
    const json = converted(schema);
    expect(json).toMatchObject({
      type: "object",
      properties: {
        invoice_id: { type: "string", description: "Invoice ID like INV-123" },
        customer: {
          description: "Who is billed",
          properties: { email: { description: "Where the receipt goes" }, tier: { description: "Plan", enum: ["free", "pro"] } },
          required: ["email"],
        },
        lines: { description: "Invoice lines", items: { properties: { sku: { description: "Stock keeping unit" } } } },
        note: { description: "Free text", examples: ["late"] },
        retries: { type: "integer", default: 2, description: "How often to retry" },
      },
      required: ["invoice_id", "customer", "lines"],
    });
  });

  it("a tool() built with the older zod copy loads with descriptions and validates with that copy", async () => {
    const lookup = tool({ name: "lookup", parameters: oldZod.object({ id: oldZod.string().describe("Order id") }), execute: ({ id }) => id });
    const t = toolNamed(recognize({ lookup }).tools, "lookup");
    expect(t.spec.parameters).toMatchObject({ properties: { id: { description: "Order id" } } });
    await expect(call(t, { id: "o1" }, "validated")).resolves.toBe("o1");
    expect((await rejection(call(t, {}, "validated"))).issues.map((i) => i.path)).toEqual(["id"]);
  });

  it("works the same for schemas built by our own zod", () => {
    const json = converted(z.object({ a: z.string().describe("A"), nested: z.object({ b: z.number().describe("B").min(1) }) }));
    expect(json).toMatchObject({ properties: { a: { description: "A" }, nested: { properties: { b: { description: "B", minimum: 1 } } } } });
  });

  it("uses input semantics: a parameter with a default is not required; transforms show their input; no $schema", () => {
    const json = converted(
      z.object({
        units: z.enum(["c", "f"]).default("c"),
        count: z.string().transform((s) => Number(s)),
        city: z.string(),
      }),
    );
    expect(json.$schema).toBeUndefined();
    expect(json.required).toEqual(["count", "city"]);
    expect(json.properties).toMatchObject({ units: { default: "c" }, count: { type: "string" } });
  });

  it("types with no JSON equivalent become an empty schema instead of failing the tool", () => {
    const json = converted(z.object({ when: z.date(), city: z.string() }));
    expect(json.properties).toEqual({ when: {}, city: { type: "string" } });
  });

  it("a zod 3 schema is an invalid tool with a message saying what to do", () => {
    const result = recognize({ legacy: tool({ name: "legacy", parameters: zodV3.object({ a: zodV3.string() }) as never }) });
    expect(result.tools).toEqual([]);
    expect(result.errors[0]).toMatchObject({ kind: "invalid_tool", message: expect.stringMatching(/^legacy: .*zod 3 schema.*zod\/v4/) });
  });

  it("another Standard Schema library is refused rather than read as JSON Schema", () => {
    const valibotLike = { kind: "schema", type: "object", entries: {}, "~standard": { version: 1, vendor: "valibot", validate: () => ({ value: {} }) } };
    const result = recognize({ v: tool({ name: "v", parameters: valibotLike as never }) });
    expect(result.errors[0]?.message).toMatch(/^v: .*Standard Schema/);
  });

  it("a non-object zod schema is refused; so is something that is not a schema", () => {
    expect(zodToJsonSchema(z.string())).toMatchObject({ ok: true });
    const result = recognize({ text: tool({ name: "text", parameters: z.array(z.string()) as never }) });
    expect(result.errors[0]?.message).toMatch(/describes "array"/);
    expect(zodToJsonSchema({ safeParse: () => 1 })).toEqual({ ok: false, message: "it is not a zod schema" });
  });
});
