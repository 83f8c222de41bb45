import { describe, expect, it } from "vitest";
import { StreamAssembler } from "../../../src/engine/proxy/assemble-stream.js";
import { chunksFor, completionFor } from "../../helpers/fake-upstream.js";

const chunk = (delta: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  id: "c1",
  object: "chat.completion.chunk",
  created: 1,
  model: "m",
  choices: [{ index: 0, delta, finish_reason: null, ...extra }],
});

const assemble = (chunks: unknown[]) => {
  const assembler = new StreamAssembler();
  for (const c of chunks) assembler.push(c);
  return assembler.result();
};
const calls = (chunks: unknown[]) => (assemble(chunks)?.choices as { message: { tool_calls?: unknown[] } }[])[0]?.message.tool_calls;

describe("StreamAssembler", () => {
  it("gives the completion the same request returns unstreamed", () => {
    const scripted = [
      { id: "call_a", name: "f", arguments: '{"a":1}' },
      { id: "call_b", name: "g", arguments: '{"b":"two"}' },
    ];
    const assembled = assemble(chunksFor(scripted, "m", 3));
    const expected = completionFor(scripted, "m");
    expect(assembled).toMatchObject({ id: "chatcmpl-fake-stream", object: "chat.completion", model: "m", created: expected.created, choices: [{ index: 0, finish_reason: "tool_calls", message: { role: "assistant", content: null, tool_calls: (expected.choices as { message: { tool_calls: unknown } }[])[0]?.message.tool_calls } }] });
  });

  it.each([
    [
      "fragments joined byte for byte, whitespace and empty pieces kept",
      [chunk({ tool_calls: [{ index: 0, id: "x", function: { name: "f", arguments: "" } }] }), chunk({ tool_calls: [{ index: 0, function: { arguments: '{ "a" :' } }] }), chunk({ tool_calls: [{ index: 0, function: { arguments: "" } }] }), chunk({ tool_calls: [{ index: 0, function: { arguments: " 1 }" } }] })],
      [{ id: "x", type: "function", function: { name: "f", arguments: '{ "a" : 1 }' } }],
    ],
    [
      "indexes that start at 1",
      [chunk({ tool_calls: [{ index: 1, id: "x", function: { name: "f", arguments: "{}" } }] })],
      [{ id: "x", type: "function", function: { name: "f", arguments: "{}" } }],
    ],
    [
      "no index (Mistral): a new id starts a call, no id continues the last",
      [chunk({ tool_calls: [{ id: "x", function: { name: "f", arguments: '{"a"' } }] }), chunk({ tool_calls: [{ function: { arguments: ":1}" } }] }), chunk({ tool_calls: [{ id: "y", function: { name: "g", arguments: "{}" } }] })],
      [
        { id: "x", type: "function", function: { name: "f", arguments: '{"a":1}' } },
        { id: "y", type: "function", function: { name: "g", arguments: "{}" } },
      ],
    ],
    [
      "every call numbered 0: a new id is a new call",
      [chunk({ tool_calls: [{ index: 0, id: "x", function: { name: "f", arguments: "{}" } }] }), chunk({ tool_calls: [{ index: 0, id: "y", function: { name: "g", arguments: "[]" } }] })],
      [
        { id: "x", type: "function", function: { name: "f", arguments: "{}" } },
        { id: "y", type: "function", function: { name: "g", arguments: "[]" } },
      ],
    ],
    [
      "a later empty name does not overwrite",
      [chunk({ tool_calls: [{ index: 0, id: "x", function: { name: "f", arguments: "" } }] }), chunk({ tool_calls: [{ index: 0, function: { name: "", arguments: "{}" } }] })],
      [{ id: "x", type: "function", function: { name: "f", arguments: "{}" } }],
    ],
  ])("%s", (_name, chunks, expected) => {
    expect(calls(chunks)).toEqual(expected);
  });

  it("joins content, keeps the last usage and the finish reason, and orders choices by index", () => {
    const result = assemble([
      { id: "c", object: "chat.completion.chunk", created: 1, model: "m", choices: [{ index: 1, delta: { role: "assistant", content: "B" }, finish_reason: null }] },
      chunk({ role: "assistant", content: "Hel" }),
      chunk({ content: "lo" }, { finish_reason: "stop" }),
      { id: "c", object: "chat.completion.chunk", created: 1, model: "m", choices: [], usage: { total_tokens: 3 } },
    ]);
    expect(result).toMatchObject({ usage: { total_tokens: 3 }, choices: [{ index: 0, message: { content: "Hello" }, finish_reason: "stop" }, { index: 1, message: { content: "B" }, finish_reason: null }] });
  });

  it("joins a legacy function_call", () => {
    const result = assemble([chunk({ function_call: { name: "f", arguments: '{"a"' } }), chunk({ function_call: { arguments: ":1}" } })]);
    expect((result?.choices as { message: unknown }[])[0]?.message).toMatchObject({ function_call: { name: "f", arguments: '{"a":1}' } });
  });

  it("is undefined when nothing looked like a chat chunk", () => {
    expect(assemble(["keep-alive", { type: "response.created" }])).toBeUndefined();
  });
});
