import { describe, expect, it } from "vitest";
import { openaiChatAdapter } from "../../../src/engine/logs/adapters/openai-chat.js";
import { ChatLineParser } from "../../../src/engine/logs/adapters/openai-chat-line-parser.js";
import { readText } from "./openai-read-log.js";
import { KnownCalls } from "../../../src/engine/logs/adapters/openai-chat-known-calls.js";

/**
 * The history splice must be invisible: a log read with it gives exactly the events of the same
 * log read whole. The reference is the same lines with a `\u0000` escape added in an envelope key
 * the adapter ignores, which turns splicing off for that line.
 */
const unspliceable = (text: string): string =>
  text
    .split("\n")
    .map((line) => (line.startsWith("{") ? `{"nul":"\\u0000",${line.slice(1)}` : line))
    .join("\n");

function expectSameEvents(text: string): void {
  const spliced = readText(openaiChatAdapter, text);
  const whole = readText(openaiChatAdapter, unspliceable(text));
  expect(spliced.events).toEqual(whole.events);
}

const tools = [
  { type: "function", function: { name: "get_invoice", description: "Look up an invoice", parameters: { type: "object", properties: { id: { type: "string" } }, required: ["id"] } } },
  { type: "function", function: { name: "refund", parameters: { type: "object", properties: { id: { type: "string" }, cents: { type: "integer" } }, required: ["id"] } } },
];

type Message = Record<string, unknown>;

/** A conversation's records: each request repeats the history so far, as an agent's do. */
function conversation(name: string, turns: number, opts: { parallel?: boolean; legacy?: boolean; unanswered?: number; orphanAt?: number } = {}): string[] {
  const history: Message[] = [
    { role: "system", content: "You are the billing agent." },
    { role: "user", content: `Help ${name} with invoice "A\\B" [1] {x}` },
  ];
  const lines: string[] = [];
  for (let t = 0; t < turns; t++) {
    const calls = Array.from({ length: opts.parallel && t % 2 === 0 ? 2 : 1 }, (_, k) => ({
      id: `${name}_${t}_${k}`,
      type: "function",
      function: { name: k === 0 ? "get_invoice" : "refund", arguments: t === 1 ? `{"id":"INV-${t}"` : JSON.stringify({ id: `INV-${t}`, note: "quote \" and ]" }) },
    }));
    const message: Message = opts.legacy && t === 0 ? { role: "assistant", content: null, function_call: { name: "get_invoice", arguments: '{"id":"L"}' } } : { role: "assistant", content: null, tool_calls: calls };
    lines.push(JSON.stringify({ ts: `2025-05-01T10:00:0${t}.000Z`, request: { model: "gpt-4.1", messages: history, tools }, response: { object: "chat.completion", model: "gpt-4.1", created: 1746093600 + t, choices: [{ index: 0, message, finish_reason: "tool_calls" }] } }));
    history.push(message);
    if (opts.legacy && t === 0) history.push({ role: "function", name: "get_invoice", content: '{"status":"paid"}' });
    else
      for (const call of calls) {
        if (opts.unanswered === t) continue;
        history.push({ role: "tool", tool_call_id: call.id, content: t === 2 ? "Error: not found" : '{"ok":true}' });
      }
    if (opts.orphanAt === t) history.push({ role: "tool", tool_call_id: `${name}_ghost`, content: "late" });
    if (opts.unanswered === t) history.push({ role: "user", content: "and?" });
  }
  return lines;
}

/** Lines of several conversations, taken round-robin. */
function interleave(...conversations: string[][]): string[] {
  const out: string[] = [];
  for (let i = 0; conversations.some((c) => i < c.length); i++) for (const c of conversations) if (i < c.length) out.push(c[i] as string);
  return out;
}

