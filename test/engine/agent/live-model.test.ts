import { afterEach, describe, expect, it } from "vitest";
import { LiveModel } from "../../../src/engine/agent/live-model.js";
import type { ModelErrorKind } from "../../../src/engine/agent/agent-contract.js";
import type { ChatMessage, ChatTool } from "../../../src/engine/agent/chat-messages.js";
import { closedPort, startFakeOpenAI, type FakeOpenAIOptions, type FakeOpenAIServer } from "../../helpers/fake-openai-server.js";

const KEY = "sk-test-fake0123456789abcdefXYZ";
const MESSAGES: ChatMessage[] = [
  { role: "system", content: "You are a billing assistant." },
  { role: "user", content: "check INV-123" },
];
const TOOLS: ChatTool[] = [
  { type: "function", function: { name: "get_invoice_status", parameters: { type: "object", properties: { invoice_id: { type: "string" } }, required: ["invoice_id"] } } },
];

// Invalid on purpose (a trailing comma), with non-ASCII text: the SDK's parse helpers would throw.
const BROKEN = '{"invoice_id": "INV-123", "note": "café ☕ déjà",}';
const OTHER = '{"id":"INV-124"}';

let server: FakeOpenAIServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function live(options: FakeOpenAIOptions, model = "gpt-4o-mini", extra: { stream?: boolean } = {}) {
  server = await startFakeOpenAI({ apiKey: KEY, ...options });
  return new LiveModel({ apiKey: KEY, baseURL: server.baseURL, model, ...extra });
}

describe("live model through the openai SDK and a local server", () => {
  it("joins streamed tool_calls fragments by index into the raw arguments, byte for byte", async () => {
    const model = await live({
      interleave: true,
      turns: [
        {
          toolCalls: [
            // Split inside the key name "invoice_id" and inside the string values.
            { id: "call_a", name: "get_invoice_status", arguments: BROKEN, fragments: ['{"invo', 'ice_id": "IN', 'V-123", "note": "caf', "é ☕ dé", 'jà",}'] },
            { id: "call_b", name: "get_invoice_status", arguments: OTHER },
          ],
        },
      ],
    });
    const deltas: string[] = [];
    const result = await model.next(MESSAGES, TOOLS, { onDelta: (text) => deltas.push(text) });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.turn.toolCalls).toEqual([
      { id: "call_a", name: "get_invoice_status", arguments: BROKEN },
      { id: "call_b", name: "get_invoice_status", arguments: OTHER },
    ]);
    expect(Buffer.from(result.turn.toolCalls[0]?.arguments ?? "").equals(Buffer.from(BROKEN))).toBe(true);
    expect(result.turn.finishReason).toBe("tool_calls");
    expect(deltas.join("")).toHaveLength(BROKEN.length + OTHER.length);
    const request = server?.requests[0];
    expect(request?.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(request?.body).toMatchObject({ model: "gpt-4o-mini", stream: true, messages: MESSAGES, tools: TOOLS });
  });

  it("streams text answers", async () => {
    const model = await live({ turns: [{ content: "INV-123 is paid." }] });
    const result = await model.next(MESSAGES, TOOLS, {});
    expect(result).toMatchObject({ ok: true, turn: { content: "INV-123 is paid.", toolCalls: [], finishReason: "stop" } });
  });

  it("reads non-streamed completions too", async () => {
    const model = await live({ turns: [{ toolCalls: [{ id: "call_a", name: "get_invoice_status", arguments: BROKEN }] }] }, "gpt-4o-mini", { stream: false });
    const result = await model.next(MESSAGES, TOOLS, {});
    expect(result).toMatchObject({ ok: true, turn: { toolCalls: [{ id: "call_a", name: "get_invoice_status", arguments: BROKEN }] } });
    expect(server?.requests[0]?.body.stream).toBe(false);
  });

  const errors: { name: string; options: FakeOpenAIOptions; model?: string; key?: string; kind: ModelErrorKind; says: RegExp }[] = [
    { name: "401", options: {}, key: "sk-wrong-key-0000000000000000", kind: "auth", says: /^401 from http:\/\/127\.0\.0\.1:\d+\/v1: .*check OPENAI_API_KEY$/ },
    { name: "404 unknown model", options: { models: ["gpt-4o-mini"] }, model: "gpt-nope", kind: "not_found", says: /404 from .*model "gpt-nope" not found.*check --model/ },
    { name: "429", options: { failWith: 429 }, kind: "rate_limit", says: /^429 from .*rate limited/ },
    { name: "5xx", options: { failWith: 503 }, kind: "server", says: /^503 from .*the server failed/ },
    { name: "400", options: { failWith: 400 }, kind: "bad_request", says: /^400 from .*the server rejected the request: / },
  ];
  for (const c of errors) {
    it(`maps ${c.name} to one line (${c.kind})`, async () => {
      server = await startFakeOpenAI({ apiKey: KEY, ...c.options });
      const model = new LiveModel({ apiKey: c.key ?? KEY, baseURL: server.baseURL, model: c.model ?? "gpt-4o-mini" });
      const started = Date.now();
      const result = await model.next(MESSAGES, TOOLS, {});
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.error.kind).toBe(c.kind);
      expect(result.error.message).toMatch(c.says);
      expect(result.error.message).not.toContain("\n");
      expect(result.error.message).not.toContain(c.key ?? KEY);
      // No retries: the error surfaces at once (429 carries retry-after: 20).
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(server.requests).toHaveLength(1);
    });
  }

  it("names the URL when the connection is refused", async () => {
    const port = await closedPort();
    const model = new LiveModel({ apiKey: KEY, baseURL: `http://127.0.0.1:${port}/v1`, model: "gpt-4o-mini" });
    const result = await model.next(MESSAGES, TOOLS, {});
    expect(result).toMatchObject({ ok: false, error: { kind: "connection" } });
    if (result.ok) return;
    expect(result.error.message).toBe(`cannot reach http://127.0.0.1:${port}/v1: connection refused; is the server running? (set --base-url or OPENAI_BASE_URL)`);
  });

  it("stops when the request is aborted", async () => {
    const model = await live({ turns: [{ content: "slow answer that takes a while" }], chunkDelayMs: 200 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const result = await model.next(MESSAGES, TOOLS, { signal: controller.signal });
    expect(result).toMatchObject({ ok: false, error: { kind: "other" } });
  });
});
