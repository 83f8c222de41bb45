import { resolve } from "node:path";
import { SessionWriter } from "../session/session-writer.js";
import type { NewSessionEvent } from "../session/session-format.js";
import { frameEvent } from "../../tools/mcp/frame-event.js";
import type { AgentEvent, AgentInfo, AgentSession, BreakMode, Decider } from "./agent-contract.js";
import { AgentLoop } from "./agent-loop.js";
import { AgentStartError } from "./agent-start-error.js";
import { loadAgent } from "./load-agent.js";
import { checkModelChoice, chooseModel } from "./choose-model.js";
import { toSessionEvent } from "./session-events.js";

export interface StartAgentSessionOptions {
  /** The agent module, as given on the command line. */
  module: string;
  /** The user's project directory. Default process.cwd(). */
  cwd?: string;
  prompt?: string;
  model?: string;
  baseUrl?: string;
  breakMode?: BreakMode;
  /** Write the session exactly here; default `sessions/<time>-<agent>.jsonl` under cwd. */
  sessionFile?: string;
  sessionDir?: string;
  replay?: string;
  scripted?: boolean;
  timeoutMs?: number;
  maxSteps?: number;
  /** `--mcp` servers whose tools join the agent's; every JSON-RPC frame goes to the session file. */
  mcp?: readonly string[];
  /** With --replay, run side-effecting tools without pausing first. */
  allowSideEffects?: boolean;
  decider?: Decider;
  /** Where OPENAI_API_KEY / OPENAI_BASE_URL are read. Default process.env. */
  env?: NodeJS.ProcessEnv;
  /** Live only: false for servers that cannot stream. */
  stream?: boolean;
  /** Each session line as written, the header first (headless --json prints them). */
  onSessionLine?: (line: string) => void;
  /** Problems that do not stop the session (a tool that could not be read, a session write that failed). */
  onWarning?: (message: string) => void;
}

/** An agent session plus what the caller may want to show before it runs. */
export interface StartedAgentSession extends AgentSession {
  readonly agent: AgentInfo;
  readonly sessionFile: string;
}

/**
 * Everything `run` needs, TUI or headless: load the agent in the worker, pick the model source,
 * open the session file, and hand back the loop. Rejects with AgentStartError (one line) when the
 * session cannot start; nothing is left running then.
 */
export async function startAgentSession(options: StartAgentSessionOptions): Promise<StartedAgentSession> {
  const cwd = options.cwd ?? process.cwd();
  const warn = options.onWarning ?? (() => undefined);
  const env = options.env ?? process.env;
  checkModelChoice({ ...options, env });
  const { tools: host, agent, warnings } = await loadAgent(options.module, { cwd, ...pick(options, ["timeoutMs", "mcp"]) });
  let writer: SessionWriter;
  let loop: AgentLoop;
  let unsubscribeFrames: () => void = () => undefined;
  try {
    warnings.forEach(warn);
    const model = await chooseModel(agent, { ...options, env });
    writer = openSession(options, cwd, agent, model.source, model.model);
    options.onSessionLine?.(writer.headerLine);
    const sessionWriter = writer;
    let writeFailed = false;
    const write = (line: NewSessionEvent, now?: Date): void => {
      try {
        // Written first: `onSessionLine?.(append())` would skip the write when nobody listens.
        const written = sessionWriter.append(line, now);
        options.onSessionLine?.(written);
      } catch (error) {
        if (!writeFailed) warn(`cannot write the session file ${sessionWriter.path}: ${error instanceof Error ? error.message : String(error)}`);
        writeFailed = true;
      }
    };
    const record = (event: AgentEvent): void => {
      const line = toSessionEvent(event, (callId) => loop.view.calls.get(callId)?.tool ?? "");
      if (line !== undefined) write(line);
    };
    // MCP frames as they cross, stamped with when they crossed; the startup ones (initialize,
    // tools/list) were kept by the hub until the file existed.
    unsubscribeFrames = host.frames.subscribe((frame) => write(frameEvent(frame), frame.time), { replay: true });
    loop = new AgentLoop({
      agent,
      model,
      runner: host,
      record,
      sessionFile: writer.path,
      confirmSideEffects: model.source === "replay" && options.allowSideEffects !== true,
      ...pick(options, ["decider", "breakMode", "prompt", "timeoutMs", "maxSteps"]),
    });
  } catch (error) {
    unsubscribeFrames();
    await host.close();
    throw error;
  }
  const session = loop;
  const sessionWriter = writer;
  let closing: Promise<void> | undefined;
  return {
    agent,
    sessionFile: writer.path,
    get view() {
      return session.view;
    },
    subscribe: (listener) => session.subscribe(listener),
    run: () => session.run(),
    setBreakMode: (mode) => session.setBreakMode(mode),
    reexecute: (callId, argumentsText, mode) => session.reexecute(callId, argumentsText, mode),
    close() {
      closing ??= (async () => {
        // The loop stops first; killing the worker ends a call that hangs, then the file closes.
        const stopped = session.close();
        await host.close();
        await stopped;
        unsubscribeFrames();
        sessionWriter.close();
      })();
      return closing;
    },
  };
}

function openSession(options: StartAgentSessionOptions, cwd: string, agent: AgentInfo, mode: "live" | "scripted" | "replay", model: string | undefined): SessionWriter {
  const header = {
    mode,
    agent: agent.module,
    ...(model !== undefined ? { model } : {}),
    tools: agent.tools.map((spec) => ({ name: spec.name, ...(spec.description !== undefined ? { description: spec.description } : {}), parameters: spec.parameters })),
  };
  const target = options.sessionFile !== undefined ? resolve(cwd, options.sessionFile) : resolve(cwd, options.sessionDir ?? "sessions");
  try {
    return options.sessionFile !== undefined ? SessionWriter.open(target, header) : SessionWriter.create(target, header);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === "EEXIST" ? "it already exists (sessions are never overwritten)" : code === "ENOENT" ? "its directory does not exist" : code === "EACCES" ? "permission denied" : String(code ?? error);
    throw new AgentStartError(`cannot write the session file ${options.sessionFile ?? target}: ${why}`);
  }
}

function pick<T extends object, K extends keyof T>(from: T, keys: readonly K[]): Partial<Pick<T, K>> {
  const out: Partial<Pick<T, K>> = {};
  for (const key of keys) if (from[key] !== undefined) out[key] = from[key];
  return out;
}
