import { describe, expect, it } from "vitest";
import { z } from "zod";
import { defineAgent, tool } from "../../src/tools/define.js";
import { recognize } from "./recognize-helpers.js";

const getInvoiceStatus = tool({ name: "get_invoice_status", parameters: z.object({ invoice_id: z.string() }), execute: () => "paid" });
const refund = tool({ name: "refund", parameters: z.object({ invoice_id: z.string() }), execute: () => "ok", sideEffects: true });
const schemaOnly = { type: "function", function: { name: "escalate", parameters: { type: "object", properties: {} } } };

const names = (result: ReturnType<typeof recognize>) => result.tools.map((t) => t.spec.name);

describe("finding tools in a module's exports", () => {
  it("uses a defineAgent() default export's tools, and keeps one tool for the same object exported twice", () => {
    const agent = defineAgent({ model: "gpt-4o-mini", tools: [getInvoiceStatus, refund], script: [{ tool_calls: [{ id: "c1", type: "function", function: { name: "refund", arguments: "{}" } }] }] });
    const result = recognize({ getInvoiceStatus, refund, default: agent });
    expect(result.errors).toEqual([]);
    expect(names(result)).toEqual(["get_invoice_status", "refund"]);
    // The default export comes first: the agent's tools are what the model is shown.
    expect(result.tools.map((t) => t.spec.source.exportName)).toEqual(["default.tools[0]", "default.tools[1]"]);
    expect(result.tools[1]?.spec.sideEffects).toBe(true);
  });

  it("reads default arrays, named arrays, records and a request-like object's tools", () => {
    expect(names(recognize({ default: [getInvoiceStatus, schemaOnly] }))).toEqual(["get_invoice_status", "escalate"]);
    expect(names(recognize({ all: [refund], byName: { schemaOnly } }))).toEqual(["refund", "escalate"]);
    expect(names(recognize({ request: { model: "gpt-4o", messages: [], tools: [schemaOnly] } }))).toEqual(["escalate"]);
  });

  it("a CommonJS module's tools keep their own export names (its default is the whole exports object)", () => {
    const exports = { getInvoiceStatus, refund };
    const result = recognize({ ...exports, default: exports });
    expect(result.errors).toEqual([]);
    expect(result.tools.map((t) => t.spec.source.exportName)).toEqual(["getInvoiceStatus", "refund"]);
  });

  it("keeps the first of two different tools with one name and says which exports clash", () => {
    const impostor = tool({ name: "refund", parameters: z.object({ amount: z.number() }), execute: () => "other" });
    const result = recognize({ refund, impostor });
    expect(names(result)).toEqual(["refund"]);
    expect(result.tools[0]?.spec.source.exportName).toBe("refund");
    expect(result.errors).toEqual([
      { module: "/project/tools.ts", kind: "invalid_tool", message: 'two different tools are named "refund": refund and impostor; using refund' },
    ]);
  });

  it("a module with no tools lists what it exported", () => {
    const result = recognize({ helper: () => 1, config: { retries: 3 }, VERSION: "1.0", list: [1, 2] });
    expect(result.tools).toEqual([]);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]?.kind).toBe("no_tools");
    expect(result.errors[0]?.message).toContain("helper (function), config (object), VERSION (string), list (array of 2)");
    expect(recognize({}).errors[0]?.message).toContain("It has no exports.");
  });

  it("an invalid tool is reported and the module still counts as having no tools", () => {
    const result = recognize({ broken: { type: "function", function: { parameters: { type: "object" } } } });
    expect(result.errors.map((e) => e.kind)).toEqual(["invalid_tool", "no_tools"]);
    expect(result.errors[0]?.message).toMatch(/^broken: /);
  });

  it("exported zod schemas and JSON Schemas are not taken for tools or records", () => {
    const InvoiceArgs = z.object({ parameters: z.string(), inputSchema: z.string() });
    const jsonArgs = { type: "object", properties: { parameters: { type: "object" } } };
    expect(recognize({ InvoiceArgs, jsonArgs, getInvoiceStatus }).errors).toEqual([]);
  });
});

describe("recognizeExports never throws", () => {
  it("turns a throwing getter into an error and keeps the other tools", () => {
    const hostile = {
      get tools(): unknown {
        throw new Error("getter exploded");
      },
    };
    const record = { good: getInvoiceStatus } as Record<string, unknown>;
    Object.defineProperty(record, "bad", { enumerable: true, get: () => { throw new Error("entry exploded"); } });
    const result = recognize({ hostile, record });
    expect(names(result)).toEqual(["get_invoice_status"]);
    expect(result.errors.map((e) => e.message)).toEqual([expect.stringMatching(/^hostile: could not be inspected: getter exploded/), expect.stringMatching(/^record\.bad: .*entry exploded/)]);
  });

  it("survives Proxies that throw on every trap, revoked Proxies and a throwing namespace", () => {
    const trap = () => {
      throw new Error("trapped");
    };
    const evil = new Proxy({}, { get: trap, has: trap, ownKeys: trap, getPrototypeOf: trap, getOwnPropertyDescriptor: trap });
    const { proxy: revoked, revoke } = Proxy.revocable({}, {});
    revoke();
    const result = recognize({ evil, revoked, getInvoiceStatus });
    expect(names(result)).toEqual(["get_invoice_status"]);
    expect(result.errors.map((e) => e.message)).toEqual([expect.stringMatching(/^evil: could not be inspected: trapped/), expect.stringMatching(/^revoked: could not be inspected/)]);
    const namespace = new Proxy({}, { ownKeys: trap });
    expect(recognize(namespace).errors.map((e) => e.kind)).toEqual(["invalid_tool", "no_tools"]);
  });

  it("survives circular structures, uninitialised exports and errors whose message cannot be read", () => {
    const circular: Record<string, unknown> = { name: "loop" };
    circular.self = circular;
    circular.list = [circular, getInvoiceStatus];
    const unprintable = new Proxy({}, { get: () => { throw Object.create(null); } });
    const namespace = { circular } as Record<string, unknown>;
    Object.defineProperty(namespace, "tdz", { enumerable: true, get: () => { throw new ReferenceError("Cannot access 'tdz' before initialization"); } });
    namespace.unprintable = unprintable;
    const result = recognize(namespace);
    expect(names(result)).toEqual(["get_invoice_status"]);
    expect(result.errors.map((e) => e.message)).toEqual([
      expect.stringMatching(/^tdz: could not be inspected: Cannot access/),
      expect.stringMatching(/^unprintable: could not be inspected: an error that cannot be displayed/),
    ]);
  });

  it("a tool whose JSON Schema is circular is reported, not sent on", () => {
    const parameters: Record<string, unknown> = { type: "object", properties: {} };
    (parameters.properties as Record<string, unknown>).self = parameters;
    const result = recognize({ loop: { type: "function", function: { name: "loop", parameters } } });
    expect(result.errors[0]?.message).toMatch(/^loop: .*not plain JSON/);
  });

  it("does not crawl huge data exports", () => {
    const big = Array.from({ length: 100_000 }, (_, i) => ({ id: i, nested: { deeper: { deepest: [i] } } }));
    const started = performance.now();
    const result = recognize({ big, getInvoiceStatus });
    expect(names(result)).toEqual(["get_invoice_status"]);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
