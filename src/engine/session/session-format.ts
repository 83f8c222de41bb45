import { createRequire } from "node:module";
import type { z as Zod } from "zod";

/**
 * `session/1` (SPEC §6): JSONL, a header line, then one event per line, appended and flushed as
 * it happens. A session file is itself a loadable log. Parsed with zod; every future version
 * must keep reading the example files in test/fixtures/sessions/.
 *
 * The schemas are built on first use (`sessionSchemas`): zod is about 95 modules, and loading them
 * cost every command ~90 ms of start-up, `scan` of a chat log included, which never reads a session.
 */
export const SESSION_VERSION = "session/1";

function buildSchemas(z: typeof Zod) {
  const advertisedTool = z.object({ name: z.string(), description: z.string().optional(), parameters: z.record(z.string(), z.unknown()) });

  const header = z
    .object({
      tooldbg: z.literal(SESSION_VERSION),
      startedAt: z.string(),
      /** How model turns were produced. */
      mode: z.enum(["live", "scripted", "replay"]),
      agent: z.string().optional(),
      model: z.string().optional(),
      /** The tools as the model was shown them. */
      tools: z.array(advertisedTool).optional(),
      version: z.string().optional(),
    })
    .passthrough();

  const toolCall = z.object({ id: z.string(), name: z.string(), arguments: z.string() });
  const finding = z.object({ code: z.string(), severity: z.enum(["error", "warning"]), message: z.string() }).passthrough();
  const base = { seq: z.number().int().nonnegative(), t: z.string() };

  const event = z.discriminatedUnion("type", [
    z.object({ ...base, type: z.literal("user"), content: z.string() }),
    z.object({
      ...base,
      type: z.literal("assistant"),
      content: z.string().nullable().optional(),
      toolCalls: z.array(toolCall).optional(),
      model: z.string().optional(),
      finishReason: z.string().optional(),
      /** The model turn, 1-based (run). */
      step: z.number().int().optional(),
    }),
    /** The diagnosis of a call, when it came up (and again after each edit). */
    z.object({ ...base, type: z.literal("diagnosis"), callId: z.string(), tool: z.string(), arguments: z.string(), findings: z.array(finding) }),
    /** One execution of a call in the isolated worker (the outcome record of src/engine/executor/outcome.ts). */
    z.object({
      ...base,
      type: z.literal("execution"),
      callId: z.string(),
      tool: z.string(),
      arguments: z.string(),
      outcome: z.object({ status: z.string() }).passthrough(),
      /** The run's findings: the arguments' diagnosis plus tool_error / timeout / non_serializable_result. */
      findings: z.array(finding).optional(),
      status: z.string().optional(),
    }),
    /** What was sent back to the model for a call. */
    z.object({ ...base, type: z.literal("tool_message"), callId: z.string(), content: z.string(), isError: z.boolean().optional(), status: z.string().optional() }),
    /** The loop stopped at a call for a decision: `before` it ran, or `after` it failed. */
    z.object({ ...base, type: z.literal("paused"), callId: z.string(), phase: z.enum(["before", "after"]), reason: z.string().optional() }),
    /** A call handed to the worker (a hung tool leaves this as its last line). */
    z.object({ ...base, type: z.literal("executing"), callId: z.string(), tool: z.string(), arguments: z.string(), mode: z.string() }),
    z.object({ ...base, type: z.literal("model_error"), step: z.number().int(), kind: z.string(), message: z.string(), status: z.number().int().optional() }),
    z.object({ ...base, type: z.literal("break_mode"), mode: z.string() }),
    z.object({ ...base, type: z.literal("note"), message: z.string() }),
    /** One JSON-RPC frame to (`out`) or from (`in`) an MCP server, or a stdout line of it that was not JSON-RPC (`junk`). */
    z.object({ ...base, type: z.literal("mcp"), server: z.string(), direction: z.enum(["out", "in", "junk"]), message: z.unknown().optional(), text: z.string().optional() }),
    z.object({ ...base, type: z.literal("end"), reason: z.string() }),
  ]);
  return { header, event };
}

type SessionSchemas = ReturnType<typeof buildSchemas>;
let schemas: SessionSchemas | undefined;

/** The header and event schemas (zod loaded, synchronously, the first time they are asked for). */
export function sessionSchemas(): SessionSchemas {
  return (schemas ??= buildSchemas((createRequire(import.meta.url)("zod") as { z: typeof Zod }).z));
}

export type SessionHeader = Zod.infer<SessionSchemas["header"]>;
export type SessionEvent = Zod.infer<SessionSchemas["event"]>;
/** An event before the writer stamps it with its sequence number and time. */
export type NewSessionEvent = SessionEvent extends infer E ? (E extends SessionEvent ? Omit<E, "seq" | "t"> : never) : never;
