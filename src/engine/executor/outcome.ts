/** What executing one tool call produced. Executing never throws across layers: it returns one of these. */
export type ExecutionMode = "validated" | "raw";

export interface CapturedConsole {
  /** What the tool wrote to stdout / stderr (console.* included), capped. */
  stdout: string;
  stderr: string;
  /** Bytes dropped once the cap was reached (a flooding tool). */
  droppedBytes: number;
}

export type SerializationIssueKind =
  | "Date"
  | "BigInt"
  | "Map"
  | "Set"
  | "class instance"
  | "function"
  | "symbol"
  | "undefined"
  | "NaN"
  | "Infinity"
  | "circular";

export interface SerializationIssue {
  /** Dotted path inside the result ("" for the result itself). */
  path: string;
  kind: SerializationIssueKind;
  /** Class name for class instances. */
  detail?: string;
}

export interface ErrorInfo {
  name: string;
  message: string;
  stack?: string;
  /** Validation phase: where the tool's schema rejected the arguments. */
  issues?: { path: string; message: string }[];
}

interface OutcomeBase {
  mode: ExecutionMode;
  durationMs: number;
  console: CapturedConsole;
}

export interface OkOutcome extends OutcomeBase {
  status: "ok";
  /** The result after a JSON round trip (what a runtime would send back to the model); undefined when none. */
  result: unknown;
  /** util.inspect of the result as the tool returned it, before any JSON conversion. */
  preview: string;
  serialization: SerializationIssue[];
  /** Set when the result's JSON text was too large to bring back whole: its length in characters (`result` is then undefined). */
  omittedResultChars?: number;
}

export interface ErrorOutcome extends OutcomeBase {
  status: "error";
  /** "validation": validated mode rejected the arguments before execute; "execute": the tool threw or returned an error. */
  phase: "validation" | "execute";
  error: ErrorInfo;
}

export interface TimeoutOutcome extends OutcomeBase {
  status: "timeout";
  timeoutMs: number;
}

export interface CrashedOutcome extends OutcomeBase {
  status: "crashed";
  /** Why the worker died: "called process.exit(3)", "out of memory", "unhandled rejection: …", "killed by SIGSEGV". */
  reason: string;
}

export type ExecutionOutcome = OkOutcome | ErrorOutcome | TimeoutOutcome | CrashedOutcome;
