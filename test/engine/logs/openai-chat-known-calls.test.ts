import { describe, expect, it } from "vitest";
import { KnownCalls } from "../../../src/engine/logs/adapters/openai-chat-known-calls.js";

describe("KnownCalls", () => {
  it("answers as one map copied per request would, however long the conversation", () => {
    // A conversation of 40 requests, each resuming the one before: each adds two calls and renames one earlier call.
    let known = new KnownCalls();
    let copy = new Map<string, string>();
    for (let request = 0; request < 40; request++) {
      const next = new KnownCalls(known);
      const nextCopy = new Map(copy);
      for (const [id, tool] of [[`c${request}a`, "a"], [`c${request}b`, "b"], [`c${Math.floor(request / 2)}a`, `renamed${request}`]] as const) {
        next.set(id, tool);
        nextCopy.set(id, tool);
      }
      known = next;
      copy = nextCopy;
      for (let id = 0; id <= request + 1; id++) {
        for (const suffix of ["a", "b"]) {
          expect(known.get(`c${id}${suffix}`)).toBe(copy.get(`c${id}${suffix}`));
          expect(known.has(`c${id}${suffix}`)).toBe(copy.has(`c${id}${suffix}`));
        }
      }
    }
  });

  it("leaves the history it resumes as it was, so another line can resume it too", () => {
    const remembered = new KnownCalls();
    remembered.set("c1", "lookup");
    const first = new KnownCalls(remembered);
    first.set("c2", "refund");
    first.set("c1", "other");
    const retried = new KnownCalls(remembered);
    expect([remembered.get("c1"), remembered.has("c2")]).toEqual(["lookup", false]);
    expect([first.get("c1"), first.get("c2")]).toEqual(["other", "refund"]);
    expect([retried.get("c1"), retried.has("c2")]).toEqual(["lookup", false]);
  });
});
