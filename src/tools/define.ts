/**
 * The user-facing API: tool() and defineAgent(). Brands are registered symbols so that
 * two copies of tooldbg (the user's and the CLI's) still recognise each other's objects.
 */
export const TOOL_BRAND = Symbol.for("tooldbg.tool");
export const AGENT_BRAND = Symbol.for("tooldbg.agent");

/** Any schema object with zod 4 internals; typed loosely so the user's own zod copy fits. */
export interface ZodLikeSchema<Input = unknown> {
  _zod: unknown;
  safeParse(value: unknown): { success: true; data: Input } | { success: false; error: unknown };
}

type InferInput<S> = S extends { _zod: { output: infer O } } ? O : unknown;

export interface ToolOptions<S extends ZodLikeSchema, R> {
  name: string;
  description?: string;
  parameters: S;
  execute?: (args: InferInput<S>) => R | Promise<R>;
  /** The tool changes the world (sends mail, charges a card): tooldbg asks before replaying it from a log. */
  sideEffects?: boolean;
}

export interface TooldbgTool<S extends ZodLikeSchema = ZodLikeSchema, R = unknown> extends ToolOptions<S, R> {
  readonly [TOOL_BRAND]: true;
}

export function tool<S extends ZodLikeSchema, R>(options: ToolOptions<S, R>): TooldbgTool<S, R> {
  if (typeof options.name !== "string" || options.name.length === 0) throw new TypeError("tool(): name must be a non-empty string");
  return { ...options, [TOOL_BRAND]: true };
}

/** A scripted model turn: an assistant message in the OpenAI chat format. */
export interface ScriptedTurn {
  content?: string | null;
  tool_calls?: { id: string; type?: "function"; function: { name: string; arguments: string } }[];
}

export interface AgentOptions {
  model?: string;
  instructions?: string;
  /** Tools the model is shown. Entries may be tool() objects or any recognised tool shape. */
  tools: readonly unknown[];
  /** Offline model turns, used when no API key is set (or always with --scripted). */
  script?: readonly ScriptedTurn[];
  /** The first user message when --prompt is not given. */
  prompt?: string;
}

export interface TooldbgAgent extends AgentOptions {
  readonly [AGENT_BRAND]: true;
}

export function defineAgent(options: AgentOptions): TooldbgAgent {
  if (!Array.isArray(options.tools)) throw new TypeError("defineAgent(): tools must be an array");
  return { ...options, [AGENT_BRAND]: true };
}

export const isTooldbgTool = (value: unknown): value is TooldbgTool =>
  typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[TOOL_BRAND] === true;

export const isTooldbgAgent = (value: unknown): value is TooldbgAgent =>
  typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[AGENT_BRAND] === true;
