import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli, parseJsonOutput } from "../helpers/run-cli.js";

const dir = mkdtempSync(join(tmpdir(), "tooldbg-mod-"));
const write = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

describe("tool modules that do not load are one-line usage errors (real binary)", () => {
  it.each([
    ["a syntax error", write("broken.ts", 'import { tool } from "tooldbg";\nexport const t = tool({ name: "x", parameters: ,\n'), /cannot load tools module .*broken\.ts: .*broken\.ts:2/],
    ["a throw at import", write("throws.ts", 'throw new Error("DATABASE_URL is not set");\n'), /cannot load tools module .*throws\.ts: .*DATABASE_URL is not set/],
    ["no tools", write("empty.ts", "export const answer = 42;\n"), /cannot load tools module .*empty\.ts: .*no tools/i],
  ])("%s", async (_what, module, pattern) => {
    const r = await runCli(["schema", "--tools", module]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(pattern);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});

describe("schema_drift: the model was shown another signature than the one that runs", () => {
  it("is reported by scan --tools, with the rename", async () => {
    const advertised = { type: "object", properties: { id: { type: "string" } }, required: ["id"] };
    const record = {
      request: { model: "gpt-4o-mini", messages: [{ role: "user", content: "INV-1?" }], tools: [{ type: "function", function: { name: "get_invoice_status", parameters: advertised } }] },
      response: { object: "chat.completion", model: "gpt-4o-mini", choices: [{ index: 0, message: { role: "assistant", content: null, tool_calls: [{ id: "call_d", type: "function", function: { name: "get_invoice_status", arguments: '{"id":"INV-1"}' } }] }, finish_reason: "tool_calls" }] },
    };
    const log = write("drift.jsonl", `${JSON.stringify(record)}\n`);
    const r = await runCli(["scan", log, "--tools", "examples/billing/tools.ts", "--json"]);
    const doc = parseJsonOutput<{ calls: { diagnoses: { code: string; suggestion?: { rename?: string } }[] }[] }>(r);
    const codes = doc.calls[0]?.diagnoses.map((d) => d.code);
    expect(codes).toContain("schema_drift");
    expect(codes).toContain("unexpected_argument");
    expect(doc.calls[0]?.diagnoses.find((d) => d.code === "schema_drift")?.suggestion?.rename).toBe("invoice_id");
  });
});
