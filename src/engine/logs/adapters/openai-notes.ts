/** The notes OpenAI calls carry, in one place so chat and Responses say the same thing. */
export const LEGACY_NOTE = "legacy function_call";
export const CUSTOM_NOTE = "custom tool: free-text input, not JSON";
