import type { LogEvent } from "../../log-events.js";
import { BoundedMap } from "./bounded-id-set.js";
import { CallLedger } from "./call-ledger.js";
import { AdvertisedInterner } from "./intern-advertised.js";
import { WaitingCalls } from "./waiting-calls.js";

/**
 * What a reader keeps between records when answers may name no call id and are paired with their
 * call by tool and arguments (AutoGen's autogen_core `ToolCall` events, LangSmith tool runs that
 * failed before returning a ToolMessage).
 */
export interface PairingContext {
  file: string;
  ledger: CallLedger;
  emit: (event: LogEvent) => void;
  /** Call id → tool name, for results that do not name their tool. */
  toolNames: BoundedMap<string>;
  /** The latest calls, for answers that name none and are matched to one when they come (autogen_core's ToolCall events, LangSmith's failed tool runs). */
  waiting: WaitingCalls;
  /**
   * One tools list object per distinct list: records repeat the agent's tools, identity caches
   * downstream (specs, validators) then hit, and calls waiting for their answers keep no copies alive.
   */
  tools: AdvertisedInterner;
}

/** A fresh context for one file; `emit` is called through, so a reader can hand it each call's sink. */
export function createPairingContext(file: string, emit: (event: LogEvent) => void, ledger: { distinctCalls?: boolean; scoped?: boolean } = {}): PairingContext {
  return { file, ledger: new CallLedger(ledger), emit, toolNames: new BoundedMap(10_000), waiting: new WaitingCalls(), tools: new AdvertisedInterner() };
}
