import type { JsonSchema } from "../../tools/json-schema.js";

/** The log formats tooldbg reads (SPEC §6). */
export const LOG_FORMATS = ["openai-chat", "openai-responses", "anthropic", "autogen", "langchain", "otel", "tooldbg"] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];

/** Where a record came from: 1-based line of the file (the first line of a multi-line record). */
export interface SourceRef {
  file: string;
  line: number;
}

/** A tool as a log's request advertised it to the model. */
export interface AdvertisedTool {
  name: string;
  description?: string;
  parameters: JsonSchema;
}

/** One tool call the model made, normalised from any format. */
export interface LogToolCall {
  kind: "call";
  /** The format's own id; a stable synthetic one (`synthetic_<hash>`) when the format has none. */
  callId: string;
  syntheticId: boolean;
  tool: string;
  /** The raw arguments string exactly as the model produced it (streamed fragments joined). */
  arguments: string;
  /** False where the format keeps only parsed arguments: `arguments` is then JSON.stringify of them. */
  argumentsRecorded: boolean;
  /** "text" for tools whose input is free text by design (OpenAI custom tools): not checked as JSON. */
  argumentsKind?: "json" | "text";
  /** The tools the request showed the model, when the record carries them. */
  advertised?: AdvertisedTool[];
  model?: string;
  /** ISO time when the record has one. */
  time?: string;
  /** Conversation / trace / response chain key, when the format has one. */
  conversation?: string;
  /** The model's output was cut off (finish_reason "length", stop_reason "max_tokens", status "incomplete"). */
  truncated?: boolean;
  /** Anything a person should know about how this call was read ("legacy function_call", …). */
  notes?: string[];
  source: SourceRef;
}

/** A tool result (or logged error) answering a call. */
export interface LogToolResult {
  kind: "result";
  callId: string;
  /** The result content as text (JSON-stringified when structured). */
  content: string;
  /** The format's own error signal (Anthropic/AutoGen is_error, OTel span status, LangChain status). */
  isError?: boolean;
  /** Set when the format has no error flag and the error was inferred from the text. */
  errorInferred?: boolean;
  tool?: string;
  source: SourceRef;
}

/**
 * A conversation-level problem an adapter can see inside one record (a request whose history
 * has a call with no answer, or an answer to no call).
 */
export interface LogConversationIssue {
  kind: "conversation";
  code: "missing_tool_result" | "orphan_tool_result";
  callId: string;
  tool?: string;
  source: SourceRef;
}

/** A record (line) that could not be read; it is skipped and everything else still loads. */
export interface LogLineError {
  kind: "error";
  line: number;
  message: string;
  /**
   * Set when the bad record is more than one line (a pretty-printed document): how many lines it
   * accounts for, from `line` on, so a log of one unreadable multi-line record counts as all bad.
   */
  lines?: number;
}

export type LogEvent = LogToolCall | LogToolResult | LogConversationIssue | LogLineError;

/**
 * One adapter per format. Adapters are fed one record at a time and keep only what they must
 * between records (open streams being joined, ids already seen), so files stream in constant memory.
 * Nothing in a log is ever evaluated: records are data.
 */
export interface LogAdapter {
  format: LogFormat;
  /**
   * How sure the adapter is that this parsed JSON record is its format (0 = no, 1 = certain),
   * judged from the payload's shape, never from envelope key names a logging proxy chose.
   */
  detect(record: unknown): number;
  /** Optional: detect from a file's first text bytes when its lines are not JSON (SSE, Python repr). */
  detectText?(head: string): number;
  /**
   * Optional: lines longer than this many bytes are skipped by the line reader, never gathered
   * (the default is read-lines.ts' MAX_LINE_BYTES); for formats whose records may be no longer.
   */
  maxLineBytes?: number;
  createReader(file: string): LogReader;
}

export interface LogReader {
  /** Feed one line of the file (without its newline); `line` is 1-based. Emits any events it completes. */
  line(text: string, line: number, emit: (event: LogEvent) => void): void;
  /** End of file: flush anything pending (an unterminated stream becomes a truncated call). */
  end(emit: (event: LogEvent) => void): void;
  /**
   * After `end`: go on to the next file of the same log (its next rotated part), keeping what was
   * read (calls emitted, conversations): their sources now name `file`. See continued-logs.ts.
   */
  nextFile?(file: string): void;
}