describe("openai-chat history splice", () => {
  it("reads multi-turn conversations exactly as whole lines do: calls, results, errors, checks", () => {
    const text = `${conversation("a", 6, { parallel: true, unanswered: 2, orphanAt: 3 }).join("\n")}\n`;
    expectSameEvents(text);
  });

  it("does splice: a request continuing a remembered history parses it as one placeholder message", () => {
    const [first, second] = conversation("p", 2);
    const parser = new ChatLineParser();
    const one = parser.parse(first as string);
    expect(parser.history.spliced).toBe(false);
    const messages = (one.ok ? (one.value as { request: { messages: unknown[] } }).request.messages : []);
    parser.history.remember(messages, { known: new KnownCalls(), pending: [], answering: false });
    const two = parser.parse(second as string);
    expect(parser.history.spliced).toBe(true);
    const spliced = (two.ok ? (two.value as { request: { messages: unknown[] } }).request.messages : []);
    const whole = (JSON.parse(second as string) as { request: { messages: unknown[] } }).request.messages;
    expect(parser.history.resumeOf(spliced)?.count).toBe(messages.length);
    expect(parser.history.lengthOf(spliced)).toBe(whole.length);
    expect(spliced.slice(1)).toEqual(whole.slice(messages.length));
  });

  it("carries what a history ending mid-turn leaves to the request that continues it (answers, unanswered calls)", () => {
    const turn = [
      { role: "system", content: "s" },
      { role: "user", content: "u" },
      { role: "assistant", content: null, tool_calls: [{ id: "X", type: "function", function: { name: "get_invoice", arguments: '{"id":"1"}' } }, { id: "Y", type: "function", function: { name: "refund", arguments: '{"id":"1"}' } }] },
    ];
    const request = (messages: unknown[]) => JSON.stringify({ request: { model: "m", messages, tools } });
    const lines = [
      request(turn),
      request([...turn, { role: "tool", tool_call_id: "X", content: "ok" }]),
      request([...turn, { role: "tool", tool_call_id: "X", content: "ok" }, { role: "user", content: "and Y?" }]),
      // Legacy calls answered by name across the splice.
      request([{ role: "user", content: "v" }, { role: "assistant", content: null, function_call: { name: "refund", arguments: "{}" } }]),
      request([{ role: "user", content: "v" }, { role: "assistant", content: null, function_call: { name: "refund", arguments: "{}" } }, { role: "function", name: "refund", content: "done" }]),
    ];
    const text = `${lines.join("\n")}\n`;
    expectSameEvents(text);
    const read = readText(openaiChatAdapter, text);
    expect(read.issues.map((i) => [i.code, i.callId])).toEqual([["missing_tool_result", "Y"]]);
    expect(read.results.map((r) => r.callId)).toContain("X");
  });

  it("keeps synthetic ids of legacy function calls (they hash the message's place in the whole history)", () => {
    expectSameEvents(`${conversation("leg", 4, { legacy: true }).join("\n")}\n`);
  });

  it("reads interleaved conversations, more of them than it remembers, the same way", () => {
    const many = Array.from({ length: 20 }, (_, i) => conversation(`c${i}`, 3 + (i % 4), { parallel: i % 3 === 0, unanswered: i % 5 === 0 ? 1 : undefined }));
    expectSameEvents(`${interleave(...many).join("\n")}\n`);
  });

  it("reads a retried request (the same history twice) and a history that branches", () => {
    const lines = conversation("r", 4);
    const branched = (lines[2] as string).replace('"content":"Help r', '"content":"Help R');
    expectSameEvents(`${[lines[0], lines[1], lines[1], lines[2], branched, lines[3]].join("\n")}\n`);
  });

  it("reads lines not written as JSON.stringify writes them (spaces, escapes) the same way", () => {
    const lines = conversation("s", 4).map((line, i) => (i % 2 === 0 ? line.replace(/,"role"/g, ', "role"').replace(/é/g, "\\u00e9") : line));
    expectSameEvents(`${lines.join("\n")}\n`);
  });

  it("is not fooled by the history text appearing where it is not the request's messages", () => {
    const lines = conversation("f", 3);
    const first = JSON.parse(lines[0] as string) as { request: { messages: unknown[] } };
    // An envelope with its own `messages` key first, holding the same messages, and no model.
    const decoy = JSON.stringify({ meta: { messages: first.request.messages }, request: { messages: [...first.request.messages, { role: "user", content: "next" }] } });
    // The request as a JSON string inside the envelope, after a decoy array with the same text.
    const embedded = JSON.stringify({ notes: { messages: first.request.messages }, body: JSON.stringify(JSON.parse(lines[1] as string).request) });
    expectSameEvents(`${[lines[0], decoy, embedded, lines[1], lines[2]].join("\n")}\n`);
  });

  it("reads requests that put tools before messages, and records with two requests", () => {
    const lines = conversation("t", 4).map((line) => {
      const record = JSON.parse(line) as { request: { model: string; messages: unknown[]; tools: unknown[] } };
      const { model, messages, tools: list } = record.request;
      return JSON.stringify({ ...record, request: { tools: list, model, messages } });
    });
    const two = JSON.stringify({ a: JSON.parse(conversation("u", 2)[1] as string), b: JSON.parse(conversation("v", 2)[1] as string) });
    expectSameEvents(`${[...lines, two].join("\n")}\n`);
  });

  it("gives what JSON.parse gives for every line it does not splice", () => {
    const parser = new ChatLineParser();
    for (const line of ["[1,2]", '{"a":"\\u0000"}', '{"messages":[{"role":"user"}]}', "not json"]) {
      const parsed = parser.parse(line);
      let expected: unknown;
      try {
        expected = JSON.parse(line);
      } catch {
        expect(parsed.ok).toBe(false);
        continue;
      }
      expect(parsed).toEqual({ ok: true, value: expected });
    }
  });
});
