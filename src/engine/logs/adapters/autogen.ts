import type { LogAdapter, LogEvent, LogReader } from "../log-events.js";
import type { RequestedCall } from "./autogen-agent-turns.js";
import { createAutogenContext, type AutogenContext } from "./autogen-context.js";
import { autogenResult, autogenScore, readAutogenRecord } from "./autogen-json.js";
import { prefixTime, splitLogPrefix } from "./autogen-log-prefix.js";
import { describeBadJson } from "./shared/bad-json.js";
import { findReprObjects, hasReprObjects, type PyValue } from "./autogen-python-repr.js";
import { buildCall } from "./shared/log-event-builders.js";
import { guardReader } from "./shared/guard-reader.js";
import { createRecordFramer, type FramedItem, type JsonLineLimits } from "./shared/json-record-framer.js";
import { isRecord } from "./shared/loose-json.js";
import { walkEnvelope } from "./shared/walk-envelope.js";

/**
 * AutoGen logs: AgentChat events and autogen_core.events as JSON lines, serialized message
 * histories, and notebook / console output where objects appear only as Python reprs.
 */

function detect(record: unknown): number {
  const first = Array.isArray(record) ? record[0] : record;
  if (isRecord(first)) {
    const direct = autogenScore(first);
    if (direct > 0) return direct;
  }
  let best = 0;
  walkEnvelope(record, (node) => {
    if (typeof node === "string") return false;
    const score = autogenScore(node);
    best = Math.max(best, score);
    return score > 0;
  });
  return best * 0.95;
}

/** Lines of a head looked at for logging headers; heads are small, this only bounds the work. */
const MAX_HEAD_LINES = 200;
/** The loggers AutoGen writes its JSON events to (`autogen_core.EVENT_LOGGER_NAME`, AgentChat's). */
const EVENT_LOGGER = /\bautogen_(?:core|agentchat)\.events\b/;

