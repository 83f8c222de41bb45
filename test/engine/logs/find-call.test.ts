import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { findCall } from "../../../src/engine/logs/find-call.js";
import { adapterFor } from "../../../src/engine/logs/adapter-table.js";
import type { LogAdapter } from "../../../src/engine/logs/log-events.js";

const chat = adapterFor("openai-chat") as LogAdapter;
const tools = [{ type: "function", function: { name: "get_invoice_status", parameters: { type: "object", properties: { invoice_id: { type: "string" } }, required: ["invoice_id"] } } }];
const response = (id: string, args: string) =>
  JSON.stringify({ response: { object: "chat.completion", model: "m", choices: [{ message: { role: "assistant", tool_calls: [{ id, type: "function", function: { name: "get_invoice_status", arguments: args } }] }, finish_reason: "tool_calls" }] } });

function writeLog(lines: string[]): string {
  const path = join(mkdtempSync(join(tmpdir(), "tooldbg-find-call-")), "log.jsonl");
  writeFileSync(path, `${lines.join("\n")}\n`);
  return path;
}

describe("findCall", () => {
  it("keeps the call's result though more calls than a scan lets wait came between (only its id is paired)", async () => {
    const target = { role: "assistant", tool_calls: [{ id: "call_target", type: "function", function: { name: "get_invoice_status", arguments: '{"id":"INV-1"}' } }] };
    const lines = [
      JSON.stringify({ request: { model: "m", messages: [{ role: "user", content: "hi" }], tools }, response: { object: "chat.completion", model: "m", choices: [{ message: target, finish_reason: "tool_calls" }] } }),
      // More never-answered calls than the collector lets wait (20,000): a scan diagnoses the first without its answer.
      ...Array.from({ length: 20_050 }, (_, i) => response(`call_other_${i}`, `{"invoice_id":"INV-${i}"}`)),
      JSON.stringify({ request: { model: "m", messages: [{ role: "user", content: "hi" }, target, { role: "tool", tool_call_id: "call_target", content: "Error: KeyError: 'invoice_id'" }], tools } }),
    ];
    const search = await findCall(writeLog(lines), chat, "call_target", undefined);
    expect(search.calls).toBe(20_051);
    expect(search.found?.raw.arguments).toBe('{"id":"INV-1"}');
    expect(search.found?.scanned.result?.content).toBe("Error: KeyError: 'invoice_id'");
    expect(search.found?.scanned.diagnoses.map((d) => d.code)).toEqual(expect.arrayContaining(["unexpected_argument", "missing_argument", "tool_error"]));
  }, 60_000);

  it("suggests the log's first ids, in log order, when the id is not there", async () => {
    const search = await findCall(writeLog([response("call_b", "{}"), response("call_a", "{}"), response("call_b", "{}"), response("call_c", "{}")]), chat, "nope", undefined);
    expect(search.found).toBeUndefined();
    expect(search.sampleIds).toEqual(["call_b", "call_a", "call_c"]);
  });
});
