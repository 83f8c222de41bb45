export { tool, defineAgent } from "./tools/define.js";
export type { ToolOptions, TooldbgTool, AgentOptions, TooldbgAgent, ScriptedTurn } from "./tools/define.js";
export type { Finding, FindingCode, Severity, Suggestion } from "./engine/diagnosis/finding.js";
export type { ExecutionOutcome } from "./engine/executor/outcome.js";
export type { ToolSpec } from "./tools/tool-spec.js";
