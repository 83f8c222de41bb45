import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import OpenAI from "openai";
import { startProxy, type ProxyOptions, type RunningProxy } from "../../../src/engine/proxy/proxy-server.js";
import { openaiChatAdapter } from "../../../src/engine/logs/adapters/openai-chat.js";
import { readText, type ReadLog } from "../logs/openai-read-log.js";
import { startFakeUpstream, type FakeUpstream, type Responder } from "../../helpers/fake-upstream.js";

export const KEY = "sk-test-secret";

export interface Rig {
  upstream: FakeUpstream;
  proxy: RunningProxy;
  dir: string;
  /** The real SDK, pointed at the proxy. */
  client: OpenAI;
  /** Request bodies exactly as the SDK sent them. */
  sentBodies: string[];
  close(): Promise<void>;
}

/** A fake upstream, a proxy in front of it (upstream path /v1, as OPENAI_BASE_URL would be), and the SDK in front of that. */
export async function startRig(respond?: Responder, options: Partial<ProxyOptions> = {}): Promise<Rig> {
  const upstream = await startFakeUpstream(respond);
  const dir = mkdtempSync(join(tmpdir(), "tooldbg-proxy-"));
  const proxy = await startProxy({ upstream: new URL(`${upstream.url}/v1`), port: 0, outDir: dir, timeoutMs: 5_000, ...options });
  const sentBodies: string[] = [];
  const client = new OpenAI({
    baseURL: proxy.url,
    apiKey: KEY,
    maxRetries: 0,
    fetch: (url: string | URL | Request, init?: RequestInit) => {
      if (typeof init?.body === "string") sentBodies.push(init.body);
      return fetch(url, init);
    },
  });
  return {
    upstream,
    proxy,
    dir,
    client,
    sentBodies,
    close: async () => {
      await proxy.stop(1_000);
      await upstream.close();
    },
  };
}

/** Every log file's text, concatenated (one file per UTC day). */
export function logText(dir: string): string {
  return readdirSync(dir)
    .filter((f) => f.endsWith(".jsonl"))
    .sort()
    .map((f) => readFileSync(join(dir, f), "utf8"))
    .join("");
}

export const logLines = (dir: string): Record<string, unknown>[] =>
  logText(dir)
    .split("\n")
    .filter((l) => l !== "")
    .map((l) => JSON.parse(l) as Record<string, unknown>);

/** The log as the openai-chat adapter reads it. */
export const readProxyLog = (dir: string): ReadLog => readText(openaiChatAdapter, logText(dir));

/** Waits until `check` holds (the line of an exchange is written just after the client has its response). */
export async function until(check: () => boolean, timeoutMs = 5_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export const TOOLS: OpenAI.Chat.Completions.ChatCompletionTool[] = [
  {
    type: "function",
    function: {
      name: "get_invoice_status",
      description: "Look up an invoice",
      parameters: { type: "object", properties: { invoice_id: { type: "string" } }, required: ["invoice_id"], additionalProperties: false },
    },
  },
];

export const chatRequest = { model: "gpt-fake", messages: [{ role: "user" as const, content: "status of INV-123?" }], tools: TOOLS };