function detectText(head: string): number {
  if (/\b(FunctionCall\(id=|FunctionExecutionResult\(|ToolCallRequestEvent\()/.test(head)) return 0.9;
  const logged = detectLogged(head);
  if (logged > 0) return logged;
  // Console() headers alone: AutoGen output, though maybe without tool calls.
  return /^-{10} \S.* -{10}$/m.test(head) ? 0.4 : 0;
}

/**
 * A Python log's events after their logging headers (`INFO:autogen_core.events:{…}`), judged by
 * their shape as JSON lines are. A header naming AutoGen's logger before JSON cut off by the
 * head's end still tells the format.
 */
function detectLogged(head: string): number {
  let best = 0;
  for (const line of head.split("\n", MAX_HEAD_LINES)) {
    const split = splitLogPrefix(line);
    if (split === undefined) continue;
    let record: unknown;
    try {
      record = JSON.parse(split.payload);
    } catch {
      if (EVENT_LOGGER.test(split.prefix)) best = Math.max(best, 0.8);
      continue;
    }
    best = Math.max(best, detect(record));
    if (best >= 0.95) break;
  }
  return best;
}

const str = (value: PyValue): string | undefined => (typeof value === "string" ? value : undefined);

/** Console text names no agent per call: its requests are judged as one agent's (see AgentTurns). */
const CONSOLE_AGENT = "";

/**
 * `FunctionCall(…)` / `FunctionExecutionResult(…)` reprs in one line of text. The calls printed
 * together, with no result between them, are one request (a Console prints a response's calls as
 * one list).
 */
function readReprLine(text: string, line: number, context: AutogenContext): void {
  let request: RequestedCall[] = [];
  const endRequest = (): void => {
    if (request.length > 0) context.turns.requested(CONSOLE_AGENT, request, line);
    request = [];
  };
  findReprObjects(text, (kind, args) => {
    if (kind === "FunctionCall") {
      const id = str(args.get("id"));
      const tool = str(args.get("name"));
      const raw = str(args.get("arguments"));
      if (id === undefined || tool === undefined || raw === undefined) return;
      context.toolNames.set(id, tool);
      const emitted = context.ledger.call(buildCall({ callId: id, tool, arguments: raw, argumentsRecorded: true, file: context.file, line }), context.emit);
      if (emitted !== undefined) context.waiting.add(emitted, tool, undefined, raw);
      request.push({ id: emitted ?? context.ledger.lastCallId(), tool });
      return;
    }
    const callId = str(args.get("call_id"));
    const content = args.get("content");
    if (callId === undefined) return;
    endRequest();
    const isError = args.get("is_error");
    const name = str(args.get("name"));
    context.turns.answered(callId, name, line);
    context.ledger.result(
      autogenResult({
        callId,
        content: typeof content === "string" ? content : String(content ?? ""),
        isError: typeof isError === "boolean" ? isError : undefined,
        tool: name ?? (context.ledger.isReused(callId) ? undefined : context.toolNames.get(callId)),
        file: context.file,
        line,
      }),
      context.emit,
    );
  });
  endRequest();
}

/**
 * How the file reads, decided by its first line: JSON lines (a line that is not a record is an
 * error), console / notebook text (prose is skipped quietly), or a Python log whose AutoGen
 * events follow a logging header (other loggers' messages and tracebacks are skipped quietly,
 * but a header followed by JSON that cannot be read is an error).
 */
type ReadMode = "json" | "text" | "logging";

function modeOf(firstLine: string): ReadMode {
  const start = firstLine.trimStart().replace(/^\uFEFF/, "");
  if (/^\[?[A-Z]\w*\(/.test(start)) return "text";
  // Before the JSON test: a header may start with a bracket (`[2025-03-01 12:00:00] [INFO] …`).
  if (splitLogPrefix(start) !== undefined) return "logging";
  return start.startsWith("{") || start.startsWith("[") ? "json" : "text";
}

export function createAutogenReader(file: string, limits: JsonLineLimits = {}): LogReader {
  let emit: (event: LogEvent) => void = () => undefined;
  const context = createAutogenContext(file, (event) => emit(event));
  let mode: ReadMode | undefined;
  // The same event written twice in a row, bare and after a header, is one event: the AutoGen
  // docs' logging setup gives the event logger a handler of its own and lets it propagate to
  // basicConfig's too. (Two bare lines alike are two events: parallel calls alike, answered alike.)
  let previous: { payload: string; prefixed: boolean } | undefined;
  let last: typeof previous;

  /** `strict`: an unrecognized record is reported (in console text, records are mostly printed results). */
  const readRecord = (record: unknown, line: number, strict: boolean): void => {
    context.held.release(record);
    const items = Array.isArray(record) ? record : [record];
    let recognised = false;
    for (const item of items) recognised = readAutogenRecord(item, line, context) || recognised;
    if (!recognised) {
      walkEnvelope(record, (node) => {
        if (typeof node === "string" || autogenScore(node) === 0) return false;
        recognised = readAutogenRecord(node, line, context) || recognised;
        return true;
      });
    }
    // Console text prints results like `85.98` or `{'a': 1}` on their own lines: not records.
    if (!recognised && strict) emit({ kind: "error", line, message: "unrecognized record: not an AutoGen event, message or history" });
  };

  /** A line with a logging header before its JSON; false when it has none. */
  const readPrefixed = (text: string, line: number): boolean => {
    const split = splitLogPrefix(text.trimStart());
    if (split === undefined) return false;
    if (last?.prefixed === false && last.payload === split.payload) return true;
    previous = { payload: split.payload, prefixed: true };
    // Other loggers' JSON in console text is the program's own business.
    const strict = mode !== "text" || split.autogenLogger;
    let record: unknown;
    try {
      record = JSON.parse(split.payload);
    } catch (error) {
      context.held.release();
      if (strict) emit({ kind: "error", line, message: `${describeBadJson(split.payload, error)} (after the log header ${JSON.stringify(split.prefix.trim())})` });
      return true;
    }
    context.lineTime = prefixTime(split.prefix);
    try {
      readRecord(record, line, strict);
    } finally {
      context.lineTime = undefined;
    }
    return true;
  };

  const framer = createRecordFramer({
    style: "plain",
    limits,
    other: (text, line) => {
      if (readPrefixed(text, line)) return true;
      context.held.release();
      if (hasReprObjects(text)) {
        readReprLine(text, line, context);
        return true;
      }
      if (mode === "text") return true;
      // A Python log holds other loggers' messages and tracebacks; a JSON line in it is still read as one.
      const start = text.trimStart();
      return mode === "logging" && !(start.startsWith("{") || start.startsWith("["));
    },
  });
  const onItem = (item: FramedItem): void => {
    if (item.kind === "record") readRecord(item.value, item.line, mode !== "text");
    else {
      context.held.release();
      if (item.kind === "error") emit(item);
    }
  };

  return guardReader({
    line(text, line, sink) {
      emit = sink;
      if (mode === undefined && text.trim() !== "") mode = modeOf(text);
      const trimmed = text.trim();
      last = previous;
      previous = undefined;
      if (last?.prefixed === true && last.payload === trimmed) return;
      if (trimmed.startsWith("{")) previous = { payload: trimmed, prefixed: false };
      framer.push(text, line, onItem);
    },
    end(sink) {
      emit = sink;
      framer.end(onItem);
      context.held.release();
      context.turns.end();
    },
  });
}

export const autogenAdapter: LogAdapter = {
  format: "autogen",
  detect,
  detectText,
  createReader: (file) => createAutogenReader(file),
};
