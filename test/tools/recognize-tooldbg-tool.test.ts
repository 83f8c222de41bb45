import { describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { TOOL_BRAND, tool } from "../../src/tools/define.js";
import { call, recognize, rejection, toolNamed } from "./recognize-helpers.js";

const getInvoiceStatus = tool({
  name: "get_invoice_status",
  description: "Look up an invoice",
  parameters: z.object({
    invoice_id: z.string().describe("Invoice ID like INV-123"),
    include: z.object({ lines: z.boolean().default(false) }).optional(),
    priority: z.number().int().default(1),
  }),
  execute: async (args) => ({ status: "paid", args }),
});

describe("tooldbg tool()", () => {
  it("becomes a spec with the JSON Schema the model sees", () => {
    const { tools, errors } = recognize({ getInvoiceStatus });
    expect(errors).toEqual([]);
    expect(tools).toHaveLength(1);
    const { spec } = toolNamed(tools, "get_invoice_status");
    expect(spec).toMatchObject({
      name: "get_invoice_status",
      description: "Look up an invoice",
      executable: true,
      sideEffects: false,
      shape: "tooldbg",
      source: { module: "/project/tools.ts", exportName: "getInvoiceStatus" },
    });
    expect(spec.parameters.$schema).toBeUndefined();
    expect(spec.parameters).toMatchObject({
      type: "object",
      properties: { invoice_id: { type: "string", description: "Invoice ID like INV-123" }, priority: { type: "integer", default: 1 } },
      required: ["invoice_id"],
    });
    // The spec crosses to tooldbg's process as JSON.
    expect(JSON.parse(JSON.stringify(spec))).toEqual(spec);
  });

  it("validated mode parses with the tool's zod schema and passes the parsed value (defaults applied)", async () => {
    const t = toolNamed(recognize({ getInvoiceStatus }).tools, "get_invoice_status");
    await expect(call(t, { invoice_id: "INV-1" }, "validated")).resolves.toEqual({ status: "paid", args: { invoice_id: "INV-1", priority: 1 } });
  });

  it("validated mode rejects with zod issues as dotted paths", async () => {
    const t = toolNamed(recognize({ getInvoiceStatus }).tools, "get_invoice_status");
    const failure = await rejection(call(t, { invoice_id: 5, include: { lines: "yes" } }, "validated"));
    expect(failure.issues.map((issue) => issue.path).sort()).toEqual(["include.lines", "invoice_id"]);
    expect(failure.message).toContain("invoice_id");
  });

  it("raw mode hands the arguments straight to execute", async () => {
    const t = toolNamed(recognize({ getInvoiceStatus }).tools, "get_invoice_status");
    await expect(call(t, { id: "INV-1" }, "raw")).resolves.toEqual({ status: "paid", args: { id: "INV-1" } });
  });

  it("uses async parsing so async refinements work", async () => {
    const checked = tool({
      name: "checked",
      parameters: z.object({ code: z.string().refine(async (value) => value.startsWith("A"), "must start with A") }),
      execute: ({ code }) => code,
    });
    const t = toolNamed(recognize({ checked }).tools, "checked");
    await expect(call(t, { code: "Abc" }, "validated")).resolves.toBe("Abc");
    expect((await rejection(call(t, { code: "x" }, "validated"))).issues).toEqual([{ path: "code", message: "must start with A" }]);
  });

  it("keeps `this` for execute and reports side effects and schema-only tools", async () => {
    const sendMail = tool({ name: "send_mail", parameters: z.object({ to: z.string() }), sideEffects: true });
    const counter = { ...tool({ name: "count", parameters: z.object({}), execute() { return (this as unknown as { hits: number }).hits; } }), hits: 3 };
    const { tools } = recognize({ sendMail, counter });
    expect(toolNamed(tools, "send_mail").spec).toMatchObject({ executable: false, sideEffects: true });
    await expect(call(toolNamed(tools, "send_mail"), { to: "a" }, "raw")).rejects.toThrow(/schema-only/);
    await expect(call(toolNamed(tools, "count"), {}, "raw")).resolves.toBe(3);
  });

  it("propagates what execute throws, in both modes", async () => {
    const boom = tool({ name: "boom", parameters: z.object({}), execute: vi.fn(() => { throw new Error("kaboom"); }) });
    const t = toolNamed(recognize({ boom }).tools, "boom");
    await expect(call(t, {}, "validated")).rejects.toThrow("kaboom");
    await expect(call(t, {}, "raw")).rejects.toThrow("kaboom");
  });

  it("accepts a JSON Schema in parameters (JavaScript users) and validates it with ajv", async () => {
    const jsTool = { [TOOL_BRAND]: true, name: "js_tool", parameters: { type: "object", properties: { n: { type: "integer" } }, required: ["n"] }, execute: (a: unknown) => a };
    const t = toolNamed(recognize({ jsTool }).tools, "js_tool");
    expect((await rejection(call(t, { n: "1" }, "validated"))).issues).toEqual([{ path: "n", message: "must be integer" }]);
    await expect(call(t, { n: 1 }, "validated")).resolves.toEqual({ n: 1 });
  });

  it("reports a tool whose parameters are not an object schema, naming the export", () => {
    const scalar = tool({ name: "scalar", parameters: z.string() as never });
    const broken = { [TOOL_BRAND]: true, name: "broken", parameters: "a string" };
    const nameless = { [TOOL_BRAND]: true, name: "", parameters: z.object({}) };
    const { tools, errors } = recognize({ scalar, broken, nameless });
    expect(tools).toEqual([]);
    const messages = errors.filter((e) => e.kind === "invalid_tool").map((e) => e.message);
    expect(messages).toHaveLength(3);
    expect(messages.find((m) => m.startsWith("scalar:"))).toMatch(/describes "string"/);
    expect(messages.find((m) => m.startsWith("broken:"))).toMatch(/got string/);
    expect(messages.find((m) => m.startsWith("nameless:"))).toMatch(/no name/);
  });
});
