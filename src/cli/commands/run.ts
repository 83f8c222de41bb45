import { isAbsolute, relative } from "node:path";
import { parseFlags, intFlag } from "../parse-flags.js";
import { UsageError, EXIT } from "../usage-error.js";
import { styleFor, type Style } from "../style.js";
import { renderFinding, renderOutcome, truncate } from "../render.js";
import { printable } from "../../engine/printable.js";
import { hasErrors } from "../../engine/diagnosis/finding.js";
import { BREAK_MODES, type AgentEvent, type AgentSessionView, type BreakMode, type Decider, type SessionCall } from "../../engine/agent/agent-contract.js";
import { AgentStartError } from "../../engine/agent/agent-start-error.js";
import { isMcpToolSpec } from "../../tools/mcp/mcp-tool-spec.js";
import type { ToolSpec } from "../../tools/tool-spec.js";
import { startAgentSession, type StartAgentSessionOptions, type StartedAgentSession } from "../../engine/agent/start-agent-session.js";

const FLAGS = {
  prompt: { type: "string" },
  model: { type: "string" },
  "base-url": { type: "string" },
  break: { type: "string" },
  session: { type: "string" },
  replay: { type: "string" },
  scripted: { type: "boolean" },
  timeout: { type: "string" },
  headless: { type: "boolean" },
  json: { type: "boolean" },
  "allow-side-effects": { type: "boolean" },
  mcp: { type: "string", multiple: true },
  "max-steps": { type: "string" },
  out: { type: "string" },
} as const;

/** Codes an execution adds to the arguments' diagnosis (already printed with the call). */
const OUTCOME_CODES = new Set(["tool_error", "timeout", "non_serializable_result"]);

export async function runCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseFlags("run", argv, FLAGS);
  const [module, ...extra] = positionals;
  if (module === undefined) throw new UsageError("run needs an agent module: tooldbg run <agent-module> [--headless]");
  if (extra.length > 0) throw new UsageError(`unexpected extra argument "${extra[0]}"; quote --prompt TEXT as one argument`);
  const breakMode = values.break;
  if (breakMode !== undefined && !isBreakMode(breakMode)) throw new UsageError(`--break takes ${BREAK_MODES.join(", ")}, got "${breakMode}"`);
  if (values.json === true && values.headless !== true) throw new UsageError("--json goes with --headless: tooldbg run " + module + " --headless --json");
  const options: StartAgentSessionOptions = {
    module,
    ...(values.prompt !== undefined ? { prompt: values.prompt } : {}),
    ...(values.model !== undefined ? { model: values.model } : {}),
    ...(values["base-url"] !== undefined ? { baseUrl: values["base-url"] } : {}),
    ...(breakMode !== undefined ? { breakMode } : {}),
    ...(values.session !== undefined ? { sessionFile: values.session } : {}),
    ...(values.replay !== undefined ? { replay: values.replay } : {}),
    ...(values.scripted === true ? { scripted: true } : {}),
    ...(values["allow-side-effects"] === true ? { allowSideEffects: true } : {}),
    ...(values.mcp !== undefined ? { mcp: values.mcp } : {}),
    ...(values["max-steps"] !== undefined ? { maxSteps: stepsFlag(values["max-steps"]) } : {}),
    timeoutMs: intFlag("timeout", values.timeout, 10_000),
  };
  if (values.headless === true) return runHeadless(options, values.json === true);
  if (process.stdin.isTTY !== true || process.stdout.isTTY !== true) {
    throw new UsageError(`run opens a terminal UI, but ${process.stdin.isTTY !== true ? "stdin" : "stdout"} is not a terminal; without one, run: tooldbg run ${module} --headless`);
  }
  return runTui(options, values.out);
}

/** Failed when it ran badly or its arguments are wrong, even if the user skipped or answered it. */
const callFailed = (call: SessionCall): boolean => call.status === "failed" || hasErrors(call.findings);

/** `--max-steps N`: model turns before the session stops (`ended: max_steps`). */
function stepsFlag(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n) || n <= 0) throw new UsageError(`--max-steps takes a positive whole number of model turns, got "${value}"`);
  return n;
}

const isBreakMode = (value: string): value is BreakMode => (BREAK_MODES as readonly string[]).includes(value);

async function start(options: StartAgentSessionOptions): Promise<StartedAgentSession> {
  try {
    return await startAgentSession(options);
  } catch (error) {
    if (error instanceof AgentStartError) throw new UsageError(error.message);
    throw error;
  }
}

/** `--headless`: break mode never, every event a line (a session/1 line with --json). */
async function runHeadless(options: StartAgentSessionOptions, json: boolean): Promise<number> {
  const s = styleFor(process.stdout);
  // Break mode never: the one pause left is a side-effecting tool in a replay, and nobody is there to say yes.
  const decider: Decider = {
    decide(paused, view) {
      const tool = view.calls.get(paused.callId)?.tool ?? paused.callId;
      if (!json) printLines([s.yellow(`  ${tool} declares side effects: not run from a replayed log (--allow-side-effects runs it)`)], s);
      return Promise.resolve({ kind: "skip" });
    },
  };
  const session = await start({
    ...options,
    breakMode: "never",
    decider,
    onWarning: (message) => process.stderr.write(printable(`tooldbg: warning: ${message}\n`)),
    ...(json ? { onSessionLine: (line: string) => process.stdout.write(`${line}\n`) } : {}),
  });
  if (!json) session.subscribe((event) => printLines(describeEvent(event, session.view, s), s));
  const interrupt = () => void session.close();
  // `| head` closed the pipe (EPIPE, then writes to a destroyed stream): nobody reads on, so the
  // session stops and its file stays whole. Left attached: late writes fail the same way.
  const closedPipe = () => interrupt();
  process.once("SIGINT", interrupt);
  process.once("SIGTERM", interrupt);
  process.stdout.on("error", closedPipe);
  try {
    const reason = await session.run();
    const failed = [...session.view.calls.values()].some(callFailed);
    // A session cut off at the step cap never finished: for a CI smoke test that is a failure too.
    return failed || reason === "model_error" || reason === "max_steps" ? EXIT.failures : EXIT.ok;
  } finally {
    process.off("SIGINT", interrupt);
    process.off("SIGTERM", interrupt);
    await session.close();
  }
}

