import { describe, expect, it } from "vitest";
import { diagnoseCall, type AdvertisedTool, type DiagnosisContext } from "../../../src/engine/diagnosis/index.js";
import type { JsonSchema } from "../../../src/tools/json-schema.js";
import type { ToolSpec } from "../../../src/tools/tool-spec.js";
import { codes, toolSpec } from "./diagnosis-helpers.js";

const invoiceSchema: JsonSchema = {
  type: "object",
  properties: { invoice_id: { type: "string", description: "Invoice ID like INV-123" } },
  required: ["invoice_id"],
};
const getInvoice = toolSpec("get_invoice_status", invoiceSchema);
const ping = toolSpec("ping", { type: "object", properties: {} });
const schemaOnly = toolSpec("lookup", { type: "object", properties: { q: { type: "string" } }, required: ["q"] }, { executable: false });
const currentWeather: AdvertisedTool = {
  name: "get_current_weather",
  parameters: { type: "object", properties: { location: { type: "string" }, unit: { type: "string", enum: ["celsius", "fahrenheit"] } }, required: ["location", "unit"] },
};
const ctx: DiagnosisContext = { tools: [getInvoice, ping, schemaOnly], advertised: [currentWeather] };

interface Row {
  name: string;
  call: { name: string; arguments: string };
  context?: DiagnosisContext;
  expected: string[];
  ok: boolean;
}

const rows: Row[] = [
  { name: "a clean call", call: { name: "get_invoice_status", arguments: '{"invoice_id":"INV-1"}' }, expected: [], ok: true },
  { name: "seed: id for invoice_id", call: { name: "get_invoice_status", arguments: '{"id":"INV-123"}' }, expected: ["unexpected_argument@id", "missing_argument@invoice_id"], ok: false },
  { name: "empty arguments, no required parameter: a warning only", call: { name: "ping", arguments: "" }, expected: ["malformed_arguments"], ok: true },
  { name: "empty arguments, a required parameter: error, and it is missing", call: { name: "get_invoice_status", arguments: "" }, expected: ["malformed_arguments", "missing_argument@invoice_id"], ok: false },
  { name: "whitespace-only arguments", call: { name: "ping", arguments: " \n " }, expected: ["malformed_arguments"], ok: true },
  { name: "{} for no parameters", call: { name: "ping", arguments: "{}" }, expected: [], ok: true },
  { name: "malformed JSON: nothing else is guessed", call: { name: "get_invoice_status", arguments: "{'id': 1" }, expected: ["malformed_arguments"], ok: false },
  {
    name: "double-encoded: the decoded object is diagnosed too",
    call: { name: "get_invoice_status", arguments: JSON.stringify('{"id":"INV-1"}') },
    expected: ["arguments_not_object", "unexpected_argument@id", "missing_argument@invoice_id"],
    ok: false,
  },
  { name: "an array as arguments", call: { name: "get_invoice_status", arguments: '[{"invoice_id":"x"}]' }, expected: ["arguments_not_object"], ok: false },
  { name: "null as arguments", call: { name: "ping", arguments: "null" }, expected: ["arguments_not_object"], ok: false },
  { name: "BOM: reported, object still diagnosed", call: { name: "get_invoice_status", arguments: '\uFEFF{"invoice_id":5}' }, expected: ["malformed_arguments", "type_mismatch@invoice_id"], ok: false },
  { name: "unknown tool, close name", call: { name: "get_invoice", arguments: "{}" }, expected: ["unknown_tool"], ok: false },
  { name: "unknown tool and malformed arguments: parse first", call: { name: "nope", arguments: "{" }, expected: ["malformed_arguments", "unknown_tool"], ok: false },
  { name: "otel example: get_weather for get_current_weather", call: { name: "get_weather", arguments: '{"location":"Paris"}' }, expected: ["unknown_tool"], ok: false },
  { name: "schema-only tool: not_executable, arguments still checked", call: { name: "lookup", arguments: '{"query":"x"}' }, expected: ["not_executable", "unexpected_argument@query", "missing_argument@q"], ok: false },
  {
    name: "advertised only: not_executable, checked against the advertised schema",
    call: { name: "get_current_weather", arguments: '{"location":"Paris","unit":"kelvin"}' },
    expected: ["not_executable", "invalid_value@unit"],
    ok: false,
  },
  { name: "no tools known at all", call: { name: "x", arguments: "{}" }, context: { tools: [] }, expected: ["unknown_tool"], ok: false },
  {
    name: "every code in the stable order",
    call: { name: "get_current_weather", arguments: '{"loc":"Paris","unit":5}' },
    context: {
      tools: [toolSpec("get_current_weather", { type: "object", properties: { location: { type: "string" }, unit: { type: "string" }, days: { type: "integer", maximum: 7 } }, required: ["location", "unit", "days"] }, { executable: false })],
      advertised: [currentWeather],
    },
    expected: ["not_executable", "unexpected_argument@loc", "missing_argument@location", "missing_argument@days", "type_mismatch@unit", "schema_drift@days", "schema_drift@unit"],
    ok: false,
  },
];

