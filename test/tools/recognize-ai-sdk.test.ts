import { describe, expect, it } from "vitest";
import { z } from "zod";
import { call, recognize, rejection, toolNamed } from "./recognize-helpers.js";

// The `ai` package is not installed; these mirror @ai-sdk/provider-utils as documented and shipped.
// tool() is the identity function: it only exists for type inference.
const tool = <T>(definition: T): T => definition;

const schemaSymbol = Symbol.for("vercel.ai.schema");
const validatorSymbol = Symbol.for("vercel.ai.validator");
type ValidationResult = { success: true; value: unknown } | { success: false; error: Error };

/** jsonSchema() of AI SDK 5: a plain object branded with registered symbols. */
function jsonSchemaV5(schema: object, options: { validate?: (value: unknown) => ValidationResult | Promise<ValidationResult> } = {}) {
  return { [schemaSymbol]: true, _type: undefined, [validatorSymbol]: true, jsonSchema: schema, validate: options.validate };
}

/** jsonSchema() of AI SDK 6: the schema may be given lazily and is resolved in a getter. */
function jsonSchemaV6(schema: object | (() => object), options: { validate?: (value: unknown) => ValidationResult } = {}) {
  let resolved = schema;
  return {
    [schemaSymbol]: true,
    _type: undefined,
    get jsonSchema() {
      if (typeof resolved === "function") resolved = resolved();
      return resolved;
    },
    validate: options.validate,
  };
}

