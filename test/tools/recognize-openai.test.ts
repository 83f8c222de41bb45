import { zodFunction, zodResponsesFunction } from "openai/helpers/zod";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { call, recognize, rejection, toolNamed } from "./recognize-helpers.js";

const weatherParameters = {
  type: "object",
  properties: {
    city: { type: "string", description: "City name" },
    units: { type: "string", enum: ["c", "f"] },
    when: { type: "object", properties: { day: { type: "string", format: "date" } }, required: ["day"] },
  },
  required: ["city"],
  additionalProperties: false,
};

describe("OpenAI function tools", () => {
  it("a bare definition is schema-only", async () => {
    const getWeather = { type: "function", function: { name: "get_weather", description: "Weather now", parameters: weatherParameters } };
    const { tools, errors } = recognize({ getWeather });
    expect(errors).toEqual([]);
    const t = toolNamed(tools, "get_weather");
    expect(t.spec).toMatchObject({ shape: "openai-function", executable: false, description: "Weather now", parameters: weatherParameters });
    await expect(call(t, { city: "Paris" }, "raw")).rejects.toThrow(/schema-only/);
  });

  it("execute beside it: validated mode checks with ajv, raw mode does not", async () => {
    const getWeather = {
      type: "function",
      function: { name: "get_weather", parameters: weatherParameters },
      execute: (args: unknown) => ({ got: args }),
    };
    const t = toolNamed(recognize({ getWeather }).tools, "get_weather");
    expect(t.spec.executable).toBe(true);
    await expect(call(t, { city: "Paris" }, "validated")).resolves.toEqual({ got: { city: "Paris" } });
    const failure = await rejection(call(t, { town: "Paris", units: "k", when: { day: "tomorrow" } }, "validated"));
    expect(failure.issues.map((i) => i.path).sort()).toEqual(["city", "town", "units", "when.day"]);
    expect(failure.issues.find((i) => i.path === "city")?.message).toMatch(/required/);
    expect(failure.issues.find((i) => i.path === "when.day")?.message).toMatch(/format "date"/);
    await expect(call(t, { town: "Paris" }, "raw")).resolves.toEqual({ got: { town: "Paris" } });
  });

  it("run beside it works the same way", async () => {
    const ping = { type: "function", function: { name: "ping" }, run: () => "pong" };
    const t = toolNamed(recognize({ ping }).tools, "ping");
    // No parameters means an empty object schema, as OpenAI assumes.
    expect(t.spec.parameters).toEqual({ type: "object", properties: {} });
    await expect(call(t, {}, "validated")).resolves.toBe("pong");
  });

  it("runTools() RunnableToolFunction with parse: validated goes through parse, raw bypasses it", async () => {
    const seen: unknown[] = [];
    const lookup = {
      type: "function",
      function: {
        function: function lookup_order(args: unknown) {
          seen.push(args);
          return "ok";
        },
        parse: (text: string) => ({ ...(JSON.parse(text) as object), parsed: true }),
        parameters: { type: "object", properties: { id: { type: "string" } }, required: ["id"] },
        description: "Find an order",
      },
    };
    const t = toolNamed(recognize({ lookup }).tools, "lookup_order");
    expect(t.spec.description).toBe("Find an order");
    await call(t, { id: "A" }, "validated");
    await call(t, { id: "B" }, "raw");
    expect(seen).toEqual([{ id: "A", parsed: true }, { id: "B" }]);
    const failure = await rejection(call(t, {}, "validated"));
    expect(failure.issues[0]?.path).toBe("id");
  });

  it("runTools() function without parse receives the raw arguments string in both modes", async () => {
    const echo = { type: "function", function: { name: "echo", function: (raw: unknown) => raw, parameters: { type: "object", properties: {} } } };
    const t = toolNamed(recognize({ echo }).tools, "echo");
    await expect(call(t, { a: 1 }, "validated", '{"a": 1}')).resolves.toBe('{"a": 1}');
    await expect(call(t, { a: 1 }, "raw", '{"a": 1}')).resolves.toBe('{"a": 1}');
  });

  it("a parse error is a validation failure, as runTools() reports it to the model", async () => {
    const strict = {
      type: "function",
      function: { name: "strict", function: () => "ran", parse: () => { throw new Error("bad input"); }, parameters: { type: "object" } },
    };
    const t = toolNamed(recognize({ strict }).tools, "strict");
    expect((await rejection(call(t, {}, "validated"))).issues).toEqual([{ path: "", message: "bad input" }]);
  });

  it("reads the flat Responses API definition", () => {
    const flat = { type: "function", name: "search", description: "Search docs", parameters: { type: "object", properties: { q: { type: "string" } } }, strict: false };
    expect(toolNamed(recognize({ flat }).tools, "search").spec).toMatchObject({ shape: "openai-function", executable: false, description: "Search docs" });
  });

  it("reads a legacy `functions` entry as a schema-only OpenAI function", () => {
    const legacy = { name: "get_weather", description: "Weather", parameters: weatherParameters };
    expect(toolNamed(recognize({ functions: { weather: legacy } }).tools, "get_weather").spec).toMatchObject({ shape: "openai-function", executable: false });
  });

  it("sideEffects: true beside the definition marks side effects", () => {
    const charge = { type: "function", function: { name: "charge", parameters: { type: "object" } }, execute: () => "charged", sideEffects: true };
    const forecast = Object.assign(zodFunction({ name: "forecast", parameters: z.object({}), function: () => 1 }), { sideEffects: true });
    const { tools } = recognize({ charge, forecast });
    expect(tools.map((t) => [t.spec.name, t.spec.sideEffects])).toEqual([
      ["charge", true],
      ["forecast", true],
    ]);
  });

  it("a schema ajv cannot compile still loads; only validated mode refuses", async () => {
    const bfcl = { type: "function", function: { name: "calc", parameters: { type: "dict", properties: { x: { type: "float" } } } }, execute: () => 1 };
    const { tools, errors } = recognize({ bfcl });
    // "dict" is not "object": tooldbg reports it instead of guessing.
    expect(tools).toEqual([]);
    expect(errors[0]?.message).toMatch(/^bfcl: .*"dict"/);
    const odd = { type: "function", function: { name: "odd", parameters: { type: "object", properties: { x: { type: "float" } } } }, execute: () => 1 };
    const t = toolNamed(recognize({ odd }).tools, "odd");
    expect((await rejection(call(t, { x: 1 }, "validated"))).issues[0]?.message).toMatch(/cannot be used to validate/);
    await expect(call(t, { x: 1 }, "raw")).resolves.toBe(1);
  });

  it("reports definitions without a name or with non-object parameters", () => {
    const noName = { type: "function", function: { description: "what am I", parameters: { type: "object" } } };
    const badParams = { type: "function", function: { name: "bad", parameters: "city: string" } };
    const { tools, errors } = recognize({ noName, badParams });
    expect(tools).toEqual([]);
    const invalid = errors.filter((e) => e.kind === "invalid_tool").map((e) => e.message).sort();
    expect(invalid).toEqual([expect.stringMatching(/^badParams: OpenAI function "bad"/), expect.stringMatching(/^noName: .*no function\.name/)]);
  });

  it("does not mistake a scripted tool call for a tool", () => {
    const turn = { type: "function", id: "call_1", function: { name: "get_weather", arguments: "{}" } };
    const { tools, errors } = recognize({ turn });
    expect(tools).toEqual([]);
    expect(errors.map((e) => e.kind)).toEqual(["no_tools"]);
  });
});

