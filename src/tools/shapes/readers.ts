import { aiSdkToolReader } from "./ai-sdk-tool.js";
import { openaiAgentsToolReader } from "./openai-agents-tool.js";
import { openaiFunctionReader } from "./openai-function.js";
import { openaiZodFunctionReader } from "./openai-zod-function.js";
import type { ToolReader } from "./tool-reader.js";
import { tooldbgToolReader } from "./tooldbg-tool.js";

/**
 * The detection table, most specific first: brands before structure, and an Agents SDK tool
 * (type "function" plus invoke) before the plain OpenAI function shape it also resembles.
 */
export const TOOL_READERS: readonly ToolReader[] = [
  tooldbgToolReader,
  openaiZodFunctionReader,
  openaiAgentsToolReader,
  openaiFunctionReader,
  aiSdkToolReader,
];
