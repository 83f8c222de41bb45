import { describe, expect, it } from "vitest";
import { redactChunks, redactHeaders, redactPath } from "../../../src/engine/proxy/redact-exchange.js";
import { SecretScrub } from "../../../src/engine/proxy/secret-scrub.js";
import { StreamAssembler } from "../../../src/engine/proxy/assemble-stream.js";
import { redactBody } from "../../../src/engine/proxy/redact-exchange.js";
import { redactJsonPairsByScan, redactJsonText } from "../../../src/engine/redact.js";

const argChunk = (args: string, extra: Record<string, unknown> = {}) => ({ object: "chat.completion.chunk", choices: [{ index: 0, delta: { tool_calls: [{ index: 0, function: { arguments: args }, ...extra }] } }] });
const contentChunk = (content: string) => ({ object: "chat.completion.chunk", choices: [{ index: 0, delta: { content } }] });
const joinedArgs = (chunks: unknown[]) => chunks.map((c) => (c as ReturnType<typeof argChunk>).choices[0]?.delta.tool_calls[0]?.function.arguments ?? "").join("");

describe("redactChunks", () => {
  it.each([
    ["a secret-keyed value split across deltas", ['{"pass', 'word":"hun', 'ter2"}'], '{"password":"[REDACTED]"}'],
    ["a key shape split across deltas", ['{"note":"sk-abcdefgh', 'ijklmnopqrstuvwx"}'], '{"note":"[REDACTED]"}'],
    ["nothing secret: every fragment kept as it was", ['{"a"', ":1}"], '{"a":1}'],
  ])("%s", (_name, fragments, expected) => {
    const chunks = fragments.map((f, i) => argChunk(f, i === 0 ? { id: "call_1" } : {}));
    const out = redactChunks(chunks, new SecretScrub());
    expect(joinedArgs(out)).toBe(expected);
    expect(out).toHaveLength(chunks.length);
    // Joined, the chunks read what the assembled completion reads once redacted.
    const assembler = new StreamAssembler();
    for (const c of chunks) assembler.push(c);
    const assembled = redactBody(assembler.result(), new SecretScrub()) as { choices: { message: { tool_calls: { function: { arguments: string } }[] } }[] };
    expect(assembled.choices[0]?.message.tool_calls[0]?.function.arguments).toBe(expected);
    if (expected === fragments.join("")) expect(out).toEqual(chunks);
  });

  it("scrubs the request's own key from content split across deltas", () => {
    const scrub = new SecretScrub();
    scrub.add("Bearer my-gateway-key-123");
    const out = redactChunks([contentChunk("key: my-gate"), contentChunk("way-key-123!")], scrub);
    expect(out.map((c) => (c as ReturnType<typeof contentChunk>).choices[0]?.delta.content).join("")).toBe("key: [REDACTED]!");
  });

  it("keeps the calls of different indexes apart", () => {
    const two = { object: "chat.completion.chunk", choices: [{ index: 0, delta: { tool_calls: [{ index: 0, function: { arguments: '{"token":"abc' } }, { index: 1, function: { arguments: '{"a":1}' } }] } }] };
    const end = { object: "chat.completion.chunk", choices: [{ index: 0, delta: { tool_calls: [{ index: 0, function: { arguments: 'def"}' } }] } }] };
    const [first, second] = redactChunks([two, end], new SecretScrub()) as (typeof two)[];
    expect(first?.choices[0]?.delta.tool_calls.map((c) => c.function.arguments)).toEqual(['{"token":"[REDACTED]"}', '{"a":1}']);
    expect(second?.choices[0]?.delta.tool_calls[0]?.function.arguments).toBe("");
  });
});

describe("redactHeaders and redactPath", () => {
  it.each([
    ["authorization", "Bearer sk-whatever"],
    ["api-key", "azure"],
    ["x-api-key", "k"],
    ["cookie", "session=1"],
    ["proxy-authorization", "Basic abc"],
    ["x-goog-api-key", "g"],
  ])("replaces %s whole", (name, value) => {
    expect(redactHeaders({ [name]: value }, new SecretScrub())).toEqual({ [name]: "[REDACTED]" });
  });

  it("keeps other headers, minus token shapes and the request's secrets", () => {
    const scrub = new SecretScrub();
    scrub.addFromHeaders(["Authorization", "Bearer custom-secret-value"]);
    expect(redactHeaders({ "content-type": "application/json", "x-note": "custom-secret-value", "x-forward": ["a", "sk-abcdefghijklmnopqrstu"] }, scrub)).toEqual({
      "content-type": "application/json",
      "x-note": "[REDACTED]",
      "x-forward": ["a", "[REDACTED]"],
    });
  });

  it.each([
    ["/chat/completions", "/chat/completions"],
    ["/chat/completions?api-version=2024-10-21", "/chat/completions?api-version=2024-10-21"],
    ["/chat/completions?api-key=abcdefgh123&x=1", "/chat/completions?api-key=[REDACTED]&x=1"],
    ["/v1beta/models?key=AIzaSyA-not-a-real-key-0000000000000", "/v1beta/models?key=[REDACTED]"],
    ["/x?token=t0k3n-t0k3n&flag", "/x?token=[REDACTED]&flag"],
  ])("%s", (path, expected) => {
    expect(redactPath(path, new SecretScrub())).toBe(expected);
  });

  it("learns secret query values so the bodies are scrubbed of them too", () => {
    const scrub = new SecretScrub();
    redactPath("/c?api-key=query-secret-1", scrub);
    expect(scrub.text("echo query-secret-1")).toBe("echo [REDACTED]");
  });

  it("does not learn short placeholders as secrets", () => {
    const scrub = new SecretScrub();
    scrub.addFromHeaders(["Authorization", "Bearer none"]);
    expect(scrub.text("none of this")).toBe("none of this");
  });
});

describe("redacting very long arguments", () => {
  it("a value too long for the pair regex is still redacted, and every other byte kept", () => {
    const long = "y".repeat(20 << 20);
    const args = `{"blob": "${long}", "password" : "hunter2", "n": 1}`;
    expect(redactJsonText(args)).toBe(`{"blob": "${long}", "password" : "[REDACTED]", "n": 1}`);
  });

  it.each([
    ['{"token":"a","x":"b"}', '{"token":"[REDACTED]","x":"b"}'],
    ['{"a":"sk-not-a-key","api_key":"\\"quoted\\"","b":2}', '{"a":"sk-not-a-key","api_key":"[REDACTED]","b":2}'],
    ['{"password": "cut off', '{"password": "cut off'],
  ])("the scan fallback agrees with the regex on %s", (text, expected) => {
    expect(redactJsonText(text)).toBe(expected);
    expect(redactJsonPairsByScan(text)).toBe(expected);
  });
});
