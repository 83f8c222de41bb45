import { describe, expect, it } from "vitest";
import { SseParser } from "../../../src/engine/proxy/sse-parser.js";

const parse = (pieces: string[], end = true): string[] => {
  const out: string[] = [];
  const parser = new SseParser((data) => out.push(data));
  for (const piece of pieces) parser.push(piece);
  if (end) parser.end();
  return out;
};

describe("SseParser", () => {
  it.each([
    ["one event", ["data: {}\n\n"], ["{}"]],
    ["two events in one piece", ["data: a\n\ndata: b\n\n"], ["a", "b"]],
    ["an event split mid-line", ["da", "ta: {\"x\"", ":1}\n", "\n"], ['{"x":1}']],
    ["CRLF line ends", ["data: a\r\n\r\ndata: b\r\n\r\n"], ["a", "b"]],
    ["CRLF split between pieces", ["data: a\r", "\n\r", "\ndata: b\r\n\r\n"], ["a", "b"]],
    ["bare CR line ends", ["data: a\r\rdata: b\r\r"], ["a", "b"]],
    ["multi-line data joined with \\n", ["data: a\ndata: b\n\n"], ["a\nb"]],
    ["no space after the colon", ["data:x\n\n"], ["x"]],
    ["comments, event, id and retry lines ignored", [": keep-alive\nevent: message\nid: 1\nretry: 10\ndata: a\n\n"], ["a"]],
    ["[DONE] is just data", ["data: [DONE]\n\n"], ["[DONE]"]],
    ["a last event with no blank line is delivered at end", ["data: a\n\ndata: b"], ["a", "b"]],
    ["blank lines alone give nothing", ["\n\n\n"], []],
  ])("%s", (_name, pieces, expected) => {
    expect(parse(pieces)).toEqual(expected);
  });

  it("delivers each event as soon as its blank line arrives", () => {
    const out: string[] = [];
    const parser = new SseParser((data) => out.push(data));
    parser.push("data: a\n");
    expect(out).toEqual([]);
    parser.push("\n");
    expect(out).toEqual(["a"]);
  });
});
