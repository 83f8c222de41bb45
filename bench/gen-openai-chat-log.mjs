// Writes a large, realistic openai-chat log: {ts, request, response} pairs of multi-turn
// conversations with tools, growing histories, parallel calls and a share of broken calls.
// Usage: node bench/gen-openai-chat-log.mjs OUT.jsonl [MEGABYTES=160]
import { createWriteStream } from "node:fs";

const [out, mbArg] = process.argv.slice(2);
if (!out) throw new Error("usage: gen-openai-chat-log.mjs OUT.jsonl [MB]");
const target = Number(mbArg ?? 160) * 1024 * 1024;
const tools = [
  { type: "function", function: { name: "get_invoice_status", description: "Look up an invoice", parameters: { type: "object", properties: { invoice_id: { type: "string", description: "Invoice ID like INV-123" } }, required: ["invoice_id"], additionalProperties: false } } },
  { type: "function", function: { name: "create_ticket", description: "Open a ticket", parameters: { type: "object", properties: { invoice_id: { type: "string" }, summary: { type: "string", minLength: 3 }, priority: { type: "integer", minimum: 1, maximum: 5 } }, required: ["invoice_id", "summary"], additionalProperties: false } } },
  { type: "function", function: { name: "search_orders", description: "Search orders", parameters: { type: "object", properties: { customer: { type: "string" }, items: { type: "array", items: { type: "object", properties: { sku: { type: "string" }, qty: { type: "integer" } }, required: ["sku"] } } }, required: ["customer"] } } },
];
const models = ["gpt-4o-mini-2024-07-18", "gpt-4.1-2025-04-14", "gpt-4o-2024-08-06"];
let seed = 42;
const rand = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
const argsFor = (i) => {
  const r = rand();
  if (r < 0.05) return ['get_invoice_status', `{"id":"INV-${i}"}`];
  if (r < 0.08) return ['create_ticket', `{"invoice_id":"INV-${i}","summary":"Charged twice","priority":"high"}`];
  if (r < 0.09) return ['get_invoice_status', `{"invoice_id":"INV-${i}"`];
  if (r < 0.55) return ['get_invoice_status', `{"invoice_id":"INV-${i}"}`];
  if (r < 0.8) return ['create_ticket', `{"invoice_id":"INV-${i}","summary":"Customer asks about invoice ${i}","priority":${1 + (i % 5)}}`];
  return ['search_orders', `{"customer":"cust-${i % 97}","items":[{"sku":"SKU-${i}","qty":2},{"sku":"SKU-${i + 1}","qty":1}]}`];
};
const stream = createWriteStream(out);
let written = 0;
let n = 0;
let conv = 0;
while (written < target) {
  conv++;
  const model = models[conv % models.length];
  const history = [{ role: "system", content: "You are a billing assistant for ACME. Answer briefly and use the tools." }, { role: "user", content: `Customer ${conv} asks about their invoices and a duplicate charge.` }];
  const turns = 2 + (conv % 4);
  for (let t = 0; t < turns && written < target; t++) {
    n++;
    const parallel = rand() < 0.2 ? 2 : 1;
    const calls = Array.from({ length: parallel }, (_, k) => {
      const [name, args] = argsFor(n * 3 + k);
      return { id: `call_${conv}_${t}_${k}`, type: "function", function: { name, arguments: args } };
    });
    const response = { id: `chatcmpl-${n}`, object: "chat.completion", created: 1764000000 + n, model, choices: [{ index: 0, message: { role: "assistant", content: null, tool_calls: calls }, finish_reason: "tool_calls" }], usage: { prompt_tokens: 200 + t * 50, completion_tokens: 30, total_tokens: 230 + t * 50 } };
    const line = JSON.stringify({ ts: new Date((1764000000 + n) * 1000).toISOString(), request: { model, messages: history, tools }, response }) + "\n";
    stream.write(line);
    written += Buffer.byteLength(line);
    history.push(response.choices[0].message);
    for (const c of calls) history.push({ role: "tool", tool_call_id: c.id, content: c.function.arguments.includes('"id"') ? "Error: KeyError: 'invoice_id'" : `{"status":"paid","amount_cents":${n % 10000}}` });
  }
}
stream.end(() => console.log(`${out}: ${(written / 1048576).toFixed(0)} MB, ${n} records`));
