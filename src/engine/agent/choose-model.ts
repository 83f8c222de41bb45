import type { AgentInfo } from "./agent-contract.js";
import { AgentStartError } from "./agent-start-error.js";
import { DEFAULT_BASE_URL, LiveModel } from "./live-model.js";
import type { ModelClient } from "./model-client.js";
import { loadReplayTurns, ReplayModel } from "./replay-model.js";
import { ScriptedModel } from "./scripted-model.js";

export interface ModelChoice {
  model?: string;
  baseUrl?: string;
  replay?: string;
  scripted?: boolean;
  stream?: boolean;
  env: NodeJS.ProcessEnv;
}

/**
 * Where the turns come from (SPEC §1): `--replay LOG`; `--scripted`; live when OPENAI_API_KEY is
 * set or --base-url names a server (local servers need no key); else the agent's script, offline.
 */
export async function chooseModel(agent: AgentInfo, choice: ModelChoice): Promise<ModelClient> {
  checkModelChoice(choice);
  const modelName = choice.model ?? agent.model;
  if (choice.replay !== undefined) {
    const loaded = await loadReplayTurns(choice.replay);
    if (!loaded.ok) throw new AgentStartError(loaded.message);
    if (loaded.turns.length === 0) throw new AgentStartError(`${choice.replay} holds no tool calls to replay`);
    return new ReplayModel(loaded.turns, choice.replay, modelName);
  }
  const apiKey = nonEmpty(choice.env.OPENAI_API_KEY);
  const baseUrl = choice.baseUrl ?? nonEmpty(choice.env.OPENAI_BASE_URL);
  const live = choice.scripted !== true && (apiKey !== undefined || choice.baseUrl !== undefined);
  if (!live) {
    const why = choice.scripted === true ? "--scripted" : "no OPENAI_API_KEY";
    if (agent.script === undefined || agent.script.length === 0) {
      throw new AgentStartError(
        choice.scripted === true
          ? `--scripted: ${agent.module} has no script; add script: [...] to defineAgent`
          : `no OPENAI_API_KEY, and ${agent.module} has no script to run offline: set OPENAI_API_KEY, add script: [...] to defineAgent, or pass --replay LOG`,
      );
    }
    return new ScriptedModel(agent.script, `scripted (${why})`, modelName);
  }
  if (modelName === undefined) throw new AgentStartError(`no model: pass --model M or set model in ${agent.module}'s defineAgent`);
  return new LiveModel({
    // A local OpenAI-compatible server ignores the key, but the SDK wants one.
    apiKey: apiKey ?? "no-key",
    ...(baseUrl !== undefined && baseUrl !== DEFAULT_BASE_URL ? { baseURL: baseUrl } : {}),
    model: modelName,
    ...(choice.stream !== undefined ? { stream: choice.stream } : {}),
  });
}

/** The checks that need no agent: done before the worker starts, so a typo fails fast. */
export function checkModelChoice(choice: ModelChoice): void {
  if (choice.replay !== undefined && choice.scripted === true) throw new AgentStartError("--replay and --scripted both choose the model turns; pass one of them");
  const baseUrl = choice.baseUrl ?? nonEmpty(choice.env.OPENAI_BASE_URL);
  if (baseUrl !== undefined) checkBaseUrl(baseUrl, choice.baseUrl !== undefined ? "--base-url" : "OPENAI_BASE_URL");
}

function checkBaseUrl(value: string, from: string): void {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new AgentStartError(`${from} "${value}" is not a URL; use e.g. http://127.0.0.1:11434/v1`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new AgentStartError(`${from} "${value}" must be an http:// or https:// URL`);
}

const nonEmpty = (value: string | undefined): string | undefined => (value === undefined || value.trim() === "" ? undefined : value);
