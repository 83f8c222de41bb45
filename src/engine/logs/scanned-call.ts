import type { Finding } from "../diagnosis/finding.js";
import type { ExecutionOutcome } from "../executor/outcome.js";
import type { SourceRef } from "./log-events.js";

/** One call of a log after diagnosis: the `calls[]` object of `scan --json` (SPEC §7). */
export interface ScannedCall {
  callId: string;
  tool: string;
  arguments: string;
  /** False when the format kept only parsed arguments ("raw arguments not recorded"). */
  argumentsRecorded: boolean;
  model?: string;
  time?: string;
  source: SourceRef;
  ok: boolean;
  diagnoses: Finding[];
  result?: { content: string; isError?: boolean; errorInferred?: boolean; source: SourceRef };
  truncated?: boolean;
  syntheticId?: boolean;
  notes?: string[];
  /** A fresh execution (scan --execute), beside the logged result. */
  execution?: ExecutionOutcome;
}

/** A conversation-level finding that belongs to no call still in view (an orphan result). */
export interface ConversationFinding {
  callId: string;
  source: SourceRef;
  finding: Finding;
}