describe("diagnoseCall", () => {
  it.each(rows)("$name", ({ call, context, expected, ok }) => {
    const diagnosis = diagnoseCall(call, context ?? ctx);
    expect(codes(diagnosis.findings)).toEqual(expected);
    expect(diagnosis.ok).toBe(ok);
  });

  it("names the closest tool over registered and advertised names", () => {
    expect(diagnoseCall({ name: "get_invoice", arguments: "{}" }, ctx).findings[0]?.suggestion).toEqual({ tool: "get_invoice_status" });
    expect(diagnoseCall({ name: "get_weather", arguments: "{}" }, ctx).findings[0]?.suggestion).toEqual({ tool: "get_current_weather" });
    expect(diagnoseCall({ name: "zzz", arguments: "{}" }, ctx).findings[0]?.suggestion).toBeUndefined();
  });

  it("returns the target and the parsed arguments", () => {
    const registered = diagnoseCall({ name: "get_invoice_status", arguments: '{"invoice_id":"a"}' }, ctx);
    expect(registered.target).toBe(getInvoice);
    expect(registered.parsed).toEqual({ invoice_id: "a" });
    const advertised = diagnoseCall({ name: "get_current_weather", arguments: "{}" }, ctx);
    expect(advertised.target).toBe(currentWeather);
    expect(diagnoseCall({ name: "unknown", arguments: "{}" }, ctx).target).toBeUndefined();
  });

  it("schema drift: a rename the model was never told about", () => {
    const shown: AdvertisedTool = { name: "get_invoice_status", parameters: { type: "object", properties: { id: { type: "string" } }, required: ["id"] } };
    const diagnosis = diagnoseCall({ name: "get_invoice_status", arguments: '{"id":"INV-123"}' }, { tools: [getInvoice], advertised: [shown] });
    expect(codes(diagnosis.findings)).toEqual(["unexpected_argument@id", "missing_argument@invoice_id", "schema_drift@id"]);
    expect(diagnosis.findings[2]?.suggestion).toEqual({ rename: "invoice_id" });
  });

  it("no drift when the advertised schema is the same", () => {
    const same: AdvertisedTool = { name: "get_invoice_status", parameters: structuredClone(invoiceSchema) };
    expect(diagnoseCall({ name: "get_invoice_status", arguments: '{"invoice_id":"a"}' }, { tools: [getInvoice], advertised: [same] }).findings).toEqual([]);
  });
});

describe("diagnoseCall never throws", () => {
  const cyclic: JsonSchema = { type: "object", properties: {} };
  (cyclic.properties as Record<string, unknown>).self = cyclic;
  const throwing: JsonSchema = {
    type: "object",
    get properties(): never {
      throw new Error("hostile getter");
    },
  };
  const schemas: unknown[] = [
    cyclic,
    throwing,
    { type: "dict" },
    { $ref: "#/nowhere" },
    { type: "object", properties: { a: { $ref: "#" } }, required: ["a"] },
    { type: "object", properties: null, required: "a" },
    { type: "object", properties: { a: { type: "string", pattern: "(" } } },
    { type: "object", allOf: [{ $ref: "#" }] },
    { anyOf: [] },
    null,
    42,
  ];
  const argumentsTexts: unknown[] = [
    "",
    "{",
    '{"a":1}',
    '{"self":{"self":{"self":{}}}}',
    "\uFEFF",
    "\u0000",
    "\ud83d",
    "[".repeat(10_000),
    '{"a":' + "[".repeat(5_000) + "]".repeat(5_000) + "}",
    JSON.stringify({ a: "x".repeat(1_000_000) }),
    undefined,
    42,
  ];
  const cases = schemas.flatMap((schema, s) => argumentsTexts.map((text, a) => ({ s, a, schema, text })));

  it.each(cases)("schema #$s, arguments #$a", ({ schema, text }) => {
    const spec = { ...toolSpec("t", {}), parameters: schema } as ToolSpec;
    const advertised = [{ name: "t", parameters: schema } as AdvertisedTool];
    const run = () => diagnoseCall({ name: "t", arguments: text as string }, { tools: [spec], advertised });
    expect(run).not.toThrow();
    expect(Array.isArray(run().findings)).toBe(true);
  });

  it("survives junk contexts and calls", () => {
    const junk = [null, undefined, {}, { tools: null }, { tools: [null, { name: 5 }] }] as unknown as DiagnosisContext[];
    for (const context of junk) expect(() => diagnoseCall({ name: "x", arguments: "{}" }, context)).not.toThrow();
    expect(() => diagnoseCall(null as unknown as { name: string; arguments: string }, ctx)).not.toThrow();
  });
});
