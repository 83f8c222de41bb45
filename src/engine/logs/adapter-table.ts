import type { LogAdapter, LogFormat } from "./log-events.js";
import { autogenAdapter } from "./adapters/autogen.js";
import { langchainAdapter } from "./adapters/langchain.js";
import { otelAdapter } from "./adapters/otel.js";
import { anthropicAdapter } from "./adapters/anthropic.js";
import { openaiResponsesAdapter } from "./adapters/openai-responses.js";
import { openaiChatAdapter } from "./adapters/openai-chat.js";
import { tooldbgSessionAdapter } from "./adapters/tooldbg-session.js";

/**
 * Every log adapter, most specific first (tooldbg's own sessions carry a version marker): on equal confidence the earlier one wins. AutoGen comes
 * before OpenAI chat because its LLMCall events embed whole chat completions, and LangChain for the
 * same reason (LangSmith's OpenAI wrapper keeps requests and completions inside its runs).
 */
export const ADAPTERS: readonly LogAdapter[] = [tooldbgSessionAdapter, autogenAdapter, langchainAdapter, otelAdapter, anthropicAdapter, openaiResponsesAdapter, openaiChatAdapter];

export const adapterFor = (format: LogFormat): LogAdapter | undefined => ADAPTERS.find((a) => a.format === format);