describe("openai/helpers/zod zodFunction()", () => {
  const parameters = z.object({ city: z.string().describe("City name"), days: z.number().int().min(1) });

  it("takes the schema openai computed (strict) and calls $callback", async () => {
    const forecast = zodFunction({ name: "forecast", description: "Forecast", parameters, function: (args) => ({ ok: args }) });
    const { tools, errors } = recognize({ forecast });
    expect(errors).toEqual([]);
    const t = toolNamed(tools, "forecast");
    expect(t.spec).toMatchObject({ shape: "openai-zod-function", executable: true, description: "Forecast" });
    expect(t.spec.parameters).toEqual(forecast.function.parameters);
    expect(t.spec.parameters).toMatchObject({ additionalProperties: false, properties: { city: { description: "City name" } } });
    await expect(call(t, { city: "Oslo", days: 2 }, "validated")).resolves.toEqual({ ok: { city: "Oslo", days: 2 } });
    await expect(call(t, { city: 1 }, "raw")).resolves.toEqual({ ok: { city: 1 } });
  });

  it("validated mode runs $parseRaw on the raw text: bad JSON and zod issues are validation failures", async () => {
    const forecast = zodFunction({ name: "forecast", parameters, function: () => "ran" });
    const t = toolNamed(recognize({ forecast }).tools, "forecast");
    const syntax = await rejection(call(t, {}, "validated", '{"city": "Oslo",'));
    expect(syntax.issues[0]?.message).toMatch(/not valid JSON/);
    const schema = await rejection(call(t, { city: "Oslo", days: 0 }, "validated"));
    expect(schema.issues).toEqual([{ path: "days", message: expect.stringMatching(/>=\s*1/) }]);
  });

  it("without a function it is schema-only", () => {
    const forecast = zodFunction({ name: "forecast", parameters });
    expect(toolNamed(recognize({ forecast }).tools, "forecast").spec.executable).toBe(false);
  });

  it("reads the Responses variant", async () => {
    const forecast = zodResponsesFunction({ name: "forecast_r", parameters, function: () => "r" });
    const t = toolNamed(recognize({ forecast }).tools, "forecast_r");
    expect(t.spec.shape).toBe("openai-zod-function");
    await expect(call(t, { city: "Oslo", days: 1 }, "validated")).resolves.toBe("r");
  });
});
