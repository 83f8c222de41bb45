import { describe, expect, it } from "vitest";
import { forwardableHeaders, recordedApi, upstreamLabel, upstreamTarget } from "../../../src/engine/proxy/forward-headers.js";

describe("forwardableHeaders", () => {
  it("keeps names as spelled and repeats, drops hop-by-hop headers and those Connection names, replaces Host", () => {
    const raw = ["Host", "127.0.0.1:7878", "X-A", "1", "x-a", "2", "Connection", "keep-alive, X-Hop", "X-Hop", "h", "Transfer-Encoding", "chunked", "Keep-Alive", "timeout=5", "Authorization", "Bearer k"];
    expect(forwardableHeaders(raw, "api.example.com")).toEqual(["Host", "api.example.com", "X-A", "1", "x-a", "2", "Authorization", "Bearer k"]);
  });

  it("keeps Host when none is given (responses)", () => {
    expect(forwardableHeaders(["Content-Type", "text/event-stream", "Content-Encoding", "gzip", "Connection", "close"])).toEqual(["Content-Type", "text/event-stream", "Content-Encoding", "gzip"]);
  });
});

describe("upstreamTarget", () => {
  it.each([
    ["https://api.openai.com/v1", "/chat/completions", "https://api.openai.com/v1/chat/completions"],
    ["https://api.openai.com/v1/", "/chat/completions?x=1", "https://api.openai.com/v1/chat/completions?x=1"],
    ["http://127.0.0.1:11434", "/v1/chat/completions", "http://127.0.0.1:11434/v1/chat/completions"],
    ["https://r.openai.azure.com/openai", "/deployments/d/chat/completions?api-version=2024-10-21", "https://r.openai.azure.com/openai/deployments/d/chat/completions?api-version=2024-10-21"],
  ])("%s + %s", (upstream, path, expected) => {
    expect(upstreamTarget(new URL(upstream), path).href).toBe(expected);
  });

  it("prints an upstream without credentials", () => {
    expect(upstreamLabel(new URL("https://user:pw@gw.example.com/v1/"))).toBe("https://gw.example.com/v1");
  });
});

describe("recordedApi", () => {
  it.each([
    ["POST", "/chat/completions", "chat"],
    ["POST", "/v1/chat/completions?stream=true", "chat"],
    ["POST", "/openai/deployments/d/chat/completions", "chat"],
    ["POST", "/v1/responses", "responses"],
    ["POST", "/openai/v1/responses?api-version=preview", "responses"],
    ["GET", "/v1/responses", undefined],
    ["GET", "/v1/responses/resp_1", undefined],
    ["GET", "/v1/models", undefined],
    ["POST", "/v1/embeddings", undefined],
    ["POST", "/v1/chat/completions/abc/messages", undefined],
  ])("%s %s → %s", (method, path, expected) => {
    expect(recordedApi(method, path)).toBe(expected);
  });
});
