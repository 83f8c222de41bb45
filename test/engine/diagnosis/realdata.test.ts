import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { diagnoseCall, type AdvertisedTool } from "../../../src/engine/diagnosis/index.js";
import { isRecord, type JsonSchema } from "../../../src/tools/json-schema.js";
import { codes, toolSpec } from "./diagnosis-helpers.js";

const here = join(import.meta.dirname, "realdata");
const readJson = (path: string): unknown => JSON.parse(readFileSync(join(here, path), "utf8"));
const readJsonl = (path: string): unknown[] =>
  readFileSync(join(here, path), "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as unknown);

interface Call {
  name: string;
  arguments: string;
}

// ---------- openai-python: real gpt-4o calls, all schema-valid ----------

const toolsByFile = readJson("openai-python/tools.json") as Record<string, { tools?: { function: AdvertisedTool }[] }>;

function completionCalls(file: string): Call[] {
  const body = readJson(`openai-python/${file}`) as { choices: { message: { tool_calls?: { function: Call }[] } }[] };
  return body.choices.flatMap((choice) => choice.message.tool_calls ?? []).map((call) => call.function);
}

/** Joins streamed argument fragments back into the raw string, per tool-call index. */
function streamCalls(file: string): Call[] {
  const calls: Call[] = [];
  for (const line of readFileSync(join(here, "openai-python", file), "utf8").split("\n")) {
    if (!line.startsWith("data: ") || line === "data: [DONE]") continue;
    const chunk = JSON.parse(line.slice(6)) as { choices?: { delta?: { tool_calls?: { index: number; function?: Partial<Call> }[] } }[] };
    for (const delta of chunk.choices?.[0]?.delta?.tool_calls ?? []) {
      const call = (calls[delta.index] ??= { name: "", arguments: "" });
      call.name += delta.function?.name ?? "";
      call.arguments += delta.function?.arguments ?? "";
    }
  }
  return calls;
}

const captured = readdirSync(join(here, "openai-python"))
  .filter((file) => file.startsWith("chat-"))
  .map((file) => ({ file, calls: file.endsWith(".json") ? completionCalls(file) : streamCalls(file), tools: (toolsByFile[file]?.tools ?? []).map((t) => t.function) }));

describe("real gpt-4o calls (openai-python)", () => {
  it("holds the 9 calls the README counts", () => {
    expect(captured.reduce((sum, { calls }) => sum + calls.length, 0)).toBe(9);
    expect(captured.filter(({ file }) => file.endsWith(".json"))).toHaveLength(3);
  });

  it.each(captured)("$file: no error findings against the registered tools", ({ calls, tools }) => {
    expect(calls.length).toBeGreaterThan(0);
    const specs = tools.map((t) => toolSpec(t.name, t.parameters));
    for (const call of calls) {
      const diagnosis = diagnoseCall(call, { tools: specs, advertised: tools });
      expect(diagnosis.findings, `${call.name} ${call.arguments}`).toEqual([]);
      expect(diagnosis.ok).toBe(true);
      expect(diagnosis.parsed).toEqual(JSON.parse(call.arguments));
    }
  });

  it.each(captured)("$file: advertised-only, the one finding is not_executable", ({ calls, tools }) => {
    for (const call of calls) expect(codes(diagnoseCall(call, { tools: [], advertised: tools }).findings)).toEqual(["not_executable"]);
  });

  it("Query ($defs, $ref, anyOf, enum): a broken variant of the real call is caught precisely", () => {
    const query = captured.find(({ file }) => file === "chat-completion.Query.json");
    const call = query?.calls[0];
    expect(call).toBeDefined();
    if (!query || !call) return;
    const args = JSON.parse(call.arguments) as { conditions: Record<string, unknown>[]; order_by: string; table_name?: string; tableName?: string };
    args.conditions[3] = { column: "delivered_at", operator: "=>", value: { column: "expected_delivery_date" } };
    args.order_by = "ascending";
    args.tableName = args.table_name;
    delete args.table_name;
    const specs = query.tools.map((t) => toolSpec(t.name, t.parameters));
    const { findings } = diagnoseCall({ name: "Query", arguments: JSON.stringify(args) }, { tools: specs });
    // Unexpected keys come in the order they appear in the arguments.
    expect(codes(findings)).toEqual([
      "unexpected_argument@conditions.3.value.column",
      "unexpected_argument@tableName",
      "missing_argument@table_name",
      "missing_argument@conditions.3.value.column_name",
      "invalid_value@conditions.3.operator",
      "invalid_value@order_by",
    ]);
    expect(findings[0]?.suggestion).toEqual({ rename: "column_name" });
    expect(findings[1]?.suggestion).toEqual({ rename: "table_name" });
  });
});

// ---------- BFCL: ground-truth calls against dialect schemas mapped to JSON Schema ----------

interface BfclFunction {
  name: string;
  description?: string;
  parameters: JsonSchema;
}

/** BFCL's Python dialect -> JSON Schema, as its type_mappings.py reads it. Test-only: tooldbg itself never guesses. */
function toJsonSchema(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(toJsonSchema);
  if (!isRecord(node)) return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === "type" && typeof value === "string") {
      const mapped = { dict: "object", float: "number", tuple: "array", any: undefined }[value as "dict" | "float" | "tuple" | "any"];
      if (value === "any") continue;
      out.type = mapped ?? value;
    } else if (key === "default") {
      continue; // BFCL defaults are often mistyped ("false", "None"): they say nothing about the call.
    } else {
      out[key] = key === "properties" && isRecord(value) ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toJsonSchema(v)])) : toJsonSchema(value);
    }
  }
  return out;
}

