import type { AdvertisedTool, LogEvent } from "../log-events.js";
import { AgentTurns } from "./autogen-agent-turns.js";
import { HeldCalls } from "./autogen-held-calls.js";
import { createPairingContext, type PairingContext } from "./shared/pairing-context.js";

/** Where a record's calls and results are read from, and what they carry from it. */
export interface RecordContext {
  line: number;
  time?: string | undefined;
  model?: string | undefined;
  advertised?: AdvertisedTool[] | undefined;
  truncated?: boolean;
  note?: string;
}

/** What an AutoGen reader keeps between records. */
export interface AutogenContext extends PairingContext {
  /** Each agent's open request, for the conversation checks. */
  turns: AgentTurns;
  /** An LLMCall response's calls waiting one record for their time. */
  held: HeldCalls<RecordContext>;
  /** The time of the line being read from its logging header, for records that carry none. */
  lineTime: string | undefined;
}

export function createAutogenContext(file: string, emit: (event: LogEvent) => void): AutogenContext {
  // AutoGen's Ollama client gives every call of a response the same id, numbered from 0 per run.
  const pairing = createPairingContext(file, emit, { distinctCalls: true });
  return { ...pairing, turns: new AgentTurns(file, pairing.ledger, pairing.emit), held: new HeldCalls(), lineTime: undefined };
}