function printLines(lines: readonly string[], s: Style): void {
  if (lines.length > 0) process.stdout.write(s.shown(`${lines.join("\n")}\n`));
}

/** The human lines for one event; `view` already includes it. */
export function describeEvent(event: AgentEvent, view: AgentSessionView, s: Style): string[] {
  switch (event.type) {
    case "started":
      return [
        `${s.bold(`run ${event.agent.module}`)} · ${event.label}${event.model !== undefined ? ` · model ${event.model}` : ""}`,
        ...mcpServers(event.agent.tools).map(([server, names]) => s.dim(`mcp: ${server} · ${names.join(", ")}`)),
        s.dim(`session: ${shownPath(event.sessionFile)}`),
      ];
    case "user":
      return [`${s.cyan("user:")} ${event.content}`];
    case "assistant": {
      if (event.turn.finishReason === "end_of_log") return [s.dim(`step ${event.step}: the replayed log has no more model turns`)];
      const names = event.turn.toolCalls.map((call) => call.name);
      const text = event.turn.content !== null && event.turn.content !== "" ? ` ${event.turn.content}` : "";
      return [`${s.cyan(`step ${event.step} assistant:`)}${text}${names.length > 0 ? ` ${s.dim(`→ ${names.join(", ")}`)}` : ""}`];
    }
    case "call": {
      const { call } = event;
      const mark = hasErrors(call.findings) ? s.red("✗") : s.green("✓");
      return [`${mark} ${s.bold(call.tool)} ${truncate(call.arguments, 500)} ${s.dim(`(${call.id})`)}`, ...call.findings.map((finding) => renderFinding(finding, s))];
    }
    case "executing":
      return [s.dim(`  running ${view.calls.get(event.callId)?.tool ?? event.callId} (${event.mode})…`)];
    case "executed": {
      const added = event.execution.findings.filter((finding) => OUTCOME_CODES.has(finding.code));
      return [indent(renderOutcome(event.execution.outcome, s)), ...added.map((finding) => indent(renderFinding(finding, s)))];
    }
    case "tool_message":
      return [`  ${event.isError ? s.red("→ model (error):") : s.dim("→ model:")} ${truncate(event.content.replace(/\s*\n\s*/g, " "), 300)}`];
    case "model_error":
      return [`${s.red(`✗ model error at step ${event.step}:`)} ${event.error.message}`];
    case "ended": {
      const calls = [...view.calls.values()];
      const failed = calls.filter(callFailed).length;
      const summary = `${calls.length} call${calls.length === 1 ? "" : "s"}, ${failed} failed`;
      return [`${failed > 0 || event.reason === "model_error" || event.reason === "max_steps" ? s.red("ended:") : s.green("ended:")} ${event.reason} · ${summary} · session ${shownPath(view.sessionFile)}`];
    }
    case "model_started":
    case "model_delta":
    case "paused":
    case "break_mode":
      return [];
  }
}

/** The --mcp servers whose tools the model is shown, each with those tools' names. */
function mcpServers(tools: readonly ToolSpec[]): [string, string[]][] {
  const byServer = new Map<string, string[]>();
  for (const spec of tools) if (isMcpToolSpec(spec)) byServer.set(spec.mcp.server, [...(byServer.get(spec.mcp.server) ?? []), spec.name]);
  return [...byServer];
}

/** Relative to the working directory when the file is below it, else absolute. */
const shownPath = (file: string | undefined): string => {
  if (file === undefined) return "(none)";
  const rel = relative(process.cwd(), file);
  return rel === "" || rel.startsWith("..") || isAbsolute(rel) ? file : rel;
};

const indent = (text: string): string => text.replace(/^/gm, "  ");

/**
 * The TUI: the run workbench (src/engine/workbench/run-workbench.ts) starts the session with
 * startAgentSession and is its Decider. The UI loads while the session's worker starts.
 */
async function runTui(options: StartAgentSessionOptions, exportDir: string | undefined): Promise<number> {
  const modules = Promise.all([import("../../engine/workbench/run-workbench.js"), import("../../ui/run-app.js")]);
  const [{ createRunWorkbench }, { runApp, createTerminalHandoff }] = await modules;
  const handoff = createTerminalHandoff();
  let workbench: Awaited<ReturnType<typeof createRunWorkbench>>;
  try {
    workbench = await createRunWorkbench({ ...options, handoff, ...(exportDir !== undefined ? { exportDir } : {}) });
  } catch (error) {
    if (error instanceof AgentStartError) throw new UsageError(error.message);
    throw error;
  }
  await runApp(workbench, { handoff });
  return EXIT.ok;
}