const entries = readJsonl("bfcl/BFCL_v4_simple_python.first50.json") as { id: string; function: BfclFunction[] }[];
const answers = new Map(
  (readJsonl("bfcl/possible_answer.BFCL_v4_simple_python.first50.json") as { id: string; ground_truth: Record<string, Record<string, unknown[]>>[] }[]).map(
    (answer) => [answer.id, answer.ground_truth],
  ),
);

/** The first acceptable value of each parameter; "" means "may be omitted". */
function groundTruthCall(id: string): { name: string; args: Record<string, unknown> } {
  const [truth] = answers.get(id) ?? [];
  const [name, params] = Object.entries(truth ?? {})[0] ?? ["", {}];
  const args: Record<string, unknown> = {};
  for (const [param, acceptable] of Object.entries(params)) {
    const value = acceptable.find((candidate) => candidate !== "");
    if (value !== undefined) args[param] = value;
  }
  return { name, args };
}

const bfcl = entries.map((entry) => {
  const fn = entry.function[0] as BfclFunction;
  const spec = toolSpec(fn.name, toJsonSchema(fn.parameters) as JsonSchema, { executable: false, shape: "advertised" });
  return { id: entry.id, fn, spec, truth: groundTruthCall(entry.id) };
});

describe("BFCL simple_python ground truth", () => {
  it("has 50 entries with a ground-truth call each", () => {
    expect(bfcl).toHaveLength(50);
    for (const { fn, truth } of bfcl) expect(truth.name).toBe(fn.name);
  });

  it.each(bfcl)("$id: the ground-truth call is clean", ({ spec, truth }) => {
    const diagnosis = diagnoseCall({ name: truth.name, arguments: JSON.stringify(truth.args) }, { tools: [{ ...spec, executable: true }] });
    expect(diagnosis.findings).toEqual([]);
  });

  it("a renamed required parameter is caught, with the rename back", () => {
    let checked = 0;
    for (const { spec, truth } of bfcl) {
      const required = (spec.parameters.required as string[] | undefined) ?? [];
      const param = required.find((name) => name in truth.args);
      if (!param) continue;
      const { [param]: value, ...rest } = truth.args;
      const renamed = `${param}_value`;
      const { findings } = diagnoseCall({ name: truth.name, arguments: JSON.stringify({ ...rest, [renamed]: value }) }, { tools: [{ ...spec, executable: true }] });
      expect(codes(findings), truth.name).toEqual([`unexpected_argument@${renamed}`, `missing_argument@${param}`]);
      expect(findings[0]?.suggestion?.rename).toBe(param);
      checked++;
    }
    expect(checked).toBeGreaterThan(40);
  });

  it("a dropped required parameter is a missing_argument", () => {
    for (const { spec, truth } of bfcl) {
      const required = (spec.parameters.required as string[] | undefined) ?? [];
      const param = required[0];
      if (!param) continue;
      const { [param]: _dropped, ...rest } = truth.args;
      const { findings } = diagnoseCall({ name: truth.name, arguments: JSON.stringify(rest) }, { tools: [{ ...spec, executable: true }] });
      expect(codes(findings)).toContain(`missing_argument@${param}`);
    }
  });

  it("the raw dialect schema (\"type\": \"dict\") still diagnoses, through the fallback", () => {
    const { fn, truth } = bfcl[1] ?? bfcl[0]!;
    const raw = toolSpec(fn.name, fn.parameters);
    const clean = diagnoseCall({ name: truth.name, arguments: JSON.stringify(truth.args) }, { tools: [raw] });
    expect(clean.findings).toEqual([]);
    expect(clean.schemaError).toMatch(/dict/);
    const missing = diagnoseCall({ name: truth.name, arguments: "{}" }, { tools: [raw] });
    expect(codes(missing.findings)).toContain(`missing_argument@${(fn.parameters.required as string[])[0]}`);
  });
});

describe("BFCL model failures (claude-sonnet-4-5)", () => {
  const failures = (readJsonl("bfcl/claude-sonnet-4-5-FC.BFCL_v4_simple_python_score.json").slice(1) as {
    id: string;
    prompt: { function: BfclFunction[] };
    model_result_raw: (Record<string, string> | string)[];
  }[]).map((failure) => ({
    id: failure.id,
    specs: failure.prompt.function.map((fn) => toolSpec(fn.name, toJsonSchema(fn.parameters) as JsonSchema)),
    // A text answer instead of a call is a plain string: no call to diagnose.
    calls: failure.model_result_raw.flatMap((result) => (typeof result === "string" ? [] : Object.entries(result).map(([name, args]) => ({ name, arguments: args })))),
  }));

  it("biology_get_cell_info is the dotted biology.get_cell_info", () => {
    const failure = failures.find(({ id }) => id === "simple_python_55");
    const call = failure?.calls[0];
    expect(call?.name).toBe("biology_get_cell_info");
    if (!failure || !call) return;
    const { findings } = diagnoseCall(call, { tools: failure.specs });
    expect(findings).toMatchObject([{ code: "unknown_tool", suggestion: { tool: "biology.get_cell_info" } }]);
  });

  it.each(failures)("$id: every call is schema-valid once the name is right (BFCL's answer-key note)", ({ specs, calls }) => {
    for (const call of calls) {
      const name = specs.find((spec) => spec.name === call.name || spec.name.replaceAll(".", "_") === call.name)?.name ?? call.name;
      const { findings } = diagnoseCall({ ...call, name }, { tools: specs });
      expect(findings.filter((f) => f.severity === "error"), `${name} ${call.arguments}`).toEqual([]);
    }
  });
});
