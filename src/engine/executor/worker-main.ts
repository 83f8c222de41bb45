// The tool worker: a child process started by ToolHost with tsx preloaded. It imports the user's
// modules and runs their tools; everything that can go wrong in there stays in here.
import type { LoadedTool } from "../../tools/loaded-tool.js";
import { ValidationFailure } from "../../tools/loaded-tool.js";
import path from "node:path";
import { importModule, loadToolModules, registerFallbackResolution } from "../../tools/load-module.js";
import type { ToolSpec } from "../../tools/tool-spec.js";
import { readAgent } from "../agent/read-agent.js";
import { describeThrown, toErrorInfo } from "./error-info.js";
import type { ExecutionMode } from "./outcome.js";
import type { OutputStream } from "./output-buffer.js";
import { OutputBuffer } from "./output-buffer.js";
import { startParentWatchdog } from "./parent-watchdog.js";
import type { ParentMessage, WorkerAgent, WorkerMessage, WorkerOutcome } from "./protocol.js";
import { checkResult } from "./serialization-check.js";
import { redirectStdio } from "./stdio-redirect.js";

/** Past the cap, tell the host about dropped output in steps this big, not per write. */
const DROPPED_REPORT_STEP = 1024 * 1024;

const exitProcess = process.exit.bind(process);
let tools = new Map<string, LoadedTool>();
let loadingModule: string | undefined;
let dying = false;
let activeCall: { id: number; output: OutputBuffer; reportedDropped: number } | undefined;

function send(message: WorkerMessage, whenSent?: () => void): void {
  if (!process.connected || process.send === undefined) return;
  try {
    process.send(message, undefined, {}, whenSent);
  } catch {
    // The host is gone; the disconnect handler ends us.
  }
}

function onToolWrite(stream: OutputStream, chunk: string | Uint8Array, encoding?: BufferEncoding): void {
  const call = activeCall;
  if (call === undefined) return;
  const kept = call.output.append(stream, chunk, encoding);
  const dropped = call.output.droppedBytes;
  // Streamed as it happens so that a call that hangs or kills the worker still shows its output.
  if (kept !== "" || dropped - call.reportedDropped >= DROPPED_REPORT_STEP) {
    call.reportedDropped = dropped;
    send({ type: "output", id: call.id, stream, text: kept, droppedBytes: dropped });
  }
}

/**
 * Tell the host why we are going, then go. process.exit from a tool must not return into the
 * tool, so it exits at once (the small message is written synchronously in practice); for
 * uncaught errors nothing is left to run, so we wait until the message is flushed.
 */
function die(reason: string, code: number, waitForDelivery: boolean): void {
  if (dying) {
    if (!waitForDelivery) exitProcess(code);
    return;
  }
  dying = true;
  const message: WorkerMessage = { type: "dying", reason, ...(loadingModule !== undefined ? { module: loadingModule } : {}) };
  if (!waitForDelivery) {
    send(message);
    exitProcess(code);
  }
  send(message, () => exitProcess(code));
  setTimeout(() => exitProcess(code), 1_000);
}

function exitCodeOf(code: unknown): number {
  const parsed = typeof code === "string" ? Number.parseInt(code, 10) : code;
  return typeof parsed === "number" && Number.isInteger(parsed) ? parsed : 0;
}

async function handleLoad(modules: string[], cwd: string): Promise<void> {
  const loaded = await loadToolModules(modules, cwd, (module) => {
    loadingModule = module;
  });
  tools = new Map(loaded.tools.map((loadedTool) => [loadedTool.spec.name, loadedTool]));
  const specs = loaded.tools.map((loadedTool) => loadedTool.spec);
  const unusable = new Set(loaded.errors.filter((error) => error.kind === "not_found" || error.kind === "syntax" || error.kind === "threw").map((error) => error.module));
  const agents = await readAgents(modules.filter((module) => !unusable.has(module)), cwd, specs);
  send({ type: "loaded", tools: specs, errors: loaded.errors, ...(agents.length > 0 ? { agents } : {}) });
}

/** Agents among the modules that loaded: import() hands back the namespace it already evaluated. */
async function readAgents(modules: readonly string[], cwd: string, specs: readonly ToolSpec[]): Promise<WorkerAgent[]> {
  const agents: WorkerAgent[] = [];
  for (const module of modules) {
    try {
      const agent = readAgent(module, await importModule(path.resolve(cwd, module)), specs);
      if (agent !== undefined) agents.push(agent);
    } catch {
      // Already reported by the loader.
    }
  }
  return agents;
}

async function handleCall(id: number, name: string, args: unknown, argumentsText: string, mode: ExecutionMode): Promise<void> {
  const output = new OutputBuffer();
  activeCall = { id, output, reportedDropped: 0 };
  const started = performance.now();
  let outcome: WorkerOutcome;
  try {
    const loadedTool = tools.get(name);
    if (loadedTool === undefined) throw Object.assign(new Error(`no tool named "${name}" is loaded`), { name: "UnknownTool" });
    if (!loadedTool.spec.executable) throw Object.assign(new Error(`"${name}" is schema-only: it has no implementation to run`), { name: "NotExecutable" });
    const value = await loadedTool.invoke(args, argumentsText, mode);
    const durationMs = performance.now() - started;
    activeCall = undefined;
    const checked = checkResult(value);
    outcome = { status: "ok", mode, durationMs, console: output.snapshot(), result: checked.result, preview: checked.preview, serialization: checked.issues, ...(checked.omittedChars !== undefined ? { omittedResultChars: checked.omittedChars } : {}) };
  } catch (error) {
    const durationMs = performance.now() - started;
    activeCall = undefined;
    const validation = error instanceof ValidationFailure || (error as { name?: unknown } | null)?.name === "ValidationFailure";
    const info = toErrorInfo(error);
    if (validation && error instanceof ValidationFailure) info.issues = error.issues.map((issue) => ({ path: issue.path, message: issue.message }));
    outcome = { status: "error", mode, durationMs, console: output.snapshot(), phase: validation ? "validation" : "execute", error: info };
  }
  // Once dying, the crash is the outcome: a late result would hide it.
  if (!dying) send({ type: "result", id, outcome });
}

function handleMessage(message: ParentMessage): void {
  switch (message.type) {
    case "load":
      void handleLoad(message.modules, message.cwd);
      return;
    case "call":
      void handleCall(message.id, message.tool, message.args, message.argumentsText, message.mode);
      return;
  }
}

if (process.send === undefined) {
  process.stderr.write("tooldbg: worker-main must be started by ToolHost (with an IPC channel)\n");
  exitProcess(2);
}

redirectStdio(onToolWrite);
process.exit = ((code?: number | string | null) => {
  const exitCode = exitCodeOf(code ?? process.exitCode);
  die(`called process.exit(${exitCode})`, exitCode, false);
  return undefined as never;
}) as typeof process.exit;
process.on("uncaughtException", (error) => die(`uncaught exception: ${describeThrown(error)}`, 1, true));
process.on("unhandledRejection", (reason) => die(`unhandled rejection: ${describeThrown(reason)}`, 1, true));
process.on("disconnect", () => exitProcess(0));
process.on("message", (message: ParentMessage) => handleMessage(message));
registerFallbackResolution();
startParentWatchdog();
