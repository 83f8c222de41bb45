import { basename } from "node:path";
import { detectFormat } from "../logs/detect-format.js";
import type { LogToolCall } from "../logs/log-events.js";
import { readLog } from "../logs/read-log.js";
import type { ModelTurn } from "./agent-contract.js";
import type { ModelClient, ModelResult } from "./model-client.js";

/**
 * Model turns taken from a captured log (`--replay LOG`). The calls of one logged assistant turn
 * come from one record, so calls read from the same file line form one turn. When the log has no
 * more turns the model "answers" with nothing: the session ends as the log did.
 */
export class ReplayModel implements ModelClient {
  readonly source = "replay";
  readonly label: string;
  private used = 0;

  constructor(
    private readonly turns: readonly ModelTurn[],
    file: string,
    readonly model: string | undefined,
  ) {
    this.label = `replay ${basename(file)}`;
  }

  get remaining(): number {
    return this.turns.length - this.used;
  }

  next(): Promise<ModelResult> {
    const turn = this.turns[this.used];
    if (turn !== undefined) this.used++;
    return Promise.resolve({ ok: true, turn: turn ?? { content: null, toolCalls: [], finishReason: "end_of_log" } });
  }
}

export type ReplayLoad = { ok: true; turns: ModelTurn[]; format: string; badLines: number } | { ok: false; message: string };

/** Read a log's tool calls into model turns; an unreadable or unrecognised file is one line. */
export async function loadReplayTurns(file: string): Promise<ReplayLoad> {
  try {
    const detection = await detectFormat(file);
    if (detection.adapter === undefined) return { ok: false, message: `cannot tell the format of ${file} (a log for --replay: openai-chat, openai-responses, anthropic, autogen, langchain, otel or a tooldbg session)` };
    const calls: LogToolCall[] = [];
    const summary = await readLog(file, detection.adapter, (event) => {
      if (event.kind === "call") calls.push(event);
    });
    return { ok: true, turns: groupTurns(calls), format: summary.format, badLines: summary.errors.length };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { ok: false, message: `cannot read ${file}: ${code === "ENOENT" ? "no such file" : code === "EISDIR" ? "it is a directory" : error instanceof Error ? error.message : String(error)}` };
  }
}

export function groupTurns(calls: readonly LogToolCall[]): ModelTurn[] {
  const turns: ModelTurn[] = [];
  let key: string | undefined;
  for (const call of calls) {
    const callKey = `${call.source.file}:${call.source.line}:${call.conversation ?? ""}`;
    const last = turns[turns.length - 1];
    if (last !== undefined && callKey === key) {
      last.toolCalls.push({ id: call.callId, name: call.tool, arguments: call.arguments });
      continue;
    }
    key = callKey;
    turns.push({
      content: null,
      toolCalls: [{ id: call.callId, name: call.tool, arguments: call.arguments }],
      ...(call.model !== undefined ? { model: call.model } : {}),
      finishReason: call.truncated === true ? "length" : "tool_calls",
    });
  }
  return turns;
}
