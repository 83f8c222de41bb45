import type { LogAdapter, LogFormat } from "./log-events.js";

/**
 * One format's adapter, loading only its own modules: a reading thread needs one format, and every
 * adapter's code (all seven are ~8 MB of parsed modules per thread) counts against the scan's RSS cap.
 * The same objects as adapter-table's ADAPTERS.
 */
const LOADERS: Record<LogFormat, () => Promise<LogAdapter>> = {
  "openai-chat": async () => (await import("./adapters/openai-chat.js")).openaiChatAdapter,
  "openai-responses": async () => (await import("./adapters/openai-responses.js")).openaiResponsesAdapter,
  anthropic: async () => (await import("./adapters/anthropic.js")).anthropicAdapter,
  autogen: async () => (await import("./adapters/autogen.js")).autogenAdapter,
  langchain: async () => (await import("./adapters/langchain.js")).langchainAdapter,
  otel: async () => (await import("./adapters/otel.js")).otelAdapter,
  tooldbg: async () => (await import("./adapters/tooldbg-session.js")).tooldbgSessionAdapter,
};

export function loadAdapter(format: LogFormat): Promise<LogAdapter> {
  const load = LOADERS[format] as (() => Promise<LogAdapter>) | undefined;
  if (!load) return Promise.reject(new Error(`no adapter for ${format}`));
  return load();
}
