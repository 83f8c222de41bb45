import { describe, expect, it } from "vitest";
import { findPayloads } from "../../../src/engine/logs/adapters/shared/find-payloads.js";
import { walkEnvelope } from "../../../src/engine/logs/adapters/shared/walk-envelope.js";

type Kind = "request" | "response";
/** A toy format: a request has `messages`, a response has `answer`. */
const classify = (value: unknown): Kind | undefined => {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return undefined;
  if ("messages" in value) return "request";
  return "answer" in value ? "response" : undefined;
};
const response = (answer: string) => ({ answer });
const OWN = { request: new Set(["messages", "tools"]) };

describe("findPayloads: a payload is not looked into, unless a proxy flattens its envelope into it", () => {
  const flattened = { model: "m", messages: [response("in the history")], tools: [response("in the tools")], meta: { response: response("beside") }, body: JSON.stringify(response("as text")) };

  it("finds nothing inside a recognised payload by default", () => {
    expect(findPayloads(flattened, classify)).toEqual([{ kind: "request", value: flattened }]);
  });

  it("looks into a flattened kind's other keys, at any depth and in JSON text, but never into its own keys", () => {
    expect(findPayloads(flattened, classify, OWN).map((p) => [p.kind, (p.value as { answer?: string }).answer])).toEqual([
      ["request", undefined],
      ["response", "beside"],
      ["response", "as text"],
    ]);
  });

  it("keeps document order, the payload before what it holds, and leaves other kinds closed", () => {
    const record = { first: response("first"), request: { messages: [], response: response("second") }, last: response("third") };
    expect(findPayloads(record, classify, OWN).map((p) => p.kind)).toEqual(["response", "request", "response", "response"]);
    const closed = { answer: "outer", inner: response("never looked at") };
    expect(findPayloads(closed, classify, OWN)).toHaveLength(1);
  });
});

describe("walkEnvelope: a visitor may claim a node and still have its other keys walked", () => {
  const seen = (claim: (node: Record<string, unknown>) => boolean | ReadonlySet<string>) => {
    const found: unknown[] = [];
    walkEnvelope({ model: "m", messages: [response("own")], response: response("beside"), nested: { deep: response("deep") } }, (node) => {
      if (typeof node === "string") return false;
      const kind = classify(node);
      if (kind === undefined) return false;
      found.push(kind === "request" ? "request" : node.answer);
      return kind === "request" ? claim(node) : true;
    });
    return found;
  };

  it("stops at a node claimed with true", () => {
    expect(seen(() => true)).toEqual(["request"]);
  });

  it("walks the keys of a node claimed with its own keys, all but those", () => {
    expect(seen(() => new Set(["messages"]))).toEqual(["request", "beside", "deep"]);
  });
});