describe("Vercel AI SDK tools", () => {
  it("a record of zod tools: the key is the name; execute gets the input and call options", async () => {
    const seen: unknown[] = [];
    const tools = {
      getWeather: tool({
        description: "Weather for a city",
        inputSchema: z.object({ city: z.string().describe("City"), unit: z.enum(["c", "f"]).default("c") }),
        execute: async (input: unknown, options: unknown) => {
          seen.push({ input, options });
          return "sunny";
        },
      }),
    };
    const result = recognize({ tools });
    expect(result.errors).toEqual([]);
    const t = toolNamed(result.tools, "getWeather");
    expect(t.spec).toMatchObject({
      shape: "ai-sdk",
      description: "Weather for a city",
      executable: true,
      source: { exportName: "tools.getWeather" },
      parameters: { type: "object", properties: { city: { description: "City" }, unit: { default: "c" } }, required: ["city"] },
    });
    await expect(call(t, { city: "Rome" }, "validated")).resolves.toBe("sunny");
    await call(t, { town: "Rome" }, "raw");
    expect(seen).toEqual([
      { input: { city: "Rome", unit: "c" }, options: { toolCallId: expect.any(String), messages: [] } },
      { input: { town: "Rome" }, options: { toolCallId: expect.any(String), messages: [] } },
    ]);
    expect((await rejection(call(t, { city: 3 }, "validated"))).issues.map((i) => i.path)).toEqual(["city"]);
  });

  it("reads AI SDK 4 `parameters` and a default-exported record", () => {
    const { tools } = recognize({ default: { search: { description: "Search", parameters: z.object({ q: z.string() }), execute: () => [] } } });
    expect(toolNamed(tools, "search").spec).toMatchObject({ shape: "ai-sdk", source: { exportName: "default.search" } });
  });

  it("jsonSchema() with validate: its verdict decides validated mode, zod issues in `cause` become paths", async () => {
    const validate = (value: unknown): ValidationResult => {
      const parsed = z.object({ id: z.string() }).safeParse(value);
      return parsed.success ? { success: true, value: { ...parsed.data, checked: true } } : { success: false, error: Object.assign(new Error("Type validation failed"), { cause: parsed.error }) };
    };
    const tools = { lookup: tool({ inputSchema: jsonSchemaV5({ type: "object", properties: { id: { type: "string" } }, required: ["id"] }, { validate }), execute: (input: unknown) => input }) };
    const t = toolNamed(recognize({ tools }).tools, "lookup");
    expect(t.spec.parameters).toEqual({ type: "object", properties: { id: { type: "string" } }, required: ["id"] });
    await expect(call(t, { id: "x" }, "validated")).resolves.toEqual({ id: "x", checked: true });
    expect((await rejection(call(t, { id: 1 }, "validated"))).issues.map((i) => i.path)).toEqual(["id"]);
  });

  it("jsonSchema() without validate (AI SDK 6, lazy getter) passes arguments through, as the SDK does", async () => {
    const tools = { lazy: tool({ inputSchema: jsonSchemaV6(() => ({ type: "object", properties: { n: { type: "number" } } })), execute: (input: unknown) => input }) };
    const t = toolNamed(recognize({ tools }).tools, "lazy");
    expect(t.spec.parameters).toEqual({ type: "object", properties: { n: { type: "number" } } });
    await expect(call(t, { n: "not a number" }, "validated")).resolves.toEqual({ n: "not a number" });
  });

  it("a plain JSON Schema is validated with ajv; no schema at all is an empty object", async () => {
    const tools = {
      plain: tool({ inputSchema: { type: "object", properties: { n: { type: "number" } }, required: ["n"] }, execute: () => "ok" }),
      bare: tool({ description: "No input", inputSchema: undefined, execute: () => "bare" }),
    };
    const result = recognize({ tools });
    expect((await rejection(call(toolNamed(result.tools, "plain"), {}, "validated"))).issues[0]?.path).toBe("n");
    expect(toolNamed(result.tools, "bare").spec.parameters).toEqual({ properties: {}, additionalProperties: false });
  });

  it("a streaming execute (async generator) yields its last value", async () => {
    const tools = {
      progress: tool({
        inputSchema: z.object({}),
        async *execute() {
          yield "starting";
          yield "done";
        },
      }),
    };
    await expect(call(toolNamed(recognize({ tools }).tools, "progress"), {}, "raw")).resolves.toBe("done");
  });

  it("a tool exported alone and listed in the record is one tool, named by its key", () => {
    const weatherTool = tool({ description: "Weather", inputSchema: z.object({ city: z.string() }), execute: () => "sun" });
    const { tools, errors } = recognize({ weatherTool, tools: { weather: weatherTool } });
    expect(errors).toEqual([]);
    expect(tools.map((t) => [t.spec.name, t.spec.source.exportName])).toEqual([["weather", "tools.weather"]]);
    const alone = recognize({ weatherTool });
    expect(alone.tools.map((t) => t.spec.name)).toEqual(["weatherTool"]);
  });

  it("an unnamed tool in an array is reported", () => {
    const { tools, errors } = recognize({ list: [tool({ inputSchema: z.object({}), execute: () => 1 })] });
    expect(tools).toEqual([]);
    expect(errors[0]).toMatchObject({ kind: "invalid_tool", message: expect.stringMatching(/^list\[0\]: AI SDK tool has no name/) });
  });

  it("side effects from needsApproval; provider-executed tools are skipped", () => {
    const tools = {
      deleteFile: tool({ inputSchema: z.object({ path: z.string() }), needsApproval: true, execute: () => "deleted" }),
      web_search: { type: "provider-defined", id: "openai.web_search", name: "web_search", args: {}, inputSchema: jsonSchemaV5({ type: "object" }) },
    };
    const result = recognize({ tools });
    expect(result.tools.map((t) => t.spec.name)).toEqual(["deleteFile"]);
    expect(toolNamed(result.tools, "deleteFile").spec.sideEffects).toBe(true);
    expect(result.errors).toEqual([]);
  });

  it("a schema given as a promise is reported, not awaited", () => {
    const tools = { later: tool({ inputSchema: jsonSchemaV6(() => Promise.resolve({ type: "object" }) as unknown as object), execute: () => 1 }) };
    const { errors } = recognize({ tools });
    expect(errors[0]?.message).toMatch(/^tools\.later: .*promise/);
  });
});
